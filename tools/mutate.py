"""The mutation gate: does a wrong page, example or rule fail a check?

Usage: python tools/mutate.py [CATALOGUE] [--only SUBSTRING]

Each mutant of ``tools/mutations.toml`` changes one file the way a reader gets it
wrong. It is applied to a scratch copy of the repository (the tracked files, in a
temporary folder), never to the tree itself, and the check that guards that file runs
there: for a page, what the build runs when it reads the page (``lstmdocs.page_doctests``);
for an example, the script alone, as sphinx-gallery runs it during the build; for the
cheat sheet's rules, the pictures' claims and the explorer's logic, their tests. A
mutant is killed when that check fails. Two workers, each with its own copy, run
mutants side by side; the original bytes go back after every mutant, even on error.

The last line reads ``killed K/T in S s``; the exit status is 1 unless every mutant
was killed.
"""

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "tools" / "mutations.toml"
TIMEOUT_S = 300
PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]
CHECKS = {  # the check that guards each file, run from the scratch copy's root
    "conf/lstmdocs/cheatsheet.py": [*PYTEST, "tests/test_cheatsheet.py", "-k", "covers_the_grid"],
    "conf/lstmdocs/lstm_cases.py": [*PYTEST, "tests/test_diagrams.py", "tests/test_truth.py", "-k", "claim or trap"],
    "conf/static/explorer/lstm-shapes.js": ["node", "--test", "tests/js/lstm-shapes.test.js"],
}


@dataclass
class Mutant:
    id: str
    file: str
    find: str
    replace: str

    def check(self) -> list[str]:
        if self.file in CHECKS:
            return CHECKS[self.file]
        if self.file.startswith("docs/") and self.file.endswith(".md"):
            return [sys.executable, "conf/lstmdocs/page_doctests.py", self.file]
        if self.file.startswith("examples/") and self.file.endswith(".py"):
            return [sys.executable, self.file]
        raise SystemExit(f"{self.id}: no check is known for {self.file}")


def load(catalogue: Path) -> list[Mutant]:
    mutants = [Mutant(**entry) for entry in tomllib.loads(catalogue.read_text(encoding="utf-8"))["mutant"]]
    for mutant in mutants:
        found = (ROOT / mutant.file).read_text(encoding="utf-8").count(mutant.find)
        if found != 1:
            raise SystemExit(f"{catalogue}: {mutant.id!r}: `find` occurs {found} times in {mutant.file}, not once")
    ids = [m.id for m in mutants]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"{catalogue}: mutant ids repeat")
    return mutants


def scratch_copy(into: Path) -> Path:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return into


def run_mutant(mutant: Mutant, copy: Path) -> tuple[bool, float, str]:
    """Apply, check, restore. Killed: the check failed (or timed out)."""
    target = copy / mutant.file
    original = target.read_bytes()
    started = time.monotonic()
    try:
        target.write_text(original.decode("utf-8").replace(mutant.find, mutant.replace), encoding="utf-8")
        env = {**os.environ, "MPLBACKEND": "agg", "PYTHONPATH": str(copy / "conf")}
        try:
            run = subprocess.run(
                mutant.check(), cwd=copy, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
            killed, detail = run.returncode != 0, (run.stdout + run.stderr).strip().splitlines()[-1:]
        except subprocess.TimeoutExpired:
            killed, detail = True, [f"timed out after {TIMEOUT_S} s"]
    finally:
        target.write_bytes(original)
    return killed, time.monotonic() - started, (detail or [""])[0][:100]


def run_all(mutants: list[Mutant], copies: list[Path], report) -> dict[str, tuple[bool, float, str]]:
    """Run ``mutants`` on the copies, one worker per copy; ``report`` is called as each finishes."""
    todo: queue.Queue[Mutant] = queue.Queue()
    for mutant in mutants:
        todo.put(mutant)
    results: dict[str, tuple[bool, float, str]] = {}
    lock = threading.Lock()

    def worker(copy: Path) -> None:
        while True:
            try:
                mutant = todo.get_nowait()
            except queue.Empty:
                return
            result = run_mutant(mutant, copy)
            with lock:
                results[mutant.id] = result
                report(mutant, *result)

    threads = [threading.Thread(target=worker, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def print_verdict(mutant: Mutant, killed: bool, seconds: float, detail: str) -> None:
    print(f"{'killed  ' if killed else 'SURVIVED'} {seconds:5.1f} s  {mutant.id}  ({mutant.file})", flush=True)
    if killed and detail:
        print(f"         {detail}", flush=True)


def main(argv: list[str]) -> int:
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    positional = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--only")]
    mutants = [m for m in load(Path(positional[0]) if positional else CATALOGUE) if only in m.id]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lstmdocs-mutate-") as scratch:
        copies = [scratch_copy(Path(scratch) / f"copy{i}") for i in range(2)]
        # Every check must pass on the unmutated files first, or a failure would kill mutants for nothing.
        baselines = [Mutant(f"unmutated {file}", file, "", "") for file in sorted({m.file for m in mutants})]
        baseline = run_all(baselines, copies, lambda *args: None)
        broken = [f"{m.file}: {baseline[m.id][2]}" for m in baselines if baseline[m.id][0]]
        if broken:
            print("the checks fail without any mutation; fix them first:", *broken, sep="\n  ")
            return 2
        print(f"{len(baselines)} checks pass on the unmutated files ({time.monotonic() - started:.0f} s)", flush=True)
        results = run_all(mutants, copies, print_verdict)
    survivors = [m.id for m in mutants if not results[m.id][0]]
    for survivor in survivors:
        print(f"survived: {survivor}")
    print(f"killed {len(mutants) - len(survivors)}/{len(mutants)} in {time.monotonic() - started:.0f} s")
    return 0 if not survivors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
