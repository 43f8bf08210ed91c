"""In Chromium, after the scripts ran: the copy button and everything else scripts add speak Chinese."""

import pytest

from english_words import english_words


@pytest.mark.parametrize("path", ["basics/outputs.html", "gallery/plot_layouts.html", "reference/explorer.html"])
def test_a_chinese_page_stays_chinese_once_its_scripts_ran(page, site_url, path):
    page.goto(f"{site_url}/zh_CN/{path}")
    page.wait_for_selector(".copybtn", state="attached")
    assert page.get_attribute(".copybtn", "data-tooltip") == "复制"
    found = english_words(page.content())
    assert not found, f"zh_CN/{path} in Chromium:\n" + "\n".join(found)
