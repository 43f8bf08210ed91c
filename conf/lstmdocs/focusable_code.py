"""Code blocks a keyboard can reach: ``<pre tabindex="0">``.

A code block or output wider than its column scrolls sideways; a reader without a
mouse can scroll it only once it takes focus (axe-core: ``scrollable-region-focusable``,
serious). Sphinx's translator writes every literal block (code, doctest, notebook and
gallery output), so its ``<pre>`` gets ``tabindex="0"`` here, as it is written. The
focus ring is in ``site.css``.
"""

import re

from docutils import nodes
from sphinx.application import Sphinx

PRE = re.compile(r"<pre(?=[\s>])")
FOCUSABLE_PRE = '<pre tabindex="0"'


def visit_literal_block(self, node: nodes.literal_block) -> None:
    start = len(self.body)
    try:
        type(self).visit_literal_block(self, node)  # the translator's own: may raise SkipNode
    finally:
        for index in range(start, len(self.body)):
            self.body[index], found = PRE.subn(FOCUSABLE_PRE, self.body[index], count=1)
            if found:
                break


def depart_literal_block(self, node: nodes.literal_block) -> None:
    type(self).depart_literal_block(self, node)


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.literal_block, override=True, html=(visit_literal_block, depart_literal_block))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
