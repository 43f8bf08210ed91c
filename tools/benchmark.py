"""Measure how fast the site builds and how heavy its pages are (`nox -s bench`).

Usage: python -m tools.benchmark [EXAMPLE]   (EXAMPLE: a file in examples/, default the first)

Every figure comes from one run, in scratch copies of the sources (``_build/`` is not
touched), so the ratios compare builds made on the same machine under the same load:

- cold bilingual build / cold English-only build        (target <= 1.25)
- rebuild with nothing changed / cold bilingual build   (target <= 0.10)
- rebuild after editing one example
  / (that example's own run time + no-change rebuild)   (target <= 1.2)
  where the example's run time is ``python examples/<it>.py`` from start to end,
  imports included, as a reader runs it (its body alone is printed too)
- page weight: the median and the largest page, in bytes of its HTML plus the
  images only it uses (theme assets in ``_static/`` excluded).
- first visit: the median and the largest page, in bytes a browser fetches for it
  (HTML, style sheets, scripts, images, icon: ``page_weight.py``), and the
  deployable site's size, against their limits.
"""

import statistics
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from tools.page_weight import KIB, LIMITS, figures
from tools.scratch_build import ScratchTree
from tools.site_facts import LANGUAGES, html_pages

TARGETS = {"bilingual / English": 1.25, "no change / cold": 0.10, "edit / (example + no change)": 1.2}
TIME_EXAMPLE = """\
import sys, time, runpy
start = time.perf_counter()
import matplotlib
matplotlib.use("agg")
import torch
sys.path.insert(0, "conf")
from lstmdocs.running.gallery import reset
reset(None, sys.argv[1])
body = time.perf_counter()
runpy.run_path(sys.argv[1], run_name="__main__")
end = time.perf_counter()
print(end - start, end - body)
"""


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.update(value for name, value in attrs if name == "src" and value)


def page_weights(site: Path) -> dict[str, int]:
    """Bytes of each page's HTML plus its own images (not theme assets under _static/)."""
    weights = {}
    for name in html_pages(site):
        page = site / name
        parser = _Images()
        parser.feed(page.read_text(encoding="utf-8"))
        images = {(page.parent / src.split("?")[0]).resolve() for src in parser.sources if ":" not in src}
        own = [image for image in images if "_static" not in image.parts and image.is_file()]
        weights[name] = page.stat().st_size + sum(i.stat().st_size for i in own)
    return weights


def example_run_times(tree: ScratchTree, example: str) -> tuple[float, float]:
    """Seconds to run the example with its imports, and its body alone."""
    out = subprocess.run(
        [sys.executable, "-c", TIME_EXAMPLE, f"examples/{example}"],
        cwd=tree.root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with_imports, body = out.split()[-2:]
    return float(with_imports), float(body)


def main(example: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        english_only = ScratchTree(Path(scratch) / "en")
        cold_en = english_only.build(("en",))
        tree = ScratchTree(Path(scratch) / "both")
        cold = tree.build(LANGUAGES)
        no_change = tree.build(LANGUAGES)
        example = example or min(p.name for p in (tree.root / "examples").glob("plot_*.py"))
        run_alone, body_alone = example_run_times(tree, example)
        with (tree.root / "examples" / example).open("a", encoding="utf-8") as script:
            # a statement, not a comment: the Chinese build stops on a comment code-comments.po lacks
            script.write("\n_ = 'benchmark: an edit that changes the file MD5'\n")
        edited = tree.build(LANGUAGES)
        weights = page_weights(tree.site)
        first_visit = figures(tree.site)

    ratios = {
        "bilingual / English": cold / cold_en,
        "no change / cold": no_change / cold,
        "edit / (example + no change)": edited / (run_alone + no_change),
    }
    print(f"cold English-only build   {cold_en:7.1f} s")
    print(f"cold bilingual build      {cold:7.1f} s")
    print(f"rebuild, no change        {no_change:7.1f} s")
    print(
        f"{example} alone {run_alone:7.1f} s with imports ({body_alone:.2f} s its body); "
        f"rebuild after editing it {edited:.1f} s"
    )
    for name, ratio in ratios.items():
        verdict = "ok" if ratio <= TARGETS[name] else "OVER TARGET"
        print(f"{name:30} {ratio:5.2f}  (target <= {TARGETS[name]})  {verdict}")
    print(f"{'(same, counting its body only)':30} {edited / (body_alone + no_change):5.2f}")
    largest = max(weights, key=weights.get)
    print(
        f"pages {len(weights)}; median page {statistics.median(weights.values()) / 1024:.0f} KiB; "
        f"largest {largest} {weights[largest] / 1024:.0f} KiB"
    )
    for name, value in first_visit.items():
        verdict = "ok" if value <= LIMITS[name] else "OVER LIMIT"
        print(f"first visit: {name:12} {value / KIB:7.0f} KiB  (limit {LIMITS[name] / KIB:.0f} KiB)  {verdict}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
