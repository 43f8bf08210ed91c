"""The conventions table of docs/reference/frameworks.md: every entry is backed by an assertion.

`BACKING` names, for each entry of the table, as the page writes it, the assertions of the
examples that would fail if the entry were false (the mutation gate, tools/mutations.toml, tries
wrong mappings on them). The test fails when an entry has no backing, when an entry's text changed
(read its assertions again, then update it here), and when a backing assertion is gone from its
example. It reads source files only: no build, no framework imported.
"""

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reference" / "frameworks.md"
FRAMEWORKS = ("PyTorch", "Keras 3", "Flax nnx", "ONNX Runtime", "Paddle")

# Assertions shared by many entries: the framework's output, h_n and c_n within 1e-6 of PyTorch's
# (wrong layout, gate order, bias, state order or initial states all break them).
KERAS = ("plot_keras.py", "assert torch.allclose(ours, theirs.cpu(), atol=TOLERANCE, rtol=0)")
FLAX = ("plot_flax.py", "assert largest_difference(ours, theirs) <= TOLERANCE")
ONNX = ("plot_onnx.py", "assert torch.allclose(ours, theirs.cpu(), atol=TOLERANCE, rtol=0)")
PADDLE = ("plot_paddle.py", "assert largest_difference(ours, theirs) <= TOLERANCE")
ONNX_WEIGHTS = ("plot_onnx.py", "assert np.array_equal(theirs, ours)")

BACKING = {
    ("Layout by default", "PyTorch"): (
        "time first; `batch_first=True`",
        [
            ("plot_layouts.py", "assert out_sf.shape == (L, N, H)"),
            ("plot_layouts.py", "assert out_bf.shape == (N, L, H)"),
        ],
    ),
    ("Layout by default", "Keras 3"): ("batch first only", [KERAS]),
    ("Layout by default", "Flax nnx"): (
        "batch first; `time_major=True`",
        [("plot_flax.py", "assert flax_layers[0].forward_rnn.time_major is False"), FLAX],
    ),
    ("Layout by default", "ONNX Runtime"): (
        "time first: the exporter adds a `Transpose`",
        [("plot_onnx.py", 'assert first.op_type == "Transpose"'), ("plot_onnx.py", 'a.get("layout", 0) == 0')],
    ),
    ("Layout by default", "Paddle"): (
        "batch first; `time_major=True`",
        [("plot_paddle.py", "assert paddle_lstm.time_major is False"), PADDLE],
    ),
    ("Gate order", "PyTorch"): ("`i, f, g, o`", [ONNX_WEIGHTS, KERAS]),
    ("Gate order", "Keras 3"): ("`i, f, c, o`, as PyTorch", [KERAS]),
    ("Gate order", "Flax nnx"): ("`i, f, g, o`, as PyTorch", [FLAX]),
    ("Gate order", "ONNX Runtime"): ("`i, o, f, c`", [ONNX_WEIGHTS, ONNX]),
    ("Gate order", "Paddle"): ("`i, f, g, o`, as PyTorch", [PADDLE]),
    ("Weights", "PyTorch"): (
        "`W_ih` $(4H, H_{in})$, `W_hh` $(4H, H)$",
        [("plot_num_layers.py", "assert stacked.weight_ih_l0.shape == (4 * H, H_in)"), ONNX_WEIGHTS],
    ),
    ("Weights", "Keras 3"): ("`kernel = W_ih.T`, `recurrent_kernel = W_hh.T`", [KERAS]),
    ("Weights", "Flax nnx"): ("`dense_i.kernel = W_ih.T`, `dense_h.kernel = W_hh.T`", [FLAX]),
    ("Weights", "ONNX Runtime"): ("`W`, `R`: $(D, 4H, \\cdot)$, blocks reordered", [ONNX_WEIGHTS]),
    ("Weights", "Paddle"): (
        "the same names and shapes",
        [("plot_paddle.py", "assert not unexpected and all("), PADDLE],
    ),
    ("Biases", "PyTorch"): ("two, `b_ih` and `b_hh`", [ONNX_WEIGHTS]),
    ("Biases", "Keras 3"): ("one, `b_ih + b_hh`", [KERAS]),
    ("Biases", "Flax nnx"): (
        "one, `dense_h.bias = b_ih + b_hh`",
        [("plot_flax.py", "assert cell.dense_i.bias is None and cell.dense_h.bias.shape == (4 * H,)"), FLAX],
    ),
    ("Biases", "ONNX Runtime"): ("two, kept apart: `B` $(D, 8H)$", [ONNX_WEIGHTS]),
    ("Biases", "Paddle"): ("two, as PyTorch", [PADDLE]),
    ("State order", "PyTorch"): ("`(h, c)`", [("plot_layouts.py", "h_bf.shape == c_bf.shape == (1, N, H)"), PADDLE]),
    ("State order", "Keras 3"): ("`h` before `c`", [KERAS]),
    ("State order", "Flax nnx"): ("carry `(c, h)`", [FLAX]),
    ("State order", "ONNX Runtime"): (
        "`Y_h` before `Y_c`",
        [("plot_onnx.py", "assert list(joined.input) == [node.output[k] for node in lstm_nodes]"), ONNX],
    ),
    ("State order", "Paddle"): ("`(h, c)`", [PADDLE]),
    ("What a call returns", "PyTorch"): ("`output, (h_n, c_n)`", [KERAS, FLAX, ONNX, PADDLE]),
    ("What a call returns", "Keras 3"): ("`Bidirectional`: `[seq, h_fw, c_fw, h_bw, c_bw]`", [KERAS]),
    ("What a call returns", "Flax nnx"): ("`nnx.Bidirectional`: `(carry_fw, carry_bw), seq`", [FLAX]),
    ("What a call returns", "ONNX Runtime"): (
        "a node: `Y` $(L, D, N, H)$, `Y_h`, `Y_c`",
        [("plot_onnx.py", "assert shapes[Y] == [L, 2, N, H]")],
    ),
    ("What a call returns", "Paddle"): ("`out, (h, c)`", [PADDLE]),
    ("Layers and directions", "PyTorch"): ("`num_layers`, `bidirectional=True`", [KERAS, FLAX, ONNX, PADDLE]),
    ("Layers and directions", "Keras 3"): ("one `Bidirectional` a layer", [KERAS]),
    ("Layers and directions", "Flax nnx"): ("one `nnx.Bidirectional` a layer", [FLAX]),
    ("Layers and directions", "ONNX Runtime"): (
        "one `LSTM` node a layer",
        [
            ("plot_onnx.py", "assert len(lstm_nodes) == lstm.num_layers"),
            ("plot_onnx.py", 'a["direction"] == b"bidirectional"'),
        ],
    ),
    ("Layers and directions", "Paddle"): ('`num_layers`, `direction="bidirect"`', [PADDLE]),
    ("Projection", "PyTorch"): (
        "`proj_size`",
        [("plot_paddle.py", "assert largest_difference(ours, theirs) <= TOLERANCE")],
    ),
    ("Projection", "Keras 3"): (
        "none: `proj_size` is refused",
        [("plot_keras.py", 'assert refused is not None and "proj_size" in str(refused)')],
    ),
    ("Projection", "Flax nnx"): ("none in its cells", [("plot_flax.py", "assert not about_projection")]),
    ("Projection", "ONNX Runtime"): (
        "not exported: one exporter refuses, the other's model does not load",
        [
            ("plot_onnx.py", 'assert refused is not None and "projections" in str(refused)'),
            ("plot_onnx.py", "assert loaded is not None"),
        ],
    ),
    ("Projection", "Paddle"): (
        "`proj_size`: copy cell by cell, not by name",
        [("plot_paddle.py", "assert skipped and largest_difference(wrong_out, p_output) > 100 * TOLERANCE"), PADDLE],
    ),
    ("Initial states", "PyTorch"): ("`lstm(input, (h_0, c_0))`", [KERAS, FLAX, ONNX, PADDLE]),
    ("Initial states", "Keras 3"): ("`initial_state=[h_fw, c_fw, h_bw, c_bw]`", [KERAS]),
    ("Initial states", "Flax nnx"): ("`initial_carry=(c, h)` a direction", [FLAX]),
    ("Initial states", "ONNX Runtime"): (
        "the inputs `initial_h`, `initial_c` of each node",
        [("plot_onnx.py", 'assert made_by[node.input[5]].input[0] == "h_0"'), ONNX],
    ),
    ("Initial states", "Paddle"): ("`initial_states=(h_0, c_0)`", [PADDLE]),
}


def table() -> dict[tuple[str, str], str]:
    """The entries of the page's list-table, by (row, column)."""
    text = PAGE.read_text(encoding="utf-8")
    body = text.split("```{list-table}", 1)[1].split("\n```", 1)[0]
    rows: list[list[str]] = []
    for line in body.splitlines():
        if line.startswith("* -"):
            rows.append([line[3:].strip()])
        elif line.startswith("  - "):
            rows[-1].append(line[4:].strip())
    header, *rows = rows
    assert [cell.split("<")[0].removeprefix("{ref}`").strip() for cell in header[1:]] == list(FRAMEWORKS)
    return {(row[0], framework): cell for row in rows for framework, cell in zip(FRAMEWORKS, row[1:], strict=True)}


@cache
def assertions(example: str) -> list[str]:
    source = (ROOT / "examples" / example).read_text(encoding="utf-8")
    return [
        ast.get_source_segment(source, node) for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assert)
    ]


def test_every_entry_of_the_table_names_its_backing_and_reads_as_when_it_was_checked():
    entries = table()
    assert len(entries) == 9 * len(FRAMEWORKS)
    assert sorted(entries) == sorted(BACKING), "an entry without backing, or backing without its entry"
    changed = {key: text for key, text in entries.items() if text != BACKING[key][0]}
    assert not changed, f"entries changed since their backing was read: {changed}"


def test_every_backing_assertion_is_an_assert_of_its_example():
    missing = [
        (key, example, snippet)
        for key, (_, backing) in BACKING.items()
        for example, snippet in backing
        if not any(snippet in statement for statement in assertions(example))
    ]
    assert not missing, f"backing assertions not found in their examples: {missing}"
