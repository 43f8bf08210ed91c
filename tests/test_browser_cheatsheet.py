"""The cheat sheet on a phone: every shape and identity stays on one line (no tuple
broken mid-way); the table scrolls sideways instead."""

import pytest

from built import LANGUAGES

PHONE = {"width": 375, "height": 812}
BROKEN_CODE = """() => Array.from(document.querySelectorAll("table.lstm-cheatsheet code"))
  .filter((code) => code.getClientRects().length > 1)
  .map((code) => code.textContent)"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_shape_is_broken_across_lines_on_a_phone(page, site_url, language):
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}/{language}/reference/cheatsheet.html", wait_until="load")
    assert page.locator("table.lstm-cheatsheet code").count() > 100
    assert page.evaluate(BROKEN_CODE) == []
