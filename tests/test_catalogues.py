"""zh_CN catalogues: complete, current, and faithful to the English markup.

Every message extracted from the English source (``_build/gettext/*.pot``) must
have a translation in ``docs/locales/zh_CN/LC_MESSAGES`` that is not fuzzy, and no
catalogue may keep a message the source no longer has. `nox -s i18n` updates them.
Each catalogue is a test of its own; every template has a catalogue and every catalogue
a template, so that these are all the templates.
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

# Every test here reads the message templates the build extracted.
pytestmark = pytest.mark.usefixtures("built_site")


def protected(text: str) -> list[str]:
    spans = (TARGET.sub(r"<\1>", span) for span in PROTECTED.findall(text))
    return sorted(spans)


def templates() -> list[str]:
    return sorted(p.relative_to(GETTEXT).with_suffix("").as_posix() for p in require(GETTEXT).rglob("*.pot"))


def catalogues() -> list[str]:
    """The zh_CN catalogues, named as their templates are (from the sources: collecting needs no build)."""
    return sorted(p.relative_to(CATALOGUES).with_suffix("").as_posix() for p in CATALOGUES.rglob("*.po"))


def test_catalogues_are_extracted():
    assert "basics/outputs" in templates()


def test_every_template_has_a_catalogue():
    missing = [name for name in templates() if name not in catalogues()]
    assert not missing, f"messages without a catalogue (run `nox -s i18n`): {missing}"


def test_no_catalogue_without_a_source():
    stale = [name for name in catalogues() if not (require(GETTEXT) / f"{name}.pot").is_file()]
    assert not stale, f"catalogues whose page is gone (delete them): {stale}"


def problems(name: str) -> list[str]:
    path = CATALOGUES / f"{name}.po"
    if not path.is_file():
        return [f"{path}: missing; run `nox -s i18n`"]
    if not (GETTEXT / f"{name}.pot").is_file():
        return [f"{path}: its page is gone (no {name}.pot was extracted): delete it"]
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


@pytest.mark.parametrize("name", catalogues())
def test_catalogue_is_complete_and_current(name):
    require(GETTEXT)
    issues = problems(name)
    assert not issues, "\n".join(issues)
