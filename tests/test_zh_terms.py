"""One Chinese term per concept, as docs/locales/zh_CN/terminology.toml chooses.

Every catalogue entry and every built zh_CN page is checked against the table: a
variant fails anywhere, a synonym readers know from elsewhere (d2l's 隐状态, 记忆元,
小批量 ...) fails anywhere but the glossary, which lists them, and the page that maps
d2l's code onto nn.LSTM (basics/from-d2l), which names d2l's words to say what they are
here. The glossary itself must name each glossary concept by the table's term. Failures
name the file and message.
"""

import re
import tomllib

import polib
import pytest
from bs4 import BeautifulSoup

from built import LOCALES, SITE, source_pages

CATALOGUES = LOCALES / "zh_CN" / "LC_MESSAGES"
TERMS = tomllib.loads((LOCALES / "zh_CN" / "terminology.toml").read_text(encoding="utf-8"))["term"]
# Where the synonyms may appear: the glossary, and the bridge from d2l, which uses d2l's words.
SYNONYM_PAGES = {"glossary.po", "glossary.html", "basics/from-d2l.po", "basics/from-d2l.html"}


def wrong_words(text: str, where: str) -> list[str]:
    """``'variant' (use 'term')`` for every word the table forbids in ``where``."""
    found = []
    for term in TERMS:
        patterns = list(term["variants"])
        if where not in SYNONYM_PAGES:
            patterns += [re.escape(word) for word in term["synonyms"]]
        for pattern in patterns:
            for match in re.finditer(pattern, text):
                found.append(f"{match.group()!r} (use {term['zh']!r}, {term['en']})")
    return found


def catalogue_names() -> list[str]:
    return sorted(p.relative_to(CATALOGUES).as_posix() for p in CATALOGUES.rglob("*.po"))


@pytest.mark.parametrize("name", catalogue_names())
def test_catalogue_uses_one_term_per_concept(name):
    issues = []
    for entry in polib.pofile(str(CATALOGUES / name)):
        for word in wrong_words(entry.msgstr, name):
            issues.append(f"{CATALOGUES / name}:{entry.linenum}: {word} in the translation of {entry.msgid[:80]!r}")
    assert not issues, "\n".join(issues)


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", source_pages())
def test_built_page_uses_one_term_per_concept(page):
    soup = BeautifulSoup((SITE / "zh_CN" / page).read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    words = wrong_words(soup.get_text(" "), page)
    assert not words, f"zh_CN/{page}: " + ", ".join(words)


def glossary_translations() -> dict[str, str]:
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(CATALOGUES / "glossary.po"))}


def test_the_glossary_names_each_concept_by_the_chosen_term():
    translations = glossary_translations()
    wrong = [
        f"{term['en']!r} is {translations[term['en']]!r}, the table says {term['zh']!r}"
        for term in TERMS
        if term["en"] in translations and not translations[term["en"]].startswith(term["zh"])
    ]
    assert not wrong, "docs/locales/zh_CN/LC_MESSAGES/glossary.po: " + "; ".join(wrong)


def test_the_glossary_lists_the_synonyms_readers_know():
    glossary = "\n".join(glossary_translations().values())
    missing = [word for term in TERMS for word in term["synonyms"] if word not in glossary]
    assert not missing, f"docs/locales/zh_CN/LC_MESSAGES/glossary.po does not list these synonyms: {missing}"


def test_the_glossary_keeps_the_names_keras_uses():
    """The table of other words names Keras's words as Keras writes them (memory state, carry state), in
    both editions: a Chinese reader meets them in Keras's documentation, in English."""
    missing = [
        f"{name!r} in the translation of {msgid!r}"
        for msgid, msgstr in glossary_translations().items()
        for name in re.findall(r"(\w[\w ]*?) \(Keras\)", msgid)
        if f"{name}（Keras）" not in msgstr
    ]
    assert len(re.findall(r"\(Keras\)", "\n".join(glossary_translations()))) >= 2
    assert not missing, f"docs/locales/zh_CN/LC_MESSAGES/glossary.po leaves out Keras's names: {missing}"


@pytest.mark.parametrize(
    ("text", "where", "flagged"),
    [
        ("前向方向的最终状态", "basics/diagrams.po", "'前向'"),
        ("正向方向在最后一步结束", "x.po", "'正向方向'"),
        ("后向方向的最终状态", "x.po", "'后向'"),
        ("反向方向从末尾开始", "x.po", "'反向方向'"),
        ("最上层的隐藏状态", "x.po", "'最上层'"),
        ("最顶层在每个时间步", "x.po", "'最顶层'"),
        ("每个小批次的损失", "x.po", "'小批次'"),
        ("每批 50 个序列", "x.po", "'每批'"),
        ("用小批量训练", "x.po", "'小批量'"),
        ("一条不带批次的序列", "x.po", "'不带批次'"),
        ("非批量输入", "x.po", "'非批量'"),
        ("形状浏览器打开时显示", "x.po", "'形状浏览器'"),
        ("在探索器中设置参数", "x.po", "'探索器'"),
        ("output 只是顶层", "x.po", "'只是顶层'"),
        ("它的反向一半只读了一步", "x.po", "'反向一半'"),
        ("把随机特征置零", "x.po", "'随机特征'"),
        ("暂退法", "basics/outputs.po", "'暂退法'"),
        ("截断的时间反向传播", "x.po", "'时间反向传播'"),
        ("隐状态", "index.html", "'隐状态'"),
    ],
)
def test_the_lint_catches_each_variant(text, where, flagged):
    assert any(word.startswith(flagged) for word in wrong_words(text, where)), (text, wrong_words(text, where))


@pytest.mark.parametrize(
    "text",
    [
        "两次前向传播得到相同的数值",
        "正向在反向之前",
        "反向传播",
        "形状查看器",
        "截断的通过时间反向传播",
        "顶层和底层",
        "由浏览器里运行的脚本计算",
        "它只是顶层的反向状态",
        "随机地把部分特征置零",
    ],
)
def test_the_lint_spares_the_chosen_terms(text):
    assert wrong_words(text, "x.po") == []


def test_synonyms_are_allowed_in_the_glossary_and_the_bridge_from_d2l_only():
    assert wrong_words("隐状态、记忆元、小批量", "glossary.po") == []
    assert wrong_words("隐状态、记忆元、小批量", "basics/from-d2l.po") == []
    flagged = " ".join(wrong_words("隐状态、记忆元、小批量", "basics/outputs.po"))
    assert all(f"'{word}'" in flagged for word in ("隐状态", "记忆元", "小批量")), flagged
