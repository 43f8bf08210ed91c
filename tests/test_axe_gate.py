"""The accessibility gate can fail: axe-core finds a deliberately unlabelled link in a
tiny furo site (tests/roots/test-axe) and names page, rule and element, while the
same site's clean page, with a captioned toctree and a code block, a table and a
formula wider than a phone, passes at a desktop's and a phone's width; without their
tabindex, the phone's width fails."""

import pytest

from axe import grave_violations

WIDTHS = (1280, 375)
NOT_FOCUSABLE = "() => document.querySelectorAll('[tabindex]').forEach((e) => e.removeAttribute('tabindex'))"


@pytest.mark.sphinx("html", testroot="axe")
def test_axe_names_the_unlabelled_link_and_the_unreachable_scrolling_and_passes_the_clean_page(app, browser):
    app.build()
    page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
    try:
        page.goto((app.outdir / "index.html").as_uri())
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert grave_violations(page, f"index.html at {width} px") == []
        assert page.locator('p.caption[role="heading"][aria-level="2"]').count() > 0
        scrollers = ('pre[tabindex="0"]', '.table-wrapper[tabindex="0"]', '.math-wrapper[tabindex="0"]')
        assert [page.locator(selector).count() for selector in scrollers] == [1, 1, 1]
        page.evaluate(NOT_FOCUSABLE)
        unreachable = grave_violations(page, "index.html")
        page.goto((app.outdir / "unlabelled.html").as_uri())
        found = grave_violations(page, "unlabelled.html")
    finally:
        page.close()
    assert len(unreachable) == 3, unreachable  # at 375 px the code, the table and the formula scroll
    assert all("scrollable-region-focusable" in line for line in unreachable), unreachable
    assert len(found) == 1, found
    assert found[0].startswith("unlabelled.html: link-name (serious,")
    assert found[0].endswith('a[href$="#top"]') or "#top" in found[0], found


def test_the_dark_pass_runs_every_rule_that_reads_colours():
    """The second colour scheme runs only COLOUR_RULES: the rules of RULE_TAGS that name a colour or contrast.
    A newer axe-core with another such rule fails here until the list has it."""
    import json
    import subprocess

    from axe import AXE, COLOUR_RULES, RULE_TAGS
    from built import program

    script = (
        f"const axe = require({json.dumps(str(AXE.parent))});"
        f"const rules = axe.getRules({json.dumps(RULE_TAGS)});"
        "console.log(JSON.stringify(rules.filter((r) => /colou?r|contrast/i.test(r.ruleId + r.description + r.help))"
        ".map((r) => r.ruleId)));"
    )
    found = subprocess.run(
        [program("node", "apt-get install nodejs"), "-e", script], capture_output=True, text=True, check=True
    )
    assert sorted(json.loads(found.stdout)) == sorted(COLOUR_RULES)
