"""The built site's search files: the page texts that result snippets come from (searchtexts.js) hold
every page and every place a result points to, read as prose, small enough for a first query; the
Chinese index keeps Latin words whole; the words conf/search-words.toml reads queries as are words
of the index."""

import json
import re
import tomllib

import pytest
import snowballstemmer

from built import LANGUAGES, ROOT, SITE, require
from lstmdocs.search import snippets

pytestmark = pytest.mark.usefixtures("built_site")  # reads _build: a built test

KIB = 1024
TEXTS_BUDGET = 200 * KIB  # a first query loads them with the search page: 300 KiB in all
WORDS = tomllib.loads((ROOT / "conf" / "search-words.toml").read_text(encoding="utf-8"))


def search_index(language: str) -> dict:
    text = require(SITE / language / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


def texts(language: str) -> dict:
    return snippets.read(require(SITE / language / snippets.FILENAME))


def utf16_slice(text: str, span: list[int]) -> str:
    return text.encode("utf-16-le")[2 * span[0] : 2 * span[1]].decode("utf-16-le")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_and_every_place_a_result_points_to_has_its_text(language):
    index, pages = search_index(language), texts(language)
    assert sorted(pages) == sorted(index["docnames"])
    anchors = [(places, "title") for places in index["alltitles"].values()]
    anchors += [(places, "index entry") for places in index["indexentries"].values()]
    missing = []
    for places, kind in anchors:
        for file, anchor, *_ in places:
            doc = index["docnames"][file]
            if anchor and anchor not in pages[doc][1]:
                missing.append(f"{kind} {doc}#{anchor}")
    assert not missing, missing
    for doc, (text, spans) in pages.items():
        for anchor, span in spans.items():
            assert 0 <= span[0] < span[1] <= len(text.encode("utf-16-le")) // 2, (doc, anchor, span)
            assert utf16_slice(text, span).strip(), (doc, anchor)


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_texts_read_as_prose_and_stay_small(language):
    path = require(SITE / language / snippets.FILENAME)
    assert path.stat().st_size <= TEXTS_BUDGET, f"{path} is {path.stat().st_size / KIB:.0f} KiB"
    found = {}
    for doc, (text, _spans) in texts(language).items():
        for raw in (
            "\\(",
            "\\[",
            "\\begin",
            "\\mathrm",
            "\\odot",
            "$$",
            "Go to the end",
            "跳转到末尾",
            "Download",
            "下载",
            "Gallery generated",
        ):
            if raw in text:
                found.setdefault(raw, []).append(doc)
    assert not found, found
    glossary = texts(language)["glossary"]
    entry = utf16_slice(glossary[0], glossary[1]["term-hidden-state"])
    assert (
        entry.startswith({"en": "hidden state", "zh_CN": "隐藏状态（hidden state）"}[language]) and len(entry) > 40
    ), entry


def test_the_chinese_index_keeps_latin_words_whole():
    """Sphinx's Chinese search added jieba's pieces of ``proj_size`` (``proj``, ``size``) to the
    index beside the whole word; only whole Latin words may be index words: those of the pages'
    text, or of the English index (the same code and formulas, cut at non-word characters)."""
    terms = search_index("zh_CN")["terms"]
    stem = snowballstemmer.stemmer("english").stemWord
    assert {stem(word) for word in ("h_n", "c_n", "proj_size", "batch_first", "enforce_sorted")} <= set(terms)
    latin = {word for text, _spans in texts("zh_CN").values() for word in re.findall(r"[A-Za-z0-9_]+", text)}
    whole = {stem(word.lower()) for word in latin} | {word.lower() for word in latin}
    whole |= set(search_index("en")["terms"])  # cut whole from the same code and TeX
    pieces = sorted(term for term in terms if term.isascii() and not term.isdigit() and term not in whole)
    assert not pieces, pieces


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_words_a_query_word_means_are_words_of_the_index(language):
    index = search_index(language)
    stem = snowballstemmer.stemmer("english").stemWord  # both editions stem Latin words so
    known = {*index["terms"], *index["titleterms"]}
    means = WORDS[language]["means"]
    unknown = {word: target for word, targets in means.items() for target in targets if stem(target) not in known}
    assert not unknown, f"conf/search-words.toml [{language}.means] names words the site does not use: {unknown}"
