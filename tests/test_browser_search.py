"""The Chinese edition's search page works and finds pages for queries typed without spaces."""

from urllib.parse import quote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# Query -> pages that must be among the results (paths relative to zh_CN/).
EXPECTED = {
    "隐藏状态": ["basics/outputs.html", "glossary.html"],
    "细胞状态": ["basics/outputs.html", "basics/equations.html", "glossary.html"],
    "双向": ["basics/outputs.html", "glossary.html"],
}


def search(page, site_url, query: str) -> list[str]:
    """Result links (without anchors) of the zh_CN search page for ``query``.

    Sphinx writes the summary only after appending the last result.
    """
    page.goto(f"{site_url}/zh_CN/search.html?q={quote(query)}")
    try:
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')?.textContent.trim()", timeout=15_000
        )
    except PlaywrightTimeout:
        pytest.fail(f"the search for {query!r} never finished; page errors: {page.log.console_errors}")
    hrefs = page.locator("#search-results ul.search li > a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    )
    return sorted({href.split("#")[0] for href in hrefs})


@pytest.mark.parametrize("query", EXPECTED)
def test_query_without_spaces_finds_the_pages(page, site_url, query):
    found = search(page, site_url, query)
    missing = [path for path in EXPECTED[query] if path not in found]
    assert not missing, f"{query}: {missing} not among the results {found}"
    assert page.log.console_errors == [] and page.log.third_party == []


def test_query_is_cut_into_words_of_the_index(page, site_url):
    search(page, site_url, "隐藏状态")
    # Why it must be cut: no indexed word contains the whole query, so Sphinx's own
    # lookup (exact, then partial) of the uncut query finds nothing.
    whole = page.evaluate(
        "() => [...Object.keys(Search._index.terms), ...Object.keys(Search._index.titleterms)]"
        "  .filter((term) => term.includes('隐藏状态'))"
    )
    assert whole == []
    words = page.evaluate("() => splitQuery('隐藏状态的形状')")
    assert words == ["隐藏", "状态", "形状"], words


def test_unknown_words_still_find_nothing(page, site_url):
    assert search(page, site_url, "龙虎豹") == []
