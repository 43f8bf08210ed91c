"""Code blocks a keyboard can reach: ``<pre tabindex="0">``.

A code block or output wider than its column scrolls sideways; a reader without a
mouse can scroll it only once it takes focus (axe-core: ``scrollable-region-focusable``,
serious). The ``<pre>`` of every block gets ``tabindex="0"`` as it is written: Sphinx's
literal blocks (code, doctest, notebook and gallery output) and sphinx-gallery's
linked code (its own ``code_links_block`` node, an internal of sphinx-gallery:
tests/test_focusable_code.py fails when it moves). The focus ring is in ``site.css``.
"""

import re
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx

PRE = re.compile(r"<pre(?=[\s>])")
FOCUSABLE_PRE = '<pre tabindex="0"'


def focusable(visit: Callable) -> Callable:
    """``visit``, with ``tabindex="0"`` on the first ``<pre>`` it writes."""

    def visit_focusable(self, node: nodes.Element) -> None:
        start = len(self.body)
        try:
            visit(self, node)  # may raise SkipNode
        finally:
            for index in range(start, len(self.body)):
                self.body[index], found = PRE.subn(FOCUSABLE_PRE, self.body[index], count=1)
                if found:
                    break

    return visit_focusable


def _translator_visit(self, node: nodes.literal_block) -> None:
    type(self).visit_literal_block(self, node)  # the translator's own, not the override


def _translator_depart(self, node: nodes.literal_block) -> None:
    type(self).depart_literal_block(self, node)


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.literal_block, override=True, html=(focusable(_translator_visit), _translator_depart))
    if "sphinx_gallery.gen_gallery" in app.extensions:
        from sphinx_gallery import _doctree_links as gallery

        visit, depart = gallery.visit_code_links_block_html, gallery.depart_code_links_block_html
        app.add_node(gallery.code_links_block, override=True, html=(focusable(visit), depart))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
