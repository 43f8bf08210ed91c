"""The two editions: the page's language, the language switch, translated MyST blocks, code comments and downloads."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "html_lang",  # <html lang> in the edition's language
    "language_switch",  # the sidebar's link to the same page in the other edition
    "myst_blocks",  # translated $$ and raw HTML blocks (Sphinx would render them as "::")
    "code_comments",  # comments in code in the edition's language (code-comments.po)
    "translated_downloads",  # the Chinese gallery's .py, .ipynb and zip in Chinese
    "pinyin_index",  # the Chinese general index grouped by pinyin initial
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
