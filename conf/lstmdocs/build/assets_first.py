"""Copy the assets other extensions copy at the end *before* pages are written.

Sphinx appends ``?v=<checksum>`` to a CSS or JS link only when the file is already
in the output's ``_static`` while the page is written. myst-nb copies its style
sheet when the build finishes, so a cold build and a rebuild wrote different HTML.
Copying it once the sources are read makes every build write the same links.
"""

from pathlib import Path

from sphinx.application import Sphinx


def _copy_assets(app: Sphinx, env) -> None:
    if app.builder.format != "html":
        return
    if "myst_nb" in app.extensions:
        (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)  # a cold build has none yet
        from myst_nb.sphinx_ext import add_global_html_resources

        add_global_html_resources(app, None)  # myst-nb's own copy, run early


def setup(app: Sphinx) -> dict:
    app.connect("env-updated", _copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
