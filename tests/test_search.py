"""Search: the Chinese query splitter's script, the index pruned like a fresh build's, jieba's dictionary subset,
the page texts that result snippets come from, and the words the search page reads questions with."""

import hashlib
import json
import re
import shutil
from types import SimpleNamespace

import jieba
import polib
import pytest
from docutils import nodes
from docutils.core import publish_doctree
from sphinx.errors import ConfigError

from built import LOCALES
from lstmdocs.search import jieba_subset, query_words, snippets
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


def search_texts(outdir) -> dict:
    return snippets.read(outdir / snippets.FILENAME)


def test_page_text_is_what_readers_read_of_the_page():
    doctree = publish_doctree(
        "Title\n=====\n\nA :math:`H_{in}` and :math:`h_t = o_t \\odot \\tanh(c_t)`.\n\n"
        ".. math::\n\n   \\begin{aligned} i_t \\end{aligned}\n\n"
        ".. note::\n   :class: sphx-glr-download-link-note\n\n   Go to the end to download the full example code.\n\n"
        ".. raw:: html\n\n   <p>Download notebook</p>\n\n.. A comment.\n\nThe   last\n   paragraph.\n"
    )
    text, _spans = snippets.page_text(doctree)
    assert text == "Title A H_in and …. The last paragraph."


def test_page_text_spans_sections_and_glossary_entries_in_utf16_code_units():
    doctree = publish_doctree(
        "Title\n=====\n\n𝑥 first.\n\nPart\n----\n\nterm\n   Its 定义.\n\nnext\n   Another.\n\n.. _index-0:\n\nAfter a target.\n",
        settings_overrides={"doctitle_xform": False},
    )
    term = next(doctree.findall(nodes.term))
    term["ids"] = ["term-term"]
    text, spans = snippets.page_text(doctree)
    utf16 = text.encode("utf-16-le")
    cut = lambda span: utf16[2 * span[0] : 2 * span[1]].decode("utf-16-le").strip()  # noqa: E731
    assert cut(spans["part"]) == "Part term Its 定义. next Another. After a target."
    assert cut(spans["term-term"]) == "term Its 定义."  # the term with its definition
    assert cut(spans["index-0"]) == "After a target."  # an index directive's target
    assert cut(spans["title"]) == text and text.startswith("Title 𝑥 first.")


def test_mathml_text_is_what_a_browser_shows():
    mathml = "<math><mrow><mo>(</mo><mi>D</mi><mo>⋅</mo><mtext>num_layers</mtext><mo>,</mo><mi>N</mi><mo>)</mo></mrow></math>"
    assert snippets.mathml_text(mathml) == "(D⋅num_layers,N)"


@pytest.mark.sphinx("html", testroot="search-texts")
def test_the_search_page_names_the_texts_file_and_holds_the_query_words(app):
    app.build()
    texts = search_texts(app.outdir)
    assert sorted(texts) == ["glossary", "index", "other"]
    index, spans = texts["index"]
    assert "H_in" in index and "…" in index and "Each step reads one input." in index
    for left_out in ("\\odot", "aligned", "Go to the end", "Download notebook", "Comments"):
        assert left_out not in index
    assert index[slice(*spans["index-0"])].startswith("Each step reads one input.")  # an index target
    glossary, spans = texts["glossary"]
    assert glossary[slice(*spans["term-batch"])].strip() == "batch The sequences of one call."
    html = (app.outdir / "search.html").read_text(encoding="utf-8")
    data = (app.outdir / snippets.FILENAME).read_bytes()
    assert f'data-texts="searchtexts.js?v={hashlib.sha256(data).hexdigest()[:8]}"' in html
    words = json.loads(re.search(r"const SEARCH_WORDS = (.*?);</script>", html)[1])
    assert words == {"skip": ["which"], "means": {"timestep": ["step"]}, "define": ["what is *"]}
    assert "searchtexts" not in (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="search-texts", srcdir="search-texts-rebuild")
def test_a_rebuild_keeps_the_texts_of_pages_it_does_not_rewrite(app, make_app):
    app.build()
    before = search_texts(app.outdir)
    other = app.srcdir / "other.rst"
    other.write_text(other.read_text(encoding="utf-8").replace("zebrafish ", ""), encoding="utf-8")
    index = app.srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace("   glossary\n", ""), encoding="utf-8")
    (app.srcdir / "glossary.rst").unlink()
    rebuilt = make_app("html", srcdir=app.srcdir)
    rebuilt.build()
    after = search_texts(rebuilt.outdir)
    assert sorted(after) == ["index", "other"]  # the removed page is gone
    assert "zebrafish" not in after["other"][0]
    assert after["index"] == before["index"]  # rewritten (its toctree changed), the same text
    assert (rebuilt.outdir / "search.html").read_text(encoding="utf-8").count("searchtexts.js?v=") == 1


def test_query_words_are_checked():
    assert query_words.read_words({"skip": ["的", "what"], "means": {"时刻": ["时间步"]}}) == {
        "skip": ["what", "的"],
        "means": {"时刻": ["时间步"]},
        "define": [],
    }
    assert query_words.read_words({"define": ["what is *", "*是什么"]})["define"] == ["what is *", "*是什么"]
    for bad in (
        {"skip": ["What"]},
        {"skip": ["two words"]},
        {"means": {"时刻": []}},
        {"skip": ["x"], "means": {"x": ["y"]}},
        {"define": ["what is"]},
        {"define": ["* is *"]},
        {"define": ["What is *"]},
        {"define": ["*"]},
    ):
        with pytest.raises(ConfigError):
            query_words.read_words(bad)


def test_a_glossary_synonym_means_the_glossarys_term():
    words = {"skip": [], "means": {"时刻": ["时间步"]}}
    glossary = {"time step": ["时间步", "时间步长", "时刻"], "cell state": ["细胞状态", "记忆元"]}
    assert query_words.with_glossary_synonyms(words, glossary)["means"] == {
        "时刻": ["时间步"],
        "时间步长": ["时间步"],
        "记忆元": ["细胞状态"],
    }
