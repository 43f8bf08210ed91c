"""The project's Sphinx extensions and build helpers, each on a tiny project."""

import re
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import jieba
import jinja2
import polib
import pytest
import torch
from gpu_report import outcomes
from sphinx.errors import ConfigError

from assemble_site import assemble
from lstmdocs import device, jieba_subset
from lstmdocs.outputs_device import check_stamps
from lstmdocs.search_index_pruning import drop_dead_terms
from lstmdocs.stable_zips import stabilise
from lstmdocs.template_cache import FOLDER
from tidy_catalogues import boilerplate_translation, is_markup_only, tidy

CATALOGUES = Path(__file__).resolve().parent.parent / "docs" / "locales"


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
    assert found == ["404.html", "en", "en/index.html", "index.html", "zh_CN", "zh_CN/index.html"]
    landing = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in landing and 'href="zh_CN/index.html"' in landing


def test_a_site_url_adds_a_sitemap_of_every_page_in_both_languages(tmp_path):
    html = tmp_path / "html"
    for lang in ("en", "zh_CN"):
        (html / lang / "guide").mkdir(parents=True)
        for page in ("index.html", "search.html", "genindex.html", "guide/page.html"):
            (html / lang / page).write_text("<html></html>")
    (html / "en" / "_static").mkdir()
    (html / "en" / "_static" / "theme.html").write_text("<html></html>")
    (html / "en" / "only-english.html").write_text("<html></html>")
    assemble(html, tmp_path / "site", ["en", "zh_CN"], "https://example.org/lstm/")
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


@pytest.mark.sphinx("html", testroot="outputs-device")
def test_pages_that_run_code_name_torch_and_device(app):
    app.build()
    example = (app.outdir / "plot_example.html").read_text(encoding="utf-8")
    sentence = f"Outputs on this page were computed with PyTorch {torch.__version__} on CPU."
    assert f'<p class="outputs-device">{sentence}</p>' in example
    assert "outputs-device" not in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_outputs_from_another_device_stop_the_build(tmp_path):
    check_stamps([tmp_path], "PyTorch 2.13.0+cpu on CPU")
    check_stamps([tmp_path], "PyTorch 2.13.0+cpu on CPU")  # same producer: fine
    with pytest.raises(ConfigError, match="nox -s clean"):
        check_stamps([tmp_path], "PyTorch 2.13.0+cu126 on NVIDIA H100, CUDA 12.6")


def test_the_device_is_chosen_in_one_place(monkeypatch):
    monkeypatch.setenv(device.OVERRIDE, "cpu")
    assert device.chosen() == "cpu" and device.describe("cpu") == "CPU"
    monkeypatch.delenv(device.OVERRIDE)
    assert device.chosen() == ("cuda" if torch.cuda.is_available() else "cpu")


@pytest.mark.sphinx("html", testroot="assets-first")
def test_a_cold_build_links_myst_nb_css_with_its_checksum(app):
    app.build()  # a fresh output folder: the cold build whose links used to differ
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="_static/mystnb\.[0-9a-f]+\.css\?v=[0-9a-f]+"', page)


def test_the_cpu_stays_the_default_device(monkeypatch):
    monkeypatch.setenv(device.OVERRIDE, "cpu")
    assert device.use() == "cpu"
    assert torch.get_default_device() == torch.device("cpu")


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


def test_example_zips_get_fixed_timestamps(tmp_path):
    example = tmp_path / "plot_x.zip"
    with zipfile.ZipFile(example, "w") as archive:
        archive.writestr(zipfile.ZipInfo("plot_x.py", date_time=(2026, 11, 27, 10, 57, 26)), "print(1)\n")
    when = (2026, 1, 1, 0, 0, 0)
    assert stabilise(example, when) is True
    first = example.read_bytes()
    assert stabilise(example, when) is False  # already stable: left alone
    with zipfile.ZipFile(example) as archive:
        assert [(i.filename, i.date_time) for i in archive.infolist()] == [("plot_x.py", when)]
        assert archive.read("plot_x.py") == b"print(1)\n"
    assert example.read_bytes() == first


def test_search_terms_without_pages_are_dropped():
    indexer = SimpleNamespace(_mapping={"lstm": {"index"}, "gone": set()}, _title_mapping={"old": set()})
    assert drop_dead_terms(indexer) == 2
    assert indexer._mapping == {"lstm": {"index"}} and indexer._title_mapping == {}


def test_index_entries_of_pages_not_rewritten_come_back():
    from types import SimpleNamespace

    from lstmdocs.search_index_pruning import restore_index_entries

    indexer = SimpleNamespace(_titles={"glossary": "G", "index": "I"}, _index_entries={"index": []})
    frozen = {"docnames": ["glossary", "index"], "indexentries": {"cell state": [[0, "term-cell-state", True]]}}
    assert restore_index_entries(indexer, frozen) == 1
    assert indexer._index_entries["glossary"] == [("cell state", "term-cell-state", "main")]
    assert indexer._index_entries["index"] == []  # rewritten pages keep what they were fed


def _compiled_templates(monkeypatch) -> list[str]:
    """Names of the templates Jinja compiles from source from now on."""
    compiled = []
    compile_source = jinja2.Environment._compile

    def counting(self, source, filename):
        compiled.append(filename)
        return compile_source(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counting)
    return compiled


def test_templates_are_compiled_once_across_builds(make_app, rootdir, tmp_path, monkeypatch):
    srcdir = tmp_path / "template-cache"
    shutil.copytree(rootdir / "test-template-cache", srcdir)
    compiled = _compiled_templates(monkeypatch)
    make_app("html", srcdir=srcdir).build(force_all=True)
    assert any(name.endswith("layout.html") for name in compiled)
    assert list((srcdir / "_build" / "doctrees" / FOLDER).iterdir())

    compiled.clear()
    make_app("html", srcdir=srcdir).build(force_all=True)  # a new process-like app: only the cache remains
    assert [name for name in compiled if name.endswith(".html")] == []

    layout = srcdir / "_templates" / "layout.html"
    layout.write_text(layout.read_text().replace("first version", "second version"))
    make_app("html", srcdir=srcdir).build(force_all=True)
    assert any(name.endswith("layout.html") for name in compiled)
    assert "second version" in (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def test_jieba_cuts_the_site_text_alike_with_only_the_entries_for_its_characters():
    whole = jieba.Tokenizer()
    whole.initialize()
    texts = [entry.msgstr for po in CATALOGUES.rglob("*.po") for entry in polib.pofile(str(po)) if entry.msgstr]
    left_out = frozenset().union(*whole.FREQ) - set("".join(texts))
    subset = jieba.Tokenizer()
    subset.FREQ, subset.total, subset.initialized = jieba_subset.without(left_out, whole.FREQ), whole.total, True
    assert len(subset.FREQ) < len(whole.FREQ) / 5  # what makes loading it fast
    for text in texts:
        assert list(subset.cut_for_search(text)) == list(whole.cut_for_search(text)), text


def test_chinese_rebuilds_load_the_kept_entries_and_widen_them(make_app, rootdir, tmp_path, monkeypatch):
    loads = []
    load_whole = jieba.Tokenizer.initialize
    monkeypatch.setattr(jieba.Tokenizer, "initialize", lambda self, *a: loads.append(1) or load_whole(self, *a))

    def new_process():  # what a fresh build process starts from
        monkeypatch.setattr(jieba_subset, "_left_out", None)
        monkeypatch.setattr(jieba.dt, "initialized", False)
        loads.clear()

    srcdir = tmp_path / "jieba-subset"
    shutil.copytree(rootdir / "test-jieba-subset", srcdir)
    index = srcdir / "_build" / "html" / "searchindex.js"
    new_process()
    make_app("html", srcdir=srcdir).build(force_all=True)
    first = index.read_bytes()
    kept = jieba_subset.read(srcdir / "_build" / "doctrees" / jieba_subset.CACHE)
    assert kept is not None and "隐" not in kept[0] and "鹦" in kept[0]
    assert loads == [1]  # the cold build loads the whole dictionary once

    new_process()
    make_app("html", srcdir=srcdir).build(force_all=True)
    assert loads == [], "a rebuild with known characters loads only the kept entries"
    assert index.read_bytes() == first

    page = srcdir / "index.rst"
    page.write_text(page.read_text(encoding="utf-8") + "\n鹦鹉学舌。\n", encoding="utf-8")
    new_process()
    make_app("html", srcdir=srcdir).build()
    assert loads == [1], "a new character loads the whole dictionary"
    kept = jieba_subset.read(srcdir / "_build" / "doctrees" / jieba_subset.CACHE)
    assert "鹦" not in kept[0] and "隐" not in kept[0]
    widened = index.read_bytes()

    shutil.rmtree(srcdir / "_build")
    new_process()
    make_app("html", srcdir=srcdir).build()
    assert index.read_bytes() == widened, "the same index as a build with the whole dictionary"


@pytest.mark.sphinx("html", testroot="page-assets")
def test_a_pages_own_scripts_are_linked_on_it_alone_with_checksums(app):
    app.build()
    tool = (app.outdir / "tool.html").read_text(encoding="utf-8")
    assert re.search(r'<script defer="defer" src="_static/tool\.js\?v=[0-9a-f]+"></script>', tool)
    assert re.search(r'<link rel="stylesheet"[^>]* href="_static/tool\.css\?v=[0-9a-f]+"', tool)
    assert "tool.js" not in (app.outdir / "index.html").read_text(encoding="utf-8")
