"""Every figure of every page, both editions, read in a real browser at a phone's and a
desktop's width: no text in a figure renders smaller than 11 CSS px; and in dark mode
every figure sits on the dark page, not in a white box, with its text still light.

Inline SVG (the pictures `lstmdocs.pictures.diagrams` draws, the explorer's): each ``<text>``
element's computed font size times the scale the page draws it at. SVG images (the
gallery's matplotlib figures): the same, measured on a copy of the image's SVG laid
out at the size the page shows the image. Gallery thumbnails are excluded: they are
previews whose title is the link, not figures to read.
"""

import io

import numpy as np
import pytest
from PIL import Image

from browser import SCREENSHOTS
from built import LANGUAGES, pages

WIDTHS = {"phone": 375, "desktop": 1280}
SMALLEST_PX = 11

FIGURE_TEXT_SIZES = """async () => {
  const sizes = [];
  const measure = (svg, figure) => {
    for (const text of svg.querySelectorAll("text")) {
      const content = text.textContent.trim();
      if (!content || text.getBoundingClientRect().width === 0) continue;
      const ctm = text.getScreenCTM();
      const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
      sizes.push({figure, text: content, px});
    }
  };
  const article = document.querySelector("article");
  article.querySelectorAll("svg").forEach((svg, i) => measure(svg, svg.closest("[id]")?.id || `svg ${i}`));
  for (const img of article.querySelectorAll("img")) {
    const source = img.currentSrc || img.src;
    if (!/\\.svg([?#]|$)/.test(source) || img.closest(".sphx-glr-thumbcontainer")) continue;
    const box = img.getBoundingClientRect();
    if (box.width === 0) continue;  // the layout not shown at this width (lstm-variants)
    const markup = await (await fetch(source)).text();
    const svg = document.importNode(new DOMParser().parseFromString(markup, "image/svg+xml").documentElement, true);
    svg.setAttribute("width", box.width);
    svg.setAttribute("height", box.height);
    const holder = document.createElement("div");
    holder.style.cssText = "position: absolute; left: 0; top: 0; visibility: hidden";
    holder.append(svg);
    document.body.append(holder);
    measure(svg, source.split("/").pop());
    holder.remove();
  }
  return sizes;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_figure_text_is_smaller_than_11_px(tab, site_url, language, width):
    tab.set_viewport_size({"width": WIDTHS[width], "height": 900})
    too_small, measured = [], 0
    for path in pages(language):
        tab.goto(f"{site_url}/{language}/{path}", wait_until="load")
        sizes = tab.evaluate(FIGURE_TEXT_SIZES)
        measured += len(sizes)
        smallest: dict[str, dict] = {}
        for size in sizes:
            if size["px"] < SMALLEST_PX and size["px"] < smallest.get(size["figure"], {"px": SMALLEST_PX})["px"]:
                smallest[size["figure"]] = size
        too_small += [f"{path} {figure}: {s['text']!r} at {s['px']:.1f} px" for figure, s in smallest.items()]
    assert measured > 500, f"only {measured} figure labels found: is the measurement still finding the figures?"
    assert not too_small, f"figure text below {SMALLEST_PX} px at {WIDTHS[width]} px:\n" + "\n".join(too_small)


FIGURES = "article figure.lstm-diagram .lstm-diagram__scroll, article img.sphx-glr-single-img, article .sphx-glr-thumbcontainer img"


def luminance(pixels: np.ndarray) -> np.ndarray:
    return (pixels[..., :3] @ np.array([0.2126, 0.7152, 0.0722])) / 255


# Each shown figure's box on the page (None where it is not shown at this width: lstm-variants).
FIGURE_BOXES = """(selector) => [...document.querySelectorAll(selector)].map((e) => {
  const r = e.getBoundingClientRect();
  return r.width && r.height ? [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round) : null;
})"""
# Every image loaded and decoded before the page is photographed whole (lazy ones included).
ALL_IMAGES = """async () => {
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_white_figure_background_in_dark_mode(browser, site_url, language):
    """The most common colour of each figure (its background) is dark, and some of it is
    clearly lighter (its text and lines): a white box fails, and so does black text on black.
    One screenshot of the whole page, cut into its figures (a screenshot per figure cost twice the time)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    tab = context.new_page()
    problems, checked = [], 0
    for path in pages(language):
        tab.goto(f"{site_url}/{language}/{path}", wait_until="load")
        tab.evaluate(ALL_IMAGES)
        boxes = tab.evaluate(FIGURE_BOXES, FIGURES)
        if not any(boxes):
            continue
        whole = np.asarray(Image.open(io.BytesIO(tab.screenshot(full_page=True))).convert("RGB"))
        for index, box in enumerate(boxes):
            if box is None:
                continue
            x, y, width, height = box
            image = whole[y : y + height, x : x + width]
            light = luminance(image)
            colours, counts = np.unique(image.reshape(-1, 3), axis=0, return_counts=True)
            background = luminance(colours[counts.argmax()])
            checked += 1
            name = f"{path} figure {index}"
            if background > 0.3:
                problems.append(f"{name}: background {tuple(colours[counts.argmax()])} is light")
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                Image.fromarray(image).save(SCREENSHOTS / f"dark-{language}-{path.replace('/', '-')}-{index}.png")
            elif np.quantile(light, 0.998) - background < 0.3:
                problems.append(f"{name}: no text or lines lighter than the dark background")
    context.close()
    assert checked > 20, f"only {checked} figures found: is the selector still finding them?"
    assert not problems, "in dark mode:\n" + "\n".join(problems)
