"""
Carrying the state across chunks: truncated backpropagation through time
========================================================================

A long sequence can be fed in chunks, each call starting from the ``(h_n, c_n)``
the previous call returned: the numbers are those of one pass over the whole.
``detach()`` keeps the values but cuts the graph, so gradients stay inside a chunk.
"""

# %%
# :math:`N` sequences of :math:`L = 12` steps, fed in chunks of 4 steps,
# :math:`(N, 4, H_{in})` each.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

N, L, H_in, H, chunk_steps = 2, 12, 1, 8, 4
lstm = nn.LSTM(H_in, H, batch_first=True)
x = torch.randn(N, L, H_in)

with torch.no_grad():
    full_output, (full_h_n, full_c_n) = lstm(x)
    state, chunk_outputs = None, []  # None: start from zeros
    for chunk in x.split(chunk_steps, dim=1):
        chunk_output, state = lstm(chunk, state)
        chunk_outputs.append(chunk_output)

# %%
# Each chunk's ``output`` is :math:`(N, 4, H)`; joined, they are the full
# :math:`(N, L, H)` ``output`` (within :math:`10^{-6}`), and the last state is the
# full run's ``(h_n, c_n)``.
chunked_output = torch.cat(chunk_outputs, dim=1)
print("chunk output", tuple(chunk_outputs[0].shape), " joined", tuple(chunked_output.shape))
print("same as one pass:", torch.allclose(chunked_output, full_output, atol=1e-6, rtol=0))
assert torch.allclose(chunked_output, full_output, atol=1e-6, rtol=0)
assert torch.allclose(state[0], full_h_n, atol=1e-6, rtol=0)
assert torch.allclose(state[1], full_c_n, atol=1e-6, rtol=0)

# %%
# Both halves of the state are needed. Carrying ``h_n`` with a zero ``c_n``, or with
# the stale ``c_n`` of the chunk before, gives other numbers from that chunk on.
first, second, third = x.split(chunk_steps, dim=1)
with torch.no_grad():
    _, (h_1, c_1) = lstm(first)
    second_output, (h_2, c_2) = lstm(second, (h_1, c_1))
    zero_c_output, _ = lstm(second, (h_1, torch.zeros_like(c_1)))
    third_output, _ = lstm(third, (h_2, c_2))
    stale_c_output, _ = lstm(third, (h_2, c_1))
expected = full_output.split(chunk_steps, dim=1)
print("(h_n, c_n) carried:", torch.allclose(second_output, expected[1], atol=1e-6, rtol=0))
print("h_n with a zero c_n:", torch.allclose(zero_c_output, expected[1], atol=1e-6, rtol=0))
print("h_n with a stale c_n:", torch.allclose(stale_c_output, expected[2], atol=1e-6, rtol=0))
assert torch.allclose(second_output, expected[1], atol=1e-6, rtol=0)
assert torch.allclose(third_output, expected[2], atol=1e-6, rtol=0)
assert not torch.allclose(zero_c_output, expected[1], atol=1e-6, rtol=0)
assert not torch.allclose(stale_c_output, expected[2], atol=1e-6, rtol=0)

# %%
# In one picture, the first hidden feature of the first sequence: chunks that carry
# the state trace the one-pass curve; chunks that each start from zeros
# (``restarted``) agree with it in the first chunk only.
with torch.no_grad():
    restarted = torch.cat([lstm(chunk)[0] for chunk in x.split(chunk_steps, dim=1)], dim=1)
pairs = list(zip(restarted.split(chunk_steps, dim=1), full_output.split(chunk_steps, dim=1)))
assert torch.allclose(*pairs[0], atol=1e-6, rtol=0)
assert not any(torch.allclose(*pair, atol=1e-6, rtol=0) for pair in pairs[1:])
plt.figure(figsize=(6.8, 2.6), layout="constrained")
plt.plot(full_output[0, :, 0].cpu(), "k-", linewidth=3, label="full_output")
plt.plot(chunked_output[0, :, 0].cpu(), "o", label="chunked_output")
plt.plot(restarted[0, :, 0].cpu(), "x--", label="restarted")
for boundary in range(chunk_steps, L, chunk_steps):
    plt.axvline(boundary - 0.5, color="grey", linewidth=0.8)
plt.title("output[0, :, 0]")
plt.xlabel("$t$")
plt.legend(loc="upper left", bbox_to_anchor=(1, 1))
plt.show()


# %%
# With gradients, the state returned by a chunk remembers every earlier chunk:
# the second chunk's loss reaches the first chunk's input. Detached, it reaches only
# its own chunk, and the outputs are the same numbers.
def second_chunk(detach: bool) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Run two chunks, backpropagate the second chunk's loss; return both inputs' grads."""
    first, second = (c.clone().requires_grad_() for c in x.split(chunk_steps, dim=1)[:2])
    _, state = lstm(first)
    if detach:
        state = tuple(s.detach() for s in state)
    output, _ = lstm(second, state)
    output.sum().backward()
    return output, first.grad, second.grad


attached_output, attached_first_grad, _ = second_chunk(detach=False)
detached_output, detached_first_grad, detached_second_grad = second_chunk(detach=True)
print("first chunk's grad, attached:", tuple(attached_first_grad.shape))
print("first chunk's grad, detached:", detached_first_grad)
assert attached_first_grad.abs().sum() > 0
assert detached_first_grad is None and detached_second_grad.abs().sum() > 0
assert torch.equal(attached_output, detached_output)

# %%
# Truncated backpropagation through time: learn to predict the next value of a sine
# wave, one chunk at a time, the state carried forward and detached after each step.
wave = torch.sin(torch.linspace(0, 12, 121)).view(1, -1, 1)
inputs, targets = wave[:, :-1], wave[:, 1:]
head = nn.Linear(H, 1)
parameters = [*lstm.parameters(), *head.parameters()]

epoch_losses = []
for epoch in range(10):
    state, losses = None, []
    for x_chunk, y_chunk in zip(inputs.split(20, dim=1), targets.split(20, dim=1)):
        output, state = lstm(x_chunk, state)
        loss = nn.functional.mse_loss(head(output), y_chunk)
        loss.backward()
        with torch.no_grad():  # plain gradient descent
            for parameter in parameters:
                parameter -= 0.1 * parameter.grad
                parameter.grad = None
        state = tuple(s.detach() for s in state)  # keep the values, drop the graph
        losses.append(loss.item())
    epoch_losses.append(sum(losses) / len(losses))
print(f"mean loss, first epoch {epoch_losses[0]:.3f}, last epoch {epoch_losses[-1]:.3f}")
assert epoch_losses[-1] < epoch_losses[0] / 4

# %%
# References: ``torch.nn.LSTM`` (initial state ``(h_0, c_0)``), ``torch.Tensor.detach``,
# ``torch.Tensor.split``, ``torch.Tensor.backward``,
# ``torch.nn.functional.mse_loss``.
