"""The project's Sphinx extensions and build helpers, each on a tiny project."""

import re

import polib
import pytest
from assemble_site import assemble
from tidy_catalogues import boilerplate_translation, is_markup_only, tidy


@pytest.mark.sphinx("html", testroot="language-switch", confoverrides={"language": "zh_CN"})
def test_html_lang_is_bcp47(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="zh-CN"', html)


@pytest.mark.sphinx("html", testroot="language-switch", confoverrides={"language": "zh_CN"})
def test_switch_links_the_same_page_in_the_other_language(app):
    app.build()
    page = (app.outdir / "guide" / "page.html").read_text(encoding="utf-8")
    assert 'href="../../en/guide/page.html"' in page
    assert 'aria-current="true">简体中文<' in page
    root = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="../en/index.html"' in root


def test_assemble_keeps_only_the_deployable_tree(tmp_path):
    html = tmp_path / "html"
    for lang in ("en", "zh_CN"):
        (html / lang / "_sources").mkdir(parents=True)
        (html / lang / "index.html").write_text("<html></html>")
        (html / lang / ".buildinfo").write_text("x")
    (html / "jupyter_execute").mkdir()
    site = tmp_path / "site"
    assemble(html, site, ["en", "zh_CN"])
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert found == ["en", "en/index.html", "index.html", "zh_CN", "zh_CN/index.html"]
    landing = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in landing and 'href="zh_CN/index.html"' in landing


def test_assemble_refuses_a_missing_language(tmp_path):
    (tmp_path / "html" / "en").mkdir(parents=True)
    (tmp_path / "html" / "en" / "index.html").write_text("<html></html>")
    with pytest.raises(SystemExit, match="zh_CN"):
        assemble(tmp_path / "html", tmp_path / "site", ["en", "zh_CN"])


def test_tidy_drops_obsolete_and_fills_markup_only_entries():
    catalogue = polib.POFile()
    catalogue.metadata_is_fuzzy = True
    catalogue.append(polib.POEntry(msgid="</div>"))
    catalogue.append(polib.POEntry(msgid=":doc:`/gallery/plot_layouts`"))
    catalogue.append(polib.POEntry(msgid="The hidden state"))
    catalogue.append(polib.POEntry(msgid="Gone", msgstr="没了", obsolete=True))
    assert tidy(catalogue) == (1, 2, True)
    assert [e.msgstr for e in catalogue] == ["</div>", ":doc:`/gallery/plot_layouts`", ""]
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("</div>", True),
        ('<div class="x">', True),
        (":doc:`/gallery/plot_layouts`", True),
        ("<div>Title</div>", False),
        ('<div class="x" tooltip="Shapes">', False),
        (":download:`Download source: a.py <a.py>`", False),
        ("`h_n`", False),
    ],
)
def test_markup_only(msgid, expected):
    assert is_markup_only(msgid) is expected


def test_gallery_boilerplate_has_one_translation():
    msgid = ":download:`Download Python source code: plot_x.py <plot_x.py>`"
    assert boilerplate_translation(msgid) == ":download:`下载 Python 源代码：plot_x.py <plot_x.py>`"
    assert boilerplate_translation("The hidden state") == ""


@pytest.mark.sphinx("html", testroot="myst-raw-i18n")
def test_raw_html_in_myst_is_translated(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert '<div class="widget"><label for="size">批大小</label></div>' in html
    assert '<div class="untranslated">Left in English</div>' in html
    assert "::<" not in html


@pytest.mark.sphinx("html", testroot="myst-raw-i18n", confoverrides={"extensions": ["myst_parser"]}, freshenv=True)
def test_without_it_sphinx_turns_translated_myst_html_into_colons(app):
    """Why lstmdocs.myst_raw_i18n exists: drop it once this fails (Sphinx fixed)."""
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'class="widget"' not in html and "::" in html


def script_sources(html: str) -> list[str]:
    return [src.split("?")[0] for src in re.findall(r'<script src="([^"]+)"', html)]


@pytest.mark.sphinx("html", testroot="zh-search", confoverrides={"language": "zh_CN"})
def test_chinese_search_page_splits_queries_before_searchtools(app):
    app.build()
    search = script_sources((app.outdir / "search.html").read_text(encoding="utf-8"))
    mine = search.index("_static/zh_search.js")
    assert mine < search.index("_static/searchtools.js"), "searchtools.js keeps the first splitQuery"
    assert (app.outdir / "_static" / "zh_search.js").is_file()
    index_page = script_sources((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert not any("zh_search" in src for src in index_page), "only the search page needs it"


@pytest.mark.sphinx("html", testroot="zh-search", srcdir="zh-search-en", confoverrides={"language": "en"})
def test_english_build_has_no_chinese_search_script(app):
    app.build()
    assert "zh_search.js" not in (app.outdir / "search.html").read_text(encoding="utf-8")
    assert not (app.outdir / "_static" / "zh_search.js").exists()
