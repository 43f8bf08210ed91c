"""Code runs once: a rebuild with nothing changed executes no example and no notebook."""

import os
import subprocess
import sys

import pytest

from built import ROOT, require
from site_build import LANGUAGES, build_env, html_dir, sphinx_args


@pytest.mark.parametrize("language", LANGUAGES)
def test_rebuild_without_changes_executes_nothing(language):
    require(html_dir(language) / "index.html")
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", *sphinx_args("html", language, html_dir(language))],
        cwd=ROOT,
        env={**os.environ, **build_env()},
        capture_output=True,
        text=True,
        check=False,  # the log is the failure message
    )
    log = run.stdout + run.stderr
    assert run.returncode == 0, log
    assert "Executing notebook" not in log, log
    assert "successfully executed 0 out of 0 file" in log, log
    assert "no targets are out of date" in log, log
