"""The site's own JavaScript passes its unit tests (tests/js, node's built-in runner):
the search page's (the Chinese query splitter, how questions are read and ranked, the
snippets), and the shape explorer against the torch-made fixture."""

import subprocess

from built import ROOT, program

JS_TESTS = ROOT / "tests" / "js"


def test_javascript_unit_tests_pass():
    node = program("node", "apt-get install nodejs (Node.js 20+)")
    tests = sorted(str(p) for p in JS_TESTS.glob("*.test.js"))
    assert tests, f"no *.test.js in {JS_TESTS}"
    run = subprocess.run([node, "--test", *tests], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
