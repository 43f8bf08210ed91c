"""The LSTM cell picture in Chromium: legible on a phone and a desktop, light on dark in dark mode, both languages."""

import os
from pathlib import Path

import pytest

from built import LANGUAGES

PAGE = "basics/equations.html"
CELL = "figure.lstm-diagram svg:has(text:text-is('tanh'))"
SHOTS = Path(os.environ.get("LSTMDOCS_SHOTS", "")) if os.environ.get("LSTMDOCS_SHOTS") else None


def luminance(css_colour: str) -> float:
    r, g, b = (int(part) for part in css_colour.split("(", 1)[1].split(")")[0].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_cell_picture_is_legible_and_follows_the_theme(page, site_url, language, scheme, width):
    page.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}/{language}/{PAGE}", wait_until="networkidle")
    picture = page.locator(CELL)
    assert picture.count() == 1
    picture.scroll_into_view_if_needed()
    # Rendered size of every label: its font-size scaled by how much the picture was shrunk to fit.
    sizes = picture.evaluate(
        """svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        }"""
    )
    assert len(sizes) > 40 and min(sizes) >= 11, f"{language} {scheme} {width}px: smallest text {min(sizes):.1f} px"
    box = picture.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, "the picture must fit the screen"
    text_colour = picture.evaluate("svg => getComputedStyle(svg.querySelector('text')).fill")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    contrast = abs(luminance(text_colour) - luminance(background))
    assert contrast > 0.6, f"{scheme}: text {text_colour} on {background}"
    assert (luminance(background) < 0.5) == (scheme == "dark")
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        figure = picture.locator("xpath=ancestor::figure[1]")
        figure.screenshot(path=str(SHOTS / f"cell-{language}-{scheme}-{width}.png"))
