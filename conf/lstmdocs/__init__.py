"""This site's Sphinx extensions, grouped by the job readers see.

Each subpackage's ``setup()`` loads its members in order; ``conf/conf.py`` lists the
groups. The helpers below are what several members need.
"""

from functools import partial
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

PACKAGE = Path(__file__).resolve().parent
CONF_DIR = PACKAGE.parent
REPO_ROOT = CONF_DIR.parent


def _append(option: str, value: str, app: Sphinx, config: Config) -> None:
    if value not in getattr(config, option):
        # A new list: appending in place would change the default Sphinx shares between applications in one process.
        setattr(config, option, [*getattr(config, option), value])


def add_template_folder(app: Sphinx, folder: Path) -> None:
    """Let the theme and ``app.builder.templates`` find the templates in ``folder`` (after conf.py's own)."""
    app.connect("config-inited", partial(_append, "templates_path", str(folder)))


def add_static(app: Sphinx, path: Path) -> None:
    """Copy ``path`` into ``_static``: a folder's contents, or one file."""
    app.connect("config-inited", partial(_append, "html_static_path", str(path)))


def setup_members(app: Sphinx, package: str, members: tuple[str, ...]) -> dict:
    """A group's ``setup()``: load its members in order (the order their handlers of one event run in)."""
    for member in members:
        app.setup_extension(f"{package}.{member}")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
