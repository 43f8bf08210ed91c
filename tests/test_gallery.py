"""The example gallery: every script is a page in both languages, and asserts stop the build."""

import os
import sys

import pytest
from sphinx.errors import ExtensionError

from built import LANGUAGES, ROOT, SITE, require
from tools.mutate import WarmRunner

EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("plot_*.py"))


def test_examples_are_found():
    assert "plot_layouts" in EXAMPLES


def test_every_example_has_its_place_in_the_reading_order():
    from lstmdocs.running.gallery import READING_ORDER

    assert sorted(name.removesuffix(".py") for name in READING_ORDER) == EXAMPLES


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_gallery_lists_examples_in_reading_order(language):
    from lstmdocs.running.gallery import READING_ORDER

    index = require(SITE / language / "gallery" / "index.html").read_text(encoding="utf-8")
    thumbnails = [index.index(f'href="{name.removesuffix(".py")}.html"') for name in READING_ORDER]
    assert thumbnails == sorted(thumbnails)


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_thumbnail_is_the_examples_own_figure(language):
    index = require(SITE / language / "gallery" / "index.html").read_text(encoding="utf-8")
    for example in EXAMPLES:
        assert f"sphx_glr_{example}_thumb.svg" in index, f"{example} shows the placeholder thumbnail"


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_example_page_shows_what_the_script_printed(language, example):
    html = require(SITE / language / "gallery" / f"{example}.html").read_text(encoding="utf-8")
    assert "sphx-glr-script-out" in html, "no printed output on the page"
    # The build machine's paths (e.g. in a library warning) must not reach readers.
    assert str(ROOT) not in html


@pytest.fixture(scope="module")
def python():
    """Runs each script in a child forked from a Python that imported torch once, as a fresh interpreter
    would run it but for that import (the mutation gate's runner, tools/mutate.py): 2 s less an example.
    torch's threads, as many as a reader gets, sleep while they wait instead of spinning on the cores
    the other pytest worker needs (the same results, half the CPU time)."""
    runner = WarmRunner({**os.environ, "MPLBACKEND": "agg", "OMP_WAIT_POLICY": "PASSIVE"})
    yield runner
    runner.close()


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_runs_alone(example, tmp_path, python):
    """As a reader runs a downloaded script: its own seed, no resetter, no Sphinx."""
    status, output = python.run(tmp_path, [sys.executable, str(ROOT / "examples" / f"{example}.py")])
    assert status == 0, output[-3000:]


@pytest.mark.sphinx("html", testroot="gallery")
def test_a_wrong_relationship_fails_the_build_and_the_resetter_runs_first(app):
    import torch

    # Not what the resetter sets (tests run torch on one thread): plot_reset.py sees whether it ran.
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(False)
    with pytest.raises(ExtensionError) as failure:
        app.build()
    # Only the wrong relationship failed: the resetter's thread count and deterministic algorithms held.
    assert "plot_wrong.py" in str(failure.value)
    assert "plot_reset.py" not in str(failure.value)
