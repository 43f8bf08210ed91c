"""Every page's code runs as copied and every doctest on it holds: the build runs them, these tests check it did."""

import json

import pytest

from built import BUILD, ROOT, require
from lstmdocs.running.page_doctests import PASSED_FILE, page_fingerprint
from page_code import blocks, run_page

DOCS = ROOT / "docs"
PAGES = sorted(
    path.relative_to(DOCS).as_posix()
    for path in DOCS.rglob("*.md")
    if "gallery" not in path.relative_to(DOCS).parts and "```pycon" in path.read_text(encoding="utf-8")
)


def test_pages_with_doctests_are_found():
    assert {"basics/outputs.md", "basics/equations.md", "glossary.md", "reference/mistakes.md"} <= set(PAGES)


@pytest.mark.usefixtures("built_site")
def test_the_build_ran_every_page_as_it_is_now():
    """``nox -s docs`` ran each page's doctests (lstmdocs.running.page_doctests) on its current text and they passed."""
    record = json.loads(require(BUILD / "doctrees" / PASSED_FILE).read_text(encoding="utf-8"))
    assert not record["failed"], record["failed"]
    stale = [
        page for page in PAGES if page_fingerprint((DOCS / page).read_text(encoding="utf-8")) not in record["passed"]
    ]
    assert not stale, f"pages whose current text the build has not run: {stale} (run nox -s docs)"


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
