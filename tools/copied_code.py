"""What a reader copies from the built site, block by block, and a runner that runs it.

Usage: python -m tools.copied_code [--site _build/site] [--language LANG] [--page SUBSTRING] [--torch VERSION]

sphinx-copybutton puts a button on every ``div.highlight pre`` of a page (the
selector its built ``_static/copybutton.js`` names). A click copies the ``pre``'s text
without the excluded elements (``.linenos``), passed through ``formatCopyText`` with the
site's prompt regex (``>>> ``, ``... `` or a bare ``...``): in a block with prompts, the
prompts are removed and every line without one (an output) is dropped, blank lines kept.
`copied_pages` reproduces that with the site's own copy of the function, run by Node.js
(``tools/copy_button.cjs``); the text is the ``pre``'s text content, which is what the
function's ``innerText`` of a detached clone returns.

Blocks are sorted by what they are on the page:

- ``doctest``: a ``pycon`` block (``>>>`` prompts, outputs shown below each statement);
- ``code``: a Python block without prompts (a notebook cell, a gallery cell, a ``python`` fence);
- ``output``: what a notebook cell or a gallery cell printed (the button copies it; a reader drops it);
- any other value: the highlighting language of a block this module does not know.

Run as a program, it runs every page's copied code in a fresh interpreter
(``tools/run_copied_page.py``), the blocks one after the other in one namespace, as a reader
pastes them into one session, and compares the doctests' outputs with the page. Where every
block of a page starts by importing torch (``basics/diagrams``), each block is an alternative
a reader may paste alone: each then also runs alone, in its own interpreter. One line
per page; exit status 1 when a page fails. ``nox -s copied -- --torch VERSION`` runs it
with another torch.
"""

from __future__ import annotations

import argparse
import codeop
import copy
import doctest
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tools.site_facts import LANGUAGES, html_pages

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "site"
COPY_BUTTON = ROOT / "tools" / "copy_button.cjs"
RUN_PAGE = ROOT / "tools" / "run_copied_page.py"

# The highlighting language of a block's wrapper (``div.highlight-<language>``) -> its kind.
KINDS = {"pycon": "doctest", "python": "code", "Python": "code", "ipython3": "code"}
# Wrappers of printed output: myst-nb's cell outputs and sphinx-gallery's script outputs.
OUTPUT_CLASSES = ["cell_output", "sphx-glr-script-out"]


@dataclass(frozen=True)
class Copied:
    kind: str  # "doctest", "code", "output", or another block's highlighting language
    shown: str  # the block's text on the page
    code: str  # what the copy button gives


def copy_button(tree: Path) -> tuple[str, str]:
    """The selector of the blocks that get a button and the selector of what a copy leaves out, as built."""
    script = (tree / "_static" / "copybutton.js").read_text(encoding="utf-8")
    selector = re.search(r"const COPYBUTTON_SELECTOR = '([^']*)';", script)
    exclude = re.search(r"let exclude = '([^']*)';", script)
    if not (selector and exclude):
        raise RuntimeError(f"{tree}/_static/copybutton.js: no selector or exclude where 0.5.2 writes them")
    return selector.group(1), exclude.group(1)


def _kind(pre) -> str:
    if pre.find_parent(class_=OUTPUT_CLASSES):
        return "output"
    wrapper = pre.find_parent("div", class_=re.compile("^highlight-"))
    classes = wrapper.get("class", []) if wrapper else []
    language = next((c.removeprefix("highlight-") for c in classes if c.startswith("highlight-")), "unknown")
    return KINDS.get(language, language)


def _text(pre, exclude: str) -> str:
    """The ``pre``'s text content without the excluded elements, as a browser parses it."""
    pre = copy.copy(pre)
    for node in pre.select(exclude) if exclude else []:
        node.decompose()
    text = pre.get_text()
    # An HTML parser drops a newline right after <pre>; Python's html.parser keeps it.
    return text.removeprefix("\n") if pre.contents and isinstance(pre.contents[0], str) else text


def copied_pages(tree: Path, pages: list[str]) -> dict[str, list[Copied]]:
    """Every block with a copy button on each page of one edition (``tree``), in page order."""
    from bs4 import BeautifulSoup

    selector, exclude = copy_button(tree)
    found: dict[str, list[tuple[str, str]]] = {}
    for page in pages:
        soup = BeautifulSoup((tree / page).read_text(encoding="utf-8"), "html.parser")
        found[page] = [(_kind(pre), _text(pre, exclude)) for pre in soup.select(selector)]
    codes = iter(copy_texts(tree, [shown for blocks in found.values() for _, shown in blocks]))
    return {page: [Copied(kind, shown, next(codes)) for kind, shown in blocks] for page, blocks in found.items()}


def copy_texts(tree: Path, texts: list[str]) -> list[str]:
    """What the copy button of edition ``tree`` gives for blocks showing ``texts``."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js runs the site's copy of sphinx-copybutton's code: apt-get install nodejs")
    run = subprocess.run(
        [node, str(COPY_BUTTON), str(tree / "_static" / "copybutton.js")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def doctest_statements(shown: str) -> list[str]:
    """The lines of the statements doctest runs in a ``>>>`` block's text."""
    examples = doctest.DocTestParser().get_examples(shown)
    return [line for example in examples for line in example.source.rstrip("\n").split("\n")]


def copied_is_not_run(block: Copied) -> str:
    """Where a ``>>>`` block's copied code differs from the statements its doctest runs ('' where nowhere).

    Blank lines do not count: doctest skips them, and the button keeps them.
    """
    ran = [line for line in doctest_statements(block.shown) if line.strip()]
    copied = [line for line in block.code.split("\n") if line.strip()]
    for number, (statement, line) in enumerate(zip(ran, copied), 1):
        if statement != line:
            return f"statement line {number}: doctest runs {statement!r}, the copy button gives {line!r}"
    if len(ran) != len(copied):
        return f"doctest runs {len(ran)} statement lines, the copy button gives {len(copied)}"
    return ""


# -- the runner ------------------------------------------------------------------------


def doctest_flag_names() -> list[str]:
    """The page doctests' option flags (``lstmdocs.running.page_doctests.DOCTEST_FLAGS``), by name."""
    sys.path.insert(0, str(ROOT / "conf"))
    from lstmdocs.running.page_doctests import DOCTEST_FLAGS

    return [name for name, flag in doctest.OPTIONFLAGS_BY_NAME.items() if DOCTEST_FLAGS & flag]


def runnable(blocks: list[Copied]) -> list[dict]:
    """The blocks a reader pastes (outputs dropped), each code block with the output the page shows below it."""
    pasted: list[dict] = []
    for block in blocks:
        if block.kind == "output":
            if pasted and pasted[-1]["kind"] == "code":
                pasted[-1]["output"] = (pasted[-1]["output"] or "") + block.shown
            continue
        pasted.append({"kind": block.kind, "code": block.code, "shown": block.shown, "output": None})
    return pasted


def not_runnable(pasted: list[dict]) -> str:
    """Why a page's blocks cannot be run as they are copied ('' when they can)."""
    unknown = sorted({block["kind"] for block in pasted} - {"code", "doctest"})
    if unknown:
        return f"blocks in a language this runner does not know: {unknown}"
    for number, block in enumerate(pasted, 1):
        if block["kind"] == "doctest" and (
            where := copied_is_not_run(Copied(block["kind"], block["shown"], block["code"]))
        ):
            return f"block {number}: the copied code is not the doctest's, at {where}"
    return ""


def run_page(page: str, blocks: list[dict], flags: list[str], python: str) -> dict:
    """Run one page's blocks in a fresh interpreter ``python``, in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="copied-") as scratch:
        result_file = Path(scratch) / "result.json"
        run = subprocess.run(
            [python, "-I", str(RUN_PAGE), str(result_file)],
            input=json.dumps({"page": page, "flags": flags, "blocks": blocks}),
            cwd=scratch,
            env={**os.environ, "MPLBACKEND": "agg"},  # figures are drawn, not shown
            capture_output=True,
            text=True,
            timeout=900,
        )
        if not result_file.exists():
            message = (run.stderr or run.stdout).strip()[-2000:] or f"exit status {run.returncode}"
            return {"blocks": 0, "examples": 0, "failure": {"block": None, "message": message}, "notes": []}
        return json.loads(result_file.read_text(encoding="utf-8"))


def classic_prompt_errors(code: str) -> list[str]:
    """Lines that Python's classic interactive prompt (``python`` up to 3.12, ``code.interact``) would reject
    if ``code`` were pasted into it: it runs each statement when complete, and a compound statement is
    complete only at a blank line, so a line that follows its body directly is a syntax error."""
    errors, statement = [], []
    for number, line in enumerate(code.split("\n"), 1):
        statement.append(line)
        try:
            if codeop.compile_command("\n".join(statement), "<paste>", "single") is not None:
                statement = []
        except SyntaxError as error:
            errors.append(f"line {number} ({error.msg}): {line.strip()}")
            statement = []
    return errors


def standalone(pasted: list[dict]) -> bool:
    """Whether every block of a page starts by importing torch: each is then an alternative a reader may paste alone."""
    return len(pasted) > 1 and all(re.match(r"(import torch|from torch import)\b", b["code"].lstrip()) for b in pasted)


def run_each_alone(page: str, pasted: list[dict], flags: list[str], python: str, together: dict) -> dict:
    """Run each block of a page of alternatives in its own fresh interpreter too; the first failure counts."""
    for number, block in enumerate(pasted, 1):
        alone = run_page(f"{page}, block {number} alone", [block], flags, python)
        together["notes"] += [f"block {number} alone: {note}" for note in alone["notes"]]
        if alone["failure"]:
            together["failure"] = {
                **alone["failure"],
                "block": number,
                "message": f"alone: {alone['failure']['message']}",
            }
            break
    else:
        together["notes"].append(f"each of the {len(pasted)} blocks also ran alone, in its own interpreter")
    return together


def describe(failure: dict) -> str:
    where = f"block {failure['block']}" if failure.get("block") else "before any block"
    if failure.get("kind") == "doctest":
        where += f" (doctest, line {failure['line']} of the block: >>> {failure['source'].splitlines()[0]})"
    elif failure.get("kind"):
        where += f" ({failure['kind']})"
    return f"{where}: {failure['message']}"


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--site", type=Path, default=SITE, help="the built site (default: _build/site)")
    options.add_argument("--language", action="append", choices=LANGUAGES, help="default: every language")
    options.add_argument("--page", action="append", default=[], help="only pages whose path contains this")
    options.add_argument("--python", default=sys.executable, help="the interpreter that runs the pages")
    options.add_argument("--torch", help="the torch version the interpreter must have (nox -s copied installs it)")
    args = options.parse_args(argv)

    version = subprocess.run(
        [args.python, "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if args.torch and version.split("+")[0] != args.torch:
        print(f"{args.python} has torch {version}, not {args.torch} (nox -R skips the install: drop -R)")
        return 2
    print(f"copied code of {args.site}, run with torch {version} ({args.python})", flush=True)
    flags = doctest_flag_names()
    totals = {"pages": 0, "blocks": 0, "examples": 0, "failed": 0}
    started = time.monotonic()
    for language in args.language or LANGUAGES:
        tree = args.site / language
        pages = [p for p in html_pages(tree) if not args.page or any(part in p for part in args.page)]
        for page, blocks in copied_pages(tree, pages).items():
            name = f"{language}/{page}"
            pasted = runnable(blocks)
            if not pasted:
                continue
            clock = time.monotonic()
            refused = not_runnable(pasted)
            if refused:
                result = {"blocks": 0, "examples": 0, "notes": [], "failure": {"block": None, "message": refused}}
            else:
                result = run_page(name, pasted, flags, args.python)
            if not result["failure"] and standalone(pasted):
                result = run_each_alone(name, pasted, flags, args.python, result)
            seconds = time.monotonic() - clock
            kinds = {kind: sum(b["kind"] == kind for b in pasted) for kind in ("code", "doctest")}
            counts = f"{len(pasted)} blocks ({kinds['code']} code, {kinds['doctest']} doctest, {result['examples']} examples)"
            totals["pages"] += 1
            totals["blocks"] += result["blocks"]
            totals["examples"] += result["examples"]
            if result["failure"]:
                totals["failed"] += 1
                print(f"FAIL  {name}  {describe(result['failure'])}  [{seconds:.1f} s]", flush=True)
            else:
                print(f"ok    {name}  {counts}  [{seconds:.1f} s]", flush=True)
            for note in result["notes"]:
                print(f"      note: {note}", flush=True)
    print(
        f"{totals['pages']} pages, {totals['blocks']} blocks run ({totals['examples']} doctest examples), "
        f"{totals['failed']} pages failed, torch {version}, {time.monotonic() - started:.0f} s",
        flush=True,
    )
    return 1 if totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
