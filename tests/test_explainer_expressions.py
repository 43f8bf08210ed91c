"""The explainer's copyable expressions, run by torch, select the value they are shown for.

node prints, for every non-padding cell of every configuration in both layouts, what the page
copies (conf/lstmdocs/widgets/explainer/static/explainer/explainer-core.js); Python evaluates it on torch's tensors in that
layout. The fixture the JavaScript tests read is what make_explainer_cells.py makes now.
"""

import json
import subprocess
import sys

import torch

from built import ROOT, program
from test_lstm_trace import run

FIXTURES = ROOT / "tests" / "fixtures"
CORE = ROOT / "conf" / "lstmdocs" / "widgets" / "explainer" / "static" / "explainer" / "explainer-core.js"
DUMP = """
const Core = require(process.argv[1]);
const fixture = require(process.argv[2]);
const out = [];
for (const [name, { trace, cells }] of Object.entries(fixture.configs))
  for (const batchFirst of [false, true])
    for (const { tensor, index } of cells)
      out.push({ name, batchFirst, tensor, index, expressions: Core.expressions(trace.config, batchFirst, tensor, index),
                 copy: Core.copyText(trace.config, batchFirst, tensor, index) });
console.log(JSON.stringify(out));
"""


def test_every_copied_expression_selects_the_value_in_its_layout():
    node = program("node", "apt-get install nodejs (Node.js 20+)")
    fixture = json.loads((FIXTURES / "explainer_cells.json").read_text(encoding="utf-8"))
    dumped = subprocess.run([node, "-e", DUMP, str(CORE), str(FIXTURES / "explainer_cells.json")],
                            capture_output=True, text=True, check=True)  # fmt: skip
    results = {}
    for name, batch_first in {(c["name"], c["batchFirst"]) for c in json.loads(dumped.stdout)}:
        output, (h_n, c_n) = run(fixture["configs"][name]["trace"], batch_first=batch_first)
        results[name, batch_first] = {"output": output, "h_n": h_n, "c_n": c_n, "torch": torch}
    checked = 0
    for cell in json.loads(dumped.stdout):
        scope = results[cell["name"], cell["batchFirst"]]
        index = list(cell["index"])
        if cell["tensor"] == "output" and cell["batchFirst"]:
            index[0], index[1] = index[1], index[0]
        value = scope[cell["tensor"]][tuple(index)]
        for expression in cell["expressions"]:
            selected = eval(expression, {}, scope)  # noqa: S307 - our own generated indexing
            assert selected.shape == () and torch.equal(selected, value), f"{cell['name']}: {expression}"
        assert bool(eval(cell["copy"], {}, scope)), cell["copy"]  # noqa: S307
        checked += 1
    assert checked > 500, checked


def test_the_fixture_is_what_torch_gives_now(tmp_path):
    script = FIXTURES / "make_explainer_cells.py"
    subprocess.run([sys.executable, str(script), str(tmp_path / "cells.json")], check=True, timeout=300)
    assert (tmp_path / "cells.json").read_bytes() == (FIXTURES / "explainer_cells.json").read_bytes(), (
        "tests/fixtures/explainer_cells.json is stale: run python tests/fixtures/make_explainer_cells.py"
    )
