"""Math is MathML written by the build (lstmdocs.html.mathml): no math script, and bad TeX stops the build."""

import re

import pytest
from docutils import nodes
from sphinx.errors import ExtensionError

from lstmdocs.html.mathml import CACHE_NAME, Renderer, keep_punctuation_with_math


@pytest.mark.sphinx("html", testroot="mathml")
def test_math_is_mathml_with_its_style_sheet_only_where_needed(app):
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<math><mrow><msub><mi>h</mi><mi>t</mi></msub><mo>=</mo>" in page  # inline, drawn by the browser
    block = re.search(r'<div class="math"[^>]*>\s*(<math display="block".*?</math>)</div>', page, re.S)
    assert block and "<mtable" in block[1] and "<mtext>cell\xa0state</mtext>" in block[1]  # aligned, \text{}
    assert "\\odot" not in page and "\\(" not in page  # no TeX left for a script to typeset
    assert not re.search(r"<script[^>]*(mathjax|katex|temml)", page, re.I)
    assert re.search(r'href="_static/temml/temml\.css\?v=[0-9a-f]+"', page)
    assert "temml.css" not in (app.outdir / "plain.html").read_text(encoding="utf-8")
    assert (app.outdir / "_static" / "temml" / "Temml.woff2").is_file()


@pytest.mark.sphinx("html", testroot="mathml-broken")
def test_unreadable_tex_stops_the_build_naming_file_and_line(app):
    with pytest.raises(
        ExtensionError, match=r"index\.rst:6: cannot render math `\\frac\{a\}`: Unexpected end of input"
    ):
        app.build()


def test_a_rebuild_renders_from_the_cache_without_node(tmp_path, monkeypatch):
    renderer = Renderer(tmp_path / CACHE_NAME)
    first = renderer(r"x_t", False, "here:1")
    renderer.save()
    monkeypatch.setattr("shutil.which", lambda name: None)  # no Node: only the cache can answer
    assert Renderer(tmp_path / CACHE_NAME)(r"x_t", False, "here:1") == first
    with pytest.raises(ExtensionError, match="install nodejs"):
        Renderer(tmp_path / CACHE_NAME)(r"y_t", False, "here:1")


def test_an_inline_formula_keeps_the_punctuation_after_it_on_its_line():
    """Only the formula right before the mark is grouped with it, never a stretch of text between two
    formulas (an inline that does not wrap would then run off a phone's screen); display math not."""
    paragraph = nodes.paragraph(
        "", "", nodes.math("", "N"), nodes.Text(" 和 "), nodes.math("", "M"), nodes.Text("，其中 "), nodes.math("", "a")
    )
    section = nodes.section(
        "", paragraph, nodes.math_block("", "x"), nodes.paragraph("", "", nodes.math("", "b"), nodes.Text("。"))
    )
    keep_punctuation_with_math(section)
    assert [type(child).__name__ for child in paragraph] == ["math", "Text", "inline", "Text", "math"]
    together = paragraph[2]
    assert together["classes"] == ["lstm-nobreak"] and together.astext() == "M，" and str(paragraph[3]) == "其中 "
    last = section[2]
    assert len(last) == 1 and last[0].astext() == "b。"  # the mark was the whole text after the formula
    assert isinstance(section[1], nodes.math_block)
