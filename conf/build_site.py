"""Build the whole site in one Python process: catalogues, each language, the site folder.

Usage: python conf/build_site.py BUILD_DIR LANG [LANG ...] [-- SPHINX_OPTION ...]

The same as ``sphinx-intl build``, then ``sphinx-build`` once per language with
`site_build.sphinx_args`, then ``assemble_site.py``; but torch, myst-nb, sphinx-gallery
and matplotlib are imported once, not once per language, so the second language costs
only its reading and writing, and a rebuild with nothing to do takes seconds.
The languages are built one after the other: they write the same generated gallery.
"""

import gc
import importlib
import os
import runpy
import sys
from pathlib import Path

import sphinx.locale
from sphinx.application import builtin_extensions
from sphinx.cmd.build import build_main
from sphinx_intl.basic import build as compile_catalogues

from assemble_site import assemble
from site_build import LOCALES, ROOT, sphinx_args


def import_extensions() -> None:
    """Import Sphinx's own and conf.py's extensions before any build sets a language.

    Sphinx's ``_("...")`` gives a lazy string, translated where it is used, until a
    build has set up its language; after that it gives a plain string in that
    language. A module imported during the English build would keep its English
    messages (such as "Python Module Index") in the Chinese build that follows.
    """
    conf = runpy.run_path(str(ROOT / "conf" / "conf.py"))
    for name in (*builtin_extensions, *conf["extensions"]):
        importlib.import_module(name)


def build_site(build: Path, languages: list[str], extra: list[str]) -> int:
    # Fewer cyclic-GC passes, as mypy does: importing torch for an example otherwise
    # rescans everything Sphinx holds many times over (about 1 s of a one-example rebuild).
    gc.set_threshold(200_000, 30, 30)
    import_extensions()
    compile_catalogues(str(ROOT / LOCALES), str(ROOT / LOCALES), languages)  # theme strings are read at start-up
    (build / "logs").mkdir(parents=True, exist_ok=True)
    for language in languages:
        # Sphinx keeps its own messages in a process-wide cache, loaded once per process.
        sphinx.locale.translators.clear()
        status = build_main(sphinx_args("html", language, build / "html" / language, *extra, build=build))
        if status:
            return status
    assemble(build / "html", build / "site", languages, os.environ.get("SITE_URL"))
    return 0


def main(argv: list[str]) -> int:
    cut = argv.index("--") if "--" in argv else len(argv)
    ours, extra = argv[:cut], argv[cut + 1 :]
    if len(ours) < 2:
        raise SystemExit(__doc__)
    return build_site(Path(ours[0]), ours[1:], extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
