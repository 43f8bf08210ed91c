"""The explainer's traces (conf/lstmdocs/widgets/explainer/trace.py) as the built site serves them,
and ``nn.LSTM`` run on a trace's own weights and input.

tests/test_lstm_trace.py checks the traces against torch with these; the explainer's tests
(tests/test_explainer_expressions.py, tests/test_browser_explainer.py) compare with them what
the page shows and copies.
"""

import json
import warnings

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from built import SITE, require
from lstmdocs.widgets.explainer.trace import CONFIGS

TRACES = "_static/explainer/traces"
NAMES = tuple(config.name for config in CONFIGS)  # every configuration the page offers


def load(language: str, name: str) -> dict:
    text = require(SITE / language / TRACES / f"{name}.js").read_text(encoding="utf-8")
    prefix, suffix = "lstmExplainerTrace(", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix), f"{name}.js is not one lstmExplainerTrace(...) call"
    return json.loads(text[len(prefix) : -len(suffix)])


def tensor(value) -> torch.Tensor:
    return torch.tensor(value, dtype=torch.float32)


def module(trace: dict, batch_first: bool = False) -> nn.LSTM:
    config = trace["config"]
    lstm = nn.LSTM(config["input_size"], config["hidden_size"], num_layers=config["num_layers"],
                   bidirectional=config["bidirectional"], proj_size=config["proj_size"], batch_first=batch_first)  # fmt: skip
    with torch.no_grad():
        for layer, directions in enumerate(trace["weights"]):
            for direction, weights in enumerate(directions):
                for name, value in weights.items():
                    getattr(lstm, f"{name}_l{layer}" + ("_reverse" if direction else "")).copy_(tensor(value))
    return lstm


def run(trace: dict, batch_first: bool = False):
    config = trace["config"]
    x = tensor(trace["input"])
    with torch.no_grad(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "LSTM with projections is not supported with oneDNN")
        lstm = module(trace, batch_first)
        if batch_first:
            x = x.transpose(0, 1)
        if not config["packed"]:
            return lstm(x)
        packed = pack_padded_sequence(x, torch.tensor(config["lengths"]), batch_first=batch_first, enforce_sorted=False)
        packed_output, states = lstm(packed)
        output, _ = pad_packed_sequence(packed_output, batch_first=batch_first, total_length=config["steps"])
        return output, states
