"""Link an extension's style sheets and scripts only on the pages that use them.

sphinx-design, myst-nb and sphinx-gallery link their assets on every page (about
85 KiB a page here), though most pages hold none of their elements. ``assets_where_used``
in conf.py maps a pattern of asset file names to a pattern that the page's body
matches when it needs them (a class the assets style); other pages do without.
"""

import re
from pathlib import PurePosixPath

from sphinx.application import Sphinx


def _needed(app: Sphinx, filename: str, body: str) -> bool:
    name = PurePosixPath(filename or "").name
    for assets, used in app.config.assets_where_used.items():
        if re.fullmatch(assets, name):
            return re.search(used, body) is not None
    return True  # not one of the listed assets: every page keeps it


def _drop_unused(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "body" not in context:
        return  # a page without a document body (search, genindex) keeps everything
    body = context["body"]
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if _needed(app, asset.filename, body)]


def setup(app: Sphinx) -> dict:
    app.add_config_value("assets_where_used", {}, "html", types=[dict])
    app.connect("html-page-context", _drop_unused, priority=900)  # after others have added theirs
    return {"parallel_read_safe": True, "parallel_write_safe": True}
