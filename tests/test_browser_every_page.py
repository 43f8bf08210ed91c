"""Every page of both editions in a real browser, at a desktop's and a phone's width: no
serious or critical accessibility violation (axe-core, light and dark), no console error,
no failed or off-site request, and nothing fetched beyond what the page-weight figures
count (tools/page_weight.py)."""

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from axe import grave_violations
from built import LANGUAGES, SITE, pages, require
from tools.page_weight import fetched_files

SCHEMES = ("light", "dark")
WIDTHS = {"desktop": 1280, "phone": 375}  # at 375 px tables, formulas and code scroll sideways


def check_page(page, site_url: str, site: Path, where: str, weigh: bool = True) -> dict[str, list[str]]:
    """Open one page (``where``: its path in the site); its problems, by kind.

    ``weigh``: wait until the network is idle and compare what was fetched with the page's weight
    (once per page is enough: at a phone's width only the load event is awaited, 0.6 s a page less).
    """
    responses = []
    log = page.log
    start = len(log.console_errors), len(log.failed), len(log.third_party)

    def record(response):
        responses.append(response)

    page.on("response", record)
    page.goto(f"{site_url}/{where}", wait_until="networkidle" if weigh else "load")
    page.remove_listener("response", record)
    found = {"axe": [], "console errors": [f"{where}: {e}" for e in log.console_errors[start[0] :]]}
    for scheme in SCHEMES:
        page.evaluate("(scheme) => (document.body.dataset.theme = scheme)", scheme)
        found["axe"] += grave_violations(page, f"{where} ({scheme}, {page.viewport_size['width']} px)")
    found["failed requests"] = [f"{where}: {url}" for url in log.failed[start[1] :]]
    found["failed requests"] += [f"{where}: {r.status} {r.url}" for r in responses if r.status >= 400]
    found["off-site requests"] = [f"{where}: {url}" for url in log.third_party[start[2] :]]
    if weigh:
        fetched = {(site / unquote(urlparse(r.url).path).lstrip("/")).resolve() for r in responses if r.status < 400}
        uncounted = fetched - fetched_files(site / where, site)
        found["fetched but not weighed"] = [f"{where}: {f.relative_to(site)}" for f in sorted(uncounted)]
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_accessible_clean_and_weighed_in_full(page, site_url, language, width):
    site = require(SITE).resolve()
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    problems: dict[str, list[str]] = {}
    for path in pages(language):
        for kind, found in check_page(page, site_url, site, f"{language}/{path}", weigh=width == "desktop").items():
            problems.setdefault(kind, []).extend(found)
    assert {kind: found for kind, found in problems.items() if found} == {}


def test_the_404_page_is_accessible_and_clean(page, site_url):
    problems = check_page(page, site_url, require(SITE).resolve(), "404.html")
    assert {kind: found for kind, found in problems.items() if found} == {}
    assert page.locator('link[rel="icon"]').get_attribute("href").startswith("data:image/svg+xml,")
