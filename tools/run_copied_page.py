"""Run one page's copied code in this interpreter, as a reader pastes its blocks one after another.

Usage: python -I tools/run_copied_page.py RESULT.json < PAGE.json

Standard library only: it runs in whatever environment holds the torch under test
(``nox -s copied``), started afresh for every page by ``tools/copied_code.py``, which
extracts the blocks from the built page. PAGE.json is ``{"page", "flags", "blocks"}``,
each block ``{"kind", "code", "shown", "output"}``:

- ``code``: Python as copied; executed as it is, in the page's one namespace. Its
  printed output and the value of a last expression are compared with ``output``, the
  output the page shows below it (``None``: none shown); a difference is a note, not a
  failure (a value printed from random numbers is not a promise of the page).
- ``doctest``: a ``>>>`` block; ``shown`` is its text on the page. Its statements,
  which ``tools/copied_code.py`` has checked are the copied code, run with doctest's
  semantics and option ``flags``; any output unlike the page's is a failure.

The first failure stops the page (later blocks need what the failed one made), as
it stops a reader. RESULT.json: ``{"blocks", "examples", "failure", "notes"}``.
"""

import ast
import contextlib
import doctest
import io
import json
import linecache
import sys
import traceback


def first_difference(expected: str, got: str) -> str:
    """The first line where ``got`` differs from ``expected`` (1-based), with both lines."""
    wanted, seen = expected.rstrip("\n").split("\n"), got.rstrip("\n").split("\n")
    for number, (want, have) in enumerate(zip(wanted, seen), 1):
        if want.rstrip() != have.rstrip():
            return f"line {number}: the page shows {want!r}, the run printed {have!r}"
    if len(wanted) == len(seen):
        return ""
    number = min(len(wanted), len(seen)) + 1
    extra = wanted[number - 1] if len(wanted) > len(seen) else seen[number - 1]
    side = "the page shows more" if len(wanted) > len(seen) else "the run printed more"
    return f"line {number}: {side}, {extra!r}"


class FirstFailure(doctest.DocTestRunner):
    """A doctest runner that keeps the first failing example and what it printed."""

    failure: dict | None = None

    def report_failure(self, out, test, example, got):
        if self.failure is None:
            self.failure = {
                "line": example.lineno + 1,
                "source": example.source.rstrip("\n"),
                "message": first_difference(example.want, got),
            }

    def report_unexpected_exception(self, out, test, example, exc_info):
        if self.failure is None:
            trace = "".join(traceback.format_exception(*exc_info)[-1:]).rstrip()
            self.failure = {
                "line": example.lineno + 1,
                "source": example.source.rstrip("\n"),
                "message": f"raised {trace}, the page shows {example.want.rstrip() or 'no output'!r}",
            }


def run_code(code: str, filename: str, namespace: dict) -> str:
    """Execute ``code``; return what it printed and, as a notebook or the gallery shows it, its last value."""
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)  # lines in tracebacks
    tree = ast.parse(code, filename)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(tree, filename, "exec"), namespace)  # noqa: S102  (the page's own code)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)  # noqa: S307
            if value is not None:
                print(repr(value))
    return printed.getvalue()


def run_page(page: str, blocks: list[dict], flags: int) -> dict:
    namespace: dict = {"__name__": "__main__"}
    parser = doctest.DocTestParser()
    result: dict = {"blocks": 0, "examples": 0, "failure": None, "notes": []}
    for number, block in enumerate(blocks, 1):
        filename = f"<{page}, block {number}>"
        result["blocks"] = number
        if block["kind"] == "code":
            try:
                printed = run_code(block["code"], filename, namespace)
            except BaseException:  # noqa: BLE001  (SystemExit too: a reader's session would show it)
                trace = traceback.format_exc().rstrip().split("\n")
                result["failure"] = {"block": number, "kind": "code", "line": None, "message": "\n".join(trace[-4:])}
                return result
            if block["output"] is not None and (difference := first_difference(block["output"], printed)):
                result["notes"].append(f"block {number} (code): its output differs from the page's at {difference}")
            continue
        test = parser.get_doctest(block["shown"], namespace, filename, filename, 0)
        runner = FirstFailure(optionflags=flags)
        runner.run(test, out=lambda text: None, clear_globs=False)
        namespace.update(test.globs)  # DocTest runs on a copy: later blocks see what this one made
        result["examples"] += len(test.examples)
        if runner.failure is not None:
            result["failure"] = {"block": number, "kind": "doctest", **runner.failure}
            return result
    return result


def main() -> None:
    page = json.load(sys.stdin)
    flags = 0
    for name in page["flags"]:
        flags |= doctest.OPTIONFLAGS_BY_NAME[name]
    result = run_page(page["page"], page["blocks"], flags)
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main()
