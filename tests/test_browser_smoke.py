"""Key pages load in a real browser with nothing from third-party hosts."""

import pytest
from browser import screenshot

KEY_PAGES = ["index.html", "basics/outputs.html", "basics/equations.html"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_page_loads_cleanly(page, site_url, language, path):
    page.goto(f"{site_url}/{language}/{path}", wait_until="networkidle")
    assert page.log.third_party == [], "requests to third-party hosts"
    assert page.log.console_errors == [], "console errors"
    assert page.log.failed == [], "failed loads"
    screenshot(page, f"{language}-{path.replace('/', '-')}")


def test_landing_page_sends_a_chinese_reader_to_the_chinese_edition(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.wait_for_url("**/zh_CN/index.html")
    context.close()


def test_math_renders_offline(page, site_url):
    page.goto(f"{site_url}/en/basics/equations.html", wait_until="networkidle")
    page.wait_for_selector("mjx-container", timeout=10_000)
    assert page.log.third_party == []
