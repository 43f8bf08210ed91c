"""The 404 page: accessible and clean like every page, and wherever a host serves it, its links
lead to both editions."""

from built import LANGUAGES, SITE, require
from page_checks import check_page

# Addresses at several depths that a host answers with 404.html.
MISSING = ["/no-such-page.html", "/en/gone/deeper/page.html", "/zh_CN/old.html"]


def test_the_404_page_is_accessible_clean_and_leads_home_from_any_depth(page, site_url):
    site = require(SITE).resolve()
    problems = check_page(page, site_url, site, "404.html")
    assert {kind: found for kind, found in problems.items() if found} == {}
    assert page.locator('link[rel="icon"]').get_attribute("href").startswith("data:image/svg+xml,")

    not_found = (site / "404.html").read_text(encoding="utf-8")
    for missing in MISSING:
        # Hosts answer a missing address with 404.html's bytes at that address.
        page.route(
            f"{site_url}{missing}", lambda route: route.fulfill(status=404, body=not_found, content_type="text/html")
        )
        page.goto(f"{site_url}{missing}")
        for language in LANGUAGES:
            page.click(f'a.home[data-lang="{language}"]')
            page.wait_for_url(f"{site_url}/{language}/index.html")
            assert page.locator("html").get_attribute("lang") == language.replace("_", "-"), missing
            page.goto(f"{site_url}{missing}")
    assert page.log.third_party == []
    # The browser reports the 404 status itself; nothing else may fail (the inline script).
    assert [error for error in page.log.console_errors if "status of 404" not in error] == []
