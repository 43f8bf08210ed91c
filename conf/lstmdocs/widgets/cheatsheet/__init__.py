"""The ``lstm-cheatsheet`` directive: shapes and slice identities, checked by torch.

For each configuration of ``nn.LSTM`` (``batch_first``, ``num_layers``,
``bidirectional``, ``proj_size``) and one kind of input (``:input: batched``,
``unbatched`` or ``packed``) the directive runs a small LSTM while the page is
read and writes one table row: the shapes of ``output``, ``h_n`` and ``c_n``, and
the slices of ``h_n`` that equal slices of ``output``, as code a reader copies.
Each shape and each identity is checked on the tensors just computed; one that
does not hold stops the build with :class:`CheatsheetError`, naming it.

The table is made during the read phase, before Sphinx translates the document:
its column headings and prose cells are extracted by gettext and translated like
the page's own text. Code cells are marked untranslatable. A config value in the
"env" category holds the torch version, so another torch release remakes the tables.

``lstm-cheatsheet-filter`` places a filter by arguments (``cheatsheet-filter.js``):
each row's first cell carries its configuration as classes, and the filter's
words are translatable paragraphs that the script reads. Without the script the
filter stays hidden and every row shows.
"""

import itertools
import warnings
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from lstmdocs import add_static
from lstmdocs.running.device import quiet_projection_note, torch_version
from lstmdocs.widgets.words import WidgetWords

STATIC = Path(__file__).resolve().parent / "static"
INPUTS = ("batched", "unbatched", "packed")
# Sizes the checks run with: all different, and none a first axis of h_n (num_layers * D: 1, 2 or 4) nor
# twice another (2H, 2P), so a wrong axis in a shape shows up (tests/test_cheatsheet.py holds this).
SIZES = {"N": 3, "L": 5, "H_in": 9, "H": 7, "P": 6}
LENGTHS = [3, 5, 2]  # packed input: unsorted, the longest is L
SEED = 0


class CheatsheetError(SphinxError):
    category = "lstm-cheatsheet"


@dataclass(frozen=True)
class Config:
    batch_first: bool
    num_layers: int
    bidirectional: bool
    projected: bool  # proj_size=P instead of 0
    input: str

    def arguments(self) -> list[str]:
        """The non-default keyword arguments of ``nn.LSTM``, as code."""
        defaults = {"batch_first": False, "num_layers": 1, "bidirectional": False, "proj_size": 0}
        values = {
            "batch_first": self.batch_first,
            "num_layers": self.num_layers,
            "bidirectional": self.bidirectional,
            "proj_size": "P" if self.projected else 0,
        }
        return [f"{name}={value}" for name, value in values.items() if value != defaults[name]]

    def describe(self) -> str:
        return f"nn.LSTM({', '.join(['H_in', 'H', *self.arguments()])}) on {self.input} input"


def configurations(input: str) -> list[Config]:
    grid = itertools.product((False, True), (1, 2), (False, True), (False, True))
    return [Config(*values, input=input) for values in grid]


@dataclass(frozen=True)
class Identity:
    """``torch.equal(eval(left), eval(right))`` holds for the configuration."""

    left: str
    right: str


def shapes(config: Config) -> dict[str, str]:
    """The shapes of ``output``, ``h_n`` and ``c_n``, in the symbols of ``SIZES``."""
    directions = 2 if config.bidirectional else 1
    out = "P" if config.projected else "H"
    features = f"{directions}*{out}" if directions > 1 else out
    states = str(config.num_layers * directions)
    batch = [] if config.input == "unbatched" else ["N"]
    steps = ["L"] if config.input == "unbatched" else (["N", "L"] if config.batch_first else ["L", "N"])
    return {
        "output": f"({', '.join([*steps, features])})",
        "h_n": f"({', '.join([states, *batch, out])})",
        "c_n": f"({', '.join([states, *batch, 'H'])})",
    }


def _output_at(config: Config, step: str, features: str = "") -> str:
    """Code for ``output`` at one time step of every sequence, optionally some features."""
    if config.input == "unbatched":
        axes = [step]
    elif config.batch_first:
        axes = ["torch.arange(N)", step] if step == "lengths - 1" else [":", step]
    else:
        axes = [step, "torch.arange(N)"] if step == "lengths - 1" else [step, ":"]
    if features:
        axes.append(features)
    while axes[-1] == ":":  # output[-1, :] is output[-1]
        axes.pop()
    return f"output[{', '.join(axes)}]"


def identities(config: Config) -> list[Identity]:
    """Slices of ``h_n`` (last layer) that equal slices of ``output``."""
    out = "P" if config.projected else "H"
    # Packed sequences end at their own lengths; padded output is zero after them.
    last = "lengths - 1" if config.input == "packed" else "-1"
    if not config.bidirectional:
        return [Identity("h_n[-1]", _output_at(config, last))]
    # The forward direction ends at the last step, the backward one at the first.
    return [
        Identity("h_n[-2]", _output_at(config, last, f":{out}")),
        Identity("h_n[-1]", _output_at(config, "0", f"{out}:")),
    ]


def run(config: Config) -> dict:
    """Run one LSTM as a reader would; return the names the code cells use."""
    import torch  # here, not above: a rebuild that reads no page never needs it
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    N, L, H_in, H, P = (SIZES[k] for k in ("N", "L", "H_in", "H", "P"))
    lstm = nn.LSTM(
        H_in,
        H,
        num_layers=config.num_layers,
        bidirectional=config.bidirectional,
        proj_size=P if config.projected else 0,
        batch_first=config.batch_first,
    )
    lengths = torch.tensor(LENGTHS)
    shape = (L, H_in) if config.input == "unbatched" else ((N, L, H_in) if config.batch_first else (L, N, H_in))
    input = torch.randn(shape)
    with torch.no_grad(), warnings.catch_warnings():
        quiet_projection_note()
        if config.input == "packed":
            packed = pack_padded_sequence(input, lengths, batch_first=config.batch_first, enforce_sorted=False)
            packed_output, (h_n, c_n) = lstm(packed)
            output, _ = pad_packed_sequence(packed_output, batch_first=config.batch_first)
        else:
            output, (h_n, c_n) = lstm(input)
    return {"torch": torch, "output": output, "h_n": h_n, "c_n": c_n, "lengths": lengths, **SIZES}


def check(config: Config, names: dict, identity_list: list[Identity]) -> None:
    """Raise :class:`CheatsheetError` naming the first shape or identity that fails."""
    import torch

    for tensor, shape in shapes(config).items():
        expected = eval(shape, {}, dict(SIZES))
        expected = expected if isinstance(expected, tuple) else (expected,)
        if tuple(names[tensor].shape) != expected:
            raise CheatsheetError(
                f"{config.describe()}: {tensor} has shape {tuple(names[tensor].shape)}, "
                f"not {shape} = {expected} as the table says"
            )
    for identity in identity_list:
        try:
            holds = torch.equal(eval(identity.left, {}, names), eval(identity.right, {}, names))
        except (IndexError, RuntimeError) as error:
            holds, detail = False, f" ({error})"
        else:
            detail = ""
        if not holds:
            raise CheatsheetError(
                f"{config.describe()}: torch.equal({identity.left}, {identity.right}) "
                f"does not hold{detail}; the table would claim it does"
            )


def _code_line(*parts: str) -> nodes.paragraph:
    """A paragraph of code (every other part is plain text): never translated."""
    paragraph = nodes.paragraph(translatable=False)
    for index, part in enumerate(parts):
        paragraph += nodes.literal(part, part) if index % 2 == 0 else nodes.Text(part)
    return paragraph


class CheatsheetDirective(SphinxDirective):
    has_content = False
    option_spec = {"input": lambda value: directives.choice(value, INPUTS)}

    def _prose(self, text: str) -> nodes.paragraph:
        """A translatable paragraph: gettext extracts it, the translation replaces it."""
        paragraph = nodes.paragraph(text, text)
        self.set_source_info(paragraph)
        return paragraph

    def _row(self, cells: list[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry.extend(content)
            row += entry
        return row

    def run(self) -> list[nodes.Node]:
        import torch

        input = self.options.get("input", "batched")
        headings = [[self._prose("Arguments")], [self._prose("Shapes")], [self._prose("Identities")]]
        tgroup = nodes.tgroup(cols=len(headings))
        tgroup.extend(nodes.colspec(colwidth=width) for width in (3, 3, 5))
        tgroup += nodes.thead("", self._row(headings))
        body = nodes.tbody()
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(SEED)
            for config in configurations(input):
                checked = identities(config)
                try:
                    check(config, run(config), checked)
                except CheatsheetError as error:
                    raise CheatsheetError(f"{self.get_location()}: {error}") from None
                arguments = [_code_line(argument) for argument in config.arguments()] or [self._prose("defaults")]
                row = self._row(
                    [
                        arguments,
                        [_code_line(name, ": ", shape) for name, shape in shapes(config).items()],
                        [_code_line(identity.left, " = ", identity.right) for identity in checked],
                    ]
                )
                row[0]["classes"] += filter_classes(config)
                body += row
        tgroup += body
        table = nodes.table("", tgroup, classes=["lstm-cheatsheet"])
        self.set_source_info(table)
        return [table]


def filter_classes(config: Config) -> list[str]:
    """The configuration, as classes of the row's first cell: what the filter reads."""
    values = {
        "batch_first": config.batch_first,
        "num_layers": config.num_layers,
        "bidirectional": config.bidirectional,
        "proj_size": "P" if config.projected else 0,
    }
    return [f"lstm-cs-{name}-{str(value).lower()}" for name, value in values.items()]


class CheatsheetFilterDirective(WidgetWords):
    """The filter's words, read by cheatsheet-filter.js from the paragraphs' classes ({shown}, {total} filled in)."""

    KEYS = frozenset({"legend", "any", "count"})

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=["lstm-cheatsheet-filter"])
        for paragraph in self.words():
            paragraph["classes"].append(f"lstm-cheatsheet-filter__{paragraph['key']}")
            box += paragraph
        return [box]


def setup(app: Sphinx) -> dict:
    app.add_directive("lstm-cheatsheet", CheatsheetDirective)
    add_static(app, STATIC)
    app.add_css_file("lstm-cheatsheet.css")  # shapes never broken mid-tuple
    app.add_directive("lstm-cheatsheet-filter", CheatsheetFilterDirective)
    # The tables are torch's answers: another torch release re-reads every page.
    app.add_config_value("lstm_cheatsheet_torch_version", torch_version(), "env", types=[str])
    return {"parallel_read_safe": True, "parallel_write_safe": True}
