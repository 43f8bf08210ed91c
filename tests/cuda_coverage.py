"""What tests/test_cuda.py covers, as docs/reference/cuda.md lists it (tests/test_truth.py compares the two)."""

import ast
from pathlib import Path

CUDA_TESTS = Path(__file__).resolve().parent / "test_cuda.py"
# The page's words for each check -> the test in tests/test_cuda.py that makes it.
COVERED = {
    "`h_n[-1]` is `output[:, -1]` with two layers": "test_h_n_is_the_last_step_of_output_on_cuda",
    "and with a projection": "test_projection_on_cuda",
    "the halves of a bidirectional `output`": "test_bidirectional_halves_on_cuda",
    "the order of `h_n` for two bidirectional layers": "test_two_bidirectional_layers_order_h_n_on_cuda",
    "packed sequences, sorted and one-directional": "test_packed_sequences_end_at_their_own_length_on_cuda",
    "unsorted and bidirectional": "test_unsorted_bidirectional_packed_sequences_on_cuda",
    "carrying the state across chunks": "test_state_carries_across_chunks_on_cuda",
    "CPU-vs-CUDA agreement": "test_cuda_agrees_with_the_cpu",
}


def cuda_tests() -> set[str]:
    """The names of the test functions of tests/test_cuda.py, read from its source (not imported: it is a test module)."""
    tree = ast.parse(CUDA_TESTS.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
