"""How the site is built: the sphinx-build command lines and their environment.

Shared by noxfile.py (which runs them), the scratch builds of the benchmark and
the reproducibility check, and the tests (which rerun them to prove that a rebuild
executes nothing). Standard library only: nox imports it too.
"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
LANGUAGES = ("en", "zh_CN")
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


def site_commands(build: Path = BUILD, languages: tuple[str, ...] = LANGUAGES, *extra: str) -> list[list[str]]:
    """The whole site build, as commands run from the repository root, in order."""
    return [
        ["sphinx-intl", "build", "-d", LOCALES],  # .mo first: the theme strings are read at start-up
        # One language after the other: both write the same generated gallery.
        *(
            ["sphinx-build", *sphinx_args("html", lang, build / "html" / lang, *extra, build=build)]
            for lang in languages
        ),
        ["python", "conf/assemble_site.py", str(build / "html"), str(build / "site"), *languages],
    ]
