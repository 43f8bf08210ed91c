"""Checks that cannot pass for the wrong reason, and sentences that list exactly what is checked."""

import re
from pathlib import Path

import pytest

from built import LANGUAGES, SITE, require
from cuda_coverage import COVERED, cuda_tests
from lstmdocs.pictures import cases
from lstmdocs.pictures.cases import Case, Claim, ClaimError
from lstmdocs.running import device

ROOT = Path(__file__).resolve().parent.parent
CUDA_PAGE = ROOT / "docs" / "reference" / "cuda.md"


def test_the_cuda_page_lists_exactly_what_test_cuda_covers():
    sentence = next(
        line for line in CUDA_PAGE.read_text(encoding="utf-8").splitlines() if "holds checks of these" in line
    )
    listed = sentence.split(":", 1)[1]
    for item, test_name in COVERED.items():
        assert item in listed, f"cuda.md no longer says {item!r}: update COVERED in tests/cuda_coverage.py"
        assert test_name in cuda_tests(), f"{test_name} (for {item!r}) is not in test_cuda.py"
        listed = listed.replace(item, "")
    leftover = re.sub(r"\b(and)\b|[,;.\s]", "", listed)
    assert not leftover, f"cuda.md lists what tests/test_cuda.py does not cover: {listed!r}"


def test_every_cuda_test_is_listed_on_the_page():
    tests = cuda_tests() - {"test_cudnn_runs_the_lstm"}
    assert tests == set(COVERED.values())


def test_the_cuda_page_names_the_determinism_call_the_gallery_makes(monkeypatch):
    """cuda.md quotes the resetter's call, arguments included: `warn_only=True` asks, it does not guarantee."""
    import gc

    import matplotlib
    import torch

    from lstmdocs.running import gallery

    def recorder(calls):
        return lambda *args, **kwargs: calls.append((args, kwargs))

    made, quoted = [], []
    monkeypatch.setattr(torch, "use_deterministic_algorithms", recorder(made))
    threads = torch.get_num_threads()
    with matplotlib.rc_context():
        gallery.reset({}, "plot_example.py")
    gc.unfreeze()
    torch.set_num_threads(threads)
    call = re.search(
        r"the gallery calls `(torch\.use_deterministic_algorithms\([^`]*\))`", CUDA_PAGE.read_text(encoding="utf-8")
    )
    assert call, "cuda.md no longer quotes the gallery's torch.use_deterministic_algorithms call"
    eval(call.group(1), {"torch": type("Torch", (), {"use_deterministic_algorithms": staticmethod(recorder(quoted))})})
    assert made == quoted, f"the gallery calls {made}, cuda.md says {call.group(1)}"


@pytest.mark.parametrize(
    ("case", "claim"),
    [
        (Case(), Claim("trap", "output[:, :, :1]", "h_n[-1]")),  # shapes differ even when N == L
        (Case(lengths=(4, 2, 3)), Claim("trap", "output[-1]", "h_n[-1]")),  # packed: (L, H) against (N, H)
    ],
)
def test_a_trap_that_differs_only_in_shape_is_refused(case, claim):
    with pytest.raises(ClaimError, match="differ in shape"):
        cases.check(claim, cases.run(case), case)


def test_the_output_minus_one_trap_is_checked_with_equal_shapes(monkeypatch):
    """With N != L, output[-1] (L, H) and h_n[-1] (N, H) differ in shape; the trap runs again with N == L."""
    seen = []
    real_run = cases.run
    monkeypatch.setattr(cases, "run", lambda case: seen.append(case) or real_run(case))
    case = Case()
    assert case.batch != case.steps
    cases.check(Claim("trap", "output[-1]", "h_n[-1]"), real_run(case), case)
    assert seen == [Case(batch=case.steps)]
    # were output time first, output[-1] would be h_n[-1]: the trap check then fails
    square = real_run(Case(batch=case.steps))
    time_first = {**square, "output": square["output"].transpose(0, 1)}
    with pytest.raises(ClaimError, match="drawn as a trap"):
        cases.check(Claim("trap", "output[-1]", "h_n[-1]"), time_first, Case(batch=case.steps))


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_promise_names_the_torch_and_device_that_checked_it(language):
    """index.md's {build-info} roles show this build's PyTorch and device, in both languages."""
    html = require(SITE / language / "index.html").read_text(encoding="utf-8")
    producer = {"en": "with PyTorch {torch} on {device},", "zh_CN": "以 PyTorch {torch} 在 {device} 上运行过"}[language]
    expected = producer.format(torch=device.torch_version(), device=device.describe(device.chosen()))
    assert expected in html, f"{language}/index.html does not say {expected!r}"
