"""The mutation gate: does a wrong page, example or rule fail a check?

Usage: python tools/mutate.py [CATALOGUE] [--only SUBSTRING]

Each mutant of ``tools/mutations.toml`` changes one file the way a reader gets it
wrong. It is applied to a scratch copy of the repository (the tracked files, in a
temporary folder), never to the tree itself, and the check that guards that file runs
there: for a page, what the build runs when it reads the page (``lstmdocs.running.page_doctests``);
for an example, the script alone, as sphinx-gallery runs it during the build; for the
cheat sheet's rules, the pictures' claims and the explorer's logic, their tests. A
mutant is killed when that check fails. Two workers, each with its own copy, run
mutants side by side; the original bytes go back after every mutant, even on error.

The last line reads ``killed K/T in S s``; the exit status is 1 unless every mutant
was killed.
"""

import json
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
    "conf/lstmdocs/widgets/cheatsheet/__init__.py": [*PYTEST, "tests/test_cheatsheet.py", "-k", "covers_the_grid"],
    "conf/lstmdocs/pictures/cases.py": [
        *PYTEST,
        "tests/test_diagrams.py",
        "tests/test_truth.py",
        "-k",
        "claim or trap",
    ],
    "conf/lstmdocs/widgets/explorer/static/explorer/lstm-shapes.js": ["node", "--test", "tests/js/lstm-shapes.test.js"],
    "conf/lstmdocs/widgets/exercises/static/exercises/shape-check.js": [
        "node",
        "--test",
        "tests/js/shape-check.test.js",
    ],
    "conf/lstmdocs/widgets/exercises/__init__.py": [*PYTEST, "tests/test_exercises.py"],
}


class CatalogueError(ValueError):
    """The catalogue no longer fits the files: a mutant's text is gone or repeated."""


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
            return [sys.executable, "conf/lstmdocs/running/page_doctests.py", self.file]
        if self.file.startswith("examples/") and self.file.endswith(".py"):
            # The example's blocks in order, and the claims of its prose between them (what the build checks).
            return [sys.executable, "conf/lstmdocs/running/page_doctests.py", self.file]
        raise CatalogueError(f"{self.id}: no check is known for {self.file}")


def load(catalogue: Path) -> list[Mutant]:
    mutants = [Mutant(**entry) for entry in tomllib.loads(catalogue.read_text(encoding="utf-8"))["mutant"]]
    for mutant in mutants:
        found = (ROOT / mutant.file).read_text(encoding="utf-8").count(mutant.find)
        if found != 1:
            raise CatalogueError(f"{catalogue}: {mutant.id!r}: `find` occurs {found} times in {mutant.file}, not once")
    ids = [m.id for m in mutants]
    if len(set(ids)) != len(ids):
        raise CatalogueError(f"{catalogue}: mutant ids repeat")
    return mutants


def scratch_copy(into: Path) -> Path:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return into


def serve() -> None:
    """A warm runner: torch imported once, then one forked child per Python script to run.

    Reads ``[cwd, script, *args]`` as JSON lines; answers ``[exit status, output]``. The
    child starts as a fresh interpreter would, save for the imports, and nothing it does
    reaches the next one. Single-threaded, so forking is safe.
    """
    import runpy

    import torch  # noqa: F401  (the seconds every page and example would spend importing it)

    for line in sys.stdin:
        cwd, script, *args = json.loads(line)
        with tempfile.TemporaryFile() as captured:
            pid = os.fork()
            if pid == 0:  # the child: run the script as `python script args` would
                os.dup2(captured.fileno(), 1)
                os.dup2(captured.fileno(), 2)
                os.chdir(cwd)
                sys.argv, sys.path[0] = [script, *args], str(Path(cwd, script).parent)
                status = 0
                try:
                    runpy.run_path(script, run_name="__main__")
                except SystemExit as stop:
                    status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
                except BaseException:
                    import traceback

                    traceback.print_exc()
                    status = 1
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
            _, wait_status = os.waitpid(pid, 0)
            captured.seek(0)
            output = captured.read().decode("utf-8", "replace")
        print(json.dumps([os.waitstatus_to_exitcode(wait_status), output]), flush=True)


class WarmRunner:
    """One `serve` process per worker; a script that hangs is ended by killing the whole runner."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: subprocess.Popen | None = None

    def run(self, cwd: Path, command: list[str]) -> tuple[int, str]:
        if self.process is None:
            self.process = subprocess.Popen(
                [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                env=self.env,
            )  # fmt: skip
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps([str(cwd), *command[1:]]) + "\n")
        self.process.stdin.flush()
        timer = threading.Timer(TIMEOUT_S, self.process.kill)
        timer.start()
        answer = self.process.stdout.readline()
        timer.cancel()
        if not answer:  # killed: timed out
            self.process = None
            return 1, f"timed out after {TIMEOUT_S} s"
        status, output = json.loads(answer)
        return status, output

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait()
            self.process.stdout.close()


def run_mutant(mutant: Mutant, copy: Path, runner: WarmRunner) -> tuple[bool, float, str]:
    """Apply, check, restore. Killed: the check failed (or timed out)."""
    target = copy / mutant.file
    original = target.read_bytes()
    started = time.monotonic()
    try:
        target.write_text(original.decode("utf-8").replace(mutant.find, mutant.replace), encoding="utf-8")
        command = mutant.check()
        if command[0] == sys.executable and not command[1].startswith("-"):  # a script: the warm runner runs it
            status, output = runner.run(copy, command)
        else:
            try:
                run = subprocess.run(
                    command, cwd=copy, env=runner.env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
                )
                status, output = run.returncode, run.stdout + run.stderr
            except subprocess.TimeoutExpired:
                status, output = 1, f"timed out after {TIMEOUT_S} s"
    finally:
        target.write_bytes(original)
    detail = output.strip().splitlines()[-1:] or [""]
    return status != 0, time.monotonic() - started, detail[0][:100]


def run_all(mutants: list[Mutant], copies: list[Path], report) -> dict[str, tuple[bool, float, str]]:
    """Run ``mutants`` on the copies, one worker per copy; ``report`` is called as each finishes."""
    todo: queue.Queue[Mutant] = queue.Queue()
    for mutant in mutants:
        todo.put(mutant)
    results: dict[str, tuple[bool, float, str]] = {}
    lock = threading.Lock()

    def worker(copy: Path) -> None:
        runner = WarmRunner({**os.environ, "MPLBACKEND": "agg", "PYTHONPATH": str(copy / "conf")})
        try:
            while True:
                try:
                    mutant = todo.get_nowait()
                except queue.Empty:
                    return
                result = run_mutant(mutant, copy, runner)
                with lock:
                    results[mutant.id] = result
                    report(mutant, *result)
        finally:
            runner.close()

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
    try:
        mutants = [m for m in load(Path(positional[0]) if positional else CATALOGUE) if only in m.id]
    except CatalogueError as error:
        print(error)
        return 2
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
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        sys.exit(main(sys.argv[1:]))
