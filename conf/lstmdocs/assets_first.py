"""Copy the assets other extensions copy at the end *before* pages are written.

Sphinx appends ``?v=<checksum>`` to a CSS or JS link only when the file is already
in the output's ``_static`` while the page is written. sphinx-mathjax-offline and
myst-nb copy theirs when the build finishes, so a cold build and a rebuild wrote
different HTML. Copying them once the sources are read makes every build write the
same links. MathJax (24 MB, from the sphinx-mathjax-offline package, which this
replaces in ``extensions``) is copied only when a file is missing or has changed.
"""

import importlib.util
import shutil
from pathlib import Path

from sphinx.application import Sphinx

MATHJAX_PACKAGE = "sphinx-mathjax-offline"  # its folder name; files only, no extension


def _package_dir(name: str) -> Path:
    return Path(importlib.util.find_spec(name).origin).parent


def copy_changed(source: Path, destination: Path) -> int:
    """Mirror ``source`` into ``destination``; copy a file only if it is missing or differs
    in size or modification time (``copy2`` keeps the source's). Return the files copied."""
    copied = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        target = destination / path.relative_to(source)
        here, there = path.stat(), target.stat() if target.exists() else None
        if there is None or (here.st_size, here.st_mtime_ns) != (there.st_size, there.st_mtime_ns):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            copied += 1
    return copied


def _use_local_mathjax(app: Sphinx, config) -> None:
    config.mathjax_path = "mathjax/tex-chtml.js"


def _copy_assets(app: Sphinx, env) -> None:
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    copy_changed(_package_dir(MATHJAX_PACKAGE) / "static" / "mathjax", static / "mathjax")
    if "myst_nb" in app.extensions:
        from myst_nb.sphinx_ext import add_global_html_resources

        add_global_html_resources(app, None)  # myst-nb's own copy, run early


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.mathjax")
    app.connect("config-inited", _use_local_mathjax)
    app.connect("env-updated", _copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
