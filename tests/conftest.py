import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path[:0] = [str(TESTS), str(ROOT), str(ROOT / "conf")]  # helpers, tools/, lstmdocs

pytest_plugins = ["sphinx.testing.fixtures", "browser"]  # browser: the browser, page and site_url fixtures


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture(autouse=True)
def pristine_source_suffix():
    """Sphinx adds an extension's source suffixes to ``config.source_suffix`` in place, and a
    project that does not set it shares Sphinx's default dict: after one test app with myst-nb,
    every later app in the process would map ``.md`` to a parser it never loaded."""
    from sphinx.config import Config

    default = Config.config_values["source_suffix"].default
    saved = dict(default)
    yield
    default.clear()
    default.update(saved)
