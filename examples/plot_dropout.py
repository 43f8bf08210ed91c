"""
Dropout: between layers, in training only
=========================================

``dropout`` zeroes random features of each layer's output before the next layer
reads it, and only in training mode. The top layer's ``output`` is not dropped:
``h_n[-1]`` equals ``output[:, -1]`` in training too.
"""

# %%
# Two layers, :math:`N` sequences of :math:`L` steps, :math:`H` hidden units, and
# dropout probability 0.5 between the layers.
import warnings

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H = 3, 5, 2, 4
lstm = nn.LSTM(H_in, H, num_layers=2, dropout=0.5, batch_first=True)
x = torch.randn(N, L, H_in)


def run(module: nn.LSTM, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``output`` and ``h_n`` of one forward pass, the random generator seeded."""
    torch.manual_seed(seed)
    with torch.no_grad():
        output, (h_n, _) = module(x)
    return output, h_n


# %%
# In evaluation mode there is no dropout: two passes give the same numbers.
lstm.eval()
eval_output, eval_h_n = run(lstm, seed=0)
print("output", tuple(eval_output.shape), " h_n", tuple(eval_h_n.shape))
print("eval, two passes equal:", torch.equal(eval_output, run(lstm, seed=1)[0]))
assert torch.equal(eval_output, run(lstm, seed=1)[0])

# %%
# In training mode each pass draws a new mask: passes differ, unless the random
# generator is seeded the same.
lstm.train()
train_output, train_h_n = run(lstm, seed=0)
print("train, another seed equal:", torch.equal(train_output, run(lstm, seed=1)[0]))
print("train, same seed equal:   ", torch.equal(train_output, run(lstm, seed=0)[0]))
assert not torch.equal(train_output, run(lstm, seed=1)[0])
assert torch.equal(train_output, run(lstm, seed=0)[0])

# %%
# The dropout sits between the layers: the bottom layer's final state ``h_n[0]`` is
# the same in both modes, the top layer's ``h_n[-1]`` is not, and it is still the
# last step of ``output``.
print("h_n[0] same in train and eval: ", torch.equal(train_h_n[0], eval_h_n[0]))
print("h_n[-1] same in train and eval:", torch.equal(train_h_n[-1], eval_h_n[-1]))
print("train, h_n[-1] equals output[:, -1]:", torch.equal(train_h_n[-1], train_output[:, -1]))
assert torch.equal(train_h_n[0], eval_h_n[0])
assert not torch.allclose(train_h_n[-1], eval_h_n[-1], atol=1e-6, rtol=0)
assert torch.equal(train_h_n[-1], train_output[:, -1])

# %%
# With one layer there is no "between": PyTorch warns that the dropout does nothing.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    nn.LSTM(H_in, H, num_layers=1, dropout=0.5)
print(caught[0].category.__name__ + ":", caught[0].message)
assert len(caught) == 1 and caught[0].category is UserWarning
assert "num_layers" in str(caught[0].message)

# %%
# In one picture, the first feature of the first sequence's ``output`` at each time
# step: evaluation mode, then training mode with two seeds, each its own mask.
plt.figure(figsize=(6.4, 2.6), layout="constrained")
plt.plot(eval_output[0, :, 0].cpu(), "k-o", linewidth=3, label="eval()")
for seed in (0, 1):
    plt.plot(run(lstm, seed)[0][0, :, 0].cpu(), "--o", label=f"train(), manual_seed({seed})")
plt.title("output[0, :, 0]")
plt.xticks(range(L))
plt.xlabel("$t$")
plt.legend(loc="upper left", bbox_to_anchor=(1, 1))
plt.show()

# %%
# References: ``torch.nn.LSTM`` (``dropout``), ``torch.nn.Module.train``,
# ``torch.nn.Module.eval``, ``torch.manual_seed``.
