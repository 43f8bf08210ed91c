import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path[:0] = [str(TESTS), str(ROOT), str(ROOT / "conf")]  # helpers, tools/, lstmdocs

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


from browser import browser, page, site_url  # noqa: E402,F401  (shared browser fixtures)
