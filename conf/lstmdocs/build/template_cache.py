"""Keep the theme's compiled Jinja templates between builds (jinja2's bytecode cache).

Sphinx compiles every template it renders afresh in each build: over half a second
for furo's, most of a rebuild with nothing to write. Jinja checks each cached entry
against its template's current source, so an edited template is compiled again.
One cache per language: with translations on, Sphinx's Jinja has an extra extension,
and Jinja's cache keys do not tell differently configured environments apart.
"""

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

FOLDER = "jinja-bytecode"


def cache_folder(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FOLDER  # beside the doctrees: `nox -s clean` removes both


def use_bytecode_cache(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:  # a builder without Jinja templates
        return
    folder = cache_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", use_bytecode_cache)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
