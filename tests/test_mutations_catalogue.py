"""tools/mutations.toml stays applicable: every mutant finds its text once, across every kind of file."""

import sys

from built import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import mutate  # noqa: E402


def test_the_catalogue_applies_to_the_current_files():
    """A page or rule edited since: `load` names the mutant whose text is gone; update its `find`."""
    mutants = mutate.load(mutate.CATALOGUE)
    assert len(mutants) >= 40
    files = {m.file for m in mutants}
    for kind in ("docs/basics/", "docs/reference/", "docs/glossary.md", "examples/", "cheatsheet/", "explorer/"):
        assert any(kind in file for file in files), f"no mutant of {kind}"
    assert all(m.find != m.replace for m in mutants)


def test_every_mutated_file_has_a_check():
    for mutant in mutate.load(mutate.CATALOGUE):
        assert mutant.check(), mutant.id
