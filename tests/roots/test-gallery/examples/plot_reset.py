"""
The resetter ran
================

Every example starts seeded, on one thread.
"""

import torch

assert torch.initial_seed() == 0
assert torch.get_num_threads() == 1
