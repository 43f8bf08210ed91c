"""Every picture whole on a phone (issue #25), in Chromium, both editions, at 375 and 1280 px.

- Every label of a picture that names ``output``, ``h_n`` or ``c_n`` (the inline SVG the
  build draws, and any other inline SVG of a page) lies inside what the reader sees without
  scrolling anything sideways: the screen's width, the picture and every box around it
  that clips (a scrolling box shows only its start until scrolled).
- Every gallery figure (an SVG image) lies wholly inside the same: legends and panels too.
- Every identity cell of the cheat sheet, and each piece of code in it, lies wholly
  inside it: with and without JavaScript.

A label or figure drawn but not shown (the wide picture while the narrow one is shown,
``display: none``) is not counted; every figure must show labels, so a picture hidden
whole fails too.
"""

import pytest

from built import LANGUAGES, pages

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 375, "desktop": 1280}
CHEATSHEET = "reference/cheatsheet.html"
IDENTITY_CELLS = 3 * 16  # three tables (batched, unbatched, packed input) of 16 configurations

# The part of the page an element can be seen in without scrolling sideways: the screen's
# width, cut by every ancestor that clips its overflow (a scrolling box shows its start).
VISIBLE_BOX = """
const clip = (a, b) => ({left: Math.max(a.left, b.left), right: Math.min(a.right, b.right),
                         top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom)});
const visibleBox = (element) => {
  let box = {left: 0, right: document.documentElement.clientWidth, top: -Infinity, bottom: Infinity};
  for (let a = element.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (a instanceof SVGSVGElement || style.overflowX !== "visible" || style.overflowY !== "visible")
      box = clip(box, a.getBoundingClientRect());
  }
  return box;
};
const outside = (element) => {
  const r = element.getBoundingClientRect(), v = visibleBox(element);
  const cut = r.left < v.left - 0.5 || r.right > v.right + 0.5 || r.top < v.top - 0.5 || r.bottom > v.bottom + 0.5;
  return cut ? `[${r.left.toFixed(0)}, ${r.right.toFixed(0)}] x [${r.top.toFixed(0)}, ${r.bottom.toFixed(0)}]` +
    ` seen within [${v.left.toFixed(0)}, ${v.right.toFixed(0)}] x [${v.top.toFixed(0)}, ${v.bottom.toFixed(0)}]` : "";
};
const shown = (element) => element.getClientRects().length > 0;
"""

PICTURE_LABELS = (
    """() => {"""
    + VISIBLE_BOX
    + """
  const LABEL = /\\b(output|h_n|c_n)\\b/;
  const found = {labels: 0, hidden: [], figures: 0, bare: [], images: 0};
  const article = document.querySelector("article");
  for (const svg of article.querySelectorAll("svg")) {
    const where = svg.closest("[id]")?.id || "svg";
    for (const text of svg.querySelectorAll("text")) {
      if (!LABEL.test(text.textContent) || !shown(text)) continue;
      found.labels += 1;
      const cut = outside(text);
      if (cut) found.hidden.push(`${where}: ${text.textContent.trim()} at ${cut}`);
    }
  }
  for (const figure of article.querySelectorAll("figure.lstm-diagram")) {
    found.figures += 1;
    const labels = [...figure.querySelectorAll("svg text")].filter((t) => LABEL.test(t.textContent));
    if (labels.length > 0 && !labels.some(shown)) found.bare.push(figure.id);  // the cell picture names none
  }
  for (const pair of article.querySelectorAll(".lstm-variants")) {  // a wide and a narrow layout: one shows
    const showing = [...pair.children].filter(shown).length;
    if (showing !== 1) found.bare.push(`${pair.querySelector("img, svg")?.id || "a figure"}: ${showing} layouts shown`);
  }
  for (const image of article.querySelectorAll("img.sphx-glr-single-img")) {
    if (!shown(image)) continue;
    found.images += 1;
    const cut = outside(image);
    if (cut) found.hidden.push(`${(image.currentSrc || image.src).split("/").pop()}: the figure at ${cut}`);
  }
  return found;
}"""
)

IDENTITIES = (
    """() => {"""
    + VISIBLE_BOX
    + """
  const found = {cells: 0, cut: []};
  for (const row of document.querySelectorAll("table.lstm-cheatsheet tbody tr")) {
    const cell = row.cells[row.cells.length - 1];
    found.cells += 1;
    const cut = [cell, ...cell.querySelectorAll("code")].map(outside).find(Boolean);
    if (cut) found.cut.push(`${row.cells[0].innerText.replace(/\\s+/g, " ")}: ${cell.innerText.trim()} at ${cut}`);
  }
  return found;
}"""
)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_labelled_tensor_of_every_picture_is_on_screen(tab, site_url, language, width):
    tab.set_viewport_size({"width": WIDTHS[width], "height": 900})
    labels = figures = images = 0
    hidden, bare = [], []
    for path in pages(language):
        tab.goto(f"{site_url}/{language}/{path}", wait_until="load")
        found = tab.evaluate(PICTURE_LABELS)
        labels, figures, images = labels + found["labels"], figures + found["figures"], images + found["images"]
        hidden += [f"{path} {where}" for where in found["hidden"]]
        bare += [f"{path} {figure}" for figure in found["bare"]]
    assert labels > 100 and figures >= 12 and images >= 10, (labels, figures, images)  # still finding them
    assert not hidden, f"{len(hidden)} labels or figures off screen at {WIDTHS[width]} px:\n" + "\n".join(hidden)
    assert not bare, "pictures that show none of their labelled tensors, or not one layout:\n" + "\n".join(bare)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cheat_sheet_identity_is_whole_on_a_phone(browser, site_url, language, javascript):
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 812}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{site_url}/{language}/{CHEATSHEET}", wait_until="load")
    found = page.evaluate(IDENTITIES)
    context.close()
    assert found["cells"] == IDENTITY_CELLS
    assert not found["cut"], f"{len(found['cut'])} identity cells cut:\n" + "\n".join(found["cut"])
