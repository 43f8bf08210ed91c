"""Search: the Chinese query splitter's script, the index pruned like a fresh build's, jieba's dictionary subset."""

import re
import shutil
from types import SimpleNamespace

import jieba
import polib
import pytest

from built import LOCALES
from lstmdocs.search import jieba_subset
from lstmdocs.search.index_pruning import drop_dead_terms, restore_index_entries


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


def test_search_terms_without_pages_are_dropped():
    indexer = SimpleNamespace(_mapping={"lstm": {"index"}, "gone": set()}, _title_mapping={"old": set()})
    assert drop_dead_terms(indexer) == 2
    assert indexer._mapping == {"lstm": {"index"}} and indexer._title_mapping == {}


def test_index_entries_of_pages_not_rewritten_come_back():
    indexer = SimpleNamespace(_titles={"glossary": "G", "index": "I"}, _index_entries={"index": []})
    frozen = {"docnames": ["glossary", "index"], "indexentries": {"cell state": [[0, "term-cell-state", True]]}}
    assert restore_index_entries(indexer, frozen) == 1
    assert indexer._index_entries["glossary"] == [("cell state", "term-cell-state", "main")]
    assert indexer._index_entries["index"] == []  # rewritten pages keep what they were fed


def test_jieba_cuts_the_site_text_alike_with_only_the_entries_for_its_characters():
    whole = jieba.Tokenizer()
    whole.initialize()
    texts = [entry.msgstr for po in LOCALES.rglob("*.po") for entry in polib.pofile(str(po)) if entry.msgstr]
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
