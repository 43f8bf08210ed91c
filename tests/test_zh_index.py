"""The Chinese general index is grouped by pinyin initial, A to Z (conf/lstmdocs/i18n/pinyin_index.py)."""

import re

import pytest
from bs4 import BeautifulSoup

from built import SITE, require
from lstmdocs.i18n.pinyin_index import initial, regroup

# Words of the index and the initials a Chinese reader looks them up under (not computed: read off a dictionary).
EXPECTED = {
    "候选细胞状态": "H",
    "双向": "S",
    "填充": "T",
    "层": "C",
    "序列长度": "X",
    "打包": "D",
    "批次": "P",
    "投影": "T",
    "方向": "F",
    "时间步": "S",
    "细胞状态": "X",
    "输入门": "S",
    "遗忘门": "Y",
    "门": "M",
    "隐藏状态": "Y",
}


def groups(language: str) -> dict[str, list[str]]:
    """Each group of the built index: its heading -> its entries, in order."""
    soup = BeautifulSoup(require(SITE / language / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    found = {}
    for section in soup.select("article section.genindex-section[id]"):
        found[section.find("h2").get_text(strip=True)] = [
            li.find("a").get_text(strip=True) for li in section.select("li")
        ]
    return found


@pytest.mark.usefixtures("built_site")
def test_the_chinese_index_is_grouped_by_pinyin_initial():
    index = groups("zh_CN")
    letters = list(index)
    assert letters == sorted(letters) and all(re.fullmatch("[A-Z]", letter) for letter in letters), letters
    where = {entry: letter for letter, entries in index.items() for entry in entries}
    for word, letter in EXPECTED.items():
        entry = next((entry for entry in where if entry.startswith(word + "（") or entry == word), None)
        assert entry is not None, f"{word} is not in the index: {sorted(where)}"
        assert where[entry] == letter, f"{entry} is under {where[entry]}, not {letter}"
    s_group = index["S"]
    order = [next(e for e in s_group if e.startswith(word)) for word in ("时间步", "输入门", "双向")]
    assert [s_group.index(e) for e in order] == sorted(s_group.index(e) for e in order), s_group  # shi, shu, shuang
    d_group = [entry.split("（")[0] for entry in index["D"]]
    assert d_group.index("打包") < d_group.index("打包序列"), d_group  # a word before the words it starts


@pytest.mark.usefixtures("built_site")
def test_the_english_index_is_left_as_sphinx_groups_it():
    letters = list(groups("en"))
    assert letters == sorted(letters) and all(re.fullmatch("[A-Z]", letter) for letter in letters), letters


def test_initials_come_from_gb2312_order_and_latin_entries_keep_their_letter():
    assert {word: initial(word[0]) for word in EXPECTED} == EXPECTED
    assert initial("𠀀") is None  # outside GB2312 level 1: the build asks for it in PINYIN
    entry = ([], [], None)
    regrouped = regroup([("C", [("c_n", entry)]), ("层", [("层（layer）", entry)]), ("双", [("双向", entry)])])
    assert [(letter, [name for name, _ in items]) for letter, items in regrouped] == [
        ("C", ["c_n", "层（layer）"]),
        ("S", ["双向"]),
    ]
