"""Toctree captions are headings with a level, as ARIA requires.

Sphinx writes a toctree's caption as ``<p class="caption" role="heading">``: a
heading role without ``aria-level``, which axe-core reports as a critical
``aria-required-attr`` violation (the sidebar repeats it on every page). This
writes the same element with ``aria-level="2"``: the captions head sections of a
navigation list, one level below the page's title.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

CAPTION_LEVEL = "2"


def _is_toctree_caption(node: nodes.title) -> bool:
    return isinstance(node.parent, addnodes.compact_paragraph) and bool(node.parent.get("toctree"))


def visit_title(self, node: nodes.title) -> None:
    if not _is_toctree_caption(node):
        return type(self).visit_title(self, node)  # the translator's own method
    self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": CAPTION_LEVEL}))
    self.body.append('<span class="caption-text">')
    self.context.append("</span></p>\n")


def depart_title(self, node: nodes.title) -> None:
    return type(self).depart_title(self, node)


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.title, override=True, html=(visit_title, depart_title))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
