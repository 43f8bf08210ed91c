"""tools/mutations.toml stays applicable: every mutant finds its text once, across every kind of file."""

import sys

import pytest

from built import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import mutate  # noqa: E402


def test_the_catalogue_applies_to_the_current_files():
    """A page or rule edited since: `load` names the mutant whose text is gone; update its `find`."""
    mutants = mutate.load(mutate.CATALOGUE)
    assert len(mutants) >= 100
    in_words = [m.id for m in mutants if any(map(mutate.in_words, m.changes))]
    assert len(in_words) >= 40, f"only {len(in_words)} mutants change prose, translations, pictures or widget text"
    files = {file for m in mutants for file in m.files}
    for kind in (
        "docs/basics/",
        "docs/reference/",
        "docs/glossary.md",
        "examples/",
        "widgets/cheatsheet/",
        "explorer/",
    ):
        assert any(kind in file for file in files), f"no mutant of {kind}"
    assert any(file.endswith(".po") for file in files), "no mutant of a translation"
    assert any(len(m.changes) > 1 for m in mutants), "no mutant of a sentence and its translation together"
    assert all(c.find != c.replace for m in mutants for c in m.changes)


def test_every_mutated_file_has_a_check():
    for mutant in mutate.load(mutate.CATALOGUE):
        assert mutant.checks(), mutant.id


def write(tmp_path, text: str):
    catalogue = tmp_path / "mutations.toml"
    catalogue.write_text(text, encoding="utf-8")
    return catalogue


def test_a_mutant_may_change_several_files_and_the_one_file_form_stays_valid(tmp_path):
    catalogue = write(
        tmp_path,
        """
[[mutant]]
id = "one file"
file = "docs/glossary.md"
find = "One component of the hidden state and of the cell state."
replace = "One component of the hidden state."

[[mutant]]
id = "a sentence and its translation"
[[mutant.change]]
file = "docs/basics/outputs.md"
find = "{claim}`h_n[-1] == output[:, -1, :]`"
replace = "{claim}`h_n[0] == output[:, -1, :]`"
[[mutant.change]]
file = "docs/locales/zh_CN/LC_MESSAGES/basics/outputs.po"
find = "单向 LSTM，{claim}`h_n[-1] == output[:, -1, :]`"
replace = "单向 LSTM，{claim}`h_n[0] == output[:, -1, :]`"
""",
    )
    one, both = mutate.load(catalogue)
    assert one.files == ["docs/glossary.md"] and len(one.checks()) == 1
    assert both.files == ["docs/basics/outputs.md", "docs/locales/zh_CN/LC_MESSAGES/basics/outputs.po"]
    assert len(both.checks()) == 2  # the page's run and the translation's facts
    assert mutate.in_words(both.changes[0]) and mutate.in_words(both.changes[1])


def test_a_file_without_a_check_of_its_own_needs_the_build(tmp_path):
    entry = """
[[mutant]]
id = "the site's style"
file = "conf/static/site.css"
find = "{find}"
replace = "{find} "
{build}"""
    css = (ROOT / "conf/static/site.css").read_text(encoding="utf-8").splitlines()[0]
    with pytest.raises(mutate.CatalogueError, match="no check of its own"):
        mutate.load(write(tmp_path, entry.format(find=css, build="")))
    (mutant,) = mutate.load(
        write(tmp_path, entry.format(find=css, build='build = true\ntests = ["tests/test_site.py"]'))
    )
    assert mutant.checks()[0] is mutate.BUILD_BOTH and mutant.checks()[1][-1] == "tests/test_site.py"


def test_a_find_that_is_not_there_once_is_refused(tmp_path):
    with pytest.raises(mutate.CatalogueError, match="occurs 0 times"):
        mutate.load(
            write(tmp_path, '[[mutant]]\nid = "x"\nfile = "docs/glossary.md"\nfind = "no such words"\nreplace = "y"\n')
        )
