"""Builds are reproducible: building again gives the same bytes.

The cheap check, for every test run: each edition is built again into a fresh
folder with fresh doctrees, reusing the execution caches (nothing executes), and
must match ``_build/html/<language>`` (often an incremental build) byte for byte. `nox -s repro` is the full check:
two cold builds from empty caches.
"""

import pytest

from built import LANGUAGES, require, sphinx_build
from tools.build_site import html_dir
from tools.scratch_build import differences

# Both rebuild or read _build/html: one worker runs them one after the other (pytest -n, --dist loadgroup).
pytestmark = [pytest.mark.xdist_group("_build/html"), pytest.mark.usefixtures("built_site")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_second_build_gives_the_same_bytes(tmp_path, language):
    expected = require(html_dir(language) / "index.html").parent
    again = tmp_path / "html" / language
    (tmp_path / "logs").mkdir()
    sphinx_build(language, again, build=tmp_path)
    problems = differences(expected, again)
    assert not problems, "\n".join(problems)
