"""Step-by-step traces of small seeded ``nn.LSTM`` runs, for the step-through explainer.

For each configuration in `CONFIGS` the build writes ``_static/explainer/traces/<name>.js``:
the input, every gate (i, f, g, o) and the new c_t and h_t per layer, direction, time
step and batch element, and torch's own ``output``, ``h_n`` and ``c_n``. Each file is one
call, ``lstmExplainerTrace(<JSON>);``, so the page loads a configuration only when a reader
picks it, from a plain ``<script>``, even from ``file://`` (``fetch`` is refused there).

``output``, ``h_n`` and ``c_n`` are what ``nn.LSTM`` returned; the per-step values come
from the LSTM equations in float32 with the module's own weights (torch exposes no gates)
and agree with them to about 1e-7; ``tests/test_lstm_trace.py`` checks both.
Numbers are written as the shortest decimal that reads back as the same float32.

The traces are computed on the CPU once per (this module, torch version) and kept beside the
doctrees: a rebuild with nothing changed neither imports torch nor writes other bytes.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from sphinx.application import Sphinx

from lstmdocs.running.device import torch_version

STATIC_DIR = "explainer/traces"  # under _static/
CALLBACK = "lstmExplainerTrace"


@dataclass(frozen=True)
class Config:
    name: str
    num_layers: int = 1
    bidirectional: bool = False
    proj_size: int = 0
    lengths: tuple[int, ...] | None = None  # variable-length sequences, zero-padded to `steps`
    input_size: int = 2
    hidden_size: int = 3
    steps: int = 4  # L
    batch: int = 3  # N
    seed: int = 0
    packed: bool = True  # with lengths: packed (each sequence stops at its length) or run over the padding


CONFIGS = (
    Config("bi-2-layer", num_layers=2, bidirectional=True),  # the page's default
    Config("1-layer"),
    Config("2-layer", num_layers=2),
    Config("bi", bidirectional=True),
    Config("packed", lengths=(4, 2, 3)),
    Config("packed-bi-2-layer", num_layers=2, bidirectional=True, lengths=(4, 2, 3)),
    # The same module and input, padded but not packed: every step reads the padding.
    Config("padded-bi-2-layer", num_layers=2, bidirectional=True, lengths=(4, 2, 3), packed=False),
    Config("proj", proj_size=2),
    Config("proj-bi", bidirectional=True, proj_size=2),
)


def run_lstm(config: Config):
    """The seeded module, its padded time-major input, and what ``nn.LSTM`` returned."""
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    generator = torch.Generator().manual_seed(config.seed)
    torch.manual_seed(config.seed)
    lstm = nn.LSTM(config.input_size, config.hidden_size, num_layers=config.num_layers,
                   bidirectional=config.bidirectional, proj_size=config.proj_size)  # fmt: skip
    x = torch.randn(config.steps, config.batch, config.input_size, generator=generator)
    if config.lengths is not None:
        for n, length in enumerate(config.lengths):
            x[length:, n] = 0  # padding: never read by a packed run
    with torch.no_grad(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "LSTM with projections is not supported with oneDNN")
        if config.lengths is None or not config.packed:
            output, (h_n, c_n) = lstm(x)
        else:
            packed = pack_padded_sequence(x, torch.tensor(config.lengths), enforce_sorted=False)
            packed_output, (h_n, c_n) = lstm(packed)
            output, _ = pad_packed_sequence(packed_output, total_length=config.steps)
    return lstm, x, output, h_n, c_n


def weights(lstm, layer: int, direction: int) -> dict:
    suffix = f"_l{layer}" + ("_reverse" if direction else "")
    names = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] + (["weight_hr"] if lstm.proj_size else [])
    return {name: getattr(lstm, name + suffix).detach() for name in names}


def step(w: dict, x, h, c):
    """One LSTM step for one sequence (PyTorch's equations and gate order i, f, g, o)."""
    import torch

    gates = w["weight_ih"] @ x + w["bias_ih"] + w["weight_hh"] @ h + w["bias_hh"]
    i, f, g, o = gates.chunk(4)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)
    if "weight_hr" in w:
        h = w["weight_hr"] @ h
    return {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h}


def trace(config: Config) -> dict:
    """The whole run as nested lists: ``steps[layer][direction][t][n]`` (None where a packed run skips padding)."""
    import torch

    lstm, x, output, h_n, c_n = run_lstm(config)
    directions = 2 if config.bidirectional else 1
    lengths = list(config.lengths or [config.steps] * config.batch)
    packed = config.lengths is not None and config.packed
    runs = lengths if packed else [config.steps] * config.batch  # how far each sequence is read
    hidden_out = config.proj_size or config.hidden_size
    layer_input = x
    steps = []
    for layer in range(config.num_layers):
        per_direction = []
        layer_output = torch.zeros(config.steps, config.batch, directions * hidden_out)
        for direction in range(directions):
            w = weights(lstm, layer, direction)
            rows = [[None] * config.batch for _ in range(config.steps)]
            for n, length in enumerate(runs):
                h, c = torch.zeros(hidden_out), torch.zeros(config.hidden_size)
                times = range(length - 1, -1, -1) if direction else range(length)
                for t in times:
                    values = step(w, layer_input[t, n], h, c)
                    h, c = values["h"], values["c"]
                    rows[t][n] = {"x": layer_input[t, n], **values}
                    layer_output[t, n, direction * hidden_out : (direction + 1) * hidden_out] = h
            per_direction.append(rows)
        steps.append(per_direction)
        layer_input = layer_output
    return {
        "config": {**asdict(config), "lengths": lengths, "packed": packed},
        "weights": [[weights(lstm, layer, d) for d in range(directions)] for layer in range(config.num_layers)],
        "input": x,
        "steps": steps,
        "output": output,
        "h_n": h_n,
        "c_n": c_n,
    }


def plain(value):
    """Tensors as lists of the shortest decimals that read back as the same float32."""
    import numpy as np

    if hasattr(value, "tolist") and hasattr(value, "numpy"):
        return plain(value.numpy())
    if isinstance(value, np.ndarray):
        return [plain(item) for item in value]
    if isinstance(value, np.floating):
        return float(str(np.float32(value)))
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def script(config: Config) -> str:
    text = json.dumps(plain(trace(config)), separators=(",", ":"), allow_nan=False)
    return f"{CALLBACK}({text});\n"


def cache_key() -> str:
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + torch_version().encode()).hexdigest()[:16]


def scripts(cache: Path) -> dict[str, str]:
    """name -> file text, from the cache or computed (then cached)."""
    folder = cache / cache_key()
    if not all((folder / f"{config.name}.js").exists() for config in CONFIGS):
        import torch

        with torch.device("cpu"):  # the same numbers on every machine: never the build's CUDA device
            texts = {config.name: script(config) for config in CONFIGS}
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (folder / f"{name}.js").write_text(text, encoding="utf-8")
    return {config.name: (folder / f"{config.name}.js").read_text(encoding="utf-8") for config in CONFIGS}


def write_traces(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, text in scripts(Path(app.doctreedir).parent / "lstm-traces").items():
        path = target / f"{name}.js"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", write_traces)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
