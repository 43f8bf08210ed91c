"""Search words stay highlighted on pages whose SVG titles hold one of them.

Adds ``highlight_svg.js`` (see its header) to every page: Sphinx highlights a search's
words on every page opened from the results.
"""

from pathlib import Path

from sphinx.application import Sphinx

from lstmdocs import add_static

SCRIPT = Path(__file__).resolve().parent / "static" / "highlight_svg.js"


def setup(app: Sphinx) -> dict:
    add_static(app, SCRIPT)
    app.add_js_file(SCRIPT.name, loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
