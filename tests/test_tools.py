"""The build programs in tools/: assembling the site, tidying catalogues, the GPU report."""

from xml.etree import ElementTree

import polib
import pytest

from tools.assemble_site import assemble
from tools.gpu_report import outcomes
from tools.site_facts import LANGUAGES
from tools.tidy_catalogues import boilerplate_translation, is_markup_only, tidy


def test_assemble_keeps_only_the_deployable_tree(tmp_path):
    html = tmp_path / "html"
    for lang in LANGUAGES:
        (html / lang / "_sources").mkdir(parents=True)
        (html / lang / "index.html").write_text("<html></html>")
        (html / lang / ".buildinfo").write_text("x")
    (html / "jupyter_execute").mkdir()
    site = tmp_path / "site"
    assemble(html, site, LANGUAGES)
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert found == ["404.html", "en", "en/index.html", "index.html", "zh_CN", "zh_CN/index.html"]
    landing = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in landing and 'href="zh_CN/index.html"' in landing


def test_a_site_url_adds_a_sitemap_of_every_page_in_both_languages(tmp_path):
    html = tmp_path / "html"
    for lang in LANGUAGES:
        (html / lang / "guide").mkdir(parents=True)
        for page in ("index.html", "search.html", "genindex.html", "guide/page.html"):
            (html / lang / page).write_text("<html></html>")
    (html / "en" / "_static").mkdir()
    (html / "en" / "_static" / "theme.html").write_text("<html></html>")
    (html / "en" / "only-english.html").write_text("<html></html>")
    assemble(html, tmp_path / "site", LANGUAGES, "https://example.org/lstm/")
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(tmp_path / "site" / "sitemap.xml").getroot()
    found = {
        url.find("s:loc", names).text: [link.get("hreflang") for link in url.findall("x:link", names)] for url in urls
    }
    base = "https://example.org/lstm/"
    assert found == {
        base + "en/guide/page.html": ["en", "zh-CN"],
        base + "en/index.html": ["en", "zh-CN"],
        base + "en/only-english.html": ["en"],
        base + "zh_CN/guide/page.html": ["en", "zh-CN"],
        base + "zh_CN/index.html": ["en", "zh-CN"],
    }


def test_assemble_refuses_a_missing_language(tmp_path):
    (tmp_path / "html" / "en").mkdir(parents=True)
    (tmp_path / "html" / "en" / "index.html").write_text("<html></html>")
    with pytest.raises(SystemExit, match="zh_CN"):
        assemble(tmp_path / "html", tmp_path / "site", LANGUAGES)


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


def test_gpu_report_counts_outcomes(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.test_cuda" name="test_a"/>'
        '<testcase classname="tests.test_cuda" name="test_b"><failure message="x"/></testcase>'
        '<testcase classname="tests.test_cuda" name="test_c"><skipped message="no CUDA"/></testcase>'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    assert outcomes(junit) == {
        "passed": ["tests.test_cuda::test_a"],
        "failed": ["tests.test_cuda::test_b"],
        "skipped": ["tests.test_cuda::test_c"],
    }
