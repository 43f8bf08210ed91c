"""What scrolls sideways, a keyboard can reach: code blocks, tables, display math and figures.

A code block, table or formula wider than its column scrolls sideways (on a phone,
often); a reader without a mouse can scroll it only once it takes focus (axe-core:
``scrollable-region-focusable``, serious). Each gets ``tabindex="0"`` as it is written:

- the ``<pre>`` of Sphinx's literal blocks (code, doctest, notebook and gallery output)
  and of sphinx-gallery's linked code (its own ``code_links_block`` node, an internal
  of sphinx-gallery: tests/test_focusable_scrolling.py fails when it moves);
- furo's ``table-wrapper`` and ``math-wrapper`` containers (``overflow-x: auto``), which
  its post-transform puts around every table and display formula, and the container
  in which ``lstmdocs.running.gallery`` shows each gallery figure at its full size.

The focus ring is in ``site.css``.
"""

import re
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx

from lstmdocs.running.gallery import FIGURE_CONTAINER

FURO_WRAPPERS = {"table-wrapper", "math-wrapper"}  # with overflow-x: auto
SCROLLING_WRAPPERS = FURO_WRAPPERS | {FIGURE_CONTAINER}  # and the gallery's figures, never shrunk


def focusable(visit: Callable, tag: str) -> Callable:
    """``visit``, with ``tabindex="0"`` on the first ``<tag>`` it writes."""
    opening = re.compile(rf"<{tag}(?=[\s>])")

    def visit_focusable(self, node: nodes.Element) -> None:
        start = len(self.body)
        try:
            visit(self, node)  # may raise SkipNode
        finally:
            for index in range(start, len(self.body)):
                self.body[index], found = opening.subn(f'<{tag} tabindex="0"', self.body[index], count=1)
                if found:
                    break

    return visit_focusable


def _visit_literal_block(self, node: nodes.literal_block) -> None:
    type(self).visit_literal_block(self, node)  # the translator's own, not the override


def _depart_literal_block(self, node: nodes.literal_block) -> None:
    type(self).depart_literal_block(self, node)


_visit_focusable_wrapper = focusable(lambda self, node: type(self).visit_container(self, node), "div")


def _visit_container(self, node: nodes.container) -> None:
    if SCROLLING_WRAPPERS.isdisjoint(node["classes"]):
        type(self).visit_container(self, node)
    else:
        _visit_focusable_wrapper(self, node)


def _depart_container(self, node: nodes.container) -> None:
    type(self).depart_container(self, node)


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.container, override=True, html=(_visit_container, _depart_container))
    app.add_node(
        nodes.literal_block, override=True, html=(focusable(_visit_literal_block, "pre"), _depart_literal_block)
    )
    if "sphinx_gallery.gen_gallery" in app.extensions:
        from sphinx_gallery import _doctree_links as gallery

        visit, depart = gallery.visit_code_links_block_html, gallery.depart_code_links_block_html
        app.add_node(gallery.code_links_block, override=True, html=(focusable(visit, "pre"), depart))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
