"""
GRU and plain RNN: one state, no ``c_n``
=========================================

``nn.GRU`` and ``nn.RNN`` take the same arguments as ``nn.LSTM``, with two
exceptions: ``proj_size`` belongs to ``nn.LSTM`` alone, and ``nonlinearity`` to
``nn.RNN`` alone. They return ``output`` the same way, but their state is a single
tensor ``h_n``: there is no cell state. ``h_n[-1]`` is ``output[:, -1]`` for them too.
"""

# %%
# The same batch, :math:`(N, L, H_{in})`, goes through all three, each with 2 layers
# of :math:`H` hidden units.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 3, 5, 2, 4
x = torch.randn(N, L, H_in)
modules = {cls.__name__: cls(H_in, H, num_layers=2, batch_first=True) for cls in (nn.LSTM, nn.GRU, nn.RNN)}

# %%
# ``nn.LSTM`` returns ``output, (h_n, c_n)``; ``nn.GRU`` and ``nn.RNN`` return
# ``output, h_n``. Every ``output`` is :math:`(N, L, H)`, every ``h_n``
# :math:`(\mathrm{num\_layers}, N, H)`.
with torch.no_grad():
    results = {name: module(x) for name, module in modules.items()}
for name, (output, state) in results.items():
    states = state if isinstance(state, tuple) else (state,)
    print(f"{name:4} output", tuple(output.shape), " state", [tuple(s.shape) for s in states])
    assert output.shape == (N, L, H) and all(s.shape == (2, N, H) for s in states)
assert isinstance(results["LSTM"][1], tuple) and len(results["LSTM"][1]) == 2
assert isinstance(results["GRU"][1], torch.Tensor) and isinstance(results["RNN"][1], torch.Tensor)

# %%
# For all three, the top layer's final state is the last step of ``output``.
for name, (output, state) in results.items():
    h_n = state[0] if isinstance(state, tuple) else state
    print(f"{name:4} h_n[-1] equals output[:, -1]:", torch.equal(h_n[-1], output[:, -1]))
    assert torch.equal(h_n[-1], output[:, -1])

# %%
# The initial state goes in the same way: a tuple for the LSTM, one tensor for the
# others, :math:`(\mathrm{num\_layers}, N, H)` each.
h_0 = torch.zeros(2, N, H)
with torch.no_grad():
    assert torch.equal(modules["GRU"](x, h_0)[0], results["GRU"][0])
    assert torch.equal(modules["RNN"](x, h_0)[0], results["RNN"][0])
    assert torch.equal(modules["LSTM"](x, (h_0, h_0))[0], results["LSTM"][0])

# %%
# The gates show in the weights' first dimension: 4 blocks of :math:`H` rows for the
# LSTM (input, forget, cell, output), 3 for the GRU (reset, update, new), 1 for the RNN.
for name, module in modules.items():
    print(f"{name:4} weight_ih_l0", tuple(module.weight_ih_l0.shape))
blocks = {"LSTM": 4, "GRU": 3, "RNN": 1}
assert all(modules[name].weight_ih_l0.shape == (k * H, H_in) for name, k in blocks.items())

# %%
# The same count as bars: the rows of ``weight_ih_l0``, in blocks of :math:`H`.
plt.figure(figsize=(4, 2.4), layout="constrained")
plt.bar(list(modules), [module.weight_ih_l0.shape[0] // H for module in modules.values()], color="C0")
plt.title("weight_ih_l0.shape[0] // H")
plt.show()

# %%
# The two exceptions: ``nn.GRU`` and ``nn.RNN`` refuse ``proj_size``, and only
# ``nn.RNN`` accepts ``nonlinearity`` (``"tanh"`` or ``"relu"``).
refused = {}
for name, make in {
    "GRU(proj_size=2)": lambda: nn.GRU(H_in, H, proj_size=2),
    "RNN(proj_size=2)": lambda: nn.RNN(H_in, H, proj_size=2),
    "LSTM(nonlinearity='relu')": lambda: nn.LSTM(H_in, H, nonlinearity="relu"),
    "GRU(nonlinearity='relu')": lambda: nn.GRU(H_in, H, nonlinearity="relu"),
}.items():
    try:
        make()
    except (ValueError, TypeError) as error:
        refused[name] = type(error).__name__
        print(f"{name:26} refused: {type(error).__name__}")
assert list(refused) == [
    "GRU(proj_size=2)",
    "RNN(proj_size=2)",
    "LSTM(nonlinearity='relu')",
    "GRU(nonlinearity='relu')",
]
assert nn.RNN(H_in, H, nonlinearity="relu").nonlinearity == "relu" and nn.LSTM(H_in, H, proj_size=2).proj_size == 2

# %%
# References: ``torch.nn.GRU``, ``torch.nn.RNN``, ``torch.nn.LSTM``.
