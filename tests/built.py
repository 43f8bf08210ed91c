"""Where `nox -s tests` leaves the built site, and helpers to read it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.build_site import BUILD, ROOT, build_env, sphinx_args
from tools.site_facts import LANGUAGES  # noqa: F401  (the tests read it from here)

SITE = BUILD / "site"
GETTEXT = BUILD / "gettext"
LOGS = BUILD / "logs"
LOCALES = ROOT / "docs" / "locales"


def require(path: Path) -> Path:
    """Fail (not skip) when the build these tests check has not been made."""
    if not path.exists():
        pytest.fail(f"{path} is missing: run `nox -s tests`, which builds it first")
    return path


def pages(language: str) -> list[str]:
    tree = require(SITE / language)
    return sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.html") if "_static" not in p.parts)


def program(name: str, install_hint: str) -> str:
    """The path of a system program the tests need; fail (not skip) without it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: {install_hint}")
    return path


def sphinx_build(language: str, outdir: Path, build: Path = BUILD) -> str:
    """Build one edition again in a child process, as `nox -s docs` does; return its log.

    Fails, showing the log, when the build fails or executes a notebook (code runs once).
    """
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", *sphinx_args("html", language, outdir, build=build)],
        cwd=ROOT,
        env={**os.environ, **build_env()},
        capture_output=True,
        text=True,
        check=False,  # the log is the failure message
    )
    log = run.stdout + run.stderr
    assert run.returncode == 0, log
    assert "Executing notebook" not in log, log
    return log
