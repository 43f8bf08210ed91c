"""Every page's code runs as copied and every doctest on it holds."""

import subprocess
import sys
from pathlib import Path

import pytest

from page_code import blocks, run_page

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(
    path.relative_to(DOCS).as_posix()
    for path in DOCS.rglob("*.md")
    if "gallery" not in path.relative_to(DOCS).parts and ">>> " in path.read_text(encoding="utf-8")
)


def test_pages_with_doctests_are_found():
    assert "basics/outputs.md" in PAGES and "basics/equations.md" in PAGES


@pytest.mark.parametrize("page", PAGES)
def test_page_code(page):
    run = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("page_code.py")), str(DOCS / page)],
        capture_output=True,
        text=True,
        check=False,  # the output is the failure message
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_wrong_relationship_fails(tmp_path):
    """The checker itself: a page claiming output[-1] is the last step must fail."""
    page = tmp_path / "wrong.md"
    page.write_text(
        "```{code-cell} python\n"
        "import torch\nfrom torch import nn\ntorch.manual_seed(0)\n"
        "output, (h_n, c_n) = nn.LSTM(2, 3, batch_first=True)(torch.randn(5, 4, 2))\n"
        "```\n\n"
        "```pycon\n>>> torch.equal(h_n[-1], output[-1])\nTrue\n```\n",
        encoding="utf-8",
    )
    failures = run_page(page)
    assert len(failures) == 1 and "torch.equal(h_n[-1], output[-1])" in failures[0]


def test_blocks_keep_page_line_numbers():
    text = "# t\n\n```{code-cell} python\n:tags: [hide-input]\nx = 1\n```\n\n```pycon\n>>> x\n1\n```\n"
    found = blocks(text)
    assert [(b.kind, b.line) for b in found] == [("cell", 5), ("doctest", 9)]


def test_doctest_blocks_share_names_like_a_reader_copying_them(tmp_path):
    page = tmp_path / "shared.md"
    page.write_text("```pycon\n>>> x = 41\n```\n\ntext\n\n```pycon\n>>> x + 1\n42\n```\n", encoding="utf-8")
    assert run_page(page) == []
