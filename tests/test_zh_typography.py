"""Chinese typography that a rule can check, in every catalogue and every built zh_CN page.

- no half-width , ; : ? ! ( ) touching a Chinese character (full-width punctuation, one parenthesis style);
- no space before full-width punctuation or after an opening one;
- no space between two Chinese characters, which is what a link or role with spaces around it
  leaves in a sentence (「请参阅 示例库。」, 「跳转到末尾 下载完整的示例代码。」);
- a space between Chinese and Latin letters or digits.
Code, roles, math and markup are left out first: they stay as the English has them.
"""

import re

import polib
import pytest
from bs4 import BeautifulSoup

from built import LOCALES, SITE, source_pages

CATALOGUES = LOCALES / "zh_CN" / "LC_MESSAGES"
HAN = r"[\u4e00-\u9fff]"
FULL_WIDTH = "，。；：？！、）」』》"
OPENING = "（「『《"
RULES = {
    "half-width punctuation next to Chinese": re.compile(rf"{HAN}[,;:?!]|[,;:?!]{HAN}"),
    "half-width parenthesis in Chinese prose": re.compile(r"[()]"),
    "space before full-width punctuation": re.compile(rf" [{FULL_WIDTH}]"),
    "space after full-width punctuation": re.compile(rf"[{OPENING}{FULL_WIDTH}] "),
    "space between Chinese characters": re.compile(rf"{HAN} {HAN}"),
    "no space between Chinese and Latin": re.compile(rf"{HAN}[A-Za-z0-9]|[A-Za-z0-9]{HAN}"),
}
# What the rules do not read: code and math become a Latin stand-in, a role or link its own
# display text (or, where the page supplies the text, a neutral sign), so spacing around them
# is still checked; HTML tags, reST's escaped space and format fields go.
SPANS = re.compile(
    r"(?P<code>:math:`[^`]+`|``[^`]+``|\$[^$]+\$|<code>.*?</code>)"
    r"|(?P<role>\{\w+\}|:[\w:]+:)?`(?:(?P<display>[^`<]*?)\s*<[^`>]*>|(?P<plain>[^`]*))`_?"
    r"|\[(?P<link>[^\]]+)\]\([^)\s]+\)"  # a Markdown link: its text
)
MARKUP = re.compile(r"<[^>]*>|\\ |&\w+;")
# A format field ({layer}, %(name)s) is filled with a number or a word in Latin letters; a call
# written without code markup (a picture's label: h_n.view(num_layers, 2, N, H)) is code.
FIELD = re.compile(r"%\(\w+\)s|\{\w*\}(?!`)|\b[A-Za-z_][\w.\[\]]*\([^()（）]*\)")


def breaches(text: str) -> list[str]:
    found = []
    for rule, pattern in RULES.items():
        found += [f"{rule}: {text[max(m.start() - 8, 0) : m.end() + 8]!r}" for m in pattern.finditer(text)]
    return found


def prose(msgstr: str) -> str:
    def stand_in(span: re.Match) -> str:
        if span["display"] or span["link"]:
            return span["display"] or span["link"]
        return "◇" if span["role"] else "X"  # a role's own text comes from its target; `x` is code

    return MARKUP.sub("", SPANS.sub(stand_in, FIELD.sub("X", msgstr)))


def breaches_in_chinese(text: str) -> list[str]:
    return breaches(text) if re.search(HAN, text) else []


@pytest.mark.parametrize("name", sorted(p.relative_to(CATALOGUES).as_posix() for p in CATALOGUES.rglob("*.po")))
def test_catalogue_typography(name):
    issues = [
        f"{CATALOGUES / name}:{entry.linenum}: {breach} in the translation of {entry.msgid[:60]!r}"
        for entry in polib.pofile(str(CATALOGUES / name))
        if entry.msgstr and entry.msgstr != entry.msgid
        for breach in breaches_in_chinese(prose(entry.msgstr))
    ]
    assert not issues, "\n".join(issues)


BLOCKS = ["p", "li", "dt", "dd", "th", "td", "figcaption", "caption", "h1", "h2", "h3", "h4", "title"]


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", source_pages())
def test_built_page_typography(page):
    soup = BeautifulSoup((SITE / "zh_CN" / page).read_text(encoding="utf-8"), "html.parser")
    for skipped in soup(["script", "style", "pre", "svg"]) + soup.select("div.math, .headerlink"):
        skipped.decompose()
    issues = []
    for block in soup.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue  # its innermost blocks are read on their own
        for code in block.find_all("code") + block.find_all("math") + block.select("span.math"):
            code.replace_with("X")  # code and inline math: Latin, as far as spacing goes
        text = " ".join(block.get_text().split())
        issues += breaches_in_chinese(text)
    assert not issues, f"zh_CN/{page}:\n" + "\n".join(issues)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("请参阅 示例库。", "space between Chinese characters"),
        ("跳转到末尾 下载完整的示例代码。", "space between Chinese characters"),
        ("形状为 X (批次优先)", "half-width parenthesis in Chinese prose"),
        ("参考：X (X，X)，X。", "half-width parenthesis in Chinese prose"),
        ("输出为零 。", "space before full-width punctuation"),
        ("（ 容差 X）", "space after full-width punctuation"),
        ("输出为X的形状", "no space between Chinese and Latin"),
        ("注意,这里", "half-width punctuation next to Chinese"),
    ],
)
def test_the_rules_catch(text, rule):
    assert any(breach.startswith(rule) for breach in breaches(text)), breaches(text)


def test_code_roles_and_markup_are_left_out():
    assert breaches(prose("把 ``output[:, -1]`` 送入{ref}`示例库 <gallery>`，见 $(N, H)$。")) == []
    assert prose(":ref:`跳转到末尾 <x>`\\ 下载") == "跳转到末尾下载"
    assert prose("请查阅{ref}`glossary`，见 {ref}`示例库 <gallery>`。") == "请查阅◇，见 示例库。"
