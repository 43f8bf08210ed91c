"""Build the site in a scratch copy of its sources, with caches of its own.

The reproducibility check and the benchmark need cold builds, repeated builds and
edited examples without touching ``_build/`` or ``docs/gallery/``. A scratch tree
copies what a build reads (``conf/``, ``docs/``, ``examples/``, ``tools/``) and runs the same
commands as ``nox -s docs``: conf.py finds its caches beside itself, in the copy.
"""

import filecmp
import os
import shutil
import subprocess
import time
from pathlib import Path

from tools import build_site
from tools.build_site import ROOT
from tools.site_facts import LANGUAGES, NOT_DEPLOYED

SOURCES = ("conf", "docs", "examples", "tools")
GENERATED = shutil.ignore_patterns("gallery", "*.mo", "__pycache__", "_build")


class ScratchTree:
    def __init__(self, where: Path) -> None:
        self.root = where
        for name in SOURCES:
            shutil.copytree(ROOT / name, where / name, ignore=GENERATED)
        (where / "node_modules").symlink_to(ROOT / "node_modules")  # temml renders the math (npm ci)
        self.build_dir = where / "_build"
        self.site = self.build_dir / "site"

    def run(self, *command: str) -> None:
        subprocess.run(
            command, cwd=self.root, env={**os.environ, **build_site.build_env()}, check=True, stdout=subprocess.DEVNULL
        )

    def build(self, languages: tuple[str, ...] = LANGUAGES) -> float:
        """Build like ``nox -s docs`` (only ``languages``); return the seconds it took."""
        start = time.perf_counter()
        (self.build_dir / "logs").mkdir(parents=True, exist_ok=True)
        self.run(*build_site.command(self.build_dir, languages))
        return time.perf_counter() - start


def differences(expected: Path, found: Path) -> list[str]:
    """Every file that is missing, extra or not byte-identical between two trees."""
    problems = []
    comparison = filecmp.dircmp(expected, found, ignore=list(NOT_DEPLOYED))
    stack = [(comparison, Path())]
    while stack:
        node, where = stack.pop()
        problems += [f"{where / name}: only in {expected}" for name in node.left_only]
        problems += [f"{where / name}: only in {found}" for name in node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        problems += [f"{where / name}: bytes differ" for name in mismatch + errors]
        stack += [(sub, where / name) for name, sub in node.subdirs.items()]
    return sorted(problems)
