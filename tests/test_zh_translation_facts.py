"""Every Chinese translation keeps the facts of its English message.

For each translated, non-fuzzy entry of every zh_CN catalogue, the msgstr must keep the msgid's

- numbers outside code: every digit run (4, 0.5, 1e-6, the -1 of a label's h_n[-1]) by count.
  English number words from "two" up and Chinese ordinals from 第二 up count too. A Chinese
  numeral (两, 七, 一百) and "one", "both", "second" ... may stand for a number on the other side
  ("two layers": 两层; "a 2-D input": 二维输入; "1-layer": 单层) but need none themselves;
- code, roles and math, verbatim: every ``code`` and `code` span, $math$, a role's target
  ({ref}`outputs`; in :ref:`display <target>` the display may be translated) and a Markdown link's
  address: the same multiset on both sides;
- format fields ({step}, %s, %(name)s): the same multiset;
- ordinal and direction words: first, last (final), forward, backward, top, bottom, previous and
  next, as many times in the translation as in the source, concept by concept. A concept's strong
  words need a counterpart on the other side (first: 第一、首个、最初、在前、前 3 个 ...); its
  weak words may be the counterpart of a strong word there but need none ("leading axis":
  第一个轴; 先 for "first" as an adverb; 末尾 for "the end").

So a translation that turns 第一个 into 最后一个, "sequence 4" into 序列 3, `output[0]` into
`output[-1]` or 前向传播 into 反向传播 fails, naming the catalogue, the line and the message. An entry
whose wording the rules cannot read goes in ALLOWED, with the reason.
"""

import re
from collections import Counter
from dataclasses import dataclass

import polib
import pytest

from built import LOCALES

CATALOGUES = LOCALES / "zh_CN" / "LC_MESSAGES"

# --- code, roles, math, links and format fields: kept verbatim ------------------------------------

# Read left to right, so that a `code span` holding {braces} is code, not a role.
SPANS = re.compile(
    r"(?P<role>\{[\w:.-]+\}|:[\w:.+-]+:)`(?:(?P<display>[^`]*?)\s*<(?P<target>[^`<>]+)>|(?P<body>[^`]*))`"
    r"|(?P<code>``[^`]+``|`[^`]+`|\$[^$]+\$)"
    r"|\[(?P<text>[^\]]+)\]\((?P<address>[^)\s]+)\)"  # a Markdown link
)
FIELD = re.compile(r"%\(\w+\)[sdr]|%[sdr]|(?<![\w\\])\{(?:[A-Za-z_][A-Za-z0-9_]*)?\}")  # not \text{...}
MARKUP = re.compile(r"&#?\w+;|\\ ")  # HTML entities (&#x27;), reST's escaped space
SPAN = "§"  # what code, math or a format field leaves in the prose: a word of its own


@dataclass
class Reading:
    """What one side of an entry says: its verbatim spans, its format fields, its prose."""

    spans: Counter
    fields: Counter
    prose: str


VERBATIM_ROLES = {"{claim}", ":claim:"}  # lstmdocs.running.claims: the Chinese sentence makes the English claim


def read(text: str) -> Reading:
    spans: Counter = Counter()

    def span(match: re.Match) -> str:
        if match["role"] in VERBATIM_ROLES:  # the whole text is what the build checks: nothing to translate
            spans[match[0]] += 1
            return f" {SPAN} "
        if match["role"]:
            spans[f"{match['role']}`<{match['target'] or match['body']}>`"] += 1
            return f" {match['display'] or SPAN} "
        if match["code"]:
            spans[match["code"]] += 1
            return f" {SPAN} "
        spans[f"]({match['address']})"] += 1
        return f" {match['text']} "

    text = SPANS.sub(span, text)
    fields = Counter(FIELD.findall(text))
    text = FIELD.sub(f" {SPAN} ", text)
    return Reading(spans, fields, MARKUP.sub(" ", text))


# --- numbers --------------------------------------------------------------------------------------

# A digit run, with a minus where it is one (h_n[-1], not 2-D); not one inside a name (d2l).
DIGITS = re.compile(r"(?:(?<=[\[(,\s:=])[-−])?(?!(?<=[A-Za-z])\d+[A-Za-z])\d+(?:\.\d+)*(?:[eE][-+]?\d+)?")
CARDINALS = "two three four five six seven eight nine ten eleven twelve".split()
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
EN_NUMBERS = {  # word: (value, needs a counterpart)
    **{word: (value, True) for value, word in enumerate(CARDINALS, 2)},
    "hundred": (100, True),
    "thousand": (1000, True),
    **dict.fromkeys(["zero", "zeros"], (0, False)),
    **dict.fromkeys(["one", "single", "once"], (1, False)),
    **dict.fromkeys(["both", "pair", "twice"], (2, False)),
}
EN_NUMBER = re.compile(r"\b(" + "|".join(EN_NUMBERS) + r")\b", re.IGNORECASE)
EN_ORDINAL = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b", re.IGNORECASE)
ZH_DIGIT = dict(zip("零〇一二两三四五六七八九", [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9], strict=True))
ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
ZH_IDIOMS = re.compile(r"十分|千万|万一|一一|统一|一致|一样|一起|一旦|一些|一般|唯一|进一步|逐一|之一")
ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+")
ZH_ORDINAL = re.compile(rf"第({ZH_NUMERAL.pattern})")
ZH_SINGLE = re.compile(r"单(?=[层向条个次步])")  # 单层, 单向: "single-layer", "one-directional"


def zh_numeral(run: str) -> list[int]:
    """一百 → [100], 十二 → [12], 两 → [2]; 三四 (three or four) → [3, 4]."""
    if not any(unit in run for unit in ZH_UNIT):
        return [ZH_DIGIT[c] for c in run]
    total, digit = 0, None
    for c in run:
        if c in ZH_UNIT:
            total += (1 if digit is None else digit) * ZH_UNIT[c]
            digit = None
        else:
            digit = ZH_DIGIT[c]
    return [total + (digit or 0)]


def nth(value: int | str) -> str:
    """An ordinal's key, apart from the cardinal's: 2 → '2nd'."""
    value = int(value)
    return f"{value}{'th' if 10 < value % 100 < 14 else {1: 'st', 2: 'nd', 3: 'rd'}.get(value % 10, 'th')}"


def numbers(prose: str, chinese: bool) -> tuple[Counter, Counter]:
    """(the numbers that need a counterpart, those that may stand in for one), as strings.

    Digits always need one; so do English number words from two up, and Chinese ordinals from 第二
    up, whose counterpart is "second", "third" ... (or a digit: "row 2" ↔ 第二行). A Chinese cardinal
    numeral only stands in: Chinese counts what English leaves plural (the states: 两个状态; each
    layout: 三种布局中), but 两 is the counterpart of "two" or "2". An ordinal stands in for no
    cardinal (in "the second and third sequences are 3 and 2 steps long", 第二 is not the 2), and
    a lone 一 or 零 ("a", "zeros") for nothing.
    """
    needed: Counter = Counter()
    stand_ins: Counter = Counter()
    for match in DIGITS.finditer(prose):
        needed[match.group().replace("−", "-")] += 1
    if chinese:
        prose = ZH_IDIOMS.sub(" ", prose)
        for match in ZH_ORDINAL.finditer(prose):
            (needed if zh_numeral(match[1])[0] > 1 else stand_ins).update(map(nth, zh_numeral(match[1])))
        prose = ZH_ORDINAL.sub(" ", prose)
        stand_ins.update("1" for _ in ZH_SINGLE.finditer(prose))
        for match in ZH_NUMERAL.finditer(prose):
            if match.group() not in "零〇一":
                stand_ins.update(str(value) for value in zh_numeral(match.group()))
    else:
        for match in EN_NUMBER.finditer(prose):
            value, counts = EN_NUMBERS[match.group().lower()]
            (needed if counts else stand_ins)[str(value)] += 1
        stand_ins.update(nth(ORDINALS.index(match.group().lower()) + 1) for match in EN_ORDINAL.finditer(prose))
        stand_ins.update(nth(key) for key in needed if re.fullmatch(r"\d+", key) for _ in range(needed[key]))
    return needed, stand_ins


# --- ordinal and direction words ------------------------------------------------------------------

# Chinese 前/后 with a count: 前 3 个 "the first 3", 后 H{sub}`out` 个 "the last H_out", 前几层; not 之前,
# 然后 ..., not 前一 (previous) nor 后一半 (the second half).
MEASURE = "个条层步行列块位项段"
COUNT_AFTER = rf"\s*(?=(?:\d+|[两二三四五六七八九十几]+|[A-Za-z_{SPAN}][A-Za-z0-9_\s{SPAN}]{{0,8}}?)\s*[{MEASURE}])"
NOT_IN_A_WORD_BEFORE = r"(?<![之以提向往目当眼此从面跟超空事])"
NOT_IN_A_WORD_AFTER = r"(?<![之然以最随落前背向往稍其此今])"
# (concept, pattern, strong). A strong word needs a counterpart on the other side; a weak one may
# be the counterpart of a strong word there, and needs none itself. Each pattern's matches are
# blanked before the next pattern reads the text, so an idiom listed first is not read again.
EN_WORDS = [
    ("next", r"\bcarr(?:y|ies|ied|ying) (?:\w+ )?forward\b", False),  # "the state carried forward"
    ("first", r"\b(?:longest|shortest|largest|smallest) first\b", False),  # an order: 从长到短
    ("first", r"\bat first\b|\bfirst-class\b|\bleading\b|\bbegin\w*|\bstart\w*|\binitial(?:ly)?\b", False),
    ("first", r"\bfirst\b", True),
    ("last", r"\bat last\b|\bends?\b|\btrailing\b", False),
    ("last", r"\blast(?:ly)?\b|\bfinal(?:ly)?\b", True),
    ("forward", r"\bforwards?\b", True),
    ("forward", r"\bpass(?:es)?\b", False),  # "two passes": 两次前向传播
    ("backward", r"\bbackwards?\b|\bbackprop\w*", True),
    ("backward", r"\brevers\w*", False),
    ("top", r"\btop\b", True),
    ("bottom", r"\bbottom\b", True),
    ("bottom", r"\blowest\b", False),
    ("previous", r"\bprevious(?:ly)?\b|\bpreceding\b", True),
    ("previous", r"\bbefore\b|\bearlier\b", False),
    ("next", r"\bnext\b(?! to\b)", True),  # not "the code next to each picture": 旁边
    ("next", r"\bfollowing\b|\bthen\b|\bafter\b|\bbetween (?:time )?steps\b", False),
]
ZH_WORDS = [
    (
        "first",
        rf"第一|首(?=先|个|次|位|条|项|行|列|轴|层|步)|最初|开头|在前|最前|{NOT_IN_A_WORD_BEFORE}前{COUNT_AFTER}",
        True,
    ),
    ("first", r"先(?!前)|起初|一开始", False),  # 先把 ...: "first" as an adverb
    ("last", rf"最后|最终|最末|末(?=个|位|一)|{NOT_IN_A_WORD_AFTER}后{COUNT_AFTER}", True),
    ("last", r"末尾|末端|结尾", False),  # "the end"
    ("forward", r"正向|前向(?:传播)?", True),
    ("backward", r"反向(?:传播)?|逆向|后向|倒过来", True),
    ("top", r"顶层|顶部|顶端|最上(?:层|面|方)?", True),
    ("bottom", r"底层|底部|底端|最下(?:层|面|方)?", True),
    ("previous", r"上一|前一(?!半)", True),
    ("previous", r"之前|先前|此前", False),
    ("next", r"下一|接下来", True),
    ("next", r"随后|之后|后续", False),
]
CONCEPTS = sorted({concept for concept, _, _ in EN_WORDS})


@dataclass
class Words:
    strong: dict[str, list[str]]
    weak: dict[str, list[str]]


def words(prose: str, table: list) -> Words:
    """The ordinal and direction words of ``prose``, per concept."""
    found = Words({c: [] for c in CONCEPTS}, {c: [] for c in CONCEPTS})
    for concept, pattern, strong in table:
        (found.strong if strong else found.weak)[concept] += [m.group() for m in re.finditer(pattern, prose, re.I)]
        prose = re.sub(pattern, " ", prose, flags=re.I)
    return found


# --- the check ------------------------------------------------------------------------------------


def unmatched(needed: Counter, offered: Counter) -> list[str]:
    """What ``needed`` has more of than ``offered``, as 'x' or 'x ×2'."""
    return [f"{key} ×{n}" if n > 1 else key for key, n in sorted((needed - offered).items())]


def differences(msgid: str, msgstr: str) -> list[str]:
    """How ``msgstr`` fails to keep the facts of ``msgid``: one line per kind of difference."""
    en, zh = read(msgid), read(msgstr)
    found = []
    if en.spans != zh.spans:
        found.append(f"code/role/math changed: {unmatched(en.spans, zh.spans)} became {unmatched(zh.spans, en.spans)}")
    if en.fields != zh.fields:
        found.append(
            f"format fields changed: {unmatched(en.fields, zh.fields)} became {unmatched(zh.fields, en.fields)}"
        )
    en_needed, en_stand_ins = numbers(en.prose, chinese=False)
    zh_needed, zh_stand_ins = numbers(zh.prose, chinese=True)
    lost = unmatched(en_needed, zh_needed + zh_stand_ins)
    added = unmatched(zh_needed, en_needed + en_stand_ins)
    if lost or added:
        found.append(
            f"numbers changed: the English's {lost} are not in the translation, its {added} not in the English"
        )
    en_words, zh_words = words(en.prose, EN_WORDS), words(zh.prose, ZH_WORDS)
    for concept in CONCEPTS:
        en_strong, zh_strong = en_words.strong[concept], zh_words.strong[concept]
        en_weak, zh_weak = en_words.weak[concept], zh_words.weak[concept]
        if len(en_strong) > len(zh_strong) + len(zh_weak) or len(zh_strong) > len(en_strong) + len(en_weak):
            found.append(
                f"'{concept}' {len(en_strong)}× in the English {en_strong}, {len(zh_strong)}× in the translation {zh_strong}"
            )
    return found


# The entries whose wording the rules cannot read: (catalogue, the msgid's start) → why. Keep it short:
# reword the translation or refine the word lists first.
ALLOWED: dict[tuple[str, str], str] = {}


def catalogue_names() -> list[str]:
    return sorted(p.relative_to(CATALOGUES).as_posix() for p in CATALOGUES.rglob("*.po"))


def translated(name: str) -> list[polib.POEntry]:
    """The translated, non-fuzzy entries of one catalogue."""
    catalogue = polib.pofile(str(CATALOGUES / name))
    return [e for e in catalogue if e.msgid and e.msgstr and not e.fuzzy and not e.obsolete]


def allowed(name: str, msgid: str) -> bool:
    return any(name == where and msgid.startswith(start) for where, start in ALLOWED)


@pytest.mark.parametrize("name", catalogue_names())
def test_translations_keep_the_facts(name):
    issues = [
        f"{CATALOGUES / name}:{entry.linenum}: {difference}\n    msgid  {entry.msgid!r}\n    msgstr {entry.msgstr!r}"
        for entry in translated(name)
        if not allowed(name, entry.msgid)
        for difference in differences(entry.msgid, entry.msgstr)
    ]
    assert not issues, "\n".join(issues)


def test_each_allowed_entry_still_needs_it():
    stale = [
        (name, start)
        for name, start in ALLOWED
        if not any(e.msgid.startswith(start) and differences(e.msgid, e.msgstr) for e in translated(name))
    ]
    assert not stale, f"allowed in tests/test_zh_translation_facts.py but no longer failing, remove: {stale}"


@pytest.mark.parametrize(
    ("msgid", "msgstr", "caught"),
    [
        ("the first time step", "最后一个时间步", "'first'"),
        ("the last sequence of the batch", "批次中的第一条序列", "'last'"),
        ("row 2 holds sequence 4", "第 2 行装着序列 3", "numbers"),
        ("shape (5, 4, 3)", "形状为（5，4，2）", "numbers"),
        ("equal to within 1e-6", "误差在 1e-5 以内", "numbers"),
        ("Two layers: the top layer only", "三层：只包含顶层", "numbers"),
        ("Seven ways to take the wrong tensor", "取错张量的六种写法", "numbers"),
        ("`output[0]` is not `h_n[-1]`", "`output[-1]` 不是 `h_n[-1]`", "code/role/math"),
        (
            "so {claim}`h_n[-1] == output[0]`",
            "因此 {claim}`h_n[-1] != output[0]`",
            "code/role/math",
        ),  # relation flipped
        ("{claim}`h_n[-1] == output[0] <a>`", "{claim}`h_n[-1] == output[0] <b>`", "code/role/math"),  # other names
        ("the shape $(N, L, H)$", "形状为 $(L, N, H)$", "code/role/math"),
        ("see {ref}`outputs`", "见《{ref}`explainer`》", "code/role/math"),
        ("the {ref}`example gallery <gallery>`", "{ref}`示例库 <glossary>`", "code/role/math"),
        ("the forward direction's final state", "反向的最终状态", "'forward'"),
        ("two passes give the same numbers", "两次反向传播得到相同的数值", "'backward'"),
        ("the top layer's hidden state", "底层的隐藏状态", "'top'"),
        ("the previous hidden state", "下一个隐藏状态", "'previous'"),
        ("the first 3 units are the forward direction", "后 3 个单元属于正向", "'first'"),
        ("Step {step} of {total}", "第 {step} 步", "format fields"),
        ("PyTorch %(torch_version)s on %(device)s", "PyTorch %(torch_version)s", "format fields"),
        ("h_n[-2] and h_n[-1] are h_n[0] and h_n[1]", "h_n[-2] 和 h_n[-1] 就是 h_n[0] 和 h_n[-1]", "numbers"),
        (
            "With num_layers > 1, a 2-layer LSTM is two 1-layer LSTMs",
            "num_layers > 2 时，2 层 LSTM 是两个单层 LSTM",
            "numbers",
        ),
        ("The second and third sequences are 3 and 2 steps long", "第二条和第三条序列分别长 3 步和 3 步", "numbers"),
        ("the second layer reads the first", "第三层读取第一层", "numbers"),
    ],
)
def test_the_check_catches(msgid, msgstr, caught):
    assert any(difference.startswith(caught) for difference in differences(msgid, msgstr)), differences(msgid, msgstr)


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Two layers: `output` is the top layer only", "两层：`output` 只包含顶层"),
        (
            "the first 3 units are the forward direction, the last 3 the backward one",
            "前 3 个单元属于正向，后 3 个属于反向",
        ),
        ("the first H{sub}`out` features", "取前 H{sub}`out` 个特征"),
        ("Layers: see the {ref}`example gallery <gallery>`.", "多层：请参阅{ref}`示例库 <gallery>`。"),
        ("equal to within 1e-6", "误差在 1e-6 以内"),
        ("sequence 0, the second layer, both directions", "序列 0、第二层、两个方向"),
        ("a 2-D input is one sequence", "二维输入是单条序列"),
        ("A 2-layer LSTM is two 1-layer LSTMs", "一个 2 层 LSTM 就是两个单层 LSTM"),
        ("more than a hundred times as much", "是它的一百倍以上"),
        ("The code next to each picture", "每幅图旁边的代码"),
        ("the state carried forward", "状态传给下一个分块"),
        ("two passes give the same numbers", "两次前向传播得到相同的数值"),
        ("`h_n` has a leading axis", "`h_n` 的第一个轴"),
        (
            "so {claim}`h_n[-1] == output[0, :, H:] <time_major>` here",
            "因此这里 {claim}`h_n[-1] == output[0, :, H:] <time_major>`",
        ),
        ("reordering the blocks first gives", "先把各块重新排好顺序"),
        ("orders the sequences longest first", "把序列按从长到短排列"),
        ("Step {step} of {total}", "第 {step} 步，共 {total} 步"),
        ("With `proj_size={p}`, {p} features", "设置 `proj_size={p}` 后，有 {p} 个特征"),
        ("memory cell (d2l)", "记忆元（《动手学深度学习》）"),
        ("the states lose their batch axis", "两个状态也没有批次轴"),
    ],
)
def test_the_check_passes(msgid, msgstr):
    assert differences(msgid, msgstr) == []
