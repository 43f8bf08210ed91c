"""What the language switch relies on in the built site (its script: conf/lstmdocs/i18n/static/language-switch.js).

The switch carries the address's fragment, or the id of the section being read, to the other
edition unchanged: no table maps one edition's ids to the other's, because there is nothing to
map. Sphinx gives a section its id from the English heading when it reads the page and keeps it
when it translates the heading (sphinx.transforms.i18n keeps a section's ids), and a glossary
term, a figure or a label keeps its id too. This test holds it for every page: the same ids, in
the same order, in both editions. Only the general index differs (its letters are its entries').
"""

import re

import pytest

from built import SITE, pages, require

pytestmark = pytest.mark.usefixtures("built_site")  # reads _build: a built test

OWN_IDS_PER_EDITION = {"genindex.html"}  # the index's letter headings: A, B, ... and 候, 双, ...
ID = re.compile(r'\sid="([^"]+)"')


def ids(language: str, page: str) -> list[str]:
    return ID.findall((SITE / language / page).read_text(encoding="utf-8"))


def differing_ids(english: list[str], chinese: list[str]) -> str:
    """'' when the two lists are the same; else where they part."""
    if english == chinese:
        return ""
    at = next(
        (i for i, (a, b) in enumerate(zip(english, chinese, strict=False)) if a != b), min(len(english), len(chinese))
    )
    return f"id {at}: {english[at : at + 3]} (en) against {chinese[at : at + 3]} (zh_CN)"


def test_every_page_has_the_same_ids_in_both_editions():
    require(SITE)
    problems = {}
    for page in pages("en"):
        english = ids("en", page)
        if page in OWN_IDS_PER_EDITION:
            continue
        assert english, f"en/{page} has no ids"
        if found := differing_ids(english, ids("zh_CN", page)):
            problems[page] = found
    assert not problems, (
        "the language switch keeps the fragment or section id as it is, so both editions must give an "
        f"element the same id: {problems}"
    )


def test_a_translated_id_is_caught():
    english = ["outputs", "the-example", "summary"]
    assert differing_ids(english, english) == ""
    assert "the-example" in differing_ids(english, ["outputs", "id1", "summary"])
    assert differing_ids(english, english[:2]) != ""


def test_every_page_loads_the_switch_script():
    for language in ("en", "zh_CN"):
        for page in pages(language):
            html = (require(SITE) / language / page).read_text(encoding="utf-8")
            assert re.search(r'<script defer="defer" src="[./]*_static/language-switch\.js\?v=', html), (
                f"{language}/{page}"
            )
