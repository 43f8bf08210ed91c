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
