"""Where the site's code runs: CUDA when the machine has it, else the CPU.

The one place that chooses. sphinx-gallery's resetter (``gallery.reset``) and the
notebook kernels (``outputs_device``) make the choice torch's default device, so
example scripts and lessons stay plain, CPU-correct and copyable.
``LSTMDOCS_DEVICE=cpu`` (or ``cuda``, ``cuda:1``) overrides the choice.

torch is imported only when needed: a CPU build of torch (``+cpu``) is recognised
from its metadata, so a rebuild that runs no code starts seconds faster.
"""

import os
import warnings
from importlib.metadata import version

OVERRIDE = "LSTMDOCS_DEVICE"
# The CPU backend's note that an LSTM with projections runs without oneDNN: about
# speed, not results (and it prints a local path), so every run of such an LSTM for
# the site silences it.
PROJECTION_NOTE = "LSTM with projections is not supported with oneDNN"


def quiet_projection_note() -> None:
    warnings.filterwarnings("ignore", PROJECTION_NOTE)


def torch_version() -> str:
    return version("torch")


def chosen() -> str:
    wanted = os.environ.get(OVERRIDE, "auto")
    if wanted != "auto":
        return wanted
    if torch_version().endswith("+cpu"):  # built without CUDA: no need to ask
        return "cpu"
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def use() -> str:
    """Make the chosen device torch's default; the CPU is left untouched (it is the default)."""
    import torch

    device = chosen()
    if device != "cpu":
        # cuBLAS is deterministic only with a fixed workspace, set before its first use.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.set_default_device(device)
    return device


def describe(device: str) -> str:
    """A reader-facing name: "CPU", or the GPU's name and CUDA version."""
    if device == "cpu":
        return "CPU"
    import torch

    return f"{torch.cuda.get_device_name(device)}, CUDA {torch.version.cuda}"
