"""The widgets' words say what their keys mean, in both languages.

The explainer's script picks a line by its key from the trace (``forward-reads`` when the forward
direction reads a step, ``backward-waiting`` when the backward one has not reached a sequence), and
the explorer's by the identity its shape model found (``identity-backward_first``); those choices are
tested against torch (tests/js, tests/test_browser_explainer.py). What is left is the text behind
each key: a line keyed ``forward-…`` that says "backward", or an identity about the first time step
that says "last", would be shown at the right moment with the wrong words. Each word a key names is
required in its text, and its opposite refused, in English and in the Chinese catalogue.
"""

import re
from pathlib import Path

import pytest

from lstmdocs.i18n.catalogues import messages_of

ROOT = Path(__file__).resolve().parent.parent
WIDGETS = {  # page: its widget's directive
    "reference/explainer": "lstm-explainer",
    "reference/explorer": "lstm-explorer",
}
# A word a key may name: what its text must then say, per language (a regular expression, English in any
# case), and the opposite it must not say (a direction; an end may be set against the other: "the first
# H features at the last time step").
MEANINGS = {
    "forward": ({"en": r"\bforward\b|→", "zh_CN": r"正向|→"}, "backward"),
    "backward": ({"en": r"\bbackward\b|←", "zh_CN": r"反向|←"}, "forward"),
    "first": ({"en": r"\bfirst\b", "zh_CN": r"第一|首|前"}, None),
    "last": ({"en": r"\blast\b", "zh_CN": r"最后"}, None),
    "padding": ({"en": r"\bpadding\b", "zh_CN": r"填充"}, None),
}


def words(page: str) -> dict[str, str]:
    """The widget's ``key: text`` lines, as the page gives them (English)."""
    text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    block = re.search(r"```\{" + WIDGETS[page] + r"\}\n(.*?)\n```", text, re.S)
    assert block, f"docs/{page}.md has no {WIDGETS[page]} block"
    return dict(line.split(": ", 1) for line in block.group(1).splitlines())


def translated(page: str) -> dict[str, str]:
    messages = messages_of(ROOT / "docs" / "locales" / "zh_CN" / "LC_MESSAGES" / f"{page}.po")
    return {key: messages[text] for key, text in words(page).items() if text in messages}


def named(key: str) -> list[str]:
    """The meaning words a key names: ``identity-backward_first`` names backward and first
    (``batch_first``, the flag, names nothing)."""
    return [part for part in re.split(r"[-_]", key.replace("batch_first", "")) if part in MEANINGS]


def problems(page: str, texts: dict[str, str], language: str) -> list[str]:
    found = []
    for key, text in texts.items():
        for word in named(key):
            patterns, opposite = MEANINGS[word]
            if not re.search(patterns[language], text, re.I):
                found.append(f"{page} {language} {key}: {text!r} does not say {word}")
            if opposite and opposite not in named(key) and re.search(MEANINGS[opposite][0][language], text, re.I):
                found.append(f"{page} {language} {key}: {text!r} says {opposite}")
    return found


@pytest.mark.parametrize("page", WIDGETS)
def test_each_widget_line_says_what_its_key_means(page):
    english, chinese = words(page), translated(page)
    assert len(chinese) == len(english), f"{page}: untranslated widget lines: {set(english) - set(chinese)}"
    checked = [key for key in english if named(key)]
    assert len(checked) >= 5, f"{page}: only {checked} name a direction, an end or padding"
    assert not problems(page, english, "en") + problems(page, chinese, "zh_CN")


def test_a_swapped_direction_or_end_is_found():
    assert problems("x", {"forward-reads": "the backward direction reads time step {t}"}, "en")
    assert problems("x", {"backward-reads": "正向读入时间步 {t}"}, "zh_CN")
    assert problems("x", {"identity-backward_first": "ends at the last time step: the backward half"}, "en")
    assert problems("x", {"identity-forward_last": "顶层的正向在第一个时间步结束"}, "zh_CN")
    assert problems("x", {"state-reads-padding": "computed from the input"}, "en")
    assert not problems("x", {"identity-forward_last": "顶层的正向在最后一个时间步结束"}, "zh_CN")
