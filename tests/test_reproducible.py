"""Builds are reproducible: building again gives the same bytes.

The cheap check, for every test run: each edition is built again into a fresh
folder with fresh doctrees, reusing the execution caches (nothing executes), and
must match ``_build/html/<language>`` (often an incremental build) byte for byte. `nox -s repro` is the full check:
two cold builds from empty caches.
"""

import os
import subprocess
import sys

import pytest
from scratch_build import differences

from built import LANGUAGES, ROOT, require
from site_build import build_env, html_dir, sphinx_args


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_second_build_gives_the_same_bytes(tmp_path, language):
    expected = require(html_dir(language) / "index.html").parent
    again = tmp_path / "html" / language
    (tmp_path / "logs").mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", *sphinx_args("html", language, again, build=tmp_path)],
        cwd=ROOT,
        env={**os.environ, **build_env()},
        capture_output=True,
        text=True,
        check=False,  # the log is the failure message
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Executing notebook" not in run.stdout + run.stderr
    problems = differences(expected, again)
    assert not problems, "\n".join(problems)
