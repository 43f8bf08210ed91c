"""
Bidirectional: where each direction's final state is
=====================================================

A bidirectional LSTM reads every sequence forwards and backwards.
The forward direction ends at the last time step, the backward direction at the
first: ``output[:, -1, :]`` does not hold both final states.
"""

# %%
# Notation: :math:`N` sequences in a batch, :math:`L` time steps, :math:`H_{in}`
# input features, :math:`H` hidden units per direction.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 3, 5, 2, 4
bi = nn.LSTM(H_in, H, bidirectional=True, batch_first=True)
x = torch.randn(N, L, H_in)

with torch.no_grad():  # only looking at values: no gradients needed
    output, (h_n, c_n) = bi(x)

# %%
# The same configuration pictured: the build draws a smaller LSTM (3 hidden units
# per direction) and checks every marked pair with ``torch.equal`` before drawing it.
#
# .. lstm-diagram:: unrolled
#    :bidirectional:
#
#    The forward direction leaves its final state after the last time step, the backward direction after time step 0.
#
# .. lstm-diagram:: tensors
#    :bidirectional:
#
#    The values of that run, in each cell the forward half (the first :math:`H`
#    features) above the backward half (the last :math:`H`).

# %%
# ``output`` is :math:`(N, L, 2H)`: the forward direction's features
# ``[..., :H]``, then the backward direction's ``[..., H:]``.
# ``h_n`` and ``c_n`` are :math:`(2, N, H)`: forward, then backward.
print("output", tuple(output.shape), " h_n", tuple(h_n.shape), " c_n", tuple(c_n.shape))
assert output.shape == (N, L, 2 * H) and h_n.shape == c_n.shape == (2, N, H)

# %%
# The forward direction finishes at the last step:
# :claim:`h_n[-2] == output[:, -1, :H]`. The backward direction finishes at the
# first step: :claim:`h_n[-1] == output[:, 0, H:]`.
print("h_n[-2] equals output[:, -1, :H]:", torch.equal(h_n[-2], output[:, -1, :H]))
print("h_n[-1] equals output[:, 0, H:]: ", torch.equal(h_n[-1], output[:, 0, H:]))
assert torch.equal(h_n[-2], output[:, -1, :H])
assert torch.equal(h_n[-1], output[:, 0, H:])

# %%
# The classic classifier bug feeds ``output[:, -1, :]`` to the next layer. Its
# backward half, the last :math:`H` features, has seen one time step only: it
# equals, within :math:`10^{-6}`, the backward direction run on ``x[:, -1:]`` alone
# (its weights end in ``_reverse``).
backward = nn.LSTM(H_in, H, batch_first=True)
reverse = {k.removesuffix("_reverse"): v for k, v in bi.state_dict().items() if k.endswith("_reverse")}
backward.load_state_dict(reverse)
with torch.no_grad():
    one_step, _ = backward(x[:, -1:])
seen_one_step = torch.allclose(output[:, -1, H:], one_step[:, 0], atol=1e-6, rtol=0)
print("output[:, -1, H:] is one step of the backward direction:", seen_one_step)
assert seen_one_step

# %%
# Not only at the last step: at every time step the backward half of ``output``,
# its last :math:`H` features, is that one-directional LSTM run on the
# time-reversed sequence ``x.flip(1)``, read backwards, ``output[:, t, H:]`` being
# its step ``L - 1 - t`` (bit for bit: the same weights on the same numbers); its
# final state is ``h_n[-1]``.
with torch.no_grad():
    reversed_output, (reversed_h_n, _) = backward(x.flip(1))
every_step = torch.equal(output[:, :, H:], reversed_output.flip(1))
print("output[..., H:] is the _reverse LSTM on x.flip(1), flipped back:", every_step)
assert every_step and torch.equal(h_n[-1], reversed_h_n[0])

# %%
# ``output.view(N, L, 2, H)`` separates the two directions on its third axis:
# direction 0 is the forward one, direction 1 the backward one. Time first, without
# ``batch_first``, the same split is ``output.view(L, N, 2, H)``.
directions = output.view(N, L, 2, H)
assert torch.equal(directions[:, :, 0], output[..., :H]) and torch.equal(directions[:, :, 1], output[..., H:])
assert torch.equal(directions[:, -1, 0], h_n[0]) and torch.equal(directions[:, 0, 1], h_n[1])
time_first = nn.LSTM(H_in, H, bidirectional=True)  # the same weights, time first
time_first.load_state_dict(bi.state_dict())
with torch.no_grad():
    tf_output, (tf_h_n, _) = time_first(x.transpose(0, 1))  # (L, N, 2H)
tf_directions = tf_output.view(L, N, 2, H)
print("output.view(L, N, 2, H)", tuple(tf_directions.shape), "[:, :, 0] forward, [:, :, 1] backward")
assert torch.equal(tf_directions[-1, :, 0], tf_h_n[0]) and torch.equal(tf_directions[0, :, 1], tf_h_n[1])
assert not torch.equal(tf_directions[-1, :, 1], tf_h_n[1])

# %%
# A widespread encoder idiom, for time-first ``output``, is
# ``torch.cat((output[0], output[-1]), dim=-1)``, :math:`(N, 4H)`. Its four quarters:
# the forward state after the first step only; ``h_n[-1]``, the backward final state;
# ``h_n[-2]``, the forward final state; the backward state after the last step only
# (checked: the two one-step quarters against a one-step run, within :math:`10^{-6}`; the middle half against
# ``h_n``, bit for bit).
# The middle half is both final states, in the order ``h_n[-1]``, ``h_n[-2]``.
idiom = torch.cat((tf_output[0], tf_output[-1]), dim=-1)
quarters = idiom.split(H, dim=-1)
forward = nn.LSTM(H_in, H, batch_first=True)
forward.load_state_dict({k: v for k, v in bi.state_dict().items() if not k.endswith("_reverse")})
with torch.no_grad():
    forward_one_step, _ = forward(x[:, :1])
print("cat((output[0], output[-1]), dim=-1)", tuple(idiom.shape))
assert torch.allclose(quarters[0], forward_one_step[:, 0], atol=1e-6, rtol=0)
assert torch.equal(quarters[1], tf_h_n[-1]) and torch.equal(quarters[2], tf_h_n[-2])
assert torch.allclose(quarters[3], one_step[:, 0], atol=1e-6, rtol=0)
assert torch.equal(idiom[:, H : 3 * H], torch.cat([tf_h_n[-1], tf_h_n[-2]], dim=-1))

# %%
# The fix: concatenate the two final states, :math:`(N, 2H)`. Both tensors have
# that shape, and only their forward halves, the first :math:`H` features, agree.
final = torch.cat([h_n[-2], h_n[-1]], dim=-1)
last_step = output[:, -1, :]
print("final", tuple(final.shape), " output[:, -1, :]", tuple(last_step.shape))
print("output[:, -1, :] equals the final state:", torch.allclose(last_step, final, atol=1e-6, rtol=0))
assert final.shape == last_step.shape == (N, 2 * H)
assert torch.equal(last_step[:, :H], final[:, :H])
assert not torch.allclose(last_step[:, H:], final[:, H:], atol=1e-6, rtol=0)

classifier = nn.Linear(2 * H, 2)
print("classifier(final)", tuple(classifier(final).shape))

# %%
# With several layers ``h_n`` is :math:`(\mathrm{num\_layers} \cdot 2, N, H)`,
# layer-major, forward then backward: ``h_n.view(num_layers, 2, N, H)[k, d]`` is
# layer ``k``, direction ``d``. To check it, a ``k+1``-layer LSTM takes the first
# layers' weights (``strict=False`` leaves out the rest); its top layer is layer ``k``,
# whose final states its ``output`` shows, bit for bit.
num_layers = 3
deep = nn.LSTM(H_in, H, num_layers=num_layers, bidirectional=True, batch_first=True)
with torch.no_grad():
    _, (deep_h_n, _) = deep(x)
per_layer = deep_h_n.view(num_layers, 2, N, H)
print("h_n", tuple(deep_h_n.shape), " h_n.view(num_layers, 2, N, H)", tuple(per_layer.shape))

for k in range(num_layers):
    prefix = nn.LSTM(H_in, H, num_layers=k + 1, bidirectional=True, batch_first=True)
    prefix.load_state_dict(deep.state_dict(), strict=False)
    with torch.no_grad():
        prefix_output, _ = prefix(x)
    assert torch.equal(per_layer[k, 0], prefix_output[:, -1, :H])
    assert torch.equal(per_layer[k, 1], prefix_output[:, 0, H:])
print("per_layer[k, 0] and per_layer[k, 1] are layer k's forward and backward states")

# %%
# Both :math:`(N, 2H)` tensors side by side, a line between the forward and the
# backward halves: the left halves are equal, the right halves are not.
limit = final.abs().max().item()
fig, axes = plt.subplots(1, 2, figsize=(6, 2.2), layout="constrained", sharey=True)
for ax, name, values in zip(axes, ["output[:, -1, :]", "final"], [last_step, final]):
    ax.imshow(values.cpu(), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.axvline(H - 0.5, color="black", linewidth=3)
    ax.set(title=name, xlabel="$2H$", xticks=[], yticks=[])
axes[0].set_ylabel("$N$")
plt.show()

# %%
# The :ref:`explainer` shows the backward direction filling its half of ``output``
# from the last time step to the first, one step at a time.
#
# References: ``torch.nn.LSTM`` (``bidirectional``, ``num_layers``), ``torch.cat``,
# ``torch.Tensor.view``, ``torch.nn.Module.load_state_dict`` (``strict``),
# ``torch.nn.Linear``.
