"""sphinx-gallery hooks, named in conf.py as importable strings (picklable config).

``reset`` runs before every example: on the device ``lstmdocs.running.device`` chooses, on
one thread (the tensors are tiny; on a busy machine OpenMP threads spin and make the
gallery many times slower), with deterministic algorithms, without the CPU backend's
note about projections or the other frameworks' notes about their insides
(``FRAMEWORK_NOTES``, which sphinx-gallery would print on the page), and with what is
alive before it left out of later garbage collections. It sets no seed: every example seeds torch itself after its imports, as
a reader running it alone needs (``tests/test_gallery.py`` runs each so).
``svg_scraper`` saves figures, and so the thumbnails made from them, as SVG with text
kept as text, so Chinese labels render with the reader's fonts, on a transparent
background (dark mode shows them light on dark, ``lstm-diagrams.css``), in the lesson
pictures' look (``LESSON_STYLE``: their colours, code and numbers in monospace, no box
around the plot). A figure wider than a phone's column is saved a second time laid out
for one (`narrow_layout`: its panels two abreast or stacked, a legend beside the plot
moved below it), and the page shows that one while the wide one does not fit, as it
does for the lesson pictures (``lstm-diagrams.css``); each sits in a container that
scrolls, should it still be wider than the screen, rather than shrinking the figure.
``ReadingOrder`` lists the examples in the order they are best read.
"""

import gc
import logging
import math
import textwrap
import warnings
from pathlib import Path

import matplotlib
from cycler import cycler
from sphinx_gallery.scrapers import _matplotlib_fig_titles, figure_rst, matplotlib_scraper

from lstmdocs.pictures.drawing import NARROWEST
from lstmdocs.pictures.svg import COLOURS
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
    "plot_classifier.py",
    "plot_keras.py",  # the same LSTM in other frameworks, conventions table: docs/reference/frameworks.md
    "plot_flax.py",
    "plot_onnx.py",
    "plot_paddle.py",
)


# What the other frameworks' examples make their libraries say, which sphinx-gallery would print
# on the page, with this machine's paths: notes about their own insides, nothing a reader acts on.
# A reader running the script alone still sees them.
FRAMEWORK_NOTES = (
    "The tensor attributes self._flat_weights",  # torch.onnx.export of an nn.LSTM
    r"`isinstance\(treespec, LeafSpec\)` is deprecated",  # torch.onnx.export
    "You are using the legacy TorchScript-based ONNX export",  # plot_onnx.py's dynamo=False, on purpose
    "Exporting a model to ONNX with a batch_size other than 1",  # the same legacy exporter
    "No ccache found",  # importing paddle
    "Skip loading for",  # paddle's set_state_dict; plot_paddle.py records and prints the ones that matter
)


def reset(gallery_conf, fname) -> None:
    import torch  # here, not above: a rebuild that runs no example never needs it

    device.use()
    torch.set_num_threads(1)  # tiny tensors: more threads only add overhead (and spin on shared cores)
    torch.use_deterministic_algorithms(True, warn_only=True)
    device.quiet_projection_note()
    for note in FRAMEWORK_NOTES:
        warnings.filterwarnings("ignore", note)
    # onnxscript's optimizer logs each constant it cannot fold in plot_onnx.py's projected export
    # ("Evaluation failed: ..."), ten lines the page's text already sums up
    logging.getLogger("onnxscript.optimizer").setLevel(logging.ERROR)
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "lstmdocs"  # stable ids: reproducible SVG
    matplotlib.rcParams["savefig.transparent"] = True  # no white box on a dark page
    matplotlib.rcParams["font.sans-serif"] = [
        "DejaVu Sans",
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "PingFang SC",
        "sans-serif",
    ]
    matplotlib.rcParams.update(LESSON_STYLE)
    # sphinx-gallery collects garbage in full before each example, to measure its memory. With
    # Sphinx's environment and torch alive, that pass took 0.6 s of a one-example rebuild.
    # gc.freeze: what is alive now (Sphinx, torch, an earlier example's leftovers) is never
    # scanned again; what this example makes still is. The cost is memory, a few tiny tensors.
    gc.freeze()


# The lesson pictures' look (lstmdocs.pictures.svg): their colours in their order of meaning (the
# final state's blue first), code and numbers in monospace as their labels are, no box around a plot.
LESSON_STYLE = {
    "axes.prop_cycle": cycler(color=[COLOURS[m] for m in ("final", "trap", "output", "backward", "only-in-h_n")]),
    "font.family": ["monospace"],
    "font.monospace": [
        "DejaVu Sans Mono",
        "Noto Sans Mono CJK SC",
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "PingFang SC",
        "monospace",
    ],  # fmt: skip
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": "large",
    "legend.frameon": False,
}

FIGURE_CONTAINER = "lstm-figure-scroll"  # styled in lstm-diagrams.css
CSS_PX = 96  # CSS px an inch: matplotlib's SVG is 72 pt an inch, and a pt is 4/3 px
NARROW_INCHES = 3.3  # 317 px: within a 360 px phone's column (NARROWEST)
FITS = range(360, 721, 40)  # as lstmdocs.pictures.diagrams: the classes lstm-diagrams.css switches at
SVG = {"format": "svg", "metadata": {"Date": None}}
# No date in the SVG: it would be the last commit's (SOURCE_DATE_EPOCH), so after any commit a
# re-run example's thumbnail would differ and the gallery index be re-read and rewritten too.


def _panels(fig) -> list:
    return [ax for ax in fig.axes if ax.get_subplotspec() is not None]


def narrow_layout(fig) -> None:
    """Lay ``fig`` out again within `NARROW_INCHES`: its panels two abreast when their titles
    fit, else one above the other, each with its own tick labels; a legend placed beside a
    plot, below the figure instead."""
    panels = _panels(fig)
    height = fig.get_figheight()
    title_inches = max((ax.title.get_window_extent().width / fig.dpi for ax in panels), default=0)
    columns = 2 if len(panels) > 1 and title_inches < NARROW_INCHES / 2 - 0.2 else 1
    rows = math.ceil(len(panels) / columns)
    if len(panels) > 1:
        grid = fig.add_gridspec(rows, columns)
        ylabel = next((ax.get_ylabel() for ax in panels if ax.get_ylabel()), "")
        for index, ax in enumerate(panels):
            ax.set_subplotspec(grid[divmod(index, columns)])
            ax.tick_params(labelleft=True, labelbottom=True)  # shared axes hid the inner panels' labels
            if index % columns == 0 and ylabel:
                ax.set_ylabel(ylabel)
        fig.set_layout_engine("compressed")
    extra = 0.0
    for ax in panels:
        legend = ax.get_legend()
        if legend is not None and legend.get_bbox_to_anchor().x0 >= ax.bbox.x1 - 1:  # beside the plot
            handles, labels = ax.get_legend_handles_labels()
            legend.remove()
            fig.legend(handles, labels, loc="outside lower center", ncols=1)
            extra += 0.25 * len(labels)
    fig.set_size_inches(NARROW_INCHES, rows * height + extra)


def svg_scraper(block, block_vars, gallery_conf, **kwargs):
    import matplotlib.pyplot as plt

    figures = [plt.figure(number) for number in plt.get_fignums()]
    titles = [_matplotlib_fig_titles(fig) for fig in figures]
    rst = matplotlib_scraper(block, block_vars, gallery_conf, **SVG, **kwargs)  # saves and closes them
    if not rst.strip():
        return rst
    paths = [Path(path).with_suffix(".svg") for path in block_vars["image_path_iterator"].paths[-len(figures) :]]
    shown = []
    for fig, title, path in zip(figures, titles, paths, strict=True):
        width = fig.get_figwidth() * CSS_PX
        if width <= NARROWEST:
            shown.append(_container(FIGURE_CONTAINER, figure_rst([path], gallery_conf["src_dir"], title)))
            continue
        narrow = path.with_name(f"{path.stem}_narrow.svg")
        narrow_layout(fig)
        fig.savefig(narrow, bbox_inches="tight", pad_inches=0.05, **SVG, **kwargs)
        fits = next(fits for fits in FITS if fits >= width)
        pair = _container(f"{FIGURE_CONTAINER} lstm-variants-wide", figure_rst([path], gallery_conf["src_dir"], title))
        pair += _container(f"{FIGURE_CONTAINER} lstm-variants-narrow",
                           figure_rst([narrow], gallery_conf["src_dir"], title))  # fmt: skip
        shown.append(_container(f"lstm-variants lstm-variants-fits-{fits}", pair))
    return "".join(shown)


def _container(classes: str, rst: str) -> str:
    return f"\n\n.. container:: {classes}\n\n{textwrap.indent(rst.strip(chr(10)), '   ')}\n\n"


class ReadingOrder:
    """sphinx-gallery's ``within_subsection_order``: `READING_ORDER`, then any other example."""

    def __init__(self, src_dir: str) -> None:
        self.src_dir = src_dir

    def __call__(self, path: str) -> tuple[int, str]:
        name = Path(path).name
        return (READING_ORDER.index(name) if name in READING_ORDER else len(READING_ORDER), name)

    def __repr__(self) -> str:  # sphinx-gallery compares configurations by repr
        return f"{type(self).__name__}({READING_ORDER})"
