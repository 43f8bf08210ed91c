"""The 404 page works wherever a host serves it: its links lead to both editions."""

import pytest

from built import SITE, require


@pytest.mark.parametrize("missing", ["/no-such-page.html", "/en/gone/deeper/page.html", "/zh_CN/old.html"])
def test_404_links_lead_home_from_any_depth(page, site_url, missing):
    not_found = require(SITE / "404.html").read_text(encoding="utf-8")
    # Hosts answer a missing address with 404.html's bytes at that address.
    page.route(
        f"{site_url}{missing}", lambda route: route.fulfill(status=404, body=not_found, content_type="text/html")
    )
    page.goto(f"{site_url}{missing}")
    for language in ("en", "zh_CN"):
        page.click(f'a.home[data-lang="{language}"]')
        page.wait_for_url(f"{site_url}/{language}/index.html")
        assert page.locator("html").get_attribute("lang") == language.replace("_", "-")
        page.goto(f"{site_url}{missing}")
    assert page.log.third_party == []
    # The browser reports the 404 status itself; nothing else may fail (the inline script).
    assert [error for error in page.log.console_errors if "status of 404" not in error] == []
