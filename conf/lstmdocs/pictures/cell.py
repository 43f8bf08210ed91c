"""The LSTM cell, drawn from one real step of the first lesson's example (``{lstm-diagram} cell``).

The gates i, f, g, o and the two states are recomputed by hand from the module's
weights, in PyTorch's gate order (``GATE_ORDER``), and the picture is drawn only if
the hand-made ``c_t = f ⊙ c_{t-1} + i ⊙ g`` and ``h_t = o ⊙ tanh(c_t)`` agree with
what ``nn.LSTM`` itself returns for that step: ``c_n`` and ``h_n`` of a one-step
run, and ``output[:, 0]`` of the full run, with ``rtol=0`` and ``atol=ATOL``
(a hand-written loop matches torch's fused kernel to about 5e-8, not bit for bit).
The values shown (sequence 0, time step 0) are those numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from lstmdocs.pictures.cases import Case, ClaimError
from lstmdocs.pictures.labels import Gettext, number
from lstmdocs.pictures.svg import Drawing

if TYPE_CHECKING:
    import torch

GATE_ORDER = "ifgo"  # the rows of weight_ih_l0 / weight_hh_l0, as PyTorch stacks them
ATOL = 1e-6
SEQUENCE = 0  # whose values the picture prints
# The functions the step computes with, which the check below compares with nn.LSTM's numbers;
# the picture writes each one's symbol from here, so a label cannot name another function.
NONLINEARITY = {"i": "sigmoid", "f": "sigmoid", "g": "tanh", "o": "sigmoid"}  # each gate's squashing
CELL_TO_HIDDEN = "tanh"  # h_t = o * tanh(c_t)
SYMBOL = {"sigmoid": "σ", "tanh": "tanh"}


def one_step(case: Case) -> dict[str, torch.Tensor]:
    """Gates and states of time step 0, by hand, after checking them against ``nn.LSTM``."""
    import torch
    from torch import nn

    with torch.random.fork_rng(devices=[]):  # the same draws, in the same order, as cases.run
        torch.manual_seed(case.seed)
        rnn = nn.LSTM(input_size=case.input_size, hidden_size=case.hidden, batch_first=True)
        input = torch.randn(case.batch, case.steps, case.input_size)
        h0, c0 = torch.randn(1, case.batch, case.hidden), torch.randn(1, case.batch, case.hidden)
    with torch.no_grad():
        output, _ = rnn(input, (h0, c0))
        _out, (h_n, c_n) = rnn(input[:, :1], (h0, c0))  # one step: c_n is the cell state after it
        x, h_prev, c_prev = input[:, 0], h0[0], c0[0]
        pre = x @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h_prev @ rnn.weight_hh_l0.T + rnn.bias_hh_l0
        chunks = dict(zip(GATE_ORDER, pre.chunk(4, dim=1), strict=True))
        i, f, g, o = (getattr(torch, NONLINEARITY[name])(chunks[name]) for name in "ifgo")
        c = f * c_prev + i * g
        h = o * getattr(torch, CELL_TO_HIDDEN)(c)
    for drawn, returned, what in (
        (c, c_n[0], "c_t = f * c_{t-1} + i * g and c_n of a one-step nn.LSTM run"),
        (h, h_n[0], "h_t = o * tanh(c_t) and h_n of a one-step nn.LSTM run"),
        (h, output[:, 0], "h_t = o * tanh(c_t) and output[:, 0] of the full run"),
    ):
        if not torch.allclose(drawn, returned, rtol=0, atol=ATOL):
            gap = (drawn - returned).abs().max().item()
            raise ClaimError(f"the cell picture draws {what} as equal, but they differ by {gap:.2e} > {ATOL}")
    return {"i": i, "f": f, "g": g, "o": o, "c_prev": c_prev, "c": c, "h_prev": h_prev, "h": h}


# Names in the picture: Unicode subscripts keep each one a single text run.
SYMBOLS = {"c_prev": "cₜ₋₁", "c": "cₜ", "h_prev": "hₜ₋₁", "h": "hₜ", "x": "xₜ"}
GATE_X = {"f": 90, "i": 145, "g": 200, "o": 262}
GATES = {name: (x, SYMBOL[NONLINEARITY[name]]) for name, x in GATE_X.items()}  # x of each gate, its squashing
GATE_W, GATE_H, DOT_R = 44, 26, 9


@dataclass(frozen=True)
class Geometry:
    """Heights of the cell's rows: the cell state path, i ⊙ g, h_t, the gates and [h_{t-1}, x_t]."""

    c_y: float = 40
    mix_y: float = 100
    out_y: float = 150
    gate_y: float = 200
    bar_y: float = 262
    width: float = 328  # a 360 px phone's column

    @property
    def mix_x(self) -> float:
        return (GATES["i"][0] + GATES["g"][0]) / 2


EQUATIONS = Geometry()  # the equations page; the explainer spaces the rows for its numbers on the wires
BAR_Y, WIDTH = EQUATIONS.bar_y, EQUATIONS.width


def _operator(drawing: Drawing, x: float, y: float, sign: str) -> None:
    drawing.shapes.append(
        f'<circle cx="{x:g}" cy="{y:g}" r="{DOT_R}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
    )
    drawing.text(x, y + 4, sign, size=12)


def draw_skeleton(drawing: Drawing, geometry: Geometry = EQUATIONS) -> None:
    """The cell without numbers: its paths, gates and operators (here and in the step-through explainer)."""
    c_y, mix_y, out_y, gate_y, bar_y, width = (geometry.c_y, geometry.mix_y, geometry.out_y, geometry.gate_y,
                                               geometry.bar_y, geometry.width)  # fmt: skip
    mix_x = geometry.mix_x
    tanh_x = GATES["o"][0]

    # The cell state path, along the top: forget, then add the gated candidate.
    drawing.text(8, c_y + 4, SYMBOLS["c_prev"], size=13, anchor="start")
    drawing.line([(38, c_y), (GATES["f"][0] - DOT_R, c_y)], meaning="cell", width=2.5, arrow=False)
    _operator(drawing, GATES["f"][0], c_y, "×")
    drawing.line([(GATES["f"][0] + DOT_R, c_y), (mix_x - DOT_R, c_y)], meaning="cell", width=2.5, arrow=False)
    _operator(drawing, mix_x, c_y, "+")
    drawing.line([(mix_x + DOT_R, c_y), (width - 40, c_y)], meaning="cell", width=2.5)
    drawing.text(width - 36, c_y + 4, SYMBOLS["c"], size=13, anchor="start")
    # i ⊙ g into the sum.
    _operator(drawing, mix_x, mix_y, "×")
    drawing.line([(mix_x, mix_y - DOT_R), (mix_x, c_y + DOT_R)])
    for name, side in (("i", -1), ("g", 1)):
        x = GATES[name][0]
        drawing.line([(x, gate_y - GATE_H / 2), (x, mix_y), (mix_x + side * DOT_R, mix_y)])
    drawing.line([(GATES["f"][0], gate_y - GATE_H / 2), (GATES["f"][0], c_y + DOT_R)])
    # The hidden state: o ⊙ tanh(c_t).
    drawing.line([(tanh_x, c_y), (tanh_x, mix_y - 11)], meaning="cell", width=2)
    drawing.rect(tanh_x - 20, mix_y - 11, 40, 22, rx=4, fill="none", stroke="currentColor")
    drawing.text(tanh_x, mix_y + 4, SYMBOL[CELL_TO_HIDDEN], size=11)
    drawing.line([(tanh_x, mix_y + 11), (tanh_x, out_y - DOT_R)])
    _operator(drawing, tanh_x, out_y, "×")
    drawing.line([(tanh_x, gate_y - GATE_H / 2), (tanh_x, out_y + DOT_R)])
    drawing.line([(tanh_x + DOT_R, out_y), (width - 40, out_y)], meaning="final", width=2.5)
    drawing.text(width - 36, out_y + 4, SYMBOLS["h"], size=13, anchor="start")
    # The gates, each read from [h_{t-1}, x_t].
    for name, (x, squash) in GATES.items():
        drawing.rect(x - GATE_W / 2, gate_y - GATE_H / 2, GATE_W, GATE_H, rx=5, fill="currentColor",
                     fill_opacity=0.06, stroke="currentColor")  # fmt: skip
        drawing.text(x, gate_y + 4, f"{name}: {squash}", size=12)
        drawing.line([(x, bar_y), (x, gate_y + GATE_H / 2)])
    bar_left, bar_right = GATES["f"][0] - 30, GATES["o"][0] + 30
    drawing.rect(bar_left, bar_y, bar_right - bar_left, 22, rx=4, fill="none", stroke="currentColor")
    drawing.text(mix_x, bar_y + 15, f"[{SYMBOLS['h_prev']}, {SYMBOLS['x']}]", size=12)
    drawing.text(8, bar_y + 15, SYMBOLS["h_prev"], size=13, anchor="start")
    drawing.line([(40, bar_y + 11), (bar_left, bar_y + 11)])
    drawing.line([(mix_x, bar_y + 52), (mix_x, bar_y + 22)])
    drawing.text(mix_x, bar_y + 66, SYMBOLS["x"], size=13)


def draw_cell(case: Case, claims: list, _: Gettext, uid: str) -> tuple[Drawing, list, str]:

    values = one_step(case)
    table_top = BAR_Y + 84
    rows = ["i", "f", "g", "o", "c_prev", "c", "h_prev", "h"]
    drawing = Drawing(WIDTH, table_top + 24 + 17 * len(rows), uid)
    draw_skeleton(drawing)

    # The numbers of this build's run.
    drawing.text(8, table_top + 4, _("Sequence {index}, time step 0, as computed by this build:").format(index=SEQUENCE),
                 size=11, anchor="start")  # fmt: skip
    for row, name in enumerate(rows):
        y = table_top + 24 + 17 * row
        drawing.text(8, y, SYMBOLS.get(name, name), size=12, anchor="start")
        for j, value in enumerate(values[name][SEQUENCE].tolist()):
            drawing.text(110 + 62 * j, y, number(value), size=11, mono=True, anchor="end")
    atol = f"{ATOL:g}"
    sentences = [  # (meaning, the translated sentence, the rule it states; in HTML the rule is code)
        ("cell", _("{rule}: the cell state's path; for one step it equals c_n of nn.LSTM (within {atol})"),
         "cₜ = f ⊙ cₜ₋₁ + i ⊙ g"),
        ("final", _("{rule}: the hidden state's path; it equals h_n and output[:, 0] of nn.LSTM (within {atol})"),
         "hₜ = o ⊙ tanh(cₜ)"),
    ]  # fmt: skip
    items = [
        (
            meaning,
            escape(text).format(rule=f"<code>{escape(rule)}</code>", atol=atol),
            text.format(rule=rule, atol=atol),
        )
        for meaning, text, rule in sentences
    ]
    intro = _("The LSTM cell at one time step: the input gate i, the forget gate f and the output gate o (sigmoids) and the cell candidate g (tanh) are computed from the previous hidden state and the input; the cell state runs along the top, the new hidden state leaves on the right.")  # fmt: skip
    return drawing, items, intro
