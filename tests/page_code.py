"""Run a page's code the way a reader copies it: every block, top to bottom.

``{code-cell}`` blocks are executed as plain Python; ``pycon`` blocks are doctests
whose printed results must match. All blocks of a page share one namespace, so a
page passes only if copying its blocks one after the other works.
"""

import doctest
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

DOCTEST_FLAGS = doctest.ELLIPSIS


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
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence":
            continue
        info = token.info.strip()
        first_line = token.map[0] + 2  # the fence line is map[0], 0-based
        if info.startswith("{code-cell}"):
            source, dropped = _strip_cell_options(token.content)
            found.append(Block("cell", source, first_line + dropped))
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
            exec(code, namespace)
            continue
        test = parser.get_doctest(block.source, namespace, path.name, str(path), block.line - 1)
        report: list[str] = []
        runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
        result = runner.run(test, out=report.append, clear_globs=False)
        namespace.update(test.globs)  # DocTest runs on a copy: later blocks see what this one made
        if result.failed:
            failures.append("".join(report))
    return failures


if __name__ == "__main__":
    # One page per fresh interpreter, as a reader runs it: no global torch state
    # (deterministic mode, default device, thread count) left by other tests.
    import sys

    page_failures = run_page(Path(sys.argv[1]))
    print("\n".join(page_failures))
    sys.exit(1 if page_failures else 0)
