"""README.md stays a short quick start and map; it and MAINTAINING.md name only paths that exist.

A path counts when it is written in backticks or as a Markdown link target and starts with one of
the repository's folders (``conf/``, ``docs/``, ...) or is a bare file name of the kind kept at the
repository's root (``noxfile.py``, ``package.json``, ...). A bare name is found at the root or, as
in "the resetter in ``gallery.py``", anywhere in the repository. Placeholders (``<page>``) and globs
(``plot_*.py``) are skipped; ``{a,b}`` is expanded. Paths the repository ignores (``.gitignore``:
``_build/``, ``docs/gallery/``) are build outputs and need not exist.
"""

import itertools
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAINTAINING = ROOT / "MAINTAINING.md"
GUIDES = (README, MAINTAINING)

README_MAX_LINES = 150
MAX_LINE = 200
PATCHES_HEADING = "## Patches of dependencies' behaviour"

FOLDERS = ("conf/", "docs/", "examples/", "tests/", "tools/", "requirements/", ".ci/", ".github/")
ROOT_FILE = re.compile(r"^\.?[\w-]+(\.[\w-]+)*\.(py|md|toml|json|jsonc|yaml|yml)$")
SKIPPED_DIRS = {".git", ".nox", "node_modules", "_build", "__pycache__", ".pytest_cache"}

INLINE_CODE = re.compile(r"(`+)(.+?)\1")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
PLACEHOLDER = re.compile(r"[<>*?\[\]]|\.\.\.")


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def where(path: Path, number: int) -> str:
    return f"{path.relative_to(ROOT)}:{number}"


def candidates(line: str) -> list[str]:
    """Backticked text and Markdown link targets of one line, code fences aside."""
    found = [code.strip() for _, code in INLINE_CODE.findall(line)]
    found += [target.split("#")[0] for target in LINK_TARGET.findall(line)]
    return [text for text in found if text]


def expand_braces(text: str) -> list[str]:
    parts = re.split(r"\{([^{}]*,[^{}]*)\}", text)
    choices = [[part] if i % 2 == 0 else part.split(",") for i, part in enumerate(parts)]
    return ["".join(combination) for combination in itertools.product(*choices)]


def ignored_prefixes() -> list[str]:
    """Folders .gitignore names by path (``/_build/``): build outputs, not in a fresh checkout."""
    gitignore = ROOT / ".gitignore"
    entries = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.is_file() else []
    return [entry.strip().lstrip("/") for entry in entries if entry.strip().startswith("/")]


def repository_file_names() -> set[str]:
    names = set()
    for _, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
        names.update(files)
    return names


def repository_paths(path: Path) -> list[tuple[int, str]]:
    """(line number, path) for each repository path the guide names, placeholders and globs aside."""
    named, fenced = [], False
    for number, line in enumerate(lines(path), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        for text in candidates(line):
            if re.search(r"\s", text) or "://" in text:
                continue  # a command, a message or an address, not a path
            for name in expand_braces(text):
                if PLACEHOLDER.search(name):
                    continue
                if name.startswith(FOLDERS) or ROOT_FILE.match(name):
                    named.append((number, name))
    return named


def test_readme_is_short():
    count = len(lines(README))
    assert count <= README_MAX_LINES, (
        f"{where(README, count)}: README.md has {count} lines, more than {README_MAX_LINES}; "
        "move the detail to MAINTAINING.md"
    )


@pytest.mark.parametrize("path", GUIDES, ids=lambda path: path.name)
def test_no_line_is_too_long(path):
    long = [
        f"{where(path, number)}: {len(line)} characters"
        for number, line in enumerate(lines(path), 1)
        if len(line) > MAX_LINE
    ]
    advice = "wrap the prose, or turn a table into a list"
    assert not long, f"lines over {MAX_LINE} characters ({advice}):\n" + "\n".join(long)


@pytest.mark.parametrize("path", GUIDES, ids=lambda path: path.name)
def test_every_path_named_exists(path):
    generated = ignored_prefixes()
    everywhere = repository_file_names()
    missing = []
    for number, name in repository_paths(path):
        if any(name.startswith(prefix) for prefix in generated):
            continue
        if "/" in name.rstrip("/"):
            found = (ROOT / name).exists()
        else:
            found = (ROOT / name).exists() or name in everywhere
        if not found:
            missing.append(f"{where(path, number)}: `{name}` does not exist")
    assert not missing, "paths named but not in the repository:\n" + "\n".join(missing)


def test_readme_links_to_the_maintainers_guide():
    linked = any("](MAINTAINING.md" in line for line in lines(README))
    assert linked, (
        f"{where(README, 1)}: README.md has no link to the maintainers' guide, [MAINTAINING.md](MAINTAINING.md)"
    )


def test_maintainers_guide_lists_the_patches():
    headings = [line.rstrip() for line in lines(MAINTAINING)]
    assert PATCHES_HEADING in headings, (
        f"{where(MAINTAINING, 1)}: no heading {PATCHES_HEADING!r}; tests/test_canaries.py and the canaries' messages "
        "send maintainers there"
    )
