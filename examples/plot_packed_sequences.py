"""
Sequences of different lengths: packing
=======================================

Padding makes sequences of different lengths fit in one tensor, but the LSTM reads
the padding as if it were data. Packed, each sequence stops at its own length:
``h_n`` is the state after its last real time step, as if it ran alone.
"""

# %%
# Three sequences of 5, 2 and 4 time steps, padded with zeros to :math:`L = 5`:
# the input is :math:`(N, L, H_{in})`, the lengths are kept apart.
import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 3, 5, 2, 4
lengths = torch.tensor([5, 2, 4])
x = torch.randn(N, L, H_in)
x[torch.arange(L) >= lengths[:, None]] = 0.0  # the padding
lstm = nn.LSTM(H_in, H, batch_first=True)
print("x", tuple(x.shape), " lengths", lengths.tolist())

# %%
# The same lengths pictured: the build draws a smaller LSTM (3 hidden units) and
# checks every marked pair with ``torch.equal`` before drawing it.
#
# .. lstm-diagram:: packed
#    :lengths: 5 2 4
#
#    Three sequences of lengths 5, 2 and 4: each final state leaves at its sequence's last real time step.
#
# .. lstm-diagram:: tensors
#    :lengths: 5 2 4
#
#    The values of that run: each sequence's final state sits in a different column, and the padding is zeros.
#
# .. lstm-diagram:: packed-sequence
#    :lengths: 5 2 4
#
#    What the packed output of that run holds: each sequence's final state is the row of its last real time step.

# %%
# ``pack_padded_sequence`` drops the padding: its ``data`` holds the
# :math:`5 + 2 + 4 = 11` real time steps. ``enforce_sorted=False`` accepts lengths in
# any order. The LSTM returns a ``PackedSequence``; ``pad_packed_sequence`` turns it
# back into :math:`(N, L, H)`, zeros after each length.
packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
with torch.no_grad():
    packed_output, (h_n, c_n) = lstm(packed)
output, output_lengths = pad_packed_sequence(packed_output, batch_first=True)
print(type(packed_output).__name__, "data", tuple(packed_output.data.shape))
print("output", tuple(output.shape), " h_n", tuple(h_n.shape), " c_n", tuple(c_n.shape))
assert packed.data.shape == (int(lengths.sum()), H_in)
assert output.shape == (N, L, H) and h_n.shape == c_n.shape == (1, N, H)
assert torch.equal(output_lengths, lengths)

# %%
# ``h_n[-1][i]`` is ``output[i, lengths[i] - 1]``, the last real step, in the
# batch's own order. ``output[:, -1]`` is zeros for the short sequences.
for i, length in enumerate(lengths):
    assert torch.equal(h_n[-1][i], output[i, length - 1])
    assert (output[i, length:] == 0).all()
print("output[:, -1] is zero:", (output[:, -1] == 0).all(dim=-1).tolist())
assert not torch.equal(h_n[-1], output[:, -1])


# %%
# Each sequence run alone, without padding, gives the same ``output`` and ``h_n``
# (within :math:`10^{-6}`).
def matches_alone(module: nn.LSTM, output: torch.Tensor, h_n: torch.Tensor) -> bool:
    """Does every sequence's output and final state match running it alone?"""
    with torch.no_grad():
        runs = [module(x[i, :length]) for i, length in enumerate(lengths)]
    return all(
        torch.allclose(output[i, :length], alone, atol=1e-6, rtol=0)
        and torch.allclose(h_n[:, i], alone_h_n, atol=1e-6, rtol=0)
        for (i, length), (alone, (alone_h_n, _)) in zip(enumerate(lengths), runs)
    )


print("packed matches each sequence alone:", matches_alone(lstm, output, h_n))
assert matches_alone(lstm, output, h_n)

# %%
# Without packing the LSTM runs on through the padding: the final states of the
# short sequences differ; only the full-length one is unchanged.
with torch.no_grad():
    padded_output, (padded_h_n, _) = lstm(x)
changed = ~torch.isclose(padded_h_n[-1], h_n[-1], atol=1e-6, rtol=0).all(dim=-1)
print("h_n changed by the padding:", changed.tolist())
assert changed.tolist() == [False, True, True]
assert not matches_alone(lstm, padded_output, padded_h_n)

# %%
# Bidirectional, the padding also spoils the backward direction: it starts at the
# padded end, so even ``output[:, 0, H:]``, where the backward direction finishes,
# differs from the sequence run alone. Packed, both directions match (within
# :math:`10^{-6}`).
bi = nn.LSTM(H_in, H, bidirectional=True, batch_first=True)
with torch.no_grad():
    bi_padded_output, (bi_padded_h_n, _) = bi(x)
    bi_packed_output, (bi_h_n, _) = bi(packed)
bi_output, _ = pad_packed_sequence(bi_packed_output, batch_first=True)
with torch.no_grad():
    short_alone, _ = bi(x[1, : lengths[1]])
print("bi output", tuple(bi_output.shape), " h_n", tuple(bi_h_n.shape))
padded_matches = torch.allclose(bi_padded_output[1, 0, H:], short_alone[0, H:], atol=1e-6, rtol=0)
print("padded, backward half at step 0 matches the sequence alone:", padded_matches)
assert not padded_matches
assert torch.allclose(bi_output[1, 0, H:], short_alone[0, H:], atol=1e-6, rtol=0)
assert matches_alone(bi, bi_output, bi_h_n)
assert not matches_alone(bi, bi_padded_output, bi_padded_h_n)

# %%
# In one picture, the size of every step's output, ``.norm(dim=-1)``, packed and padded
# (one row per sequence). Packed, the padding steps stay zero (white) and ``h_n`` is
# taken at the squares, each sequence's last real step; padded, the LSTM runs on
# through the zeros.
fig, axes = plt.subplots(1, 2, figsize=(6.4, 2.2), layout="constrained", sharey=True)
for ax, name, values in zip(axes, ["output", "padded_output"], [output, padded_output]):
    ax.imshow(values.norm(dim=-1).cpu(), cmap="Greys", vmin=0)
    ax.set(title=name, xlabel="$L$", xticks=range(L), yticks=range(N))
last_steps = (lengths - 1).cpu()
axes[0].scatter(last_steps, range(N), marker="s", s=200, facecolors="none", edgecolors="C0", linewidths=2)
axes[0].set_ylabel("$N$")
plt.show()

# %%
# The :ref:`explainer` steps through a packed batch and shows each sequence's ``h_n``
# taken at its own last step.
#
# References: ``torch.nn.utils.rnn.pack_padded_sequence`` (``enforce_sorted``),
# ``torch.nn.utils.rnn.pad_packed_sequence``, ``torch.nn.utils.rnn.PackedSequence``,
# ``torch.nn.LSTM``.
