"""No English left in the Chinese edition's prose.

Scans the main article of every zh_CN page, leaving out what is meant to stay as
it is (code, literals, math, program output, anything Sphinx marks ``notranslate``)
and reports every run of four or more English words, naming the page.
"""

import re
from html.parser import HTMLParser

import pytest

from built import SITE, require, source_pages

SKIPPED_TAGS = {"code", "pre", "kbd", "samp", "script", "style", "svg", "math", "mjx-container"}
SKIPPED_CLASSES = {
    "notranslate",  # Sphinx's mark on literals, math and highlighted code
    "literal",
    "math",
    "highlight",
    "sphx-glr-script-out",  # sphinx-gallery: printed output
    "cell_output",  # myst-nb: printed output
    "headerlink",
}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BREAK = "\n"  # a skipped span or a block boundary ends a run of words
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t,;:]+[A-Za-z][A-Za-z'’-]*){3,}")


class ArticleText(HTMLParser):
    """Text of ``<article role="main">``, minus the skipped elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is it (or an ancestor) skipped?
        self.article_depth: int | None = None
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skipped = (self.stack[-1] if self.stack else False) or tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)
        self.stack.append(skipped)
        if tag == "article" and attributes.get("role") == "main":
            self.article_depth = len(self.stack)
        if skipped:
            self.parts.append(BREAK)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self.stack:
            return
        if self.article_depth == len(self.stack):
            self.article_depth = None
        self.stack.pop()
        if tag in {"p", "li", "dt", "dd", "div", "h1", "h2", "h3", "h4", "td", "th", "figcaption"}:
            self.parts.append(BREAK)

    def handle_data(self, data):
        if self.article_depth is not None and self.stack and not self.stack[-1]:
            self.parts.append(data)


def english_runs(html: str) -> list[str]:
    parser = ArticleText()
    parser.feed(html)
    text = "".join(parser.parts)
    return [" ".join(match.split()) for match in ENGLISH_RUN.findall(text)]


def test_the_scanner_finds_english_and_spares_code():
    html = (
        '<article role="main"><p>这是 <code class="literal">output of every step</code> 的说明。</p>'
        "<p>This sentence was not translated.</p>"
        '<div class="highlight"><pre>for step in range(4): pass</pre></div>'
        '<span class="math notranslate">\\text{input gate and more}</span></article>'
        "<footer>Made with Sphinx and furo theme</footer>"
    )
    assert english_runs(html) == ["This sentence was not translated"]


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", source_pages())
def test_no_english_sentences_in_chinese_prose(page):
    html = (require(SITE / "zh_CN") / page).read_text(encoding="utf-8")
    runs = english_runs(html)
    assert not runs, f"zh_CN/{page}: English left in the prose:\n" + "\n".join(runs)
