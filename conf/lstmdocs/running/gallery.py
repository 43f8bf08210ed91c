"""sphinx-gallery hooks, named in conf.py as importable strings (picklable config).

``reset`` runs before every example: on the device ``lstmdocs.running.device`` chooses, on
one thread (the tensors are tiny; on a busy machine OpenMP threads spin and make the
gallery many times slower), with deterministic algorithms, without the CPU backend's
note about projections, and with what is alive before it left out of later garbage
collections. It sets no seed: every example seeds torch itself after its imports, as
a reader running it alone needs (``tests/test_gallery.py`` runs each so).
``svg_scraper`` saves figures, and so the thumbnails made from them, as SVG with text
kept as text, so Chinese labels render with the reader's fonts, on a transparent
background (dark mode shows them light on dark, ``lstm-diagrams.css``), each in a
container that scrolls on a narrow screen instead of shrinking the figure.
``ReadingOrder`` lists the examples in the order they are best read.
"""

import gc
import textwrap
from pathlib import Path

import matplotlib
from sphinx_gallery.scrapers import matplotlib_scraper

from lstmdocs.running import device

# The gallery's reading order: from the shapes to what is built on them.
READING_ORDER = (
    "plot_layouts.py",
    "plot_num_layers.py",
    "plot_bidirectional.py",
    "plot_packed_sequences.py",
    "plot_projection.py",
    "plot_dropout.py",
    "plot_carry_state.py",
    "plot_gradients_through_time.py",
    "plot_gru_rnn.py",
    "plot_keras.py",
    "plot_classifier.py",
)


def reset(gallery_conf, fname) -> None:
    import torch  # here, not above: a rebuild that runs no example never needs it

    device.use()
    torch.set_num_threads(1)  # tiny tensors: more threads only add overhead (and spin on shared cores)
    torch.use_deterministic_algorithms(True, warn_only=True)
    device.quiet_projection_note()
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "lstmdocs"  # stable ids: reproducible SVG
    matplotlib.rcParams["savefig.transparent"] = True  # no white box on a dark page
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = [
        "DejaVu Sans",
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "PingFang SC",
        "sans-serif",
    ]
    # sphinx-gallery collects garbage in full before each example, to measure its memory. With
    # Sphinx's environment and torch alive, that pass took 0.6 s of a one-example rebuild.
    # gc.freeze: what is alive now (Sphinx, torch, an earlier example's leftovers) is never
    # scanned again; what this example makes still is. The cost is memory, a few tiny tensors.
    gc.freeze()


FIGURE_CONTAINER = "lstm-figure-scroll"  # styled in lstm-diagrams.css


def svg_scraper(block, block_vars, gallery_conf, **kwargs):
    # No date in the SVG: it would be the last commit's (SOURCE_DATE_EPOCH), so after any commit a
    # re-run example's thumbnail would differ and the gallery index be re-read and rewritten too.
    rst = matplotlib_scraper(block, block_vars, gallery_conf, format="svg", metadata={"Date": None}, **kwargs)
    if not rst.strip():
        return rst
    figures = textwrap.indent(rst.strip("\n"), "   ")
    return f"\n\n.. container:: {FIGURE_CONTAINER}\n\n{figures}\n\n"


class ReadingOrder:
    """sphinx-gallery's ``within_subsection_order``: `READING_ORDER`, then any other example."""

    def __init__(self, src_dir: str) -> None:
        self.src_dir = src_dir

    def __call__(self, path: str) -> tuple[int, str]:
        name = Path(path).name
        return (READING_ORDER.index(name) if name in READING_ORDER else len(READING_ORDER), name)

    def __repr__(self) -> str:  # sphinx-gallery compares configurations by repr
        return f"{type(self).__name__}({READING_ORDER})"
