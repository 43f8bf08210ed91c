"""Code is never translated: every translated string keeps the English one's code and markup.

tests/test_catalogues.py compares reST/MyST code, roles and math. This adds what raw HTML
carries (the shape explorer's widget, gallery thumbnails, diagram labels): the text of every
``<code>`` element and every tag with its attributes, except the attributes a reader reads
(``alt``, ``title``, ``aria-label``, ``tooltip``), which are translated, and a link's target
and language, which a link to the other edition changes.
"""

import re

import polib
import pytest

from built import LOCALES

CATALOGUES = LOCALES / "zh_CN" / "LC_MESSAGES"
CODE = re.compile(r"<code\b[^>]*>(.*?)</code>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# Read by the reader, or pointing at the other language (the "also in English" link).
LOCALISED = re.compile(r'\b(alt|title|aria-label|tooltip|href|hreflang|lang)="[^"]*"')


def kept(text: str) -> tuple[list[str], list[str]]:
    """The code and the tags of a string, which a translation must keep."""
    tags = [LOCALISED.sub(r'\1="…"', tag) for tag in TAG.findall(text)]
    return sorted(CODE.findall(text)), tags


@pytest.mark.parametrize("name", sorted(p.relative_to(CATALOGUES).as_posix() for p in CATALOGUES.rglob("*.po")))
def test_translations_keep_code_and_markup(name):
    issues = []
    for entry in polib.pofile(str(CATALOGUES / name)):
        if not entry.msgstr:
            continue
        (en_code, en_tags), (zh_code, zh_tags) = kept(entry.msgid), kept(entry.msgstr)
        if en_code != zh_code:
            issues.append(f"{CATALOGUES / name}:{entry.linenum}: <code> {en_code} became {zh_code}")
        elif en_tags != zh_tags:
            changed = next((en, zh) for en, zh in zip(en_tags + [""], zh_tags + [""], strict=False) if en != zh)
            issues.append(f"{CATALOGUES / name}:{entry.linenum}: tag {changed[0]!r} became {changed[1]!r}")
    assert not issues, "\n".join(issues)


def test_a_translated_identifier_is_caught():
    english = "<span>batch before time in <code>input</code> and <code>output</code></span>"
    assert kept(english) != kept("<span>在 <code>输入</code> 和 <code>output</code> 中批次维度在前</span>")
    assert kept(english) == kept("<span>在 <code>input</code> 和 <code>output</code> 中批次维度在前</span>")
    assert kept('<div tooltip="A long sequence">') == kept('<div tooltip="长序列">')
    assert kept('<label for="lstm-h0">') != kept('<label for="lstm-h1">')
