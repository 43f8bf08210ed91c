"""Where `nox -s tests` leaves the built site, and helpers to read it."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
SITE = BUILD / "site"
GETTEXT = BUILD / "gettext"
LOGS = BUILD / "logs"
LOCALES = ROOT / "docs" / "locales"
LANGUAGES = ("en", "zh_CN")


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
