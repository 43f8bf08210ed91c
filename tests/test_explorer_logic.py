"""The shape explorer's logic agrees with torch: the fixture node tests against is current
(tests/test_js.py runs those node tests), and the code the explorer shows runs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch import nn

from built import ROOT, program
from lstmdocs.running.device import PROJECTION_NOTE

FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE = FIXTURES / "lstm_shapes.json"


def test_fixture_is_what_torch_gives_now(tmp_path: Path):
    """Regenerating the fixture gives the committed bytes (so node tests what torch does)."""
    regenerated = tmp_path / "lstm_shapes.json"
    subprocess.run([sys.executable, str(FIXTURES / "make_lstm_shapes.py"), str(regenerated)], check=True, timeout=300)
    assert regenerated.read_bytes() == FIXTURE.read_bytes(), (
        "tests/fixtures/lstm_shapes.json is stale: run `python tests/fixtures/make_lstm_shapes.py`"
    )


# Ask the explorer what it would show for every configuration in the fixture.
SHOWN = """
const LstmShapes = require("./conf/lstmdocs/widgets/explorer/static/explorer/lstm-shapes.js");
const { cases } = require("./tests/fixtures/lstm_shapes.json");
console.log(JSON.stringify(cases.map(({ config }) => ({ config, ...LstmShapes.explore(config) }))));
"""


@pytest.mark.filterwarnings(f"ignore:{PROJECTION_NOTE}")
def test_code_shown_runs_as_copied():
    """The page's code and its torch.equal lines, pasted into Python, give what the page says."""
    run = subprocess.run(
        [program("node", "apt-get install nodejs"), "-e", SHOWN],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown = json.loads(run.stdout)
    checked = warned = 0
    for result in shown:
        namespace = {"torch": torch, "nn": nn}
        torch.manual_seed(0)
        try:
            exec(result["code"], namespace)  # noqa: S102  (running the shown code is the test)
        except (ValueError, RuntimeError) as error:
            assert f"{type(error).__name__}: {error}" == result["error"], result["code"]
            continue
        assert result["error"] is None, result["code"]
        for name, shape in result["shapes"].items():
            assert list(namespace[name].shape) == shape, (name, result["code"])
        for item in result["identities"]:
            assert eval(item["code"], namespace) is True, (item["code"], result["code"])
        for item in result["traps"]:
            assert eval(item["code"], namespace) is False, (item["code"], result["code"])
        assert result["warnings"] == [] or result["config"]["h0"] == "batch_first", result["code"]
        if result["config"]["h0"] == "batch_first":
            warned += check_h0_layout_warning(namespace, result)
        checked += 1
    assert checked >= 200
    assert warned >= 5


def check_h0_layout_warning(namespace: dict, result: dict) -> bool:
    """h0 and c0 made batch first were accepted: the warning is shown exactly when the fix it gives
    (the transposed states) changes what the shown code returned."""
    rnn, data, h0, c0 = (namespace[name] for name in ("rnn", "input", "h0", "c0"))
    fixed = rnn(data, (h0.transpose(0, 1).contiguous(), c0.transpose(0, 1).contiguous()))
    output, (h_n, c_n) = fixed
    changes = not (torch.equal(output, namespace["output"]) and torch.equal(h_n, namespace["h_n"]))
    assert (result["warnings"] == ["h0_layout"]) == changes, result["code"]
    return changes
