"""The Chinese general index grouped by pinyin initial, A to Z, as a Chinese index is.

Sphinx groups index entries by their first character: a Chinese edition got one group per
Chinese character (候, 双, 填…), in code-point order. On a Chinese build this regroups the
``genindex`` page's entries (its documented template context, ``genindexentries`` and
``genindexcounts``) under the Latin initial of each entry's pinyin, Latin entries under their
own initial, and sorts each group by pinyin.

No dictionary is needed for the words of an index: GB2312 orders its 3755 level-1 characters,
the common ones, by pinyin, so a character's place in GB2312 gives its initial. A character
outside level 1 stops the build, naming it, until it is added to `PINYIN`.
"""

import re

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# The first level-1 GB2312 character of each initial (啊 芭 擦 搭 蛾 发 噶 哈 击 喀 垃 妈 拿 哦 啪 期 然 撒 塌 挖 昔 压 匝);
# no pinyin starts with I, U or V.
_STARTS = [
    (0xB0A1, "A"), (0xB0C5, "B"), (0xB2C1, "C"), (0xB4EE, "D"), (0xB6EA, "E"), (0xB7A2, "F"),
    (0xB8C1, "G"), (0xB9FE, "H"), (0xBBF7, "J"), (0xBFA6, "K"), (0xC0AC, "L"), (0xC2E8, "M"),
    (0xC4C3, "N"), (0xC5B6, "O"), (0xC5BE, "P"), (0xC6DA, "Q"), (0xC8BB, "R"), (0xC8F6, "S"),
    (0xCBFA, "T"), (0xCDDA, "W"), (0xCEF4, "X"), (0xD1B9, "Y"), (0xD4D1, "Z"),
]  # fmt: skip
_LEVEL_1_END = 0xD7F9
PINYIN: dict[str, str] = {}  # initials of characters outside GB2312 level 1, as an index needs them
HAN = re.compile(r"[\u3400-\u9fff]")
LANGUAGES = {"zh_CN"}


def _gb2312(char: str) -> int | None:
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return None
    return int.from_bytes(code, "big") if len(code) == 2 else None


def initial(char: str) -> str | None:
    """The pinyin initial (A–Z) of a Chinese character, or None where neither GB2312 level 1 nor PINYIN knows it."""
    if char in PINYIN:
        return PINYIN[char]
    code = _gb2312(char)
    if code is None or not _STARTS[0][0] <= code <= _LEVEL_1_END:
        return None
    return [letter for start, letter in _STARTS if start <= code][-1]


def group_of(name: str) -> str:
    """The group of an index entry: its first letter's initial, Latin or pinyin; "_" for a symbol."""
    first = name.lstrip("_")[:1] or name[:1]
    if HAN.match(first):
        letter = initial(first)
        if letter is None:
            raise KeyError(first)
        return letter
    return first.upper() if first.isascii() and first.isalpha() else "_"


def _char_key(char: str) -> tuple[int, int]:
    """Punctuation (the gloss's "（") first, so a word comes before the longer words it starts; then Latin
    letters; then Chinese characters in pinyin order (GB2312 order within level 1)."""
    if HAN.match(char):
        return (2, _gb2312(char) or ord(char))
    if char.isalnum():
        return (1, ord(char.lower()))
    return (0, ord(char))


def sort_key(name: str) -> tuple:
    """Latin entries first, then Chinese ones, each in alphabetical (pinyin) order."""
    return (bool(HAN.match(name[:1])), [_char_key(char) for char in name])


def regroup(entries: list) -> list:
    """``genindexentries`` (``[(letter, [(name, (links, subitems, key)), ...]), ...]``) grouped by pinyin initial."""
    groups: dict[str, list] = {}
    for _letter, items in entries:
        for item in items:
            groups.setdefault(group_of(item[0]), []).append(item)
    return [(letter, sorted(items, key=lambda item: sort_key(item[0]))) for letter, items in sorted(groups.items())]


def _regroup_index(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename != "genindex" or app.config.language not in LANGUAGES or "genindexentries" not in context:
        return
    try:
        entries = regroup(context["genindexentries"])
    except KeyError as missing:
        logger.warning(
            "pinyin_index: no pinyin initial for %s (outside GB2312 level 1): add it to PINYIN in %s",
            missing,
            __name__,
        )
        return
    context["genindexentries"] = entries
    context["genindexcounts"] = [sum(1 + len(subitems) for _, (_, subitems, _) in items) for _, items in entries]


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _regroup_index)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
