"""Build the whole site in one Python process: catalogues, each language, the site folder.

Usage: python -m tools.build_site BUILD_DIR LANG [LANG ...] [-- SPHINX_OPTION ...]

The same as ``sphinx-intl build``, then ``sphinx-build`` once per language with
`sphinx_args`, then `tools.assemble_site`; but torch, myst-nb, sphinx-gallery and
matplotlib are imported once, not once per language, so the second language costs
only its reading and writing, and a rebuild with nothing to do takes seconds.
The languages are built one after the other: they write the same generated gallery.

This module also says how the site is built (`command`, `sphinx_args`, `build_env`)
for noxfile.py, the scratch builds of the benchmark and the reproducibility check,
and the tests (which run sphinx-build with the same arguments to prove that a
rebuild executes nothing). Only `build_site` imports Sphinx: nox imports this
module without it.
"""

import gc
import importlib
import os
import runpy
import subprocess
import sys
from pathlib import Path

from tools.site_facts import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
LOCALES = "docs/locales"
FALLBACK_EPOCH = "1767225600"  # 2026-01-01, outside a git checkout


def build_env() -> dict[str, str]:
    """Fixed timestamps (the last commit's) so that two builds give the same bytes."""
    try:
        epoch = subprocess.check_output(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, text=True, stderr=subprocess.DEVNULL
        ).strip()
    except (OSError, subprocess.CalledProcessError):
        epoch = ""
    return {"SOURCE_DATE_EPOCH": epoch or FALLBACK_EPOCH, "PYTHONHASHSEED": "0"}


def sphinx_args(builder: str, language: str, outdir: Path, *extra: str, build: Path = BUILD) -> list[str]:
    """Arguments after ``sphinx-build``: warnings are errors and are logged to a file.

    ``build`` holds the doctrees and logs (another one gives a build with fresh doctrees).
    """
    return [
        "-b", builder,
        "-c", "conf",
        "-d", str(build / "doctrees" / f"{builder}-{language}"),
        "-D", f"language={language}",
        "-n", "-W", "--keep-going",
        "-w", str(build / "logs" / f"{builder}-{language}.log"),
        *extra,
        "docs",
        str(outdir),
    ]  # fmt: skip


def html_dir(language: str) -> Path:
    return BUILD / "html" / language


def command(build: Path = BUILD, languages: tuple[str, ...] = LANGUAGES, *extra: str) -> list[str]:
    """This module's build, as a command run from the repository root."""
    return ["python", "-m", "tools.build_site", str(build), *languages, "--", *extra]


def import_extensions() -> None:
    """Import Sphinx's own and conf.py's extensions before any build sets a language.

    Sphinx's ``_("...")`` gives a lazy string, translated where it is used, until a
    build has set up its language; after that it gives a plain string in that
    language. A module imported during the English build would keep its English
    messages (such as "Python Module Index") in the Chinese build that follows.
    """
    from sphinx.application import builtin_extensions

    conf = runpy.run_path(str(ROOT / "conf" / "conf.py"))
    for name in (*builtin_extensions, *conf["extensions"]):
        importlib.import_module(name)


def build_site(build: Path, languages: list[str], extra: list[str]) -> int:
    import sphinx.locale
    from sphinx.cmd.build import build_main
    from sphinx_intl.basic import build as compile_catalogues

    from tools.assemble_site import assemble

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
