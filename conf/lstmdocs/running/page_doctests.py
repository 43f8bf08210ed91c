"""Run every page's doctests during the build, the way a reader copies the page.

``{code-cell}`` blocks and ``python`` fences are executed as plain Python (a reader
copies both); ``pycon`` blocks are doctests whose printed results must match. All
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
    kind: str  # "cell" or "doctest"
    source: str
    line: int  # 1-based line of the block's first code line in the page


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
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence":
            continue
        info = token.info.strip()
        first_line = token.map[0] + 2  # the fence line is map[0], 0-based
        if info.startswith("{code-cell}"):
            source, dropped = _strip_cell_options(token.content)
            found.append(Block("cell", source, first_line + dropped))
        elif info == "python":
            found.append(Block("cell", token.content, first_line))
        elif info == "pycon":
            found.append(Block("doctest", token.content, first_line))
    return found


def run_page(path: Path) -> list[str]:
    """Run every block of ``path``; return one message per failure (empty: all good)."""
    namespace: dict = {"__name__": "__page__"}
    parser = doctest.DocTestParser()
    failures = []
    for block in blocks(path.read_text(encoding="utf-8")):
        if block.kind == "cell":
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
    return failures


def run_page_alone(path: Path) -> subprocess.CompletedProcess:
    """`run_page` in a fresh interpreter; its output is the failure report."""
    return subprocess.run(
        [sys.executable, __file__, str(path)], capture_output=True, text=True, check=False, env=os.environ.copy()
    )


FAILED_LINE = re.compile(r'^\s*File "[^"]*\.md", line (\d+)', re.MULTILINE)  # in the page, not in this module


RUNS = "code-cell python pycon"  # the blocks run_page runs: a page passed under other rules runs again


def page_fingerprint(text: str) -> str:
    return hashlib.sha256(f"{version('torch')}\n{RUNS}\n{text}".encode()).hexdigest()


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
            path = Path(env.doc2path(docname))
            text = path.read_text(encoding="utf-8") if path.suffix == ".md" else ""
            if "```pycon" in text and page_fingerprint(text) not in self.passed:
                stale.add(docname)
        return sorted(stale)

    def source_read(self, app, docname: str, source: list[str]) -> None:
        path = Path(app.env.doc2path(docname))
        self.failed.discard(docname)
        if path.suffix != ".md" or "```pycon" not in source[0]:
            return
        fingerprint = page_fingerprint(source[0])
        if fingerprint not in self.passed:
            self.running[docname] = (fingerprint, self.pool.submit(run_page_alone, path))

    def env_updated(self, app, env) -> list[str]:
        from sphinx.util import logging

        logger = logging.getLogger(__name__)
        for docname, (fingerprint, future) in sorted(self.running.items()):
            run = future.result()
            if run.returncode == 0:
                self.passed.add(fingerprint)
                continue
            self.failed.add(docname)
            found = FAILED_LINE.search(run.stdout + run.stderr)
            logger.error(
                "a doctest or code block of this page failed when run as a reader copies it:\n%s",
                run.stderr.strip() if "Traceback" in run.stderr else run.stdout.strip(),  # traceback, or doctest report
                location=(docname, int(found.group(1)) if found else None),
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
