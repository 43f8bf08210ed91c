"""
Keras ``LSTM`` and PyTorch ``nn.LSTM``: the same numbers
=========================================================

Keras and PyTorch compute the same LSTM; only the layout of the weights and the names
of the results differ. Given weights converted from an ``nn.LSTM``,
``keras.layers.LSTM`` returns PyTorch's ``output``, ``h_n[-1]`` and ``c_n[-1]``,
equal to within 1e-6.
"""

# %%
# Keras 3 chooses its backend when it is imported: set it to torch first.
# The PyTorch LSTM reads :math:`N = 5` sequences of :math:`L = 4` steps of
# :math:`H_{in} = 2` features, batch first as Keras expects: :math:`(N, L, H_{in})`.
import os

os.environ["KERAS_BACKEND"] = "torch"

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 5, 4, 2, 3
TOLERANCE = 1e-6  # float32; the two libraries order their sums differently
lstm = nn.LSTM(H_in, H, batch_first=True)
input = torch.randn(N, L, H_in)
with torch.no_grad():
    output, (h_n, c_n) = lstm(input)


# %%
# Converting the weights. PyTorch stores the input weights ``weight_ih_l0`` as
# :math:`(4H, H_{in})`, rows in gate order input, forget, cell, output; Keras stores
# a kernel :math:`(H_{in}, 4H)`, columns in the same order: the kernel is ``W_ih.T``.
# The recurrent kernel is ``W_hh.T``, :math:`(H, 4H)`, and Keras's one bias is the
# sum of PyTorch's two, ``b_ih + b_hh``.
def keras_weights(module, suffix="l0"):
    names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    w_ih, w_hh, b_ih, b_hh = (getattr(module, f"{name}_{suffix}").detach() for name in names)
    return [w_ih.T.numpy(), w_hh.T.numpy(), (b_ih + b_hh).numpy()]


def converted(layer, weights):
    """A Keras LSTM layer built for our input, holding PyTorch's weights."""
    layer.build((N, L, H_in))
    layer.set_weights(weights)
    return layer


# %%
# ``return_sequences=True`` gives every step, PyTorch's ``output`` :math:`(N, L, H)`;
# ``return_state=True`` adds the final hidden and cell states, :math:`(N, H)` each:
# the top layer's rows of ``h_n`` and ``c_n``.
keras_lstm = converted(keras.layers.LSTM(H, return_sequences=True, return_state=True), keras_weights(lstm))
# Keras returns torch tensors on its own device (a GPU if there is one): compare on the CPU.
keras_output, keras_h, keras_c = (t.detach().cpu() for t in keras_lstm(input))
print("output", tuple(keras_output.shape), " h", tuple(keras_h.shape), " c", tuple(keras_c.shape))
for name, ours, theirs in [("output", keras_output, output), ("h", keras_h, h_n[-1]), ("c", keras_c, c_n[-1])]:
    print(f"{name}: largest difference {(ours - theirs).abs().max().item():.1e}")
    assert torch.allclose(ours, theirs, atol=TOLERANCE, rtol=0)

# %%
# With the defaults, ``return_sequences=False``, Keras returns only the last step,
# which in PyTorch is ``h_n[-1]``, the same as ``output[:, -1]``:
keras_last = converted(keras.layers.LSTM(H), keras_weights(lstm))(input).detach().cpu()
assert keras_last.shape == (N, H)
assert torch.allclose(keras_last, h_n[-1], atol=TOLERANCE, rtol=0) and torch.equal(h_n[-1], output[:, -1])

# %%
# ``keras.layers.Bidirectional(LSTM(H))`` joins the final states of both directions,
# :math:`(N, 2H)`. In PyTorch they are ``h_n[-2]`` (forward) and ``h_n[-1]``
# (backward); the backward weights carry the suffix ``_reverse``.
bilstm = nn.LSTM(H_in, H, batch_first=True, bidirectional=True)
with torch.no_grad():
    _, (bi_h_n, _) = bilstm(input)
keras_bidirectional = keras.layers.Bidirectional(keras.layers.LSTM(H))
keras_bidirectional.build((N, L, H_in))
keras_bidirectional.forward_layer.set_weights(keras_weights(bilstm, "l0"))
keras_bidirectional.backward_layer.set_weights(keras_weights(bilstm, "l0_reverse"))
keras_joined = keras_bidirectional(input).detach().cpu()
assert keras_joined.shape == (N, 2 * H)
assert torch.allclose(keras_joined, torch.cat([bi_h_n[-2], bi_h_n[-1]], dim=-1), atol=TOLERANCE, rtol=0)

# %%
# In one picture, every element of Keras's ``output`` against PyTorch's: all of them
# on the diagonal.
plt.figure(figsize=(3.2, 3.2), layout="constrained")
plt.scatter(output.flatten().cpu(), keras_output.flatten(), s=16)
plt.axline((0, 0), slope=1, color="grey", linewidth=0.8)
plt.title("keras_output, output")
plt.xlabel("output")
plt.ylabel("keras_output")
plt.show()

# %%
# References: ``torch.nn.LSTM`` (``weight_ih_l0``, ``weight_hh_l0``, ``bias_ih_l0``,
# ``bias_hh_l0``, ``_reverse``), ``keras.layers.LSTM`` (``return_sequences``,
# ``return_state``), ``keras.layers.Bidirectional``.
