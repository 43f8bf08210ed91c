"""
Keras ``LSTM`` and PyTorch ``nn.LSTM``: the same numbers
=========================================================

Keras and PyTorch compute the same LSTM; only the layout of the weights and the names
of the results differ. Given weights converted from an ``nn.LSTM``,
``keras.layers.LSTM`` returns PyTorch's ``output``, ``h_n[-1]`` and ``c_n[-1]``,
equal to within 1e-6; two ``Bidirectional`` layers, one on the other, return the
``output``, ``h_n`` and ``c_n`` of a two-layer bidirectional ``nn.LSTM``.
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
# Back to PyTorch is as short: ``W_ih`` is the kernel transposed, ``W_hh`` the recurrent
# kernel transposed, and Keras's one bias goes into ``bias_ih`` with ``bias_hh`` zero.
def torch_state_from_keras(keras_layer, suffix="l0"):
    kernel, recurrent_kernel, bias = (torch.from_numpy(w) for w in keras_layer.get_weights())
    return {
        f"weight_ih_{suffix}": kernel.T,
        f"weight_hh_{suffix}": recurrent_kernel.T,
        f"bias_ih_{suffix}": bias,
        f"bias_hh_{suffix}": torch.zeros_like(bias),
    }


back = nn.LSTM(H_in, H, batch_first=True)
back.load_state_dict(torch_state_from_keras(keras_lstm))
with torch.no_grad():
    back_output, _ = back(input)
print(f"output: largest difference {(back_output - output).abs().max().item():.1e}")
assert torch.allclose(back_output, output, atol=TOLERANCE, rtol=0)


# %%
# ``keras.layers.Bidirectional`` runs a second LSTM over the reversed sequence; in
# PyTorch the backward weights carry the suffix ``_reverse``.
# With ``return_sequences=True, return_state=True`` it returns five tensors,
# ``[seq, h_fw, c_fw, h_bw, c_bw]``: the sequence of both directions joined,
# :math:`(N, L, 2H)`, then each direction's ``h`` before its ``c``. Keras has no
# ``num_layers``: a two-layer LSTM is two layers, the second reading the first's
# sequence. This function turns any bidirectional ``nn.LSTM`` into its Keras layers:
def keras_layers_from_torch(module):
    """One keras.layers.Bidirectional per layer of a bidirectional nn.LSTM, holding its weights."""
    layers = []
    for layer in range(module.num_layers):
        keras_layer = keras.layers.Bidirectional(
            keras.layers.LSTM(module.hidden_size, return_sequences=True, return_state=True)
        )
        keras_layer.build((None, None, module.input_size if layer == 0 else 2 * module.hidden_size))
        keras_layer.forward_layer.set_weights(keras_weights(module, f"l{layer}"))
        keras_layer.backward_layer.set_weights(keras_weights(module, f"l{layer}_reverse"))
        layers.append(keras_layer)
    return layers


# %%
# The LSTM of every framework's example: two layers, bidirectional, started from
# initial states ``h_0`` and ``c_0``, :math:`(4, N, H)` each, four rows for two
# layers of two directions. Keras takes a layer's initial states as
# ``initial_state=[h_fw, c_fw, h_bw, c_bw]``; ``h_n`` and ``c_n`` are the returned
# states stacked in PyTorch's order: layer by layer, forward before backward.
bilstm = nn.LSTM(H_in, H, num_layers=2, bidirectional=True, batch_first=True)
h_0, c_0 = torch.randn(2 * 2, N, H), torch.randn(2 * 2, N, H)
with torch.no_grad():
    bi_output, (bi_h_n, bi_c_n) = bilstm(input, (h_0, c_0))
sequence, keras_h_n, keras_c_n = input, [], []
for layer, keras_layer in enumerate(keras_layers_from_torch(bilstm)):
    rows = [2 * layer, 2 * layer + 1]  # this layer's forward and backward rows of h_0 and c_0
    initial_state = [h_0[rows[0]], c_0[rows[0]], h_0[rows[1]], c_0[rows[1]]]
    layer_input = sequence
    sequence, h_fw, c_fw, h_bw, c_bw = keras_layer(layer_input, initial_state=initial_state)
    keras_h_n += [h_fw, h_bw]
    keras_c_n += [c_fw, c_bw]
keras_bidirectional = {"output": sequence, "h_n": torch.stack(keras_h_n), "c_n": torch.stack(keras_c_n)}
for (name, ours), theirs in zip(keras_bidirectional.items(), [bi_output, bi_h_n, bi_c_n], strict=True):
    ours = ours.detach().cpu()
    print(f"{name} {tuple(ours.shape)}: largest difference {(ours - theirs.cpu()).abs().max().item():.1e}")
    assert ours.shape == theirs.shape
    assert torch.allclose(ours, theirs.cpu(), atol=TOLERANCE, rtol=0)

# %%
# With the defaults, ``keras.layers.Bidirectional(LSTM(H))`` returns only the final
# hidden states of both directions, joined: :math:`(N, 2H)`. For the top layer they
# are ``h_n[-2]`` (forward) and ``h_n[-1]`` (backward).
top = keras.layers.Bidirectional(keras.layers.LSTM(H))
top.build((None, None, 2 * H))
top.set_weights(keras_layer.get_weights())
joined = top(layer_input, initial_state=initial_state).detach().cpu()
assert joined.shape == (N, 2 * H)
assert torch.allclose(joined, torch.cat([bi_h_n[-2], bi_h_n[-1]], dim=-1).cpu(), atol=TOLERANCE, rtol=0)

# %%
# Keras has no projection: its LSTM refuses PyTorch's ``proj_size``.
refused = None
try:
    keras.layers.LSTM(H, proj_size=2)
except ValueError as error:
    refused = error
print(type(refused).__name__ + ":", refused)
assert refused is not None and "proj_size" in str(refused)

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
# ``return_state``, ``initial_state``), ``keras.layers.Bidirectional``.
