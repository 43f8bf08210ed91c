"""The language switch keeps the reader's place, both ways (en → zh_CN, zh_CN → en), in Chromium:
the section being read, a fragment the address names, the search query (the other edition runs
the search) and the explorer's and explainer's state; without JavaScript it opens the other page."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

DIRECTIONS = [("en", "zh_CN"), ("zh_CN", "en")]
IDS = [f"{source}->{target}" for source, target in DIRECTIONS]
SWITCH = "a.language-switch__link"

# Where the reader is: each section of the page with its place among the page's sections,
# its heading's text and the code in that heading (the same in both editions).
SECTIONS = """() => [...document.querySelectorAll("article section[id]")].map((section, index) => {
  const heading = section.querySelector("h1, h2, h3, h4, h5, h6");
  return {id: section.id, index, heading: heading.textContent.replace(/¶$/, "").trim(),
          code: [...heading.querySelectorAll("code")].map((code) => code.textContent)};
})"""
# At the top of the screen, and the page no longer scrolling (the same place as when last asked).
ON_SCREEN = """(id) => {
  const box = document.getElementById(id).getBoundingClientRect();
  const still = window.lastScrollY === window.scrollY;
  window.lastScrollY = window.scrollY;
  return still && box.top >= -1 && box.top < window.innerHeight / 2;
}"""


def scroll_to(page, id: str, past: int = 0) -> None:
    """Bring a section's start to the top of the screen, then ``past`` pixels further (not smoothly:
    furo scrolls smoothly, and the test would read the place halfway)."""
    page.evaluate(
        """([id, past]) => {
          document.getElementById(id).scrollIntoView({behavior: "instant"});
          window.scrollBy({top: past, behavior: "instant"});
        }""",
        [id, past],
    )


def follow_switch(page, *, keyboard: bool = False) -> None:
    """Follow the switch as a reader does: a click, or Tab to it and Enter."""
    switch = page.locator(SWITCH).first
    with page.expect_navigation():
        if keyboard:
            switch.focus()
            page.keyboard.press("Enter")
        else:
            switch.click()
    page.wait_for_load_state("networkidle")


def assert_on_screen(page, id: str) -> None:
    """The element is at the top of the screen, once the browser's (smooth) scroll to it ends."""
    try:
        page.wait_for_function(ON_SCREEN, arg=id, polling=100, timeout=5_000)
    except PlaywrightTimeout:
        pytest.fail(f"#{id} is not at the top of the screen")


def assert_same_section(before: dict, page, source: str, target: str) -> None:
    """The section the reader lands on is the twin of the one they left: the same place among
    the page's sections, the same code in its heading, its heading in the other language."""
    assert urlparse(page.url).fragment == before["id"], page.url
    assert_on_screen(page, before["id"])
    after = next(section for section in page.evaluate(SECTIONS) if section["id"] == before["id"])
    assert (after["index"], after["code"]) == (before["index"], before["code"])
    assert after["heading"] != before["heading"], "the heading is not translated: same edition?"
    chinese = after if target == "zh_CN" else before
    assert any("\u4e00" <= character <= "\u9fff" for character in chinese["heading"]), chinese


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=IDS)
def test_the_switch_keeps_the_section_scrolled_to(page, site_url, source, target):
    page.goto(f"{site_url}/{source}/basics/outputs.html", wait_until="networkidle")
    sections = page.evaluate(SECTIONS)
    deep = sections[-3]  # deep in the page, not the last (which may not reach the top of the screen)
    assert deep["index"] >= 5, sections
    scroll_to(page, deep["id"], past=120)  # the reader reads on, a little past the heading
    follow_switch(page)
    assert urlparse(page.url).path == f"/{target}/basics/outputs.html"
    assert_same_section(deep, page, source, target)
    assert page.log.console_errors == []


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=IDS)
def test_the_switch_keeps_a_section_the_address_names_and_works_from_the_keyboard(page, site_url, source, target):
    page.goto(f"{site_url}/{source}/basics/outputs.html", wait_until="networkidle")
    named = page.evaluate(SECTIONS)[4]
    page.goto("about:blank")  # a new visit: the browser opens the page at the section, not scrolling there
    page.goto(f"{site_url}/{source}/basics/outputs.html#{named['id']}", wait_until="networkidle")
    assert_on_screen(page, named["id"])
    follow_switch(page, keyboard=True)
    assert_same_section(named, page, source, target)
    # Back at the top, the switch leads to the other page's top.
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.evaluate("history.replaceState(null, '', location.pathname)")
    follow_switch(page)
    assert urlparse(page.url).path == f"/{source}/basics/outputs.html" and urlparse(page.url).fragment == ""


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=IDS)
def test_a_glossary_term_in_the_address_is_kept(page, site_url, source, target):
    page.goto(f"{site_url}/{source}/glossary.html#term-hidden-state", wait_until="networkidle")
    before = page.locator("#term-hidden-state").inner_text()
    follow_switch(page)
    assert urlparse(page.url).fragment == "term-hidden-state"
    assert_on_screen(page, "term-hidden-state")
    after = page.locator("#term-hidden-state").inner_text()
    assert before != after and "hidden state" in (after if target == "en" else before).lower()


@pytest.mark.parametrize(("source", "target", "query"), [("en", "zh_CN", "h_n"), ("zh_CN", "en", "batch_first")])
def test_from_the_search_page_the_other_edition_runs_the_same_search(page, site_url, source, target, query):
    def results() -> int:
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')?.textContent.trim()", timeout=15_000
        )
        return page.locator("#search-results ul.search > li").count()

    page.goto(f"{site_url}/{source}/search.html?q={query}", wait_until="networkidle")
    assert results() > 0
    follow_switch(page)
    assert urlparse(page.url).path == f"/{target}/search.html"
    assert parse_qs(urlparse(page.url).query)["q"] == [query]
    assert results() > 0, f"the {target} search for {query!r} found nothing"
    assert page.evaluate("document.documentElement.lang") == target.replace("_", "-")
    assert page.log.console_errors == []


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=IDS)
def test_the_explorer_and_the_explainer_keep_their_state(page, site_url, source, target):
    page.goto(f"{site_url}/{source}/reference/explorer.html", wait_until="networkidle")
    page.fill("#lstm-hidden-size", "7")
    page.check("#lstm-h0-batch_first")
    shapes = page.locator("#lstm-explorer-results .lstm-explorer__shape").all_inner_texts()
    query = urlparse(page.url).query
    follow_switch(page)
    assert urlparse(page.url).path == f"/{target}/reference/explorer.html"
    assert urlparse(page.url).query == query
    assert page.locator("#lstm-hidden-size").input_value() == "7"
    assert page.locator("#lstm-h0-batch_first").is_checked()
    assert page.locator("#lstm-explorer-results .lstm-explorer__shape").all_inner_texts() == shapes

    page.goto(f"{site_url}/{source}/reference/explainer.html?config=packed", wait_until="networkidle")
    page.wait_for_selector(".lstm-explainer__status")
    page.locator('.lstm-explainer button[data-action="next"]').click()
    page.locator('.lstm-explainer button[data-action="next"]').click()
    state = parse_qs(urlparse(page.url).query)
    assert state["config"] == ["packed"] and state["step"] == ["2"]
    follow_switch(page)
    page.wait_for_selector(".lstm-explainer__status")
    assert urlparse(page.url).path == f"/{target}/reference/explainer.html"
    assert parse_qs(urlparse(page.url).query) == state
    assert page.locator("#lstm-explainer").get_attribute("data-step") == "2"
    assert page.locator("select[name=config]").input_value() == "packed"
    assert page.log.console_errors == []


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=IDS)
def test_on_a_phone_the_switch_in_the_menu_keeps_the_section(browser, site_url, source, target):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{site_url}/{source}/basics/outputs.html", wait_until="networkidle")
    deep = page.evaluate(SECTIONS)[-3]
    scroll_to(page, deep["id"])
    page.locator("label.nav-overlay-icon").click()  # furo's menu button opens the sidebar
    page.locator(SWITCH).first.wait_for(state="visible")
    follow_switch(page)
    assert_same_section(deep, page, source, target)
    context.close()


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=IDS)
def test_without_javascript_the_switch_opens_the_other_page(browser, site_url, source, target):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{source}/basics/outputs.html?q=x#summary")
    assert page.locator(SWITCH).first.get_attribute("href") == f"../../{target}/basics/outputs.html"
    page.locator(SWITCH).first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == f"/{target}/basics/outputs.html"
    context.close()
