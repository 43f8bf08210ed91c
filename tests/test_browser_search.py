"""The search page of both editions, in Chromium: queries typed as readers type them, questions
included, find their page among the first three results (the list is tests/search_queries.toml),
no query with a word of the site finds nothing, every word of a query counts, Chinese queries
need no spaces, result snippets show prose, not LaTeX or download boilerplate, and come
without downloading the result pages: a first query costs at most 300 KiB, a later one little."""

import json
import random
import re
import tomllib
from pathlib import Path
from urllib.parse import quote

import pytest
import snowballstemmer
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import open_page
from built import LANGUAGES, LOCALES, ROOT, SITE
from lstmdocs.search import snippets, zh_search

QUERIES = tomllib.loads((Path(__file__).parent / "search_queries.toml").read_text(encoding="utf-8"))
TOP = 3


def glossary_words() -> list[str]:
    """Every Chinese word the glossary and the synonyms file give the search."""
    terms = zh_search.glossary_terms(LOCALES / "zh_CN" / "LC_MESSAGES" / "glossary.po")
    synonyms = tomllib.loads((ROOT / "conf" / "search-synonyms.toml").read_text(encoding="utf-8"))
    return sorted({word for words in zh_search.search_words(terms, synonyms).values() for word in words})


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page for the many queries of this module (a new context for each costs seconds)."""
    page = open_page(browser, site_url)
    yield page
    page.context.close()


def search(page, site_url, language: str, query: str) -> list[tuple[str, str]]:
    """(page, snippet) of each result, in the order shown, once the search has finished.

    Sphinx appends results one by one, each with its snippet, and writes the summary after the last
    (``_finishSearch`` in its searchtools.js): once the summary has text, every result is there.
    """
    page.log.console_errors.clear()
    page.log.third_party.clear()
    page.goto(f"{site_url}/{language}/search.html?q={quote(query)}")
    try:
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')?.textContent.trim()", timeout=15_000
        )
    except PlaywrightTimeout:
        pytest.fail(f"the search for {query!r} never finished; page errors: {page.log.console_errors}")
    return page.locator("#search-results ul.search > li").evaluate_all(
        """(items) => items.map((li) => [
             li.querySelector('a').getAttribute('href').split('#')[0],
             li.querySelector('p.context')?.textContent ?? ''])"""
    )


def first_pages(results, top: int = TOP) -> list[str]:
    return [path for path, _ in results[:top]]


def cases(table: dict) -> list[tuple[str, str | list[str]]]:
    """(query, page or pages) of a language's table and of its questions."""
    return [(query, page) for query, page in table.items() if not isinstance(page, dict)] + list(
        table["questions"].items()
    )


CASES = [(language, query, expected) for language in QUERIES for query, expected in cases(QUERIES[language])]


@pytest.mark.parametrize(("language", "query", "expected"), CASES, ids=[f"{lang}:{q}" for lang, q, _ in CASES])
def test_query_finds_its_page_in_the_first_three(search_page, site_url, language, query, expected):
    results = search(search_page, site_url, language, query)
    pages = [expected] if isinstance(expected, str) else expected
    assert set(pages) & set(first_pages(results)), (
        f"{language} {query!r}: {expected} not in the first {TOP}: {results[:5]}"
    )
    assert search_page.log.console_errors == [] and search_page.log.third_party == []


@pytest.mark.parametrize(
    ("language", "query", "wrong"),
    [
        ("en", "how do I get the last time step", "gallery/plot_gradients_through_time.html"),
        ("zh_CN", "最后一个时刻的隐藏状态", "gallery/plot_gradients_through_time.html"),
    ],
)
def test_a_title_with_a_common_word_of_the_query_does_not_win_it(search_page, site_url, language, query, wrong):
    """The gradients example's title has "last" (最后) and "time" (时间步), apart: it is no answer to a
    question about the last time step, though it won that query once (a title bonus for any word)."""
    found = first_pages(search(search_page, site_url, language, query))
    assert wrong not in found, found


def test_a_query_accepts_one_page_or_a_short_list():
    lists = {query: pages for _, query, pages in CASES if not isinstance(pages, str)}
    assert all(len(set(pages)) == len(pages) == 2 for pages in lists.values()), lists
    assert len(lists) <= 3, f"more than a few queries accept several pages: {sorted(lists)}"


def test_query_list_is_big_enough_in_both_languages():
    assert {language: len(cases(queries)) >= 20 for language, queries in QUERIES.items()} == dict.fromkeys(
        LANGUAGES, True
    )
    questions = {language: len(queries["questions"]) for language, queries in QUERIES.items()}
    assert questions["en"] >= 10 and questions["zh_CN"] >= 30, questions


def test_every_glossary_word_and_synonym_finds_the_glossary(search_page, site_url):
    """Ranked by Sphinx's own search functions on the loaded search page, without showing the
    results (and fetching each result's page for its snippet): milliseconds a query."""
    words = glossary_words()
    assert {"隐藏状态", "门", "层", "隐状态", "记忆元", "小批量"} <= set(words), words
    first = search(search_page, site_url, "zh_CN", words[0])
    ranked = search_page.evaluate(
        """([words]) => Object.fromEntries(words.map((word) => [word,
             // _performSearch sorts its results for display by pop(): the last is shown first.
             Search._performSearch(...Search._parseQuery(word)).reverse()
               .map((result) => result[0] + DOCUMENTATION_OPTIONS.LINK_SUFFIX)]))""",
        [words],
    )
    # Shown in the order their pages arrive (for their snippets): compare what, not the order.
    assert sorted(ranked[words[0]]) == sorted(path for path, _ in first), "not the results the page showed"
    ranked = {word: found[:TOP] for word, found in ranked.items()}
    missed = {word: found for word, found in ranked.items() if "glossary.html" not in found}
    assert not missed, f"the glossary is not among the first {TOP} results for: {missed}"


def test_compound_terms_are_index_words_and_queries_are_cut_into_them(search_page, site_url):
    search(search_page, site_url, "zh_CN", "隐藏状态")
    terms = search_page.evaluate("() => Object.keys(Search._index.terms)")
    assert {"隐藏状态", "细胞状态", "时间步", "遗忘门", "门", "层"} <= set(terms)
    words = search_page.evaluate("() => splitQuery('隐藏状态的形状')")
    assert words == ["隐藏状态", "形状"], words


@pytest.mark.parametrize(
    ("language", "query"), [("en", "hidden state"), ("en", "bidirectional"), ("zh_CN", "隐藏状态"), ("zh_CN", "双向")]
)
def test_snippets_show_prose_not_latex_or_download_boilerplate(search_page, site_url, language, query):
    snippets = [snippet for _, snippet in search(search_page, site_url, language, query)]
    assert search_page.log.console_errors == [], search_page.log.console_errors  # search_snippets.js's canary
    assert any(snippets), "no result has a snippet"
    for raw in ("\\(", "\\[", "\\begin", "\\mathrm", "$$"):
        assert not [s for s in snippets if raw in s], f"raw LaTeX {raw!r} in a snippet of {query!r}"
    for boilerplate in ("Go to the end", "跳转到末尾", "Download notebook", "下载 Jupyter notebook"):
        assert not [s for s in snippets if boilerplate in s], f"download boilerplate in a snippet of {query!r}"


def test_unknown_words_still_find_nothing(search_page, site_url):
    assert search(search_page, site_url, "zh_CN", "龙虎豹") == []


# After the first picture whose SVG <title> holds the word, is any word highlighted? (Sphinx's
# highlighting stopped at such a title with "parent.getBBox is not a function".)
HIGHLIGHTED_PAST_A_PICTURE_TITLE = """(word) => {
  const title = [...document.querySelectorAll("article svg title")]
    .find((t) => t.textContent.toLowerCase().includes(word));
  if (!title) return null;
  return [...document.querySelectorAll("article .highlighted")]
    .filter((mark) => title.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING).length;
}"""


@pytest.mark.parametrize(("language", "query"), [("en", "trap"), ("zh_CN", "陷阱")])
def test_a_result_whose_pictures_hold_the_word_is_highlighted_in_full(search_page, site_url, language, query):
    found = [path for path, _ in search(search_page, site_url, language, query)]
    assert "basics/outputs.html" in found, found
    with search_page.expect_navigation():
        search_page.locator('#search-results a[href^="basics/outputs.html"]').first.click()
    search_page.wait_for_load_state("networkidle")
    search_page.wait_for_timeout(500)  # Sphinx highlights a moment after the page is parsed
    after = search_page.evaluate(HIGHLIGHTED_PAST_A_PICTURE_TITLE, query)
    assert after is not None, f"no picture title on basics/outputs.html holds {query!r}: choose another word"
    assert search_page.log.console_errors == [], search_page.log.console_errors
    assert after > 0, f"nothing highlighted after the first picture whose title holds {query!r}"


def search_index(language: str) -> dict:
    text = (SITE / language / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


def ranked(page, queries: list[str]) -> dict[str, list[str]]:
    """The pages each query finds, best first, by Sphinx's search functions on the loaded search page."""
    return page.evaluate(
        """(queries) => Object.fromEntries(queries.map((query) => [query,
             Search._performSearch(...Search._parseQuery(query)).reverse().map((result) => result[0])]))""",
        queries,
    )


NOT_ON_THE_SITE = {"en": ["zebrafish", "lighthouse", "xylophone"], "zh_CN": ["龙虎豹", "鹦鹉", "潜水艇"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_query_with_a_word_of_the_site_finds_nothing(search_page, site_url, language):
    """300 queries of 1 to 3 words of the site (the words of its pages that its search index holds; a word that only names no topic, one of conf/search-words.toml's skip words or
    Sphinx's stop words, aside) with 0 to 2 words the site never uses: each finds a page. Sphinx
    required every word: a word the site lacks, or two words no page has both of, found nothing."""
    search(search_page, site_url, language, "LSTM")
    stop = set(search_page.evaluate("() => [...stopwords]"))
    texts = snippets.read(SITE / language / snippets.FILENAME)
    index = search_index(language)
    stem = snowballstemmer.stemmer("english").stemWord  # as both editions stem Latin words
    latin = {word for text, _spans in texts.values() for word in re.findall(r"[A-Za-z_]\w+", text)}
    # Words of the text that the index holds (not, say, a formula's letters run together).
    on_the_site = {word for word in latin if stem(word.lower()) in index["terms"]}
    on_the_site |= {word for word in index["terms"] if not word.isascii()}
    words = sorted(word for word in on_the_site if len(word) > 1 and word.lower() not in stop)
    pick = random.Random(27)
    queries = []
    for _ in range(300):
        chosen = pick.sample(words, pick.randint(1, 3)) + pick.sample(NOT_ON_THE_SITE[language], pick.randint(0, 2))
        pick.shuffle(chosen)
        queries.append(" ".join(chosen))
    found = ranked(search_page, queries)
    nothing = [query for query, pages in found.items() if not pages]
    assert not nothing, f"{len(nothing)} of {len(queries)} queries found nothing: {nothing[:10]}"
    assert ranked(search_page, [" ".join(NOT_ON_THE_SITE[language])]) == {" ".join(NOT_ON_THE_SITE[language]): []}


@pytest.mark.parametrize(
    ("language", "query"), [("zh_CN", "时间步 双向"), ("zh_CN", "细胞状态 投影"), ("en", "cell projection")]
)
def test_every_word_of_a_query_counts_two_character_words_too(search_page, site_url, language, query):
    """Sphinx let a page with only the words of three characters or more through (双向 has two)."""
    search(search_page, site_url, language, query)
    pages = search_page.evaluate(
        """(query) => {
             const [, words] = Search._parseQuery(query);
             const index = Search._index;
             const holds = (word, file) => [index.terms[word], index.titleterms[word]]
               .some((files) => files !== undefined && [files].flat().includes(file));
             return Search.performTermsSearch(words, new Set()).map((result) => [result[0],
               [...words].every((word) => holds(word, index.docnames.indexOf(result[0])))]);
           }""",
        query,
    )
    assert pages, f"{query!r} finds no page"
    assert all(holds for _, holds in pages), f"{query!r}: pages without one of its words: {pages}"


KIB = 1024
FIRST_QUERY = 300 * KIB
LATER_QUERY = 32 * KIB  # the search page itself (about 20 KiB) comes again with each query
TRANSFERRED = """() => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
                   .map((entry) => [entry.name.replace(location.origin, ""), entry.transferSize])"""


def typed_query_bytes(page, query: str) -> tuple[int, list]:
    """Bytes the browser transferred for a query typed into the search box, once its results are shown."""
    box = page.locator("input[name=q]").first
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_function("() => document.querySelector('#search-results .search-summary')?.textContent.trim()")
    page.wait_for_load_state("networkidle")  # the snippets' downloads, if any
    transfers = sorted(page.evaluate(TRANSFERRED), key=lambda transfer: -transfer[1])
    return sum(size for _, size in transfers), transfers[:5]


@pytest.mark.parametrize(
    ("language", "first", "later"),
    [("en", "hidden state", "bidirectional final state"), ("zh_CN", "隐藏状态", "双向 最终状态")],
)
def test_a_first_query_costs_at_most_300_kib_and_a_later_one_little(browser, site_url, language, first, later):
    """Typed on the search page, in a browser with an empty cache (and no request routing, which
    turns Playwright's cache off). Sphinx downloaded every result's page for its snippet."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{language}/search.html")
        page.wait_for_load_state("networkidle")
        spent, largest = typed_query_bytes(page, first)
        assert spent <= FIRST_QUERY, f"{first!r} cost {spent / KIB:.0f} KiB; largest: {largest}"
        assert page.locator("#search-results p.context").count(), "no snippet"
        spent, largest = typed_query_bytes(page, later)
        assert spent <= LATER_QUERY, f"{later!r} cost {spent / KIB:.0f} KiB; largest: {largest}"
    finally:
        context.close()
