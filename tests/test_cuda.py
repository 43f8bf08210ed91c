"""The lessons' relationships hold on CUDA (cuDNN) too, and CUDA agrees with the CPU.

Skipped, with the reason shown, on machines without a CUDA device; `nox -s gpu` runs
them on one. TF32 is off throughout: with it, cuDNN and cuBLAS round float32 inputs
to 10-bit mantissas and CPU-vs-CUDA differences grow to about 1e-3.
"""

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

pytestmark = pytest.mark.skipif(
    not torch.cuda.is_available(),
    reason="no CUDA device: the cuDNN checks run only on a GPU machine (nox -s gpu)",
)

# float32, TF32 off: different kernels (cuDNN vs CPU) agree to within these.
FLOAT32_TOLERANCE = {"atol": 1e-5, "rtol": 1e-5}
FLOAT64_TOLERANCE = {"atol": 1e-12, "rtol": 1e-12}
# What these tests cover is listed on docs/reference/cuda.md and in tests/cuda_coverage.py (tests/test_truth.py compares them).
N, L, H_IN, H = 5, 4, 2, 3


@pytest.fixture(autouse=True)
def no_tf32():
    saved = torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.manual_seed(0)
    yield
    torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32 = saved


def run(lstm: nn.LSTM, *inputs):
    with torch.no_grad():
        return lstm(*inputs)


def test_cudnn_runs_the_lstm():
    assert torch.backends.cudnn.is_available() and torch.backends.cudnn.enabled


def test_h_n_is_the_last_step_of_output_on_cuda():
    lstm = nn.LSTM(H_IN, H, num_layers=2, batch_first=True).cuda()
    output, (h_n, c_n) = run(lstm, torch.randn(N, L, H_IN, device="cuda"))
    assert output.shape == (N, L, H) and h_n.shape == c_n.shape == (2, N, H)
    assert torch.equal(h_n[-1], output[:, -1])


def test_bidirectional_halves_on_cuda():
    lstm = nn.LSTM(H_IN, H, bidirectional=True, batch_first=True).cuda()
    output, (h_n, _) = run(lstm, torch.randn(N, L, H_IN, device="cuda"))
    assert output.shape == (N, L, 2 * H)
    assert torch.equal(h_n[0], output[:, -1, :H])  # forward direction ends at the last step
    assert torch.equal(h_n[1], output[:, 0, H:])  # backward direction ends at the first


def test_packed_sequences_end_at_their_own_length_on_cuda():
    lengths = torch.tensor([4, 3, 3, 2, 1])
    lstm = nn.LSTM(H_IN, H, batch_first=True).cuda()
    packed = pack_padded_sequence(torch.randn(N, L, H_IN, device="cuda"), lengths, batch_first=True)
    packed_output, (h_n, _) = run(lstm, packed)
    output, found_lengths = pad_packed_sequence(packed_output, batch_first=True)
    assert torch.equal(found_lengths, lengths)
    last = output[torch.arange(N), lengths - 1]
    assert torch.equal(h_n[-1], last)
    assert not output[torch.arange(L) >= lengths.cuda()[:, None]].any()  # padding stays zero


def test_two_bidirectional_layers_order_h_n_on_cuda():
    lstm = nn.LSTM(H_IN, H, num_layers=2, bidirectional=True, batch_first=True).cuda()
    x = torch.randn(N, L, H_IN, device="cuda")
    output, (h_n, c_n) = run(lstm, x)
    assert output.shape == (N, L, 2 * H) and h_n.shape == c_n.shape == (4, N, H)
    assert torch.equal(h_n[-2], output[:, -1, :H]) and torch.equal(h_n[-1], output[:, 0, H:])
    assert not torch.equal(h_n[-1], output[:, -1, H:])
    # bottom layer first: h_n[0:2] is what the first layer alone returns
    bottom = nn.LSTM(H_IN, H, bidirectional=True, batch_first=True).cuda()
    bottom.load_state_dict({name: p for name, p in lstm.state_dict().items() if "_l0" in name})
    bottom_output, (bottom_h_n, _) = run(bottom, x)
    assert torch.allclose(bottom_h_n, h_n[:2], **FLOAT32_TOLERANCE)


def test_projection_on_cuda():
    lstm = nn.LSTM(H_IN, H, proj_size=2, batch_first=True).cuda()
    output, (h_n, c_n) = run(lstm, torch.randn(N, L, H_IN, device="cuda"))
    assert output.shape == (N, L, 2) and h_n.shape == (1, N, 2) and c_n.shape == (1, N, H)
    assert torch.equal(h_n[-1], output[:, -1])


def test_unsorted_bidirectional_packed_sequences_on_cuda():
    lengths = torch.tensor([2, 4, 1, 3, 3])  # not sorted: enforce_sorted=False
    lstm = nn.LSTM(H_IN, H, bidirectional=True, batch_first=True).cuda()
    x = torch.randn(N, L, H_IN, device="cuda")
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    packed_output, (h_n, _) = run(lstm, packed)
    output, found_lengths = pad_packed_sequence(packed_output, batch_first=True)
    assert torch.equal(found_lengths, lengths)
    assert torch.equal(h_n[0], output[torch.arange(N), lengths - 1, :H])  # forward: each one's own last step
    assert torch.equal(h_n[1], output[:, 0, H:])  # backward: the first step
    for i, length in enumerate(lengths.tolist()):  # in the batch's own order, each as if alone
        _, (alone_h_n, _) = run(lstm, x[i : i + 1, :length])
        assert torch.allclose(alone_h_n[:, 0], h_n[:, i], **FLOAT32_TOLERANCE)


def test_state_carries_across_chunks_on_cuda():
    lstm = nn.LSTM(H_IN, H, batch_first=True).cuda()
    x = torch.randn(N, L, H_IN, device="cuda")
    output, (h_n, c_n) = run(lstm, x)
    first, state = run(lstm, x[:, :2])
    second, (next_h_n, next_c_n) = run(lstm, x[:, 2:], state)
    assert torch.allclose(torch.cat([first, second], dim=1), output, **FLOAT32_TOLERANCE)
    assert torch.allclose(next_h_n, h_n, **FLOAT32_TOLERANCE)
    assert torch.allclose(next_c_n, c_n, **FLOAT32_TOLERANCE)


@pytest.mark.parametrize(
    ("dtype", "tolerance"), [(torch.float32, FLOAT32_TOLERANCE), (torch.float64, FLOAT64_TOLERANCE)]
)
@pytest.mark.parametrize("bidirectional", [False, True])
def test_cuda_agrees_with_the_cpu(dtype, tolerance, bidirectional):
    cpu = nn.LSTM(H_IN, H, num_layers=2, bidirectional=bidirectional, batch_first=True).to(dtype)
    states = 2 * (2 if bidirectional else 1)  # layers x directions
    x = torch.randn(N, L, H_IN, dtype=dtype)
    h0, c0 = torch.randn(2, states, N, H, dtype=dtype)
    cuda = nn.LSTM(H_IN, H, num_layers=2, bidirectional=bidirectional, batch_first=True).to("cuda", dtype)
    cuda.load_state_dict(cpu.state_dict())
    expected = run(cpu, x, (h0, c0))
    found = run(cuda, x.cuda(), (h0.cuda(), c0.cuda()))
    for want, got in zip([expected[0], *expected[1]], [found[0], *found[1]]):
        assert got.device.type == "cuda"
        assert torch.allclose(got.cpu(), want, **tolerance), (got.cpu() - want).abs().max()
