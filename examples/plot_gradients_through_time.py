"""
How far back the last output reaches: gradients through time
=============================================================

How much does the last time step's ``output`` depend on each earlier input? The norm of
the gradient of ``output[:, -1]`` with respect to each input step measures it. Here for an
``nn.RNN`` and an ``nn.LSTM`` of the same size, untrained, and for the same LSTM with its
forget gate held near 1.
"""

# %%
# One sequence of :math:`L = 60` steps of :math:`H_{in} = 4` features. ``reach`` returns,
# for every step :math:`t`, the norm of the gradient of ``output[:, -1].sum()``
# (:math:`y_{L-1}` in the plot) with respect to the input :math:`x_t`, shape :math:`(L,)`.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

L, H_in, H = 60, 4, 16
x = torch.randn(1, L, H_in)


def reach(model):
    """The norm of d output[:, -1].sum() / d x_t for every time step t: shape (L,)."""
    x_grad = x.clone().requires_grad_()
    output = model(x_grad)[0]
    output[:, -1].sum().backward()
    return x_grad.grad[0].norm(dim=1)


# %%
# Three models: an ``nn.RNN``, an ``nn.LSTM`` as PyTorch initialises it, and the same
# LSTM with 5 added to its forget gate's bias (rows :math:`H` to :math:`2H` of
# ``bias_ih_l0``).
rnn = nn.RNN(H_in, H, batch_first=True)
lstm = nn.LSTM(H_in, H, batch_first=True)
remembering = nn.LSTM(H_in, H, batch_first=True)
remembering.load_state_dict(lstm.state_dict())
with torch.no_grad():
    remembering.bias_ih_l0[H : 2 * H] += 5.0


# %%
# The forget gate :math:`f_t` of every step and hidden unit, recomputed from the weights
# and ``output`` (the hidden states they give are checked against ``output`` within
# :math:`10^{-6}`): as initialised it lies around 0.5, with the bias raised above 0.9.
def forget_gate(model):
    """f_t for every time step and hidden unit, (L, H), recomputed from the model's weights."""
    with torch.no_grad():
        output, _ = model(x)
        h_prev = torch.cat([torch.zeros(1, H), output[0, :-1]])  # h_{t-1}, starting from zeros: (L, H)
        z = x[0] @ model.weight_ih_l0.T + h_prev @ model.weight_hh_l0.T + model.bias_ih_l0 + model.bias_hh_l0
        i, f, g, o = z.chunk(4, dim=1)  # input, forget, cell, output
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c = torch.zeros(H)
        for t in range(L):
            c = f[t] * c + i[t] * g[t]
            assert torch.allclose(o[t] * torch.tanh(c), output[0, t], atol=1e-6, rtol=0)
    return f


f_initialised, f_raised = forget_gate(lstm), forget_gate(remembering)
print(f"forget gate as initialised: {f_initialised.min():.2f} to {f_initialised.max():.2f}")
print(f"forget gate, bias + 5:      {f_raised.min():.2f} to {f_raised.max():.2f}")
assert f_initialised.max() < 0.9 < f_raised.min()

# %%
# Each model's gradients divided by its own at the last step, where the output depends
# on the input directly. Through the RNN and through the LSTM as initialised, the first
# step's is less than :math:`10^{-6}` of the last step's; with the forget gate near 1 it
# is more than a tenth.
reaches = {"nn.RNN": reach(rnn), "nn.LSTM": reach(lstm), "nn.LSTM, f > 0.9": reach(remembering)}
relative = {name: (r / r[-1]).cpu() for name, r in reaches.items()}
for name, r in relative.items():
    print(f"{name:>20}: t = 0: {r[0]:.1e}, t = 30: {r[30]:.1e}")
assert relative["nn.RNN"][0] < 1e-6 and relative["nn.LSTM"][0] < 1e-6
assert relative["nn.LSTM, f > 0.9"][0] > 0.1

plt.figure(figsize=(6.8, 3), layout="constrained")
for name, r in relative.items():
    plt.semilogy(r, label=name)
plt.title(r"$\|\partial y_{L-1} / \partial x_t\|$")
plt.xlabel("$t$")
plt.ylabel(r"$\|\partial y_{L-1} / \partial x_t\| \,/\, \|\partial y_{L-1} / \partial x_{L-1}\|$")
plt.legend(loc="lower right")
plt.show()

# %%
# What this shows: in these untrained models, the gradient from the last output reaches
# the early inputs only when the forget gate is near 1, so that the cell state carries
# it back; an LSTM initialised with its forget gate around 0.5 loses it about as fast as
# the RNN. What it does not show: what a trained model's gates do, or whether either
# model could learn a task; training moves the gates.
#
# References: ``torch.nn.RNN``, ``torch.nn.LSTM`` (``bias_ih_l0``, rows ordered input,
# forget, cell, output gate), ``torch.Tensor.backward``.
