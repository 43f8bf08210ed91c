"""What a reader's browser fetches on a first visit to each page, and the deployable site's size.

A page's first-visit weight is its HTML plus every file it links for the browser
to load at once: style sheets, scripts, images and the icon, as a plain static
server sends them (uncompressed), and the files its scripts fetch at once, which the
element they serve names in ``data-fetches`` (the explainer's first trace). Files are counted once per page. A browser test
(tests/test_browser_every_page.py) checks that the browser fetches nothing this
list misses. ``nox -s bench`` prints the figures and tests/test_page_weight.py
holds them to the limits below.
"""

import statistics
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from tools.site_facts import html_pages

KIB = 1024
LIMITS = {"median page": 300 * KIB, "largest page": 600 * KIB, "site": 12 * 1000 * 1000}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload"}


class _Fetched(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and FETCHED_LINKS & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs.get("href") or "")
        elif tag in ("script", "img", "iframe") and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        if attrs.get("data-fetches"):
            self.urls.append(attrs["data-fetches"])


def fetched_files(page: Path, site: Path) -> set[Path]:
    """The page and the site's files it makes the browser load (addresses off the site skipped)."""
    parser = _Fetched()
    parser.feed(page.read_text(encoding="utf-8"))
    files = {page.resolve()}
    for url in parser.urls:
        parts = urlparse(url)
        if parts.scheme or parts.netloc or not parts.path:  # data:, other hosts
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        if target.is_file() and target.is_relative_to(site.resolve()):
            files.add(target)
    return files


def first_visit_weights(site: Path) -> dict[str, int]:
    """Bytes of each page's first visit, by the page's path in the site."""
    return {page: sum(f.stat().st_size for f in fetched_files(site / page, site)) for page in html_pages(site)}


def site_size(site: Path) -> int:
    return sum(f.stat().st_size for f in site.rglob("*") if f.is_file())


def figures(site: Path) -> dict[str, int]:
    weights = first_visit_weights(site)
    return {
        "median page": int(statistics.median(weights.values())),
        "largest page": max(weights.values()),
        "site": site_size(site),
    }


def over_limits(figures: dict[str, int]) -> list[str]:
    return [f"{name} {figures[name]:,} B > {limit:,} B" for name, limit in LIMITS.items() if figures[name] > limit]


if __name__ == "__main__":
    import sys

    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/site")
    weights = first_visit_weights(site)
    for name, value in figures(site).items():
        print(f"{name:13} {value / KIB:9.0f} KiB  (limit {LIMITS[name] / KIB:.0f} KiB)")
    largest = max(weights, key=weights.get)
    print(f"largest: {largest}")
