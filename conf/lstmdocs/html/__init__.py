"""The written HTML: MathML, keyboard-reachable scrolling, complete ARIA, each page's own assets."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "mathml",  # math as MathML, rendered at build time: no math script on any page
    "toctree_caption_level",  # toctree captions: role="heading" with the aria-level ARIA requires
    "focusable_scrolling",  # code, tables and display math reachable by keyboard, to scroll them
    "card_tables",  # tables of class lstm-cards: each cell labelled with its column, for cards on a phone
    "page_assets",  # one page's scripts, linked with checksums
    "assets_where_used",  # extensions' CSS and JS only on pages holding their elements
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
