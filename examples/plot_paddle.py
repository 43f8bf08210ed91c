"""
PaddlePaddle ``nn.LSTM``: the same numbers, and a projection that loads silently wrong
======================================================================================

``paddle.nn.LSTM`` names, shapes and orders its weights as PyTorch does, so an
``nn.LSTM``'s ``state_dict`` loads into it by name and ``output``, ``h_n`` and ``c_n``
agree within 1e-6. With ``proj_size`` the names no longer line up: loading by name skips
tensors with only a warning, and the outputs are wrong. Copying cell by cell works.
"""

# %%
# One seeded LSTM of two layers, bidirectional, batch first: :math:`N = 5` sequences
# of :math:`L = 4` steps of :math:`H_{in} = 2` features, :math:`H = 3` hidden units.
# Every framework's example starts from this LSTM, its input and its initial states.
import warnings

import matplotlib.pyplot as plt
import paddle
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page
paddle.seed(0)  # and Paddle's own initial weights, which a wrong load leaves in place

N, L, H_in, H = 5, 4, 2, 3
TOLERANCE = 1e-6  # float32; the two libraries order their sums differently
lstm = nn.LSTM(H_in, H, num_layers=2, bidirectional=True, batch_first=True)
input = torch.randn(N, L, H_in)
h_0, c_0 = torch.randn(2 * 2, N, H), torch.randn(2 * 2, N, H)
with torch.no_grad():
    output, (h_n, c_n) = lstm(input, (h_0, c_0))


def to_paddle(tensor):
    return paddle.to_tensor(tensor.detach().cpu().numpy())


def largest_difference(ours, theirs):
    return (torch.from_numpy(ours.numpy()) - theirs.cpu()).abs().max().item()


# %%
# Paddle's LSTM is batch first unless ``time_major=True``; ``direction="bidirect"``
# is PyTorch's ``bidirectional=True``. Its weights carry PyTorch's names, shapes and
# gate order (input, forget, cell, output), two biases each: ``state_dict`` loads
# as it is. Paddle also lists each weight under its cell's name
# (``0.cell_fw.weight_ih`` is ``weight_ih_l0``), which the load reports as missing.
paddle_lstm = paddle.nn.LSTM(H_in, H, num_layers=2, direction="bidirect")
assert paddle_lstm.time_major is False
missing, unexpected = paddle_lstm.set_state_dict({k: v.cpu().numpy() for k, v in lstm.state_dict().items()})
print("missing:", len(missing), "cell names, e.g.", missing[0], "; unexpected:", unexpected)
assert not unexpected and all(".cell_" in name for name in missing)
assert paddle_lstm[0].cell_fw.weight_ih is paddle_lstm.state_dict()["weight_ih_l0"]

# %%
# Paddle returns ``(out, (h, c))``, as PyTorch does, with the same shapes:
# ``out`` :math:`(N, L, 2H)`, ``h`` and ``c`` :math:`(4, N, H)`, layer by layer,
# forward before backward. The initial states go in as ``initial_states=(h_0, c_0)``.
out, (h, c) = paddle_lstm(to_paddle(input), initial_states=(to_paddle(h_0), to_paddle(c_0)))
for name, ours, theirs in [("output", out, output), ("h_n", h, h_n), ("c_n", c, c_n)]:
    print(f"{name} {tuple(ours.shape)}: largest difference {largest_difference(ours, theirs):.1e}")
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert largest_difference(ours, theirs) <= TOLERANCE

# %%
# Back to PyTorch, without a projection, is a load by name too, of Paddle's flat
# names (not its cells' names):
restored = nn.LSTM(H_in, H, num_layers=2, bidirectional=True, batch_first=True)
restored.load_state_dict(
    {k: torch.from_numpy(v.numpy()) for k, v in paddle_lstm.state_dict().items() if ".cell_" not in k}
)
with torch.no_grad():
    restored_output, _ = restored(input, (h_0, c_0))
assert torch.equal(restored_output, output)

# %%
# The same weights give PyTorch the same numbers: :claim:`restored_output == output`, bit for bit.
#
# With a projection, ``proj_size`` :math:`P = 2`, PyTorch adds ``weight_hr_l0``
# :math:`(P, H)` after ``bias_hh_l0``; Paddle keeps its projection, ``weight_ho``
# :math:`(H, P)`, under the cell's name only, so from ``weight_ih_l0_reverse`` on its
# flat names point at other tensors. Loading by name then skips every tensor whose
# shape differs, warns, and runs:
P = 2
projected = nn.LSTM(H_in, H, num_layers=2, bidirectional=True, batch_first=True, proj_size=P)
with torch.no_grad():
    p_output, (p_h_n, p_c_n) = projected(input)
by_name = paddle.nn.LSTM(H_in, H, num_layers=2, direction="bidirect", proj_size=P)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    by_name.set_state_dict({k: v.cpu().numpy() for k, v in projected.state_dict().items()})
skipped = [str(w.message) for w in caught if "receives a shape" in str(w.message)]
print(len(skipped), "tensors skipped, the first:", skipped[0])
wrong_out, _ = by_name(to_paddle(input))
print(f"output: largest difference {largest_difference(wrong_out, p_output):.2f}")
assert skipped and largest_difference(wrong_out, p_output) > 100 * TOLERANCE


# %%
# Copying cell by cell works with or without a projection: each direction of each
# layer is a cell (``paddle_lstm[layer].cell_fw``, ``.cell_bw``), and its
# ``weight_ho`` is PyTorch's ``weight_hr`` transposed.
def paddle_lstm_from_torch(module):
    """A paddle.nn.LSTM holding an nn.LSTM's weights (batch first, any proj_size)."""
    assert module.batch_first, "for batch_first=False, give Paddle time_major=True"
    directions = 2 if module.bidirectional else 1
    converted = paddle.nn.LSTM(
        module.input_size,
        module.hidden_size,
        num_layers=module.num_layers,
        direction="bidirect" if directions == 2 else "forward",
        proj_size=module.proj_size,
    )
    for layer in range(module.num_layers):
        cells = [converted[layer].cell_fw, converted[layer].cell_bw] if directions == 2 else [converted[layer].cell]
        for cell, suffix in zip(cells, [f"l{layer}", f"l{layer}_reverse"], strict=False):
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(cell, name).set_value(to_paddle(getattr(module, f"{name}_{suffix}")))
            if module.proj_size:
                cell.weight_ho.set_value(to_paddle(getattr(module, f"weight_hr_{suffix}").T))
    return converted


p_out, (p_h, p_c) = paddle_lstm_from_torch(projected)(to_paddle(input))
for name, ours, theirs in [("output", p_out, p_output), ("h_n", p_h, p_h_n), ("c_n", p_c, p_c_n)]:
    print(f"{name} {tuple(ours.shape)}: largest difference {largest_difference(ours, theirs):.1e}")
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert largest_difference(ours, theirs) <= TOLERANCE

# %%
# With a projection, the largest difference of ``output`` on a log scale, loaded by name
# and copied cell by cell, against the tolerance (the line):
loads = {"set_state_dict": wrong_out, "paddle_lstm_from_torch": p_out}
plt.figure(figsize=(3.2, 2.4), layout="constrained")
plt.barh(list(loads), [largest_difference(out, p_output) for out in loads.values()], color=["C1", "C0"])
plt.axvline(TOLERANCE, color="grey", linewidth=0.8)
plt.xscale("log")
plt.xlim(1e-9, 1)
plt.title("abs(out - output).max()")
plt.show()

# %%
# References: ``torch.nn.LSTM`` (``proj_size``, ``weight_hr_l0``), ``paddle.nn.LSTM``
# (``direction``, ``time_major``, ``proj_size``, ``initial_states``),
# ``paddle.nn.Layer.set_state_dict``.
