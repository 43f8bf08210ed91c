"""Run every page's doctests during the build, the way a reader copies the page.

``{code-cell}`` blocks and ``python`` fences are executed as plain Python (a reader
copies both); ``pycon`` blocks are doctests whose printed results must match; a
``{claim}`` in the prose (``lstmdocs.running.claims``) must hold: evaluated where it
stands, after the blocks above it, or, when it names a dict of the page, once the page has run. A gallery example's ``:claim:`` roles are
checked the same way, between the example's own code blocks. All
blocks of a page share one namespace, so a page passes only if copying its blocks one
after the other works. Each page runs in a fresh
interpreter (``python page_doctests.py PAGE``), as a reader runs it: no torch state
(deterministic mode, default device, threads) left by the build or other pages.

A page runs when Sphinx (re)reads it, in a worker thread while the build goes on; a
failure is an error at the page's line, so ``-W`` fails the build. Pages that passed
are remembered by their text, the torch version and the kinds of blocks run (beside the
doctrees), so the second language and a rebuild run nothing again; a page that has not
passed as it is now (another torch, other rules) is read and run again. This module is also the tests' runner.
"""

from __future__ import annotations

import doctest
import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

DOCTEST_FLAGS = doctest.ELLIPSIS
PASSED_FILE = "page-doctests-passed.json"  # beside the doctrees of every builder and language


@dataclass
class Block:
    kind: str  # "cell", "doctest", "claim" or "names" (a {claim-names} block)
    source: str
    line: int  # 1-based line of the block's first code line in the page

    @property
    def claim_and_names(self) -> tuple[str, str | None]:
        """A claim's expression, and the namespace it names after it (``expr <names>``), if any."""
        found = CLAIM_NAMES.fullmatch(self.source)
        return (found.group(1).strip(), found.group(2)) if found else (self.source.strip(), None)


CODE_DIRECTIVES = ("{code-cell}", "{code-block}", "{code}", "{claim-names}")  # their text is code, not claims
MYST_CLAIM = re.compile(r"\{claim\}`([^`]+)`")
REST_CLAIM = re.compile(r":claim:`([^`]+)`")
CLAIM_NAMES = re.compile(r"(.*?)\s*<(\w+)>\s*", re.DOTALL)


def _strip_cell_options(source: str) -> tuple[str, int]:
    """Drop a code-cell's ``:key: value`` or ``---`` option header; return lines dropped."""
    lines = source.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
        return "".join(lines[end + 1 :]), end + 1
    dropped = 0
    while dropped < len(lines) and lines[dropped].startswith(":"):
        dropped += 1
    return "".join(lines[dropped:]), dropped


def blocks(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    found = []
    in_code = set()  # lines of code blocks, whose text is code, not claims
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence":
            continue
        if not token.info.startswith("{") or token.info.startswith(CODE_DIRECTIVES):
            in_code.update(range(token.map[0] + 1, token.map[1] + 1))
        info = token.info.strip()
        first_line = token.map[0] + 2  # the fence line is map[0], 0-based
        if info.startswith("{code-cell}"):
            source, dropped = _strip_cell_options(token.content)
            found.append(Block("cell", source, first_line + dropped))
        elif info == "python":
            found.append(Block("cell", token.content, first_line))
        elif info == "{claim-names}":  # run like a cell, not shown: a reader never copies it
            found.append(Block("names", token.content, first_line))
        elif info == "pycon":
            found.append(Block("doctest", token.content, first_line))
    # Claims anywhere else: paragraphs, lists, and the content of directives (a glossary, a note).
    for number, line in enumerate(text.splitlines(), 1):
        if number not in in_code:
            found += [Block("claim", claim, number) for claim in MYST_CLAIM.findall(line)]
    return sorted(found, key=lambda block: block.line)


def script_blocks(path: Path) -> list[Block]:
    """A gallery example: its code blocks, and the claims of its text blocks, in the order they come."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    found = []
    for block in split_code_and_text_blocks(str(path))[1]:
        if block.type == "code":
            found.append(Block("cell", block.content, block.lineno))
            continue
        for offset, line in enumerate(block.content.splitlines()):
            found += [Block("claim", claim, block.lineno + offset) for claim in REST_CLAIM.findall(line)]
    return found


def tensor_equal(left, right) -> bool:
    import torch

    if isinstance(left, torch.Tensor) or isinstance(right, torch.Tensor):
        both = isinstance(left, torch.Tensor) and isinstance(right, torch.Tensor)
        return both and torch.equal(left, right)  # same shape, same values: bit for bit
    return left == right


def claim_holds(expression: str, namespace: dict) -> bool:
    """``a == b`` (and ``a == b == c``) of tensors means ``torch.equal``, ``a != b`` its negation; else ``bool()``."""
    import ast

    tree = ast.parse(expression, mode="eval").body
    if isinstance(tree, ast.Compare) and all(isinstance(op, (ast.Eq, ast.NotEq)) for op in tree.ops):
        values = [eval(compile(ast.Expression(node), "<claim>", "eval"), namespace)  # noqa: S307 (the page's own)
                  for node in [tree.left, *tree.comparators]]  # fmt: skip
        pairs = zip(tree.ops, values, values[1:], strict=False)
        return all(tensor_equal(a, b) == isinstance(op, ast.Eq) for op, a, b in pairs)
    return bool(eval(expression, namespace))  # noqa: S307 (the page's own claim)


def check_claim(block: Block, path: Path, namespace: dict) -> str | None:
    """None when the claim holds, else the failure, naming the page's line."""
    expression, names = block.claim_and_names
    scope = namespace
    if names is not None:
        if not isinstance(namespace.get(names), dict):
            return f'File "{path}", line {block.line}: the claim `{block.source}` names <{names}>, which no code above defines as a dict'
        scope = {**namespace, **namespace[names]}
    try:
        holds = claim_holds(expression, scope)
    except Exception as error:  # noqa: BLE001 (reported with the page's line)
        return f'File "{path}", line {block.line}: the claim `{block.source}` cannot be evaluated: {error!r}'
    return None if holds else f'File "{path}", line {block.line}: the claim `{block.source}` is false'


def run_page(path: Path) -> list[str]:
    """Run every block of ``path``; return one message per failure (empty: all good)."""
    namespace: dict = {"__name__": "__page__"}
    parser = doctest.DocTestParser()
    failures = []
    page_blocks = script_blocks(path) if path.suffix == ".py" else blocks(path.read_text(encoding="utf-8"))
    deferred = []  # claims that name their dict: checked once the whole page has run
    for block in page_blocks:
        if block.kind == "claim":
            if block.claim_and_names[1] is not None:
                deferred.append(block)
            elif failure := check_claim(block, path, namespace):
                failures.append(failure)
            continue
        if block.kind in ("cell", "names"):
            code = compile(block.source, str(path), "exec")
            # Line numbers in tracebacks point into the page.
            code = code.replace(co_firstlineno=block.line)
            exec(code, namespace)  # noqa: S102  (the page's own code)
            continue
        test = parser.get_doctest(block.source, namespace, path.name, str(path), block.line - 1)
        report: list[str] = []
        runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
        result = runner.run(test, out=report.append, clear_globs=False)
        namespace.update(test.globs)  # DocTest runs on a copy: later blocks see what this one made
        if result.failed:
            failures.append("".join(report))
    failures += filter(None, (check_claim(block, path, namespace) for block in deferred))
    return failures


def run_page_alone(path: Path) -> subprocess.CompletedProcess:
    """`run_page` in a fresh interpreter; its output is the failure report."""
    environment = {"MPLBACKEND": "agg", **os.environ}  # an example's figures, drawn nowhere
    return subprocess.run(
        [sys.executable, __file__, str(path)], capture_output=True, text=True, check=False, env=environment
    )


def failed_line(path: Path, report: str) -> int | None:
    """The page's line a failure report names first (not a line of this module, nor of torch)."""
    found = re.search(rf'^\s*File "{re.escape(str(path))}", line (\d+)', report, re.MULTILINE)
    return int(found.group(1)) if found else None


RUNS = "code-cell python pycon claim"  # the blocks run_page runs: a page passed under other rules runs again


def runs_something(text: str) -> bool:
    """A page with doctests or claims (its code cells alone are run by myst-nb or sphinx-gallery)."""
    return "```pycon" in text or "{claim}`" in text or ":claim:`" in text


def page_fingerprint(text: str) -> str:
    return hashlib.sha256(f"{version('torch')}\n{RUNS}\n{text}".encode()).hexdigest()


def page_source(app, docname: str) -> Path | None:
    """What a page runs: its MyST source, or for a gallery page the example script it was made from."""
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".md":
        return path
    script = path.with_suffix(".py")  # sphinx-gallery copies the example beside its page
    if not script.is_file():
        return None
    examples = getattr(app.config, "sphinx_gallery_conf", {}).get("examples_dirs", [])
    for folder in [examples] if isinstance(examples, str) else examples:
        original = Path(app.srcdir, folder, script.name)
        if original.is_file():
            return original  # failures name the example's own file and line
    return script


class PageDoctests:
    """The pages read in this build, each run in a worker thread; results gathered before writing."""

    def __init__(self, app) -> None:
        self.record = Path(app.doctreedir).parent / PASSED_FILE
        try:
            saved = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        self.passed: set[str] = set(saved.get("passed", []))
        # pages whose doctests failed: read again next time, even though Sphinx saved their doctrees
        self.failed: set[str] = set(saved.get("failed", []))
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        self.running: dict[str, tuple[str, Future]] = {}

    def outdated(self, app, env, added, changed, removed) -> list[str]:
        """Pages to read again: those that failed, and those whose text has not passed with this torch and these rules."""
        stale = self.failed & env.found_docs
        for docname in env.found_docs - added - changed - stale:
            path = page_source(app, docname)
            text = path.read_text(encoding="utf-8") if path else ""
            if runs_something(text) and page_fingerprint(text) not in self.passed:
                stale.add(docname)
        return sorted(stale)

    def source_read(self, app, docname: str, source: list[str]) -> None:
        path = page_source(app, docname)
        self.failed.discard(docname)
        text = path.read_text(encoding="utf-8") if path else ""
        if not runs_something(text):
            return
        fingerprint = page_fingerprint(text)
        if fingerprint not in self.passed:
            self.running[docname] = (fingerprint, path, self.pool.submit(run_page_alone, path))

    def env_updated(self, app, env) -> list[str]:
        from sphinx.util import logging

        logger = logging.getLogger(__name__)
        for docname, (fingerprint, path, future) in sorted(self.running.items()):
            run = future.result()
            if run.returncode == 0:
                self.passed.add(fingerprint)
                continue
            self.failed.add(docname)
            logger.error(
                "a doctest or code block of this page failed when run as a reader copies it:\n%s",
                run.stderr.strip() if "Traceback" in run.stderr else run.stdout.strip(),  # traceback, or doctest report
                location=(docname, failed_line(path, run.stdout + run.stderr)),
            )
        self.running.clear()
        self.record.parent.mkdir(parents=True, exist_ok=True)
        saved = {"passed": sorted(self.passed), "failed": sorted(self.failed)}
        self.record.write_text(json.dumps(saved, indent=0), encoding="utf-8")
        return []


def setup(app):
    state: dict[str, PageDoctests] = {}
    app.connect("builder-inited", lambda app: state.update(pages=PageDoctests(app)))
    app.connect("env-get-outdated", lambda *args: state["pages"].outdated(*args))
    app.connect("source-read", lambda *args: state["pages"].source_read(*args))
    app.connect("env-updated", lambda *args: state["pages"].env_updated(*args))
    # Parallel readers run in forked processes whose results this module would never see.
    return {"parallel_read_safe": False, "parallel_write_safe": True}


if __name__ == "__main__":
    page_failures = run_page(Path(sys.argv[1]))
    print("\n".join(page_failures))
    sys.exit(1 if page_failures else 0)
