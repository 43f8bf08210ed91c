"""Descriptions in plain sentences: og:description, the card's text and llms.txt, in both editions
(conf/lstmdocs/page_extras/descriptions.py).

The lint: no LaTeX (``H_{in}``, ``\\begin{aligned}``), no code (a statement, a line of the page's
code), no ASCII punctuation against a Chinese character, no space before Chinese punctuation; each
sentence is the page's own (the text of its paragraphs), so a cross-reference reads as the title
it names, not a file name. ``llms.txt`` names each page by its title.
"""

import html
import re
from functools import cache

import pytest
from bs4 import BeautifulSoup

from built import LANGUAGES, SITE, pages
from lstmdocs.page_extras import descriptions

LATEX = re.compile(r"\\[A-Za-z]+|[_^]\{")
STATEMENT = re.compile(r"\b\w+(?:, \(?[\w, ]+\)?)? = [\w.]+\(|^(?:import|from) \w|\bimport \w+ as\b|>>>")
CJK = r"\u3400-\u9fff"
ASCII_AGAINST_CHINESE = re.compile(rf"[{CJK}][,.;:!?()\[\]]|[,;:!?()\[\]][{CJK}]")
SPACE_BEFORE_FULL_WIDTH = re.compile(r"\s[，。、；：！？）」』》]|[（「『《]\s")
GENERATED = {"search.html", "genindex.html"}  # Sphinx's pages, with no prose of their own
ENTRY = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<twin>[^)]+)\)(?:: (?P<summary>.*))?$", re.M)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def page(language: str, name: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / language / name).read_text(encoding="utf-8"), "html.parser")


@cache
def own_words(language: str, name: str) -> tuple[str, str, list[str]]:
    """The page's title, the text of its paragraphs (without spaces) and its code lines."""
    soup = page(language, name)
    article = soup.find("article", attrs={"role": "main"})
    heading = article.find("h1")
    for link in heading.select("a.headerlink"):
        link.decompose()
    text = squeezed(" ".join(p.get_text() for p in article.find_all("p")))
    code = [line.strip() for pre in article.find_all("pre") for line in pre.get_text().split("\n")]
    return " ".join(heading.get_text().split()), text, [line for line in code if len(line) >= 12]


@cache
def site_summary(language: str) -> str:
    text = (SITE / language / "llms.txt").read_text(encoding="utf-8")
    return re.search(r"^> (.*)$", text, re.M).group(1)


def sentence_breaches(text: str) -> list[str]:
    """What makes ``text`` not plain sentences, whatever the page."""
    found = [f"LaTeX {m.group()!r}" for m in LATEX.finditer(text)]
    found += [f"code {m.group()!r}" for m in STATEMENT.finditer(text)]
    found += [f"ASCII punctuation against Chinese {m.group()!r}" for m in ASCII_AGAINST_CHINESE.finditer(text)]
    found += [f"a space around Chinese punctuation {m.group()!r}" for m in SPACE_BEFORE_FULL_WIDTH.finditer(text)]
    return found


def breaches(text: str, language: str, name: str) -> list[str]:
    """What makes ``text``, a description of page ``name``, not plain sentences of that page."""
    found = sentence_breaches(text)
    _title, words, code = own_words(language, name)
    found += [f"a line of the page's code {line!r}" for line in code if line in text]
    if name == "index.html" and text == site_summary(language):
        return found
    for sentence in descriptions.SENTENCE.findall(text.removesuffix("…")):
        if sentence.strip() and squeezed(sentence) not in words:
            found.append(f"not the page's own words: {sentence.strip()!r}")
    return found


def meta(language: str, name: str) -> dict[str, str]:
    soup = page(language, name)
    return {
        tag.get("property") or tag.get("name"): html.unescape(tag["content"])
        for tag in soup.find_all("meta")
        if tag.get("content") is not None
    }


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_descriptions_and_cards_are_plain_sentences_of_the_page(language):
    found = []
    for name in pages(language):
        if name in GENERATED:
            continue
        tags = meta(language, name)
        description = tags.get("og:description", "")
        if not description:
            found.append(f"{language}/{name}: no og:description")
            continue
        # The meta description, the card's alt text and the card itself (drawn from the same string) say the same.
        for other in ("description", "og:image:alt"):
            if tags.get(other, description) != description:
                found.append(f"{language}/{name}: {other} is not og:description")
        found += [f"{language}/{name}: og:description: {breach}" for breach in breaches(description, language, name)]
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_llms_txt_names_pages_by_title_with_plain_summaries(language):
    text = (SITE / language / "llms.txt").read_text(encoding="utf-8")
    found = [
        f"{language}/llms.txt: the site's summary: {breach}"
        for breach in breaches(site_summary(language), language, "index.html")
    ]
    entries = list(ENTRY.finditer(text))
    assert len(entries) == len([name for name in pages(language) if name not in GENERATED])
    for entry in entries:
        name = entry["twin"].removesuffix(".md") + ".html"
        title, _words, _code = own_words(language, name)
        if entry["title"] != title:
            found.append(f"{language}/llms.txt: {entry['twin']} is named {entry['title']!r}, not its title {title!r}")
        summary = entry["summary"] or ""
        found += [f"{language}/llms.txt: {entry['twin']}: {breach}" for breach in breaches(summary, language, name)]
    assert not found, "\n".join(found)


# -- The lint and the sentences, without a build ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "caught"),
    [
        ("形状中的 H_{in} 表示输入特征数。", "LaTeX"),
        ("方程：\\begin{aligned} i_t &= \\sigma \\end{aligned}", "LaTeX"),
        ("output, (h_n, c_n) = lstm(input): three tensors.", "code"),
        ("import matplotlib. pyplot as plt", "code"),
        ("每次调用都从上一次调用返回的(h_n, c_n) 开始。", "ASCII punctuation"),
        ("detach()保留数值。", "ASCII punctuation"),
        ("用它复现 output 、 h_n 和 c_n 。", "a space around"),
        ("这个 LSTM 和《 nn.LSTM 返回什么 》中的一样小。", "a space around"),
    ],
)
def test_the_lint_catches(text, caught):
    assert any(breach.startswith(caught) for breach in sentence_breaches(text)), sentence_breaches(text)


def test_plain_sentences_pass_the_lint():
    for text in (
        "调用一次 LSTM 会返回三个张量。本页运行一个小型 LSTM。",
        "With num_layers > 1, output holds the hidden states of the top layer only, while h_n[k] is layer k's.",
        "N sequences of L = 12 steps, fed in chunks of 4 steps.",
        "长序列可以分块输入，每次调用都从上一次调用返回的 (h_n, c_n) 开始。",
    ):
        assert sentence_breaches(text) == [], text


def doctree(rst: str):
    from docutils.core import publish_doctree

    return publish_doctree(rst, settings_overrides={"doctitle_xform": False, "report_level": 5})


def test_a_description_leaves_out_code_and_latex_and_never_skips_a_gap():
    page = doctree(
        "Title\n=====\n\n``output, (h_n, c_n) = lstm(input)``: three tensors. This site explains them.\n"
        "Shapes use :math:`H_{in}` for features. After the gap.\n\nA second paragraph.\n\n"
        ".. note::\n\n   A note.\n"
    )
    assert descriptions.sentences(page) == ["This site explains them."]
    chinese = doctree("标题\n====\n\n每条序列有 :math:`L = 12` 个时间步。形状为 :math:`(N, L, H_{in})`。之后。\n")
    assert descriptions.sentences(chinese) == ["每条序列有 L = 12 个时间步。"]


def test_sentences_join_and_shorten_as_each_language_writes():
    assert descriptions.join(["第一句。", "第二句。"]) == "第一句。第二句。"
    assert descriptions.join(["One.", "Two."]) == "One. Two."
    assert descriptions.description(["One sentence.", "Another sentence."], 20) == "One sentence."
    assert descriptions.shorten("A sentence much longer than the limit.", 20) == "A sentence much…"
    assert (
        descriptions.shorten("一个比上限长得多的中文句子。", 15) == "一个比上限长得…"
    )  # a character takes two columns
    assert descriptions.description(["中文的第一句。", "第二句。"], 20) == "中文的第一句。"
