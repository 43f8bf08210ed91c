"""Assets: MathJax served from _static and copied only when changed; one page's own scripts."""

import re

import pytest

from lstmdocs.assets_first import copy_changed


@pytest.mark.sphinx("html", testroot="assets-first")
def test_a_cold_build_links_mathjax_locally_with_its_checksum(app):
    app.build()  # a fresh output folder: the cold build whose links used to differ
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'src="_static/mathjax/tex-chtml\.js\?v=[0-9a-f]+"', page)
    assert (app.outdir / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_unchanged_assets_are_not_copied_again(tmp_path):
    source, destination = tmp_path / "source", tmp_path / "destination"
    (source / "fonts").mkdir(parents=True)
    (source / "fonts" / "a.woff").write_bytes(b"font")
    (source / "tex.js").write_text("mathjax")
    assert copy_changed(source, destination) == 2
    assert copy_changed(source, destination) == 0
    (source / "tex.js").write_text("mathjax, newer")
    assert copy_changed(source, destination) == 1
    assert (destination / "tex.js").read_text() == "mathjax, newer"


@pytest.mark.sphinx("html", testroot="page-assets")
def test_a_pages_own_scripts_are_linked_on_it_alone_with_checksums(app):
    app.build()
    tool = (app.outdir / "tool.html").read_text(encoding="utf-8")
    assert re.search(r'<script defer="defer" src="_static/tool\.js\?v=[0-9a-f]+"></script>', tool)
    assert re.search(r'<link rel="stylesheet"[^>]* href="_static/tool\.css\?v=[0-9a-f]+"', tool)
    assert "tool.js" not in (app.outdir / "index.html").read_text(encoding="utf-8")
