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
    # The cell picture's labels: its step, checked against nn.LSTM, and the functions its labels name.
    "conf/lstmdocs/pictures/cell.py": [*PYTEST, "tests/test_cell_diagram.py", "-m", "unit"],
    "conf/lstmdocs/widgets/exercises/static/exercises/shape-check.js": [
        "node",
        "--test",
        "tests/js/shape-check.test.js",
    ],
    "conf/lstmdocs/widgets/exercises/__init__.py": [*PYTEST, "tests/test_exercises.py"],
}


class CatalogueError(ValueError):
    """The catalogue no longer fits the files: a mutant's text is gone or repeated."""


# For a file with no check of its own: both editions built with -W (in the copy's _build, kept between
# mutants, so only the first is cold), then the tests the mutant names.
BUILD_BOTH = [sys.executable, "-m", "tools.build_site", "_build", "en", "zh_CN", "--"]
BUILD_TIMEOUT_S = 900


def own_check(file: str) -> list[str] | None:
    """The check that guards ``file`` by itself, or None."""
    if file in CHECKS:
        return CHECKS[file]
    if file.startswith("docs/locales/") and file.endswith(".po"):
        # A translation: its numbers, code, claims, placeholders and ordinal words against the English.
        return [*PYTEST, "tests/test_zh_translation_facts.py"]
    if (file.startswith("docs/") and file.endswith(".md")) or (file.startswith("examples/") and file.endswith(".py")):
        # What the build runs when it reads the page or example: its code in order, and the claims of its prose.
        return [sys.executable, "conf/lstmdocs/running/page_doctests.py", file]
    return None


@dataclass(frozen=True)
class Change:
    file: str
    find: str
    replace: str


@dataclass
class Mutant:
    """One wrong edit, in one file or in several at once (a sentence and its translation)."""

    id: str
    changes: tuple[Change, ...]
    tests: tuple[str, ...] = ()  # pytest arguments: the tests that read the mutated files, run besides their checks
    build: bool = False  # build both editions first (for files with no check of their own)

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(change.file for change in self.changes))

    def checks(self) -> list[list[str]]:
        """The commands to run, in order; the mutant is killed when one of them fails."""
        commands = [command for command in map(own_check, self.files) if command]
        commands = list({tuple(c): c for c in commands}.values())
        if self.build or any(own_check(file) is None for file in self.files):
            if not self.build:
                unchecked = [file for file in self.files if own_check(file) is None]
                raise CatalogueError(f"{self.id}: {', '.join(unchecked)} has no check of its own: set build = true")
            commands.append(BUILD_BOTH)
        if self.tests:
            commands.append([*PYTEST, *self.tests])
        return commands


WIDGET_WORDS = ("conf/lstmdocs/widgets/", "words")  # the widgets' `key: text` files


def in_words(change: Change) -> bool:
    """Whether a change is to what a reader reads rather than to code: prose, a translation, a picture's labels or a widget's text."""
    file = change.file
    if file.endswith(".po") or file.startswith("conf/lstmdocs/pictures/"):
        return True
    if file.startswith(WIDGET_WORDS[0]) and WIDGET_WORDS[1] in Path(file).name:
        return True
    text = (ROOT / file).read_text(encoding="utf-8")
    before = text[: text.find(change.find)]
    line = text[len(before) - len(before.split("\n")[-1]) :].split("\n", 1)[0].lstrip()
    if file.endswith(".md"):  # outside fenced blocks (code cells, doctests, directives' code)
        fences = sum(1 for row in before.split("\n") if row.lstrip().startswith("```"))
        return fences % 2 == 0 and not line.startswith(">>>")
    if file.startswith("examples/"):  # sphinx-gallery's text: the docstring and the `#` lines of text blocks
        return line.startswith("#") or before.count('"""') % 2 == 1
    return False


def parse(entry: dict) -> Mutant:
    """A catalogue entry: ``file``/``find``/``replace`` for one file, or a list of ``[[mutant.change]]``."""
    entry = dict(entry)
    if "change" in entry:
        changes = tuple(Change(**change) for change in entry.pop("change"))
    else:
        changes = (Change(entry.pop("file"), entry.pop("find"), entry.pop("replace")),)
    return Mutant(changes=changes, tests=tuple(entry.pop("tests", ())), **entry)


def load(catalogue: Path) -> list[Mutant]:
    mutants = [parse(entry) for entry in tomllib.loads(catalogue.read_text(encoding="utf-8"))["mutant"]]
    for mutant in mutants:
        for change in mutant.changes:
            if not change.file.startswith(("docs/", "examples/", "conf/")):
                raise CatalogueError(
                    f"{catalogue}: {mutant.id!r}: mutants change docs/, examples/ or conf/, not {change.file}"
                )
            found = (ROOT / change.file).read_text(encoding="utf-8").count(change.find)
            if found != 1:
                raise CatalogueError(
                    f"{catalogue}: {mutant.id!r}: `find` occurs {found} times in {change.file}, not once"
                )
        if len({change.file for change in mutant.changes}) != len(mutant.changes):
            raise CatalogueError(f"{catalogue}: {mutant.id!r}: two changes of one file; make them one")
        mutant.checks()  # every mutant has a check
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


def run_check(command: list[str], copy: Path, runner: WarmRunner) -> tuple[int, str]:
    if command[0] == sys.executable and not command[1].startswith("-"):  # a script: the warm runner runs it
        return runner.run(copy, command)
    timeout = BUILD_TIMEOUT_S if command is BUILD_BOTH else TIMEOUT_S
    try:
        run = subprocess.run(
            command, cwd=copy, env=runner.env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return 1, f"timed out after {timeout} s"
    return run.returncode, run.stdout + run.stderr


def run_mutant(mutant: Mutant, copy: Path, runner: WarmRunner) -> tuple[bool, float, str]:
    """Apply, check, restore. Killed: a check failed (or timed out)."""
    originals = {change.file: (copy / change.file).read_bytes() for change in mutant.changes}
    started = time.monotonic()
    status, output = 0, ""
    try:
        for change in mutant.changes:
            text = originals[change.file].decode("utf-8")
            (copy / change.file).write_text(text.replace(change.find, change.replace), encoding="utf-8")
        for command in mutant.checks():
            status, output = run_check(command, copy, runner)
            if status != 0:
                break
    finally:
        for file, original in originals.items():
            (copy / file).write_bytes(original)
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


class Unmutated(Mutant):
    """One check on the files as they are."""

    def __init__(self, name: str, command: list[str]) -> None:
        super().__init__(f"unmutated: {name}", ())
        self.command = command

    def checks(self) -> list[list[str]]:
        return [self.command]


def print_verdict(mutant: Mutant, killed: bool, seconds: float, detail: str) -> None:
    print(
        f"{'killed  ' if killed else 'SURVIVED'} {seconds:5.1f} s  {mutant.id}  ({', '.join(mutant.files)})", flush=True
    )
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
        commands = {" ".join(command): command for mutant in mutants for command in mutant.checks()}
        baselines = [Unmutated(name, command) for name, command in sorted(commands.items())]
        baseline = run_all(baselines, copies, lambda *args: None)
        broken = [f"{m.id}: {baseline[m.id][2]}" for m in baselines if baseline[m.id][0]]
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
