"""
Batch first, sequence first, unbatched: the shapes
==================================================

``nn.LSTM`` accepts the same sequences in three layouts.
``batch_first`` moves the batch axis of the input and of ``output``, never of
``h_n`` and ``c_n``; a 2-D input is a single unbatched sequence.
"""

# %%
# Notation: :math:`N` sequences in a batch, :math:`L` time steps, :math:`H_{in}`
# input features, :math:`H` hidden units.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 5, 4, 2, 3
seq_first = nn.LSTM(H_in, H)
batch_first = nn.LSTM(H_in, H, batch_first=True)
batch_first.load_state_dict(seq_first.state_dict())  # same weights in both

x = torch.randn(L, N, H_in)  # sequence first: (L, N, H_in)

# %%
# Sequence first (the default): input and ``output`` are :math:`(L, N, \cdot)`.
out_sf, (h_sf, c_sf) = seq_first(x)
print("output", tuple(out_sf.shape), " h_n", tuple(h_sf.shape), " c_n", tuple(c_sf.shape))
assert out_sf.shape == (L, N, H) and h_sf.shape == c_sf.shape == (1, N, H)

# %%
# Batch first: input and ``output`` are :math:`(N, L, \cdot)`; ``h_n`` and ``c_n``
# keep their :math:`(1, N, H)` layout.
out_bf, (h_bf, c_bf) = batch_first(x.transpose(0, 1))
print("output", tuple(out_bf.shape), " h_n", tuple(h_bf.shape), " c_n", tuple(c_bf.shape))
assert out_bf.shape == (N, L, H) and h_bf.shape == c_bf.shape == (1, N, H)

# %%
# The numbers are the same, bit for bit; only the layout of ``output`` differs.
same = torch.equal(out_bf.transpose(0, 1), out_sf)
print("same output, transposed:", same)
assert same and torch.equal(h_bf, h_sf) and torch.equal(c_bf, c_sf)

# %%
# Unbatched: a 2-D input :math:`(L, H_{in})` is one sequence. ``output`` is
# :math:`(L, H)` and the states lose their batch axis, :math:`(1, H)`, whatever
# ``batch_first`` says. Its numbers are those of sequence 0 in the batch, within
# :math:`10^{-6}`.
out_u, (h_u, c_u) = batch_first(x[:, 0])
print("output", tuple(out_u.shape), " h_n", tuple(h_u.shape), " c_n", tuple(c_u.shape))
assert out_u.shape == (L, H) and h_u.shape == c_u.shape == (1, H)
assert torch.allclose(out_u, out_sf[:, 0], atol=1e-6, rtol=0)
assert torch.equal(h_u[-1], out_u[-1])

# %%
# In one picture, the first sequence's ``output`` in each layout, :math:`L` time steps
# down, :math:`H` features across: the same numbers, at ``out_sf[:, 0]``,
# ``out_bf[0]`` and ``out_u``.
views = {"out_sf[:, 0]": out_sf[:, 0], "out_bf[0]": out_bf[0], "out_u": out_u}
limit = out_u.abs().max().item()
fig, axes = plt.subplots(1, 3, figsize=(6, 2.4), layout="constrained")
for ax, (name, values) in zip(axes, views.items()):
    ax.imshow(values.detach().cpu(), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set(title=name, xlabel="$H$", ylabel="$L$", xticks=[], yticks=[])
plt.show()

# %%
# References: ``torch.nn.LSTM`` (``batch_first``; unbatched input).
