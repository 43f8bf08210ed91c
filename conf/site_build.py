"""How the site is built: the build command, sphinx-build's arguments, their environment.

Shared by noxfile.py (which runs the build), the scratch builds of the benchmark and
the reproducibility check, and the tests (which run sphinx-build with the same
arguments to prove that a rebuild executes nothing). Standard library only: nox
imports it too; ``conf/build_site.py`` runs the build itself, in one process.
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
    return [["python", "conf/build_site.py", str(build), *languages, "--", *extra]]
