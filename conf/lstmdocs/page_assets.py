"""Scripts and style sheets that one page needs, linked like the theme's own.

``page_assets`` in conf.py maps a page to files under ``_static/``. Sphinx links
them on that page only, in the head, with a ``?v=`` checksum: a browser fetches a
changed script again instead of running a cached one against the new page (which a
hand-written ``<script src>`` in the page's source does not give).
"""

from sphinx.application import Sphinx


def _link(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for filename in app.config.page_assets.get(pagename, ()):
        if filename.endswith(".css"):
            app.add_css_file(filename)
        else:
            app.add_js_file(filename, loading_method="defer")  # in order, once the page is parsed


def setup(app: Sphinx) -> dict:
    app.add_config_value("page_assets", {}, "html", types=[dict])
    app.connect("html-page-context", _link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
