"""The LSTM cell picture (``{lstm-diagram} cell``): drawn only when its equations hold, its numbers from the run."""

import re

import pytest
import torch
from torch import nn

from built import LANGUAGES, SITE, require
from lstmdocs.pictures import cell, diagrams
from lstmdocs.pictures.cases import Case, ClaimError
from lstmdocs.pictures.drawing import number

PAGE = "basics/equations.html"
CJK = re.compile(r"[\u4e00-\u9fff]")


def cell_svg(language: str) -> str:
    html = require(SITE / language / PAGE).read_text(encoding="utf-8")
    found = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" role="img".*?</svg>', html, re.DOTALL)
    cells = [svg for svg in found if "tanh" in svg and "cₜ₋₁" in svg]
    assert len(cells) == 1, f"{language}/{PAGE}: expected one cell picture, found {len(cells)}"
    return cells[0]


def test_the_hand_made_step_is_what_nn_lstm_returns():
    values = cell.one_step(Case())
    torch.manual_seed(0)  # independently of the module: an nn.LSTMCell with the LSTM's weights
    rnn = nn.LSTM(input_size=2, hidden_size=3, batch_first=True)
    input, h0, c0 = torch.randn(5, 4, 2), torch.randn(1, 5, 3), torch.randn(1, 5, 3)
    lstm_cell = nn.LSTMCell(2, 3)
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(lstm_cell, name).copy_(getattr(rnn, f"{name}_l0"))
        h, c = lstm_cell(input[:, 0], (h0[0], c0[0]))
    assert torch.allclose(values["h"], h, rtol=0, atol=cell.ATOL)
    assert torch.allclose(values["c"], c, rtol=0, atol=cell.ATOL)
    assert torch.equal(values["c_prev"], c0[0]) and torch.equal(values["h_prev"], h0[0])


@pytest.mark.parametrize("order", ["figo", "igfo", "ifog"])
def test_gates_in_the_wrong_order_are_refused(monkeypatch, order):
    monkeypatch.setattr(cell, "GATE_ORDER", order)
    with pytest.raises(ClaimError, match=r"the cell picture draws c_t = f \* c_\{t-1\} \+ i \* g"):
        cell.one_step(Case())


@pytest.mark.parametrize(
    ("table", "change"),
    [("NONLINEARITY", {"i": "sigmoid", "f": "sigmoid", "g": "sigmoid", "o": "tanh"}), ("CELL_TO_HIDDEN", "sigmoid")],
)
def test_a_label_naming_another_function_is_refused(monkeypatch, table, change):
    """The picture writes σ or tanh from the functions the checked step used: σ and tanh swapped fail the check."""
    monkeypatch.setattr(cell, table, change)
    with pytest.raises(ClaimError, match=r"differ by"):
        cell.one_step(Case())


def test_each_label_names_the_function_it_stands_for():
    """σ is the logistic function 1 / (1 + e^-x), tanh the hyperbolic tangent: the labels the picture
    writes for torch's functions are those functions (a swapped table would draw tanh on the gates)."""
    import math

    import torch

    meaning = {"σ": lambda x: 1 / (1 + math.exp(-x)), "tanh": math.tanh}
    points = torch.linspace(-3, 3, 13, dtype=torch.float64)
    for function, label in cell.SYMBOL.items():
        drawn = torch.tensor([meaning[label](x) for x in points.tolist()], dtype=torch.float64)
        assert torch.allclose(getattr(torch, function)(points), drawn, rtol=0, atol=1e-12), (function, label)


def test_a_tolerance_of_zero_is_refused_not_rounded_away(monkeypatch):
    """The stated atol is what is checked: a hand-written loop is not bit for bit torch's kernel."""
    monkeypatch.setattr(cell, "ATOL", 0.0)
    with pytest.raises(ClaimError, match=r"differ by \d"):
        cell.one_step(Case())


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_built_picture_prints_this_runs_numbers(language):
    svg = cell_svg(language)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    values = cell.one_step(Case())
    names = ["i", "f", "g", "o", "c_prev", "c", "h_prev", "h"]
    table = texts[-4 * len(names) :]  # the picture ends with its table: a name, then three values, per row
    for row, name in enumerate(names):
        shown = table[4 * row : 4 * row + 4]
        expected = [number(v) for v in values[name][cell.SEQUENCE].tolist()]
        assert shown == [cell.SYMBOLS.get(name, name), *expected], (language, name, shown)
    sizes = [float(size) for size in re.findall(r'<(?:text|svg)[^>]*font-size="([\d.]+)"', svg)]  # own, or the <svg>'s
    assert min(sizes) >= 11, f"{language}: text at {min(sizes)} px"
    alt = re.search(r"<title[^>]*>([^<]+)</title>", svg)[1]
    assert bool(CJK.search(alt)) == (language == "zh_CN"), alt
    assert ("Sequence" in svg) == (language == "en")


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_legend_states_the_checked_equations_and_tolerance(language):
    html = require(SITE / language / PAGE).read_text(encoding="utf-8")
    figure = html[html.index("cₜ₋₁") :]
    legend = figure[figure.index('class="lstm-diagram__legend"') :].split("</ul>", 1)[0]
    assert "<code>cₜ = f ⊙ cₜ₋₁ + i ⊙ g</code>" in legend and "<code>hₜ = o ⊙ tanh(cₜ)</code>" in legend
    assert legend.count(f"{cell.ATOL:g}") == 2
    assert bool(CJK.search(legend)) == (language == "zh_CN")
    caption = figure[figure.index("<figcaption>") :].split("</figcaption>", 1)[0]
    assert "<code" in caption and bool(CJK.search(caption)) == (language == "zh_CN")


@pytest.mark.sphinx("html", testroot="cell-diagram", freshenv=True, confoverrides={"language": "en"})
def test_a_wrong_gate_order_stops_the_build_naming_the_page(app, monkeypatch):
    monkeypatch.setattr(cell, "GATE_ORDER", "figo")  # forget and input gate swapped
    with pytest.raises(diagrams.DiagramError, match=r"index\.rst:\d+: the cell picture draws c_t"):
        app.build()


@pytest.mark.sphinx("html", testroot="cell-diagram", confoverrides={"language": "en"})
def test_the_cell_takes_no_options(app):
    (app.srcdir / "index.rst").write_text("Cell\n====\n\n.. lstm-diagram:: cell\n   :layers: 2\n", encoding="utf-8")
    app.build(force_all=True)
    assert "the cell picture draws one step of one layer" in app.warning.getvalue()
