"""
ONNX Runtime: the same ``nn.LSTM``, exported
============================================

``torch.onnx.export`` writes each layer of an ``nn.LSTM`` as one ONNX ``LSTM`` node,
with its weight blocks reordered and its two biases kept apart; ONNX Runtime then
returns ``output``, ``h_n`` and ``c_n`` equal to PyTorch's within 1e-6.
"""

# %%
# One seeded LSTM of two layers, bidirectional, batch first: :math:`N = 5` sequences
# of :math:`L = 4` steps of :math:`H_{in} = 2` features, :math:`H = 3` hidden units.
# Every framework's example starts from this LSTM, its input and its initial states.
import matplotlib.pyplot as plt
import numpy as np
import onnx
import onnxruntime
import torch
from onnx import numpy_helper, shape_inference
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 5, 4, 2, 3
TOLERANCE = 1e-6  # float32; the two libraries order their sums differently
lstm = nn.LSTM(H_in, H, num_layers=2, bidirectional=True, batch_first=True).eval()
input = torch.randn(N, L, H_in)
h_0, c_0 = torch.randn(2 * 2, N, H), torch.randn(2 * 2, N, H)
with torch.no_grad():
    output, (h_n, c_n) = lstm(input, (h_0, c_0))

# %%
# Exporting. The initial states are inputs of the model too; ``verbose=False``
# keeps the exporter quiet. ``model`` is the ONNX graph, as a file would hold it.
exported = torch.onnx.export(
    lstm,
    (input, (h_0, c_0)),
    input_names=["input", "h_0", "c_0"],
    output_names=["output", "h_n", "c_n"],
    verbose=False,
)
model = shape_inference.infer_shapes(exported.model_proto)
print([node.op_type for node in model.graph.node])
lstm_nodes = [node for node in model.graph.node if node.op_type == "LSTM"]
assert len(lstm_nodes) == lstm.num_layers

# %%
# ONNX's input ``X`` is time first, :math:`(L, N, H_{in})` (the node's ``layout`` is 0),
# so the exporter puts a ``Transpose`` between ``input`` and the first node. Each node returns
# ``Y`` of shape :math:`(L, D, N, H)`, directions on their own axis, and the exporter
# turns it into the next layer's input, :math:`(L, N, 2H)`, with a ``Transpose``
# and a ``Reshape``. Both directions of a layer are one node, ``direction="bidirectional"``.
shapes = {info.name: [d.dim_value for d in info.type.tensor_type.shape.dim] for info in model.graph.value_info}
Y = lstm_nodes[0].output[0]
print("Y", shapes[Y])
assert shapes[Y] == [L, 2, N, H]
made_by = {output: node for node in model.graph.node for output in node.output}
first = made_by[lstm_nodes[0].input[0]]  # what the first node reads
print("X comes from", first.op_type, "of", first.input[0])
assert first.op_type == "Transpose" and first.input[0] == "input"
attributes = [{a.name: onnx.helper.get_attribute_value(a) for a in node.attribute} for node in lstm_nodes]
print(attributes[0])
assert all(a.get("layout", 0) == 0 and a["direction"] == b"bidirectional" for a in attributes)

# %%
# A node returns ``Y``, ``Y_h`` and ``Y_c``: the hidden state before the cell state,
# ``Y_h`` and ``Y_c`` :math:`(D, N, H)` each. The exporter joins the layers' ``Y_h``
# into ``h_n`` and their ``Y_c`` into ``c_n``. The initial states go in as a node's
# ``initial_h`` and ``initial_c``, its sixth and seventh inputs, each layer's rows
# sliced from ``h_0`` and ``c_0``.
for name, k in [("h_n", 1), ("c_n", 2)]:
    joined = made_by[name]
    print(f"{name}: {joined.op_type} of output {k} of {len(joined.input)} LSTM nodes")
    assert list(joined.input) == [node.output[k] for node in lstm_nodes]
for node in lstm_nodes:
    assert made_by[node.input[5]].input[0] == "h_0" and made_by[node.input[6]].input[0] == "c_0"


# %%
# Converting the weights. A node takes ``W`` :math:`(D, 4H, H_{in})`, ``R``
# :math:`(D, 4H, H)` and ``B`` :math:`(D, 8H)`, the forward direction first.
# ONNX orders the gate blocks input, output, forget, cell, where PyTorch has input,
# forget, cell, output; and ``B`` keeps PyTorch's two biases apart, ``[b_ih, b_hh]``.
# This function gives one layer's ``W``, ``R`` and ``B`` as ONNX holds them:
def onnx_weights(module, layer):
    """W, R, B of ONNX's LSTM node for one layer of an nn.LSTM (bidirectional or not)."""
    order = [0, 3, 1, 2]  # ONNX's blocks i, o, f, c from PyTorch's i, f, g, o

    def blocks(tensor):
        return torch.cat([tensor.chunk(4)[k] for k in order])

    suffixes = [f"l{layer}", f"l{layer}_reverse"][: 2 if module.bidirectional else 1]
    W, R, B = [], [], []
    for suffix in suffixes:
        w_ih, w_hh, b_ih, b_hh = (
            getattr(module, f"{name}_{suffix}").detach().cpu()
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
        )
        W.append(blocks(w_ih))
        R.append(blocks(w_hh))
        B.append(torch.cat([blocks(b_ih), blocks(b_hh)]))
    return [torch.stack(weights).numpy() for weights in (W, R, B)]


# %%
# The exporter wrote exactly these arrays, bit for bit, into each node:
initializers = {tensor.name: numpy_helper.to_array(tensor) for tensor in model.graph.initializer}
for layer, node in enumerate(lstm_nodes):
    for name, ours in zip("WRB", onnx_weights(lstm, layer), strict=True):
        theirs = initializers[node.input["WRB".index(name) + 1]]
        print(f"layer {layer} {name} {theirs.shape}: equal {np.array_equal(theirs, ours)}")
        assert np.array_equal(theirs, ours)

# %%
# Running the model in ONNX Runtime, on the CPU. Its outputs come in PyTorch's
# layout: ``output`` :math:`(N, L, 2H)`, ``h_n`` and ``c_n`` :math:`(4, N, H)`
# (the transposes after each node put them there), with ``h`` before ``c``.
session = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
feeds = {"input": input.cpu().numpy(), "h_0": h_0.cpu().numpy(), "c_0": c_0.cpu().numpy()}
onnx_output, onnx_h_n, onnx_c_n = (torch.from_numpy(array) for array in session.run(None, feeds))
for name, ours, theirs in [("output", onnx_output, output), ("h_n", onnx_h_n, h_n), ("c_n", onnx_c_n, c_n)]:
    print(f"{name} {tuple(ours.shape)}: largest difference {(ours - theirs.cpu()).abs().max().item():.1e}")
    assert ours.shape == theirs.shape
    assert torch.allclose(ours, theirs.cpu(), atol=TOLERANCE, rtol=0)

# %%
# With a projection, ``proj_size`` :math:`P = 2`, neither exporter gives a model to
# run. The TorchScript exporter (``dynamo=False``) refuses the LSTM; the default one
# writes a model that ONNX Runtime will not load. Both answers, as they stand in the
# versions this page was built with:
print("torch", torch.__version__, " onnx", onnx.__version__, " onnxruntime", onnxruntime.__version__)
projected = nn.LSTM(H_in, H, num_layers=2, bidirectional=True, batch_first=True, proj_size=2).eval()
refused = loaded = None
try:
    torch.onnx.export(projected, (input,), dynamo=False, verbose=False)
except Exception as error:  # noqa: BLE001 (what the exporter raises is the point)
    refused = error
print("dynamo=False:", type(refused).__name__, str(refused).split(".")[0])
assert refused is not None and "projections" in str(refused)
written = torch.onnx.export(projected, (input,), verbose=False)
try:
    onnxruntime.InferenceSession(written.model_proto.SerializeToString(), providers=["CPUExecutionProvider"])
except Exception as error:  # noqa: BLE001
    loaded = error
print("onnxruntime:", type(loaded).__name__, str(loaded).split(":")[-1].strip())
assert loaded is not None

# %%
# The largest difference of each tensor, on a log scale, against the tolerance (the line):
plt.figure(figsize=(3.2, 2.4), layout="constrained")
onnx_outputs = {"output": (onnx_output, output), "h_n": (onnx_h_n, h_n), "c_n": (onnx_c_n, c_n)}
plt.bar(list(onnx_outputs), [(ours - theirs.cpu()).abs().max().item() for ours, theirs in onnx_outputs.values()])
plt.axhline(TOLERANCE, color="grey", linewidth=0.8)
plt.yscale("log")
plt.ylim(1e-9, 1e-5)
plt.title("abs(onnx - torch).max()")
plt.show()

# %%
# References: ``torch.onnx.export`` (``dynamo``, ``input_names``, ``verbose``),
# ONNX's ``LSTM`` operator (``W``, ``R``, ``B``, ``Y``, ``Y_h``, ``Y_c``, ``layout``),
# ``onnxruntime.InferenceSession``.
