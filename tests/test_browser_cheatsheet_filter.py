"""The cheat sheet's filter by arguments in Chromium: it narrows the rows to the chosen configuration, both languages."""

import re

import pytest

from built import LANGUAGES

PAGE = "reference/cheatsheet.html"
ROWS = "table.lstm-cheatsheet tbody tr"
TOTAL = 3 * 16  # batched, unbatched and packed input, 16 configurations each
CJK = re.compile(r"[\u4e00-\u9fff]")


def visible_arguments(page) -> list[str]:
    return page.locator(ROWS).evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.cells[0].innerText)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filter_narrows_the_rows_to_the_chosen_arguments(page, site_url, language):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{site_url}/{language}/{PAGE}", wait_until="networkidle")
    status = page.locator(".lstm-cheatsheet-filter__status")
    assert len(visible_arguments(page)) == TOTAL
    assert f"{TOTAL}" in status.inner_text()

    # By keyboard: focus the batch_first menu (its label names it) and choose True.
    batch_first = page.get_by_label("batch_first")
    batch_first.focus()
    batch_first.select_option("true")
    page.get_by_label("bidirectional").select_option("true")
    shown = visible_arguments(page)
    assert len(shown) == TOTAL // 4  # num_layers and proj_size left free: 4 rows per table
    for arguments in shown:
        assert "batch_first=True" in arguments and "bidirectional=True" in arguments, arguments
    numbers = sorted(int(n) for n in re.findall(r"\d+", status.inner_text()))  # word order differs by language
    assert numbers == [len(shown), TOTAL], status.inner_text()
    assert bool(CJK.search(status.inner_text())) == (language == "zh_CN")
    assert bool(CJK.search(page.locator(".lstm-cheatsheet-filter legend").inner_text())) == (language == "zh_CN")

    # The defaults: every argument at its default leaves one row per table.
    page.get_by_label("batch_first").select_option("false")
    page.get_by_label("bidirectional").select_option("false")
    page.get_by_label("num_layers").select_option("1")
    page.get_by_label("proj_size").select_option("0")
    shown = visible_arguments(page)
    assert len(shown) == 3 and all(CJK.search(a) if language == "zh_CN" else a == "defaults" for a in shown), shown

    page.get_by_label("proj_size").select_option("")  # "any" again
    assert len(visible_arguments(page)) == 6


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_every_row_shows_and_no_filter(browser, site_url, language):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{language}/{PAGE}")
    assert page.locator(ROWS).count() == TOTAL
    assert all(page.locator(ROWS).nth(i).is_visible() for i in (0, TOTAL // 2, TOTAL - 1))
    assert not page.locator(".lstm-cheatsheet-filter").is_visible()
    context.close()
