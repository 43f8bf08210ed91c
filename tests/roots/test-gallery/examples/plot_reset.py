"""
The resetter ran
================

Every example starts on one thread, with deterministic algorithms; it seeds torch itself.
"""

import torch

assert torch.get_num_threads() == 1
assert torch.are_deterministic_algorithms_enabled()
