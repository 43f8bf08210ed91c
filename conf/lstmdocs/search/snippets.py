"""Search result snippets without LaTeX source or download links.

Adds ``search_snippets.js`` (see its header) to the search page of every language.
"""

from pathlib import Path

from sphinx.application import Sphinx

from lstmdocs import add_static

SCRIPT = Path(__file__).resolve().parent / "static" / "search_snippets.js"


def _add_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        app.add_js_file(SCRIPT.name)


def setup(app: Sphinx) -> dict:
    add_static(app, SCRIPT)
    app.connect("html-page-context", _add_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
