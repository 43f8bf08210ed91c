"""On a phone (375 px), in both editions, what a reader taps is at least 24 CSS px high
and wide (WCAG 2.5.8, target size minimum): the language switch in the sidebar drawer,
"Download notebook", the cheat sheet's filter, the explainer's buttons, slider and menus,
the explorer's fields. Links inside running text are exempt (the criterion's inline
exception), and so are two kinds of small target that stand apart: sphinx-copybutton's
20 px button in the corner of a code block, and the explainer's grid of values, a
button per number. And the explainer's headings start where its text starts."""

import pytest

from built import LANGUAGES

PHONE = {"width": 375, "height": 812}
SMALLEST_PX = 24
# (page, what must be on it): the check below is not vacuous on any page.
PAGES = {
    "index.html": ".language-switch a",
    "basics/outputs.html": ".page-notebook a",
    "reference/cheatsheet.html": ".lstm-cheatsheet-filter select",
    "reference/explainer.html": '.lstm-explainer input[type="range"]',
    "reference/explorer.html": ".lstm-explorer select",
}
TARGETS = 'button, select, input:not([type="checkbox"]):not([type="hidden"]), .language-switch a, .page-notebook a'
EXEMPT = ".copybtn, .lstm-explainer__value"

SMALL_TARGETS = """([targets, exempt, smallest]) => {
  const small = [];
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || el.matches(exempt)) continue;
    if (box.width < smallest || box.height < smallest) {
      const name = (el.textContent || el.value || el.type).trim().slice(0, 30);
      small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${name}": ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px`);
    }
  }
  return small;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_controls_are_at_least_24_px_on_a_phone(phone, site_url, language, path):
    phone.goto(f"{site_url}/{language}/{path}", wait_until="networkidle")
    assert phone.locator(PAGES[path]).count() > 0, f"{PAGES[path]} is no longer on {path}: update this test"
    small = phone.evaluate(SMALL_TARGETS, [TARGETS, EXEMPT, SMALLEST_PX])
    assert small == [], f"targets under {SMALLEST_PX} px on {language}/{path}:\n" + "\n".join(small)


@pytest.mark.parametrize("language", LANGUAGES)
def test_explainer_headings_line_up_with_its_text(phone, site_url, language):
    """furo pads headings by 0.5rem and pulls them back with a negative margin; a heading
    given its own margin keeps the padding and sits 8 px to the right of the text."""
    phone.goto(f"{site_url}/{language}/reference/explainer.html", wait_until="networkidle")
    starts = phone.evaluate(
        """() => {
      const start = (el) => el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft);
      const text = start(document.querySelector(".lstm-explainer__status"));
      return [...document.querySelectorAll(".lstm-explainer h3")].map((h) => [h.textContent, start(h) - text]);
    }"""
    )
    assert len(starts) >= 2, "the explainer's headings (equation, provenance) are gone: update this test"
    assert [(heading, offset) for heading, offset in starts if abs(offset) > 0.5] == []
