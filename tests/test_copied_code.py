"""What a reader copies from a built page is the code the build ran, in both languages.

Each block is taken as the copy button gives it (``tools.copied_code``: the site's own
sphinx-copybutton code, run by Node.js). Nothing is executed here: ``nox -s copied``
runs the copied code, with any torch.
"""

import functools
import itertools
import sys

import pytest

from built import LANGUAGES, ROOT, SITE, pages, program, require, source_pages
from lstmdocs.i18n.code_comments import without_comments
from lstmdocs.running.page_doctests import blocks as source_blocks
from tools.copied_code import (
    KINDS,
    Copied,
    classic_prompt_errors,
    copied_is_not_run,
    copied_pages,
    copy_texts,
    doctest_flag_names,
)

DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
PAGES = source_pages()  # each edition's pages (test_pages_with_code_are_found: the built ones)
GALLERY = [page for page in PAGES if page.startswith("gallery/plot_")]


@functools.cache
def copied(language: str) -> dict[str, list[Copied]]:
    program("node", "apt-get install nodejs (Node.js 20+)")
    return copied_pages(require(SITE / language), pages(language))


def pasted(page: str, language: str = "en") -> list[Copied]:
    """The blocks a reader pastes: every block with a button but the printed outputs."""
    return [block for block in copied(language)[page] if block.kind != "output"]


def script_cells(example: str) -> list[str]:
    """The code cells of a gallery script as sphinx-gallery shows them (this site sets remove_config_comments)."""
    from sphinx_gallery import py_source_parser as parser

    _, script_blocks = parser.split_code_and_text_blocks(EXAMPLES / f"{example}.py")
    cells = [
        parser.remove_config_comments(parser.remove_ignore_blocks(block.content))
        for block in script_blocks
        if block.type == "code"
    ]
    return [cell.strip("\n") for cell in cells if not cell.isspace()]


@pytest.mark.usefixtures("built_site")
def test_pages_with_code_are_found():
    with_code = {page for page in PAGES if pasted(page)}
    assert {"basics/outputs.html", "reference/mistakes.html", "gallery/plot_keras.html"} <= with_code
    assert pages("en") == PAGES, "the tests here are parametrized over other pages than the built ones"
    assert len(GALLERY) == len(list(EXAMPLES.glob("plot_*.py")))


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_copied_block_is_python_the_runner_knows(language):
    """A block in another language (a shell command, a traceback) would be copied and never run."""
    known = {*KINDS.values(), "output"}
    unknown = [(page, block.kind) for page, found in copied(language).items() for block in found]
    assert [entry for entry in unknown if entry[1] not in known] == []


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_page_copies_the_english_code(page):
    """Code is never translated, only its comments: the same blocks, the same copied code and the same doctest
    outputs once comments are removed (tests/test_zh_code_comments.py checks that the comments are Chinese)."""

    def code(blocks: list[Copied]) -> list[tuple[str, str, str]]:
        return [
            (
                b.kind,
                without_comments(b.code, "python"),
                without_comments(b.shown, "pycon") if b.kind == "doctest" else "",
            )
            for b in blocks
        ]

    assert code(pasted(page, "zh_CN")) == code(pasted(page))


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_doctest_copies_the_statements_doctest_runs(language):
    """The copy button drops what it takes for output: a statement line without its prompt would be lost."""
    wrong = [
        (page, number, where)
        for page, found in copied(language).items()
        for number, block in enumerate(found, 1)
        if block.kind == "doctest" and (where := copied_is_not_run(block))
    ]
    assert wrong == []


def built_as_ran(found: list[Copied], ran: list) -> str:
    """The first block where what the page copies is not what the build ran ('' where none is)."""
    kinds = {"cell": "code", "doctest": "doctest"}
    for number, (block, source) in enumerate(itertools.zip_longest(found, ran), 1):
        if block is None or source is None:
            extra = f"the page has no block {number}" if block is None else "the build ran no such block"
            return f"block {number}: {extra} ({len(found)} blocks on the page, {len(ran)} run)"
        where = f"block {number} (source line {source.line})"
        if block.kind != kinds[source.kind]:
            return f"{where}: the page has a {block.kind} block, the build ran a {kinds[source.kind]} block"
        if block.kind == "code" and block.code != source.source.removesuffix("\n"):
            return f"{where}: the copy is not the code the build ran:\n{block.code}"
        if block.kind == "doctest" and block.shown.rstrip("\n") != source.source.rstrip("\n"):
            return f"{where}: the page shows another doctest than the build ran:\n{block.shown}"
    return ""


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_doctest_pastes_into_the_classic_prompt(language):
    """``python`` up to 3.12 runs a pasted compound statement only at a blank line: a statement right after
    its body is a syntax error, and the whole block is lost. A bare ``...`` in the doctest is that blank line.
    (Notebook and gallery cells are pasted into Jupyter or a script, which need no blank line.)"""
    wrong = [
        (page, number, errors[0])
        for page, found in copied(language).items()
        for number, block in enumerate(found, 1)
        if block.kind == "doctest" and (errors := classic_prompt_errors(block.code))
    ]
    assert wrong == []


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", [page for page in PAGES if not page.startswith("gallery/")])
def test_a_page_copies_the_code_the_build_ran(page):
    """lstmdocs.running.page_doctests ran the page's Markdown blocks; the built page must show exactly those.

    Pages without a Markdown source (the index, search) must have no code.
    """
    source = DOCS / page.replace(".html", ".md")
    shown = ("cell", "doctest")  # not a claim (inline in a sentence) nor a {claim-names} block (not shown)
    ran = [b for b in source_blocks(source.read_text(encoding="utf-8")) if b.kind in shown] if source.exists() else []
    assert built_as_ran(pasted(page), ran) == "", f"{page} ({source.relative_to(ROOT)})"


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", GALLERY)
def test_a_gallery_page_copies_the_scripts_code(page):
    """sphinx-gallery ran the script; its page must copy the script's code cells, in order and whole."""
    example = page.removeprefix("gallery/").removesuffix(".html")
    assert [b.kind for b in pasted(page)] == ["code"] * len(script_cells(example))
    for number, (block, cell) in enumerate(zip(pasted(page), script_cells(example)), 1):
        assert block.code == cell, f"{page}, code block {number}: the copy is not cell {number} of {example}.py"


def run_blocks(*blocks: tuple[str, str]) -> dict:
    """The runner on a page of plain-Python blocks (kind, text as shown), each copied as the button would."""
    from tools.copied_code import run_page

    page = [{"kind": kind, "shown": shown, "code": shown, "output": None} for kind, shown in blocks]
    return run_page("page.html", page, doctest_flag_names(), sys.executable)


def test_the_runner_fails_on_a_doctest_output_unlike_the_page():
    result = run_blocks(("code", "x = 41\n"), ("doctest", ">>> y = x + 1\n>>> y\n43\n"))
    assert result["failure"] == {
        "block": 2,
        "kind": "doctest",
        "line": 2,
        "source": "y",
        "message": "line 1: the page shows '43', the run printed '42'",
    }


def test_the_runner_stops_at_a_failing_code_block_and_shares_names_between_blocks():
    result = run_blocks(("doctest", ">>> x = 1\n"), ("code", "y = x\nundefined\n"), ("doctest", ">>> 1\n1\n"))
    assert (
        result["failure"]["block"] == 2 and "NameError: name 'undefined' is not defined" in result["failure"]["message"]
    )
    assert result["blocks"] == 2 and result["examples"] == 1
    assert run_blocks(("doctest", ">>> x = 1\n"), ("code", "y = x\n"), ("doctest", ">>> y\n1\n"))["failure"] is None


@pytest.mark.usefixtures("built_site")
def test_an_output_line_the_button_takes_for_code_is_caught():
    """An output line that starts like a prompt (``... ``) is pasted as code, and doctest does not run it."""
    shown = ">>> print('a\\n... b')\na\n... b\n"
    (code,) = copy_texts(require(SITE / "en"), [shown])
    assert code == "print('a\\n... b')\nb"
    assert (
        copied_is_not_run(Copied("doctest", shown, code)) == "doctest runs 1 statement lines, the copy button gives 2"
    )
