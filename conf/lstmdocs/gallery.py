"""sphinx-gallery hooks, named in conf.py as importable strings (picklable config).

``reset`` runs before every example: each one starts from the same seed, on the
device ``lstmdocs.device`` chooses, so the values a page shows come from a
reproducible run, on one thread (the tensors are tiny; on a busy machine OpenMP
threads spin and make the gallery many times slower), without the CPU backend's
note about projections, which is not what any example is about (and would print a
local path). ``svg_scraper`` saves figures as
SVG with text kept as text, so Chinese labels render with the reader's fonts.
"""

import warnings

import matplotlib
from sphinx_gallery.scrapers import matplotlib_scraper

from lstmdocs import device

SEED = 0


def reset(gallery_conf, fname) -> None:
    import torch  # here, not above: a rebuild that runs no example never needs it

    device.use()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # tiny tensors: more threads only add overhead (and spin on shared cores)
    torch.use_deterministic_algorithms(True, warn_only=True)
    warnings.filterwarnings("ignore", message="LSTM with projections is not supported with oneDNN")
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "lstmdocs"  # stable ids: reproducible SVG
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = [
        "DejaVu Sans",
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "PingFang SC",
        "sans-serif",
    ]


def svg_scraper(block, block_vars, gallery_conf, **kwargs):
    return matplotlib_scraper(block, block_vars, gallery_conf, format="svg", **kwargs)
