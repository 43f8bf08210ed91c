"""zh_CN catalogues: complete, current, and faithful to the English markup.

Every message extracted from the English source (``_build/gettext/*.pot``) must
have a translation in ``docs/locales/zh_CN/LC_MESSAGES`` that is not fuzzy, and no
catalogue may keep a message the source no longer has. `nox -s i18n` updates them.
"""

import re

import polib
import pytest

from built import GETTEXT, LOCALES, require

CATALOGUES = LOCALES / "zh_CN" / "LC_MESSAGES"
# Spans that must come through translation unchanged: inline code, roles, math.
# A role's display text may be translated (`example gallery <gallery>`): its target may not.
PROTECTED = re.compile(r"``[^`]+``|`[^`]+`|\$[^$]+\$")
TARGET = re.compile(r"^`.*<([^<>]+)>`$", re.DOTALL)


def protected(text: str) -> list[str]:
    spans = (TARGET.sub(r"<\1>", span) for span in PROTECTED.findall(text))
    return sorted(spans)


def templates() -> list[str]:
    return sorted(p.relative_to(GETTEXT).with_suffix("").as_posix() for p in require(GETTEXT).rglob("*.pot"))


def test_catalogues_are_extracted():
    assert "basics/outputs" in templates()


def test_no_catalogue_without_a_source():
    stale = sorted(
        p.relative_to(CATALOGUES).with_suffix("").as_posix()
        for p in CATALOGUES.rglob("*.po")
        if not (GETTEXT / p.relative_to(CATALOGUES).with_suffix(".pot")).is_file()
    )
    assert not stale, f"catalogues whose page is gone (delete them): {stale}"


def problems(name: str) -> list[str]:
    path = CATALOGUES / f"{name}.po"
    if not path.is_file():
        return [f"{path}: missing; run `nox -s i18n`"]
    template = polib.pofile(str(GETTEXT / f"{name}.pot"))
    catalogue = polib.pofile(str(path))
    wanted = {(e.msgctxt, e.msgid) for e in template}
    found = {}
    issues = []
    for entry in catalogue:
        key = (entry.msgctxt, entry.msgid)
        if entry.obsolete:
            issues.append(f"{path}: obsolete entry {entry.msgid!r}; run `nox -s i18n`")
        elif key not in wanted:
            issues.append(f"{path}: stale entry {entry.msgid!r} (the English changed); run `nox -s i18n`")
        else:
            found[key] = entry
    for key in sorted(wanted, key=lambda k: k[1]):
        entry = found.get(key)
        if entry is None:
            issues.append(f"{path}: message missing {key[1]!r}; run `nox -s i18n`")
        elif not entry.msgstr:
            issues.append(f"{path}:{entry.linenum}: untranslated {entry.msgid!r}")
        elif entry.fuzzy:
            issues.append(f"{path}:{entry.linenum}: fuzzy (review and drop the flag) {entry.msgid!r}")
        elif protected(entry.msgid) != protected(entry.msgstr):
            issues.append(f"{path}:{entry.linenum}: code/role/math spans changed in {entry.msgid!r}")
    return issues


@pytest.mark.parametrize("name", templates() if GETTEXT.exists() else ["(no gettext build)"])
def test_catalogue_is_complete_and_current(name):
    require(GETTEXT)
    issues = problems(name)
    assert not issues, "\n".join(issues)
