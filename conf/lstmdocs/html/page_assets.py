"""Scripts and style sheets that one page needs, linked like the theme's own.

``page_assets`` in conf.py maps a page to files under ``_static/``. Sphinx links
them on that page only, in the head, with a ``?v=`` checksum: a browser fetches a
changed script again instead of running a cached one against the new page (which a
hand-written ``<script src>`` in the page's source does not give).

A page whose own asset changed is written again, though its source did not change,
and the asset is copied to ``_static`` first: Sphinx takes the checksum from the copy
there, which it otherwise renews only after writing the pages. Else an incremental
build would keep the old checksum in the page's links.
"""

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_SEEN = "lstmdocs_page_assets"  # each asset's digest as of the last build


def _source(app: Sphinx, filename: str) -> Path | None:
    for folder in app.config.html_static_path:
        path = Path(app.confdir, folder, filename)
        if path.is_file():
            return path
    return None


def _pages_with_changed_assets(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    sources = {name: _source(app, name) for files in app.config.page_assets.values() for name in files}
    digests = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in sources.items() if path}
    seen = getattr(env, _SEEN, None)  # None: an environment from before this check, which cannot know
    setattr(env, _SEEN, digests)
    renewed = {name for name, digest in digests.items() if seen is None or seen.get(name) != digest}
    for name in sorted(renewed):
        target = Path(app.outdir, "_static", name)
        if target.parent.is_dir():
            shutil.copyfile(sources[name], target)
    pages = app.config.page_assets.items()
    return [page for page, files in pages if page in env.all_docs and renewed.intersection(files)]


def _link(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for filename in app.config.page_assets.get(pagename, ()):
        if filename.endswith(".css"):
            app.add_css_file(filename)
        else:
            app.add_js_file(filename, loading_method="defer")  # in order, once the page is parsed


def setup(app: Sphinx) -> dict:
    app.add_config_value("page_assets", {}, "html", types=[dict])
    app.connect("html-page-context", _link)
    app.connect("env-get-outdated", _pages_with_changed_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
