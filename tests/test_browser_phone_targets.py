"""On a phone (375 px), in both editions, what a reader taps is at least 24 CSS px high
and wide (WCAG 2.5.8, target size minimum): the language switch in the sidebar drawer,
"Download notebook", the cheat sheet's filter, the explainer's buttons, slider and menus,
the explorer's fields. Links inside running text are exempt (the criterion's inline
exception), and so are two kinds of small target that stand apart: sphinx-copybutton's
20 px button in the corner of a code block, and the explainer's grid of values, a
button per number. And the explainer's headings start where its text starts; a table
wider than the screen shows, by a shadow at the edge, that it scrolls."""

import io

import numpy as np
import pytest
from PIL import Image

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


EDGE_PX = 8


def edge_strips(page, wrapper) -> tuple[np.ndarray, np.ndarray]:
    """Left and right 8 px of a table's scrolling wrapper, as pixels."""
    image = np.asarray(Image.open(io.BytesIO(wrapper.screenshot())).convert("L"), dtype=float)
    return image[:, :EDGE_PX], image[:, -EDGE_PX:]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_table_wider_than_the_phone_shows_a_shadow_where_columns_are_hidden(browser, site_url, language, scheme):
    """A table wider than a phone scrolls sideways: at the start a shadow darkens the right edge
    (compared with the same table drawn without the cue) and not the left; scrolled to the end,
    the right edge is plain again and the left one shadowed. No table of the site is that wide
    today (the cheat sheet's rows become cards on a phone): the glossary's is made wider."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/{language}/glossary.html", wait_until="networkidle")
    wrapper = page.locator("[role=main] .table-wrapper.container").first
    wrapper.evaluate("(el) => (el.querySelector('table').style.minWidth = '40rem')")
    assert wrapper.evaluate("(el) => el.scrollWidth > el.clientWidth + 40"), "the table fits: nothing to cue"
    wrapper.scroll_into_view_if_needed()

    def shadow(position: str) -> tuple[float, float]:
        wrapper.evaluate(f"(el) => (el.scrollLeft = {'0' if position == 'start' else 'el.scrollWidth'})")
        cued = edge_strips(page, wrapper)
        wrapper.evaluate("(el) => (el.style.background = 'none')")
        plain = edge_strips(page, wrapper)
        wrapper.evaluate("(el) => (el.style.background = '')")
        # How much darker (light page) or lighter (dark page) the cue makes each edge, 0-255.
        return tuple(float(np.abs(c - p).mean()) for c, p in zip(cued, plain, strict=True))

    start, end = shadow("start"), shadow("end")
    context.close()
    assert start[1] > 3 and start[0] < 0.5, f"at the start, (left, right) edges changed by {start}"
    assert end[0] > 3 and end[1] < 0.5, f"at the end, (left, right) edges changed by {end}"
