"""
Stacked layers: ``output`` is the top layer, ``h_n`` holds every layer
======================================================================

With ``num_layers > 1``, ``output`` holds the hidden states of the top layer only,
while ``h_n[k]`` is the final hidden state of layer ``k``.
A 2-layer LSTM is two 1-layer LSTMs, the upper one reading the lower one's ``output``.
"""

# %%
# Notation: :math:`N` sequences in a batch, :math:`L` time steps, :math:`H_{in}`
# input features, :math:`H` hidden units, 2 layers.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 3, 5, 2, 4
stacked = nn.LSTM(H_in, H, num_layers=2, batch_first=True)
x = torch.randn(N, L, H_in)

with torch.no_grad():  # only looking at values: no gradients needed
    output, (h_n, c_n) = stacked(x)

# %%
# ``output`` is :math:`(N, L, H)`: one layer's worth of features, not two.
# ``h_n`` and ``c_n`` are :math:`(\mathrm{num\_layers}, N, H)`: one row per layer,
# the bottom layer first.
print("output", tuple(output.shape), " h_n", tuple(h_n.shape), " c_n", tuple(c_n.shape))
assert output.shape == (N, L, H) and h_n.shape == c_n.shape == (2, N, H)

# %%
# The top layer is the last time step of ``output``: :claim:`h_n[-1] == output[:, -1]`.
# The bottom layer is not, :claim:`h_n[0] != output[:, -1]`: ``output`` never shows the lower layer.
print("h_n[-1] equals output[:, -1]:", torch.equal(h_n[-1], output[:, -1]))
print("h_n[0] equals output[:, -1]:", torch.equal(h_n[0], output[:, -1]))
assert torch.equal(h_n[-1], output[:, -1])
assert not torch.allclose(h_n[0], output[:, -1], atol=1e-6, rtol=0)

# %%
# Each layer has its own weights, named with the suffix ``_l0``, ``_l1``, ...
# The upper layer reads :math:`H` features, not :math:`H_{in}`.
for name, parameter in stacked.named_parameters():
    print(f"{name:14}", tuple(parameter.shape))
assert stacked.weight_ih_l0.shape == (4 * H, H_in)
assert stacked.weight_ih_l1.shape == (4 * H, H)


# %%
# Two single-layer LSTMs receive copies of those weights: layer ``k``'s
# parameters become the ``_l0`` parameters of the ``k``-th LSTM.
def layer_weights(module: nn.LSTM, layer: int) -> dict:
    suffix = f"_l{layer}"
    return {
        name.removesuffix(suffix) + "_l0": value for name, value in module.state_dict().items() if name.endswith(suffix)
    }


lower, upper = nn.LSTM(H_in, H, batch_first=True), nn.LSTM(H, H, batch_first=True)
lower.load_state_dict(layer_weights(stacked, 0))
upper.load_state_dict(layer_weights(stacked, 1))

with torch.no_grad():
    lower_output, (lower_h, lower_c) = lower(x)
    upper_output, (upper_h, upper_c) = upper(lower_output)  # reads the layer below

# %%
# The upper LSTM's ``output`` is the stacked LSTM's ``output`` bit for bit (the
# same weights on the same numbers), and each single layer's final state is one row of ``h_n`` and
# ``c_n``: ``h_n[0]`` is the lower layer's last step, ``lower_output[:, -1]``.
print("same output:", torch.equal(upper_output, output))
assert torch.equal(upper_output, output)
assert torch.equal(lower_output[:, -1], h_n[0])
for layer, (h, c) in enumerate([(lower_h, lower_c), (upper_h, upper_c)]):
    assert torch.equal(h[0], h_n[layer])
    assert torch.equal(c[0], c_n[layer])

# %%
# In one picture, three :math:`(N, H)` tensors, sequences down, features across: the
# top layer's ``h_n[1]`` is ``output[:, -1]``, the lower layer's ``h_n[0]`` is not.
finals = {"h_n[0]": h_n[0], "h_n[1]": h_n[1], "output[:, -1]": output[:, -1]}
fig, axes = plt.subplots(1, 3, figsize=(6, 2.2), layout="constrained", sharey=True)
for ax, (name, values) in zip(axes, finals.items()):
    ax.imshow(values.cpu(), cmap="RdBu_r", vmin=-0.5, vmax=0.5)
    ax.set(title=name, xlabel="$H$", xticks=[], yticks=[])
axes[0].set_ylabel("$N$")
plt.show()

# %%
# References: ``torch.nn.LSTM`` (``num_layers``), ``torch.nn.Module.state_dict``,
# ``torch.nn.Module.load_state_dict``.
