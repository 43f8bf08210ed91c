"""Assets: myst-nb's style sheet linked with a stable checksum; one page's own scripts."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.sphinx("html", testroot="assets-first")
def test_a_cold_build_links_myst_nb_css_with_its_checksum(app):
    app.build()  # a fresh output folder: the cold build whose links used to differ
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="_static/mystnb\.[0-9a-f]+\.css\?v=[0-9a-f]+"', page)


@pytest.mark.sphinx("html", testroot="page-assets")
def test_a_pages_own_scripts_are_linked_on_it_alone_with_checksums(app):
    app.build()
    tool = (app.outdir / "tool.html").read_text(encoding="utf-8")
    assert re.search(r'<script defer="defer" src="_static/tool\.js\?v=[0-9a-f]+"></script>', tool)
    assert re.search(r'<link rel="stylesheet"[^>]* href="_static/tool\.css\?v=[0-9a-f]+"', tool)
    assert "tool.js" not in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_a_page_is_written_again_when_its_own_script_changes(rootdir, tmp_path):
    """Each build in a process of its own, as `nox -s docs` runs them (Sphinx caches checksums per process)."""
    srcdir, outdir = tmp_path / "page-assets", tmp_path / "html"
    shutil.copytree(rootdir / "test-page-assets", srcdir)
    conf = Path(__file__).resolve().parent.parent / "conf"

    def build_and_read_checksum() -> str:
        command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(outdir)]
        subprocess.run(command, env={**os.environ, "PYTHONPATH": str(conf)}, check=True)
        return re.search(r"tool\.js\?v=([0-9a-f]+)", (outdir / "tool.html").read_text(encoding="utf-8")).group(1)

    before = build_and_read_checksum()
    script = srcdir / "_static" / "tool.js"
    script.write_text(script.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    after = build_and_read_checksum()  # incremental: no page source changed
    assert after != before, "the page still links the old script's checksum"
