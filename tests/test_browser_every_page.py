"""Every page of both editions in a real browser, at a desktop's and a phone's width, one test
per page, language and width (so that pytest-xdist spreads them over the workers): no serious
or critical accessibility violation (axe-core, light and dark), no console error, no failed or
off-site request, nothing fetched beyond what the page-weight figures count
(tools/page_weight.py), and at a desktop's width every image shows.

The pages are those the sources make (tools.site_facts.source_pages); tests/test_site.py
checks that the build made exactly these.
"""

import pytest

from browser import screenshot
from built import LANGUAGES, SITE, require, source_pages
from page_checks import KEY_PAGES, broken_images, check_page, shot_name

WIDTHS = {"desktop": 1280, "phone": 375}  # at 375 px tables, formulas and code scroll sideways
# Kept as screenshots in _build/screenshots/ (at a desktop's width, light).
SHOWN = {*KEY_PAGES, "reference/cheatsheet.html", "reference/mistakes.html"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", source_pages())
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_accessible_clean_and_weighed_in_full(page, site_url, language, path, width):
    site = require(SITE).resolve()
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    desktop = width == "desktop"
    problems = check_page(page, site_url, site, f"{language}/{path}", weigh=desktop)
    if desktop:
        problems["images that did not load"] = [f"{language}/{path}: {image}" for image in broken_images(page)]
        if path in SHOWN:
            screenshot(page, shot_name(language, path))
    assert {kind: found for kind, found in problems.items() if found} == {}
