"""The explainer's traces (conf/lstmdocs/widgets/explainer/trace.py), as the built site serves them, against torch.

Each trace's ``output``, ``h_n`` and ``c_n`` must be exactly (``torch.equal``) what ``nn.LSTM``
returns for the trace's own weights and input; its gates must give its c_t and h_t by the
LSTM equations, and its h_t the values of ``output`` and ``h_n``, to 1e-6 (``rtol=0``):
the trace computes per-step values with the equations in float32, which agree with torch's
fused kernels to about 1e-7 but not bit for bit.
"""

import copy
import subprocess
import sys

import pytest
import torch

from built import LANGUAGES, SITE, require
from traces import NAMES, TRACES, load, run, tensor

# Every test here reads the traces (or their cache) that the build wrote.
pytestmark = pytest.mark.usefixtures("built_site")

ATOL = 1e-6


def close(a: torch.Tensor, b, where: str) -> None:
    b = tensor(b) if not isinstance(b, torch.Tensor) else b
    assert torch.allclose(a, b, rtol=0, atol=ATOL), f"{where}: {a.tolist()} != {b.tolist()}"


def check(trace: dict) -> None:
    """Raise AssertionError, naming the place, where the trace is not what torch computes."""
    config = trace["config"]
    output, (h_n, c_n) = run(trace)
    for name, value in (("output", output), ("h_n", h_n), ("c_n", c_n)):
        assert torch.equal(tensor(trace[name]), value), f"{config['name']}: {name} differs from nn.LSTM's"
    # batch_first relabels the axes of the same numbers
    output_bf, (h_n_bf, c_n_bf) = run(trace, batch_first=True)
    assert torch.equal(output_bf.transpose(0, 1), output) and torch.equal(h_n_bf, h_n) and torch.equal(c_n_bf, c_n)

    directions = 2 if config["bidirectional"] else 1
    hidden_out = config["proj_size"] or config["hidden_size"]
    layer_input = tensor(trace["input"])
    for layer in range(config["num_layers"]):
        next_input = torch.zeros(config["steps"], config["batch"], directions * hidden_out)
        for direction in range(directions):
            w = {name: tensor(value) for name, value in trace["weights"][layer][direction].items()}
            rows = trace["steps"][layer][direction]
            for n, length in enumerate(config["lengths"]):
                h, c = torch.zeros(hidden_out), torch.zeros(config["hidden_size"])
                if not config["packed"]:  # padded, not packed: every step is run, padding too
                    assert all(rows[t][n] is not None for t in range(config["steps"])), "a step missing"
                    length = config["steps"]
                times = range(length - 1, -1, -1) if direction else range(length)
                assert all(rows[t][n] is None for t in range(length, config["steps"])), "values on padding"
                for t in times:
                    where = f"{config['name']} layer {layer} direction {direction} t={t} n={n}"
                    s = {key: tensor(value) for key, value in rows[t][n].items()}
                    close(s["x"], layer_input[t, n], where + " x")
                    pre = w["weight_ih"] @ s["x"] + w["bias_ih"] + w["weight_hh"] @ h + w["bias_hh"]
                    i, f, g, o = pre.chunk(4)
                    close(torch.sigmoid(i), s["i"], where + " i")
                    close(torch.sigmoid(f), s["f"], where + " f")
                    close(torch.tanh(g), s["g"], where + " g")
                    close(torch.sigmoid(o), s["o"], where + " o")
                    close(s["f"] * c + s["i"] * s["g"], s["c"], where + " c_t = f*c + i*g")
                    h_new = s["o"] * torch.tanh(s["c"])
                    if "weight_hr" in w:
                        h_new = w["weight_hr"] @ h_new
                    close(h_new, s["h"], where + " h_t = o*tanh(c_t)")
                    h, c = s["h"], s["c"]
                    next_input[t, n, direction * hidden_out : (direction + 1) * hidden_out] = h
                index = layer * directions + direction
                close(h_n[index, n], h, f"{config['name']} h_n[{index}, {n}] vs the last step's h")
                close(c_n[index, n], c, f"{config['name']} c_n[{index}, {n}] vs the last step's c")
        layer_input = next_input
    close(output, layer_input, f"{config['name']}: output vs the top layer's h_t")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_trace_is_what_torch_computes(language, name):
    check(load(language, name))


def test_every_configuration_is_tested_and_both_languages_serve_the_same_bytes():
    from lstmdocs.widgets.explainer.trace import CONFIGS

    assert tuple(config.name for config in CONFIGS) == NAMES
    for name in NAMES:
        en, zh = (require(SITE / language / TRACES / f"{name}.js").read_bytes() for language in LANGUAGES)
        assert en == zh, f"{name}.js differs between languages"


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t["steps"][1][0][2][1]["f"].__setitem__(0, t["steps"][1][0][2][1]["f"][0] + 1e-4),  # one gate value
        lambda t: t["steps"][0][1][0][2]["c"].__setitem__(2, t["steps"][0][1][0][2]["c"][2] - 1e-4),  # one c_t
        lambda t: t["h_n"][3][1].__setitem__(0, t["h_n"][3][1][0] + 1e-7),  # h_n off by a rounding step
        lambda t: t["output"][0][0].reverse(),  # a direction's half swapped
    ],
    ids=["gate", "c_t", "h_n", "output"],
)
def test_a_changed_value_fails_the_check(change):
    trace = copy.deepcopy(load("en", "bi-2-layer"))
    change(trace)
    with pytest.raises(AssertionError):
        check(trace)


def test_a_rebuild_reads_the_cached_traces_without_importing_torch():
    """The build's cache (beside the doctrees) serves the same bytes; torch is not imported to read it."""
    from built import BUILD, ROOT

    code = (
        "import sys; from pathlib import Path; from lstmdocs.widgets.explainer.trace import scripts; "
        f"texts = scripts(Path({str(BUILD / 'doctrees' / 'lstm-traces')!r})); "
        "assert 'torch' not in sys.modules, 'torch imported'; "
        f"site = Path({str(SITE / 'en' / TRACES)!r}); "
        "assert all((site / f'{n}.js').read_text(encoding='utf-8') == t for n, t in texts.items()), 'cache != site'"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "conf", capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
