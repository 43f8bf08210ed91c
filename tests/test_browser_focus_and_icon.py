"""A keyboard reaches a code block and sees where focus is; both editions and the landing
page show the favicon (without it, Chromium asks for /favicon.ico and logs a 404)."""

import pytest

FOCUSED_OUTLINE = (
    "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
)


def test_tab_reaches_a_code_block_with_a_visible_focus_ring(page, site_url):
    page.goto(f"{site_url}/en/basics/outputs.html", wait_until="networkidle")
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "PRE":
            break
    else:
        pytest.fail("100 presses of Tab never reached a code block")
    style, width = page.evaluate(FOCUSED_OUTLINE)
    assert style != "none" and float(width.removesuffix("px")) >= 2, (style, width)


@pytest.mark.parametrize("path", ["index.html", "en/index.html", "zh_CN/gallery/index.html"])
def test_the_favicon_loads(page, site_url, path):
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    href = page.locator('link[rel~="icon"]').first.evaluate("(link) => link.href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml"), href
    assert page.log.failed == [] and page.log.console_errors == []
