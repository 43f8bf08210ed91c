"""
JAX and Flax ``nnx``: the same ``nn.LSTM``, the cell state first in the carry
=============================================================================

Flax builds an LSTM from a cell and ``nnx.RNN``, which scans it over time. Given an
``nn.LSTM``'s weights, ``nnx.OptimizedLSTMCell`` cells, run forward and backward by
``nnx.Bidirectional`` and stacked by hand, return its ``output``, ``h_n`` and ``c_n``
within 1e-6; only the carry comes the other way round, ``(c, h)``.
"""

# %%
# One seeded LSTM of two layers, bidirectional, batch first: :math:`N = 5` sequences
# of :math:`L = 4` steps of :math:`H_{in} = 2` features, :math:`H = 3` hidden units.
# Every framework's example starts from this LSTM, its input and its initial states.
import inspect

import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np
import torch
from flax import nnx
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 5, 4, 2, 3
TOLERANCE = 1e-6  # float32; the two libraries order their sums differently
lstm = nn.LSTM(H_in, H, num_layers=2, bidirectional=True, batch_first=True)
input = torch.randn(N, L, H_in)
h_0, c_0 = torch.randn(2 * 2, N, H), torch.randn(2 * 2, N, H)
with torch.no_grad():
    output, (h_n, c_n) = lstm(input, (h_0, c_0))


def to_jax(tensor):
    return jnp.asarray(tensor.detach().cpu().numpy())


def largest_difference(ours, theirs):
    return (torch.from_numpy(np.array(ours)) - theirs.cpu()).abs().max().item()


# %%
# Converting the weights. ``nnx.OptimizedLSTMCell`` holds two dense layers:
# ``dense_i`` reads the input, kernel :math:`(H_{in}, 4H)` and no bias; ``dense_h``
# reads the hidden state, kernel :math:`(H, 4H)` and the one bias, :math:`(4H)`.
# Their columns are in PyTorch's gate order, input, forget, cell, output: the kernels
# are ``W_ih.T`` and ``W_hh.T``, and the bias is ``b_ih + b_hh``. The cell is made
# by ``nnx.eval_shape``, without drawing random weights it would throw away.
def flax_cell_from_torch(module, suffix):
    """An nnx.OptimizedLSTMCell holding one direction of one layer of an nn.LSTM."""
    w_ih, w_hh, b_ih, b_hh = (
        getattr(module, f"{name}_{suffix}").detach() for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    )
    in_features = w_ih.shape[1]
    cell = nnx.eval_shape(lambda: nnx.OptimizedLSTMCell(in_features, module.hidden_size, rngs=nnx.Rngs(0)))
    cell.dense_i.kernel = nnx.Param(to_jax(w_ih.T))
    cell.dense_h.kernel = nnx.Param(to_jax(w_hh.T))
    cell.dense_h.bias = nnx.Param(to_jax(b_ih + b_hh))
    return cell


cell = flax_cell_from_torch(lstm, "l0")
assert cell.dense_i.bias is None and cell.dense_h.bias.shape == (4 * H,)


# %%
# ``nnx.RNN`` scans a cell over the steps, batch first unless ``time_major=True``;
# ``return_carry=True`` returns the last carry before the sequence.
# ``nnx.Bidirectional`` runs a second ``nnx.RNN`` over the reversed steps and joins
# the two sequences, :math:`(N, L, 2H)`, forward first. A layer of PyTorch's LSTM is
# one ``nnx.Bidirectional``; two layers are two, the second reading the first's sequence:
def flax_layers_from_torch(module):
    """One nnx.Bidirectional per layer of a bidirectional nn.LSTM (batch first)."""
    return [
        nnx.Bidirectional(
            nnx.RNN(flax_cell_from_torch(module, f"l{layer}"), return_carry=True),
            nnx.RNN(flax_cell_from_torch(module, f"l{layer}_reverse"), return_carry=True),
            return_carry=True,
        )
        for layer in range(module.num_layers)
    ]


flax_layers = flax_layers_from_torch(lstm)
assert flax_layers[0].forward_rnn.time_major is False

# %%
# Flax's LSTM cells have no projection: no argument of theirs is PyTorch's
# ``proj_size`` or names one. A projected LSTM would need a cell of one's own.
for cell_type in (nnx.LSTMCell, nnx.OptimizedLSTMCell):
    arguments = list(inspect.signature(cell_type.__init__).parameters)[1:]  # after self
    about_projection = [argument for argument in arguments if "proj" in argument]
    print(f"{cell_type.__name__}: {len(arguments)} arguments, about a projection: {about_projection}")
    assert not about_projection

# %%
# A cell's carry is ``(c, h)``, cell state first: PyTorch's ``(h_0, c_0)`` goes in
# as ``initial_carry=(c, h)`` for each direction, and each returned carry unpacks as
# ``c, h``. Stacked layer by layer, forward before backward, they are ``h_n`` and ``c_n``.
sequence, flax_h_n, flax_c_n = to_jax(input), [], []
for layer, bidirectional in enumerate(flax_layers):
    forward, backward = 2 * layer, 2 * layer + 1  # this layer's rows of h_0, c_0, h_n and c_n
    carries, sequence = bidirectional(
        sequence,
        initial_carry=((to_jax(c_0[forward]), to_jax(h_0[forward])), (to_jax(c_0[backward]), to_jax(h_0[backward]))),
    )
    for c, h in carries:
        flax_h_n.append(h)
        flax_c_n.append(c)
flax = {"output": sequence, "h_n": jnp.stack(flax_h_n), "c_n": jnp.stack(flax_c_n)}
for (name, ours), theirs in zip(flax.items(), [output, h_n, c_n], strict=True):
    print(f"{name} {tuple(ours.shape)}: largest difference {largest_difference(ours, theirs):.1e}")
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert largest_difference(ours, theirs) <= TOLERANCE

# %%
# The largest difference of each tensor, on a log scale, against the tolerance (the line):
plt.figure(figsize=(3.2, 2.4), layout="constrained")
plt.bar(list(flax), [largest_difference(flax[name], theirs) for name, theirs in zip(flax, [output, h_n, c_n])])
plt.axhline(TOLERANCE, color="grey", linewidth=0.8)
plt.yscale("log")
plt.ylim(1e-9, 1e-5)
plt.title("abs(flax - torch).max()")
plt.show()

# %%
# References: ``flax.nnx.OptimizedLSTMCell`` (``dense_i``, ``dense_h``),
# ``flax.nnx.RNN`` (``time_major``, ``return_carry``, ``initial_carry``),
# ``flax.nnx.Bidirectional``, ``flax.nnx.eval_shape``.
