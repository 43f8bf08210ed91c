"""The site's own JavaScript passes its unit tests (tests/js, node's built-in runner)."""

import shutil
import subprocess

import pytest

from built import ROOT

JS_TESTS = ROOT / "tests" / "js"


def test_javascript_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node (Node.js 20+) is not installed: apt-get install nodejs")
    tests = sorted(str(p) for p in JS_TESTS.glob("*.test.js"))
    assert tests, f"no *.test.js in {JS_TESTS}"
    run = subprocess.run([node, "--test", *tests], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout
