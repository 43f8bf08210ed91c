"""Checks of a page open in Chromium that several browser tests make (the page from tests/browser.py)."""

from pathlib import Path
from urllib.parse import unquote, urlparse

from axe import grave_violations
from tools.page_weight import fetched_files

PHONE = {"width": 375, "height": 812}
SCHEMES = ("light", "dark")
# Pages that most readers see, checked more closely (and kept as screenshots in _build/screenshots/).
KEY_PAGES = [
    "index.html",
    "basics/outputs.html",
    "basics/equations.html",
    "gallery/index.html",
    "gallery/plot_layouts.html",
    "glossary.html",
]


def shot_name(language: str, path: str, variant: str = "") -> str:
    return "-".join(filter(None, [language, path.removesuffix(".html").replace("/", "-"), variant]))


def check_page(page, site_url: str, site: Path, where: str, weigh: bool = True) -> dict[str, list[str]]:
    """Open one page (``where``: its path in the site); its problems, by kind: axe-core's serious and
    critical violations in light and dark mode, console errors, failed and off-site requests, and
    files fetched that the page's weight (tools/page_weight.py) does not count.

    ``weigh``: wait until the network is idle and compare what was fetched with the page's weight
    (once per page is enough: at a phone's width only the load event is awaited, 0.6 s a page less).
    The page is left in the theme it opened in.
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
    theme = page.evaluate("() => document.body.dataset.theme ?? null")
    for scheme in SCHEMES:  # every rule in the first; in the others, which change colours only, the colour rules
        page.evaluate("(scheme) => (document.body.dataset.theme = scheme)", scheme)
        where_now = f"{where} ({scheme}, {page.viewport_size['width']} px)"
        found["axe"] += grave_violations(page, where_now, colours_only=scheme != SCHEMES[0])
    page.evaluate(
        "(theme) => (theme === null ? delete document.body.dataset.theme : (document.body.dataset.theme = theme))",
        theme,
    )
    found["failed requests"] = [f"{where}: {url}" for url in log.failed[start[1] :]]
    found["failed requests"] += [f"{where}: {r.status} {r.url}" for r in responses if r.status >= 400]
    found["off-site requests"] = [f"{where}: {url}" for url in log.third_party[start[2] :]]
    if weigh:
        fetched = {(site / unquote(urlparse(r.url).path).lstrip("/")).resolve() for r in responses if r.status < 400}
        uncounted = fetched - fetched_files(site / where, site)
        found["fetched but not weighed"] = [f"{where}: {f.relative_to(site)}" for f in sorted(uncounted)]
    return found


def broken_images(page) -> list[str]:
    """Sources of <img> elements that did not load (or loaded nothing)."""
    page.evaluate("() => document.querySelectorAll('img').forEach((img) => img.scrollIntoView())")
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        "() => Array.from(document.images)"
        "  .filter((img) => !img.complete || img.naturalWidth === 0)"
        "  .map((img) => img.currentSrc || img.src)"
    )


# furo sets ``html {overflow-x: hidden}``: content wider than the screen is cut off
# rather than scrolled, and ``scrollWidth`` stays at the screen's width. So look for
# the elements themselves: any part of the article reaching past the right edge,
# unless a box around it scrolls (code blocks, furo's table and math wrappers).
OVERFLOWING = """(limit) => {
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const article = document.querySelector("article");
  const found = [];
  for (const el of article.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= limit + 1) continue;
    let scrolled = false;
    for (let up = el.parentElement; up && up !== article.parentElement; up = up.parentElement) {
      if (scrolls(up)) { scrolled = true; break; }
    }
    if (!scrolled) found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: ${Math.round(box.right)}px`);
  }
  return found;
}"""


def overflowing(page, width: int) -> list[str]:
    """What in the article reaches past ``width`` without a box around it that scrolls."""
    return page.evaluate(OVERFLOWING, width)
