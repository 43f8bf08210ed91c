"""Where `nox -s tests` leaves the built site, and helpers to read it.

A test that reads anything under ``_build/`` asks for the ``built_site`` fixture (or a
browser fixture, which serves the site): that is what marks it ``built`` (tests/conftest.py),
keeps it out of the fast lane (`nox -s unit`), and fails it, saying how to build, where
there is no site. `require` refuses to read the build for a test that did not ask.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.build_site import BUILD, ROOT, build_env, sphinx_args
from tools.site_facts import LANGUAGES, html_pages, source_pages  # noqa: F401  (the tests read them from here)

SITE = BUILD / "site"
GETTEXT = BUILD / "gettext"
LOGS = BUILD / "logs"
LOCALES = ROOT / "docs" / "locales"

# (node id, kind) of the test running now, set by tests/conftest.py; None while tests are collected.
running: tuple[str, str] | None = None


def require(path: Path) -> Path:
    """Fail (not skip) when the build these tests check has not been made.

    Only a ``built`` or ``browser`` test may read the build, and never while tests are collected:
    parametrize over what the sources say (`source_pages`) instead.
    """
    if running is None or running[1] == "unit":
        reader = "collecting the tests" if running is None else f"{running[0]}, a unit test,"
        pytest.fail(f"{reader} reads {path}: a test that reads the build asks for the `built_site` fixture")
    if not path.exists():
        pytest.fail(f"{path} is missing: run `nox -s tests`, which builds it first")
    return path


@pytest.fixture(scope="session")
def built_site() -> Path:
    """_build/site, as `nox -s tests` builds it: the tests that read any of _build/ ask for it."""
    return require(SITE)


def pages(language: str) -> list[str]:
    """The pages of one built edition (the same as `source_pages` where the build is current)."""
    return html_pages(require(SITE / language))


def program(name: str, install_hint: str) -> str:
    """The path of a system program the tests need; fail (not skip) without it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: {install_hint}")
    return path


def sphinx_build(language: str, outdir: Path, build: Path = BUILD) -> str:
    """Build one edition again in a child process, as `nox -s docs` does; return its log (see `build_again`)."""
    return build_again([sys.executable, "-m", "sphinx", *sphinx_args("html", language, outdir, build=build)])


def build_again(command: list[str]) -> str:
    """Run a build command from the repository root in a child process; return its log.

    Fails, showing the log, when the build fails or executes a notebook (code runs once).
    """
    run = subprocess.run(
        command,
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
