"""Check the links of a built static site offline: every internal link must land.

Every ``href`` and ``src`` of every HTML page is resolved against the page's own
location: the file must exist in the site (a folder means its ``index.html``) and a
``#fragment`` must be an ``id`` (or ``<a name>``) in the target page. Links that
leave the site (``http(s)://``, ``mailto:``...) are not fetched, only collected.
The Markdown twins of the pages and ``llms.txt`` are checked too: their ``[text](link)``
links, outside code blocks, and their ``<a id>`` anchors.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src"}
NOT_CHECKED_SCHEMES = {"data", "javascript", "blob"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append(value.strip())
            elif name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value)


MARKDOWN_CODE = re.compile(r"^```.*?^```|`[^`\n]*`", re.MULTILINE | re.DOTALL)
MARKDOWN_LINK = re.compile(r"\]\(([^()\s]+)\)")
MARKDOWN_ANCHOR = re.compile(r'<a id="([^"]+)"></a>')


@cache
def parse(page: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    if page.suffix in (".md", ".txt"):
        text = MARKDOWN_CODE.sub("", page.read_text(encoding="utf-8"))
        return tuple(MARKDOWN_LINK.findall(text)), frozenset(MARKDOWN_ANCHOR.findall(text))
    parser = _PageParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return tuple(parser.links), frozenset(parser.anchors)


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)  # "page: link (why)"
    external: set[str] = field(default_factory=set)
    checked: int = 0


def html_pages(site: Path) -> list[Path]:
    """The HTML pages, their Markdown twins and llms.txt."""
    return sorted([*site.rglob("*.html"), *site.rglob("*.md"), *site.rglob("llms.txt")])


def _target(site: Path, page: Path, path: str) -> Path | None:
    """The file a link's path points at, or None when it leaves the site."""
    target = (page.parent / unquote(path)).resolve() if path else page
    if not target.is_relative_to(site.resolve()):
        return None
    return target / "index.html" if target.is_dir() else target


def check_site(site: Path) -> LinkReport:
    report = LinkReport()
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        for link in parse(page)[0]:
            parts = urlsplit(link)
            if parts.scheme in NOT_CHECKED_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                report.external.add(link)
                continue
            report.checked += 1
            if parts.path.startswith("/"):
                report.broken.append(f"{name}: {link} (absolute path: breaks under a sub-path)")
                continue
            target = _target(site, page, parts.path)
            if target is None:
                report.broken.append(f"{name}: {link} (leaves the site)")
            elif not target.is_file():
                report.broken.append(f"{name}: {link} (no such file)")
            elif (
                parts.fragment and target.suffix in (".html", ".md") and unquote(parts.fragment) not in parse(target)[1]
            ):
                report.broken.append(f"{name}: {link} (no id {parts.fragment!r} in the target)")
    return report
