"""Builds are reproducible: building again gives the same bytes.

The cheap check, for every test run: both editions are built again, in one process as
`nox -s docs` builds them (tools.build_site), into a fresh folder with fresh doctrees,
reusing the execution caches (nothing executes), and each must match ``_build/html/<language>``
(often an incremental build) byte for byte. `nox -s repro` is the full check: two cold builds
from empty caches.
"""

import sys

import pytest

from built import LANGUAGES, build_again, require
from tools.build_site import html_dir
from tools.scratch_build import differences

# It reads _build/html while others rebuild it: one worker runs them one after the other (pytest -n, --dist loadgroup).
pytestmark = [pytest.mark.xdist_group("_build/html"), pytest.mark.usefixtures("built_site")]


def test_a_second_build_gives_the_same_bytes(tmp_path):
    expected = {language: require(html_dir(language) / "index.html").parent for language in LANGUAGES}
    build_again([sys.executable, "-m", "tools.build_site", str(tmp_path), *LANGUAGES])  # executes nothing
    problems = [
        problem for language in LANGUAGES for problem in differences(expected[language], tmp_path / "html" / language)
    ]
    assert not problems, "\n".join(problems)
