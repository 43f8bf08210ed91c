"""sphinx-gallery hooks, named in conf.py as importable strings (picklable config).

``reset`` runs before every example: each one starts from the same seed, on the
device ``lstmdocs.device`` chooses, so the values a page shows come from a
reproducible run. ``svg_scraper`` saves figures as
SVG with text kept as text, so Chinese labels render with the reader's fonts.
"""

import matplotlib
from sphinx_gallery.scrapers import matplotlib_scraper

from lstmdocs import device

SEED = 0


def reset(gallery_conf, fname) -> None:
    import torch  # here, not above: a rebuild that runs no example never needs it

    device.use()
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True, warn_only=True)
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
