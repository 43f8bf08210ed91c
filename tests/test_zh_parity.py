"""The Chinese edition shows what the English one shows, page by page.

For every page and its twin in the other language, the main article must have the
same code blocks (code and printed output; comments may be translated), the same display math (``\\text{...}``
may be translated), the same number of figures and images and the same table
shapes. A failure names the page and the first difference.
"""

import re

import pytest
from bs4 import BeautifulSoup

from built import SITE, pages, source_pages
from lstmdocs.i18n.code_comments import without_comments

TEXT_IN_MATH = re.compile(r"\\text\{[^{}]*\}")


def display_math(math) -> str:
    """The TeX of a display-math element, whatever renders it, with ``\\text{}`` emptied."""
    source = math.find("annotation", attrs={"encoding": "application/x-tex"})
    if source is not None:
        math = source
    for words in math.find_all("mtext"):  # MathML rendered at build time: \text{} becomes <mtext>
        words.string = r"\text{}"
    return " ".join(TEXT_IN_MATH.sub(r"\\text{}", math.get_text()).split())


def code_without_comments(pre) -> str:
    """A block's text; a Python block's without its comments, which the Chinese edition translates
    (tests/test_zh_code_comments.py checks them)."""
    wrapper = pre.find_parent("div", class_=re.compile("^highlight-"))
    classes = wrapper.get("class", []) if wrapper else []
    language = next((c.removeprefix("highlight-") for c in classes if c.startswith("highlight-")), "")
    return without_comments(pre.get_text(), language)


def structure(html: str) -> dict[str, list]:
    """What must not differ between the languages, in page order."""
    article = BeautifulSoup(html, "html.parser").find("article", attrs={"role": "main"})
    assert article is not None, "no <article role=main>"
    return {
        "code block": [code_without_comments(pre) for pre in article.find_all("pre")],
        "display math": [display_math(math) for math in article.select("div.math")],
        "figures and images": [
            len(article.find_all("figure")),
            len(article.find_all("img")),
            len([svg for svg in article.find_all("svg") if svg.find_parent("svg") is None]),
        ],
        "table shape": [
            [len(row.find_all(["td", "th"])) for row in table.find_all("tr")] for table in article.find_all("table")
        ],
    }


def first_difference(english: str, chinese: str) -> str | None:
    theirs, ours = structure(english), structure(chinese)
    for kind, expected in theirs.items():
        found = ours[kind]
        for index, (en_item, zh_item) in enumerate(zip(expected, found, strict=False)):
            if en_item != zh_item:
                return f"{kind} {index + 1}: English {str(en_item)[:300]!r}, Chinese {str(zh_item)[:300]!r}"
        if len(expected) != len(found):
            return f"{kind}: {len(expected)} in English, {len(found)} in Chinese"
    return None


@pytest.mark.usefixtures("built_site")
def test_both_editions_have_the_same_pages():
    assert pages("zh_CN") == pages("en")


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", [p for p in source_pages() if p not in {"search.html", "genindex.html"}])
def test_chinese_page_shows_what_the_english_one_shows(page):
    english = (SITE / "en" / page).read_text(encoding="utf-8")
    chinese = (SITE / "zh_CN" / page).read_text(encoding="utf-8")
    difference = first_difference(english, chinese)
    assert difference is None, f"zh_CN/{page} differs from en/{page}: {difference}"


def test_the_gate_catches_lost_math_code_figures_and_table_cells():
    english = (
        '<article role="main"><div class="math">\\[a = b \\quad \\text{input gate}\\]</div>'
        "<pre>x = 1</pre><figure><img src='a.svg'></figure><table><tr><td>1</td><td>2</td></tr></table></article>"
    )
    assert first_difference(english, english.replace("input gate", "输入门")) is None
    assert first_difference(english, english.replace("a = b \\quad \\text{input gate}", "::")).startswith(
        "display math 1"
    )
    mathml = '<article role="main"><div class="math"><math><mi>a</mi><mtext>input gate</mtext></math></div></article>'
    assert first_difference(mathml, mathml.replace("input gate", "输入门")) is None
    assert first_difference(mathml, mathml.replace("<mi>a</mi>", "<mi>b</mi>")).startswith("display math 1")
    assert first_difference(english, english.replace("x = 1", "x = 2")).startswith("code block 1")
    python = '<article role="main"><div class="highlight-python"><pre>x = 1  # one</pre></div></article>'
    assert first_difference(python, python.replace("# one", "# 一")) is None  # a translated comment
    assert first_difference(python, python.replace("x = 1", "x = 2")).startswith("code block 1")
    assert first_difference(english, english.replace("x = 1", "x = 1  # 一")).startswith("code block 1")  # not Python
    assert first_difference(english, english.replace("<figure><img src='a.svg'></figure>", "")).startswith(
        "figures and images"
    )
    assert first_difference(english, english.replace("<td>2</td>", "")).startswith("table shape 1")
