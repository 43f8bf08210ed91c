"""The accessibility gate can fail: axe-core finds a deliberately unlabelled link in a
tiny furo site (tests/roots/test-axe) and names page, rule and element, while the
same site's clean page, with a captioned toctree and a wide code block, passes."""

import pytest

from axe import grave_violations


@pytest.mark.sphinx("html", testroot="axe")
def test_axe_names_the_unlabelled_link_and_passes_the_clean_page(app, browser):
    app.build()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((app.outdir / "index.html").as_uri())
        assert grave_violations(page, "index.html") == []
        assert page.locator('p.caption[role="heading"][aria-level="2"]').count() > 0
        assert page.locator('pre[tabindex="0"]').count() > 0
        page.goto((app.outdir / "unlabelled.html").as_uri())
        found = grave_violations(page, "unlabelled.html")
    finally:
        page.close()
    assert len(found) == 1, found
    assert found[0].startswith("unlabelled.html: link-name (serious,")
    assert found[0].endswith('a[href$="#top"]') or "#top" in found[0], found
