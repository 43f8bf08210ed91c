"""
A sequence classifier on ``h_n``
================================

A classifier needs one vector per sequence, and the LSTM's final hidden state is one.
Here a bidirectional LSTM's two final states, ``h_n[-2]`` and ``h_n[-1]``, are joined
and fed to ``nn.Linear``, which learns whether a sequence's numbers add up to more than zero.
"""

# %%
# The data: :math:`N` sequences of :math:`L = 10` numbers, input shape
# :math:`(N, L, 1)` (``batch_first``); the label, shape :math:`(N,)`, is 1 where
# the sequence sums to more than zero. A held-out set measures the accuracy.
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)  # the numbers on this page

L = 10


def make_data(n):
    sequences = torch.randn(n, L, 1)
    return sequences, (sequences.sum(dim=(1, 2)) > 0).long()


train_x, train_y = make_data(1000)
test_x, test_y = make_data(500)


# %%
# The model. With :math:`H` hidden units, ``h_n`` is :math:`(2, N, H)`: the forward
# direction's final state ``h_n[-2]`` (after the last step) and the backward one's
# ``h_n[-1]`` (after the first step). Joined they are :math:`(N, 2H)`, and the
# linear layer maps them to :math:`(N, 2)` class scores.
class Classifier(nn.Module):
    def __init__(self, hidden_size=16, classes=2):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden_size, batch_first=True, bidirectional=True)
        self.linear = nn.Linear(2 * hidden_size, classes)

    def forward(self, sequences):
        _, (h_n, _) = self.lstm(sequences)
        return self.linear(torch.cat([h_n[-2], h_n[-1]], dim=-1))


model = Classifier()
H = model.lstm.hidden_size
output, (h_n, c_n) = model.lstm(test_x)
final = torch.cat([h_n[-2], h_n[-1]], dim=-1)
print("h_n", tuple(h_n.shape), " joined", tuple(final.shape), " scores", tuple(model(test_x).shape))
assert h_n.shape == (2, 500, H) and final.shape == (500, 2 * H) and model(test_x).shape == (500, 2)

# %%
# The joined state is the forward half (the first :math:`H` features) of the last step
# of ``output`` and the backward half (the last :math:`H`) of its first step, exactly,
# not ``output[:, -1]``:
assert torch.equal(final, torch.cat([output[:, -1, :H], output[:, 0, H:]], dim=-1))
assert not torch.equal(final, output[:, -1])

# %%
# Training: three passes of Adam over minibatches of 50 sequences, a few seconds on a CPU.
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
loss_function = nn.CrossEntropyLoss()
losses = []
for epoch in range(3):
    for batch in torch.randperm(len(train_x)).split(50):
        optimizer.zero_grad()
        loss = loss_function(model(train_x[batch]), train_y[batch])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    print(f"epoch {epoch + 1}: loss on the last minibatch {loss.item():.3f}")

# %%
# Accuracy on the held-out sequences, which the model never trained on:
with torch.no_grad():
    accuracy = (model(test_x).argmax(dim=1) == test_y).float().mean().item()
print(f"held-out accuracy: {accuracy:.1%}")
assert accuracy > 0.9

# %%
# The loss on each minibatch, step by step through the three passes.
plt.figure(figsize=(5, 2.6), layout="constrained")
plt.plot(losses)
plt.title("loss")
plt.xlabel("optimizer.step()")
plt.show()

# %%
# References: ``torch.nn.LSTM`` (``bidirectional``; ``h_n``), ``torch.nn.Linear``,
# ``torch.cat``, ``torch.nn.CrossEntropyLoss``, ``torch.optim.Adam``.
