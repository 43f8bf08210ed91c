"""
Projection: ``proj_size`` shrinks ``output`` and ``h_n``, not ``c_n``
=====================================================================

With ``proj_size`` :math:`P > 0` the hidden state is projected from :math:`H` down to
:math:`P` features by one more weight, ``weight_hr_l0``. ``output`` and ``h_n`` hold
the projected hidden state; ``c_n``, the cell state, keeps :math:`H` features.
"""

# %%
# Notation: :math:`N` sequences, :math:`L` time steps, :math:`H_{in}` input features,
# :math:`H` hidden units, :math:`P < H` projected features.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H, P = 3, 4, 2, 5, 3
lstm = nn.LSTM(H_in, H, proj_size=P, batch_first=True)
x = torch.randn(N, L, H_in)

with torch.no_grad():  # only looking at values: no gradients needed
    output, (h_n, c_n) = lstm(x)

# %%
# ``output`` is :math:`(N, L, P)`, ``h_n`` is :math:`(1, N, P)`, ``c_n`` is
# :math:`(1, N, H)`. Still :claim:`h_n[-1] == output[:, -1]`.
print("output", tuple(output.shape), " h_n", tuple(h_n.shape), " c_n", tuple(c_n.shape))
assert output.shape == (N, L, P) and h_n.shape == (1, N, P) and c_n.shape == (1, N, H)
assert torch.equal(h_n[-1], output[:, -1])

# %%
# The projection ``weight_hr_l0`` is :math:`(P, H)`. The recurrent weight
# ``weight_hh_l0`` reads the projected state, so it is :math:`(4H, P)`.
for name, parameter in lstm.named_parameters():
    print(f"{name:13}", tuple(parameter.shape))
assert lstm.weight_hr_l0.shape == (P, H)
assert lstm.weight_hh_l0.shape == (4 * H, P) and lstm.weight_ih_l0.shape == (4 * H, H_in)

# %%
# At the last step :math:`h_T = W_{hr} (o_T \odot \tanh(c_T))`. The output gate
# :math:`o_T` comes from the weights (rows ordered input, forget, cell, output gate),
# the last input and the previous, projected, hidden state ``output[:, -2]``; the
# product then matches ``h_n[-1]`` within :math:`10^{-6}`.
b = lstm.bias_ih_l0 + lstm.bias_hh_l0
with torch.no_grad():
    gates = x[:, -1] @ lstm.weight_ih_l0.T + output[:, -2] @ lstm.weight_hh_l0.T + b
    o_T = torch.sigmoid(gates[:, 3 * H :])  # output gate: rows 3H to 4H
    h_T = (o_T * torch.tanh(c_n[-1])) @ lstm.weight_hr_l0.T
print("W_hr (o * tanh(c)) equals h_n[-1]:", torch.allclose(h_T, h_n[-1], atol=1e-6, rtol=0))
assert torch.allclose(h_T, h_n[-1], atol=1e-6, rtol=0)

# %%
# A projection must make the state smaller: ``proj_size >= hidden_size`` is refused
# with PyTorch's own message.
error = None
try:
    nn.LSTM(H_in, H, proj_size=H)
except ValueError as err:
    error = err
print(type(error).__name__ + ":", str(error))
assert isinstance(error, ValueError) and "proj_size" in str(error)

# %%
# ``h_n[-1]`` and ``c_n[-1]`` drawn to scale, one row per sequence:
# :math:`P = 3` features against :math:`H = 5`.
limit = c_n.abs().max().item()
fig, axes = plt.subplots(1, 2, figsize=(5, 2.2), layout="constrained", sharey=True, width_ratios=[P, H])
for ax, name, values, width in zip(axes, ["h_n[-1]", "c_n[-1]"], [h_n[-1], c_n[-1]], ["$P$", "$H$"]):
    ax.imshow(values.cpu(), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set(title=name, xlabel=width, xticks=[], yticks=[])
axes[0].set_ylabel("$N$")
plt.show()

# %%
# References: ``torch.nn.LSTM`` (``proj_size``, ``weight_hr_l0``), ``torch.sigmoid``,
# ``torch.tanh``.
