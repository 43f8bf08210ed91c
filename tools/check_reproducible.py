"""Two cold builds of the same sources must give byte-identical sites.

Usage: python -m tools.check_reproducible   (run by `nox -s repro`)

Each build runs in its own scratch tree at a different path, from empty caches:
examples and notebooks execute twice, and any timestamp, running time, random id
or absolute path that reaches the output shows up as a difference.
"""

import difflib
import sys
import tempfile
from pathlib import Path

from tools.scratch_build import ScratchTree, differences

SHOWN_LINES = 20


def show(first: Path, second: Path, problem: str) -> None:
    name = problem.split(":")[0]
    print(problem)
    a, b = first / name, second / name
    if a.suffix in {".html", ".js", ".svg", ".txt", ".css"} and a.is_file() and b.is_file():
        diff = difflib.unified_diff(
            a.read_text(encoding="utf-8", errors="replace").splitlines(),
            b.read_text(encoding="utf-8", errors="replace").splitlines(),
            lineterm="",
            n=0,
        )
        for line in list(diff)[2 : 2 + SHOWN_LINES]:
            print("    " + line[:200])


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="repro-a-") as a, tempfile.TemporaryDirectory(prefix="repro-b-") as b:
        trees = [ScratchTree(Path(a)), ScratchTree(Path(b))]
        for number, tree in enumerate(trees, 1):
            print(f"cold build {number} in {tree.root}: {tree.build():.0f} s", flush=True)
        problems = differences(trees[0].site, trees[1].site)
        for problem in problems:
            show(trees[0].site, trees[1].site, problem)
    print(f"{len(problems)} files differ" if problems else "reproducible: the two sites are byte-identical")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
