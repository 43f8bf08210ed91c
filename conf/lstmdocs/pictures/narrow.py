"""The pictures again, laid out for a phone: the same checked claims, drawn within `NARROWEST` px.

A wide picture drawn 1:1 does not fit a phone's text column, and scrolled sideways it
hides the last time step, ``h_n`` and ``c_n``, which are its point. Each function here
draws a picture's second layout, which the page shows instead when the wide one does
not fit (``diagrams.py``, ``lstm-diagrams.css``): time runs down rather than across,
and what stood beside the last step stands below it. Like the wide drawings, each takes
a `Case`, its checked claims, a gettext function and an id prefix, and places what it
highlights and names from the claims; it returns the drawing and the first sentence of
its alt text (the legend is the wide picture's: the same claims).
"""

import re

from lstmdocs.pictures.cases import Case, Claim
from lstmdocs.pictures.drawing import (
    BOX_H,
    DiagramError,
    check_view,
    draw_tensors,
    packed_rows,
    time_step,
    view_pair,
)
from lstmdocs.pictures.labels import Gettext, number_list
from lstmdocs.pictures.svg import COLOURS, Drawing

ROW_PITCH = 56  # from one time step to the next, down the page


def _claimed(claims: list[Claim], meaning: str) -> Claim:
    found = [claim for claim in claims if claim.meaning == meaning]
    if len(found) != 1:
        raise DiagramError(f"the picture draws one {meaning!r} claim, not {len(found)}")
    return found[0]


def _state_index(expression: str) -> int:
    """k of ``h_n[k]`` or ``c_n[k]``."""
    found = re.fullmatch(r"[hc]_n\[(-?\d+)\]", expression)
    if found is None:
        raise DiagramError(f"the picture cannot place {expression} on a layer")
    return int(found.group(1))


def _final_states(drawing: Drawing, x: float, edge: float, step: int, h_name: str, meaning: str) -> float:
    """The final h (solid, its name ending under it) and c (dashed, further out, its name starting
    under it) leaving a box's ``edge`` down (step 1) or up (-1); returns the c name's baseline."""
    drawing.line([(x - 8, edge), (x - 8, edge + step * 18)], meaning=meaning, width=2.5)
    drawing.text(x + 4, edge + step * 18 + (13 if step == 1 else -4), h_name, size=11, mono=True, anchor="end")
    drawing.line([(x + 8, edge), (x + 8, edge + step * 34)], meaning="cell", dashed=True, width=2)
    drawing.text(x - 4, edge + step * 34 + (13 if step == 1 else -4), h_name.replace("h_n", "c_n"), size=11,
                 mono=True, anchor="start")  # fmt: skip
    return edge + step * 47


# -- The LSTM unrolled, time running down ----------------------------------------
IN_X, BOX_W, LAYER_PITCH, FIRST_BOX, OUT_W, ROWS_TOP = 38, 52, 78, 90, 88, 30


def draw_unrolled(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, str]:
    """A row per time step: the input on the left, the layers left to right, output on the right;
    the states run down, and the final ones leave below the last step."""
    if case.bidirectional:
        return draw_bidirectional(case, claims, _, uid)
    T, L = case.steps, case.layers
    final = _claimed(claims, "final")
    last = time_step(final, T)
    lower = {_state_index(c.left) % L for c in claims if c.meaning == "only-in-h_n"}  # final states only in h_n
    cx = [FIRST_BOX + BOX_W / 2 + layer * LAYER_PITCH for layer in range(L)]
    out_left = cx[-1] + BOX_W / 2 + 16
    out_x = out_left + OUT_W / 2
    tops = [ROWS_TOP + t * ROW_PITCH for t in range(T)]
    bottom = tops[-1] + BOX_H
    drawing = Drawing(out_left + OUT_W + 2, bottom + (63 if lower else 47) + 8, uid)
    drawing.text(2, 16, _("time step") + " ↓", size=12, anchor="start")

    # output: the column every top-layer hidden state goes into; the claimed step is h_n[-1].
    drawing.fill(out_left, tops[0] - 4, OUT_W, bottom - tops[0] + 8, "output", opacity=0.18)
    drawing.fill(out_left, tops[last] - 4, OUT_W, BOX_H + 8, "final", opacity=0.4)
    drawing.rect(out_left, tops[last] - 4, OUT_W, BOX_H + 8, fill="none", stroke=COLOURS["final"], stroke_width=2.5)
    drawing.text(out_x, tops[last] + BOX_H + 17, f"= {final.right}", size=11, mono=True)
    for t, top in enumerate(tops):
        y = top + BOX_H / 2
        drawing.text(IN_X, y + 4, f"input[:, {t}]", size=11, mono=True)
        drawing.text(out_x, y + 4, f"output[:, {t}]", size=11, mono=True)
        drawing.line([(IN_X + 39, y), (cx[0] - BOX_W / 2, y)])
        for layer, x in enumerate(cx):
            drawing.rect(x - BOX_W / 2, top, BOX_W, BOX_H, rx=6, fill="currentColor", fill_opacity=0.06,
                         stroke="currentColor")  # fmt: skip
            drawing.text(x, y + 4, _("layer {layer}").format(layer=layer), size=11)
            into = cx[layer + 1] - BOX_W / 2 if layer < L - 1 else out_left
            drawing.line([(x + BOX_W / 2, y), (into, y)], meaning=None if layer < L - 1 else "output",
                         width=1.5 if layer < L - 1 else 2)  # fmt: skip
            if t < T - 1:  # the states, down to the next step: hidden state left, cell state (dashed) right
                drawing.line([(x - 8, top + BOX_H), (x - 8, tops[t + 1])])
                drawing.line([(x + 8, top + BOX_H), (x + 8, tops[t + 1])], meaning="cell", dashed=True)
    for layer, x in enumerate(cx):  # the final states leave below the last step
        meaning = "only-in-h_n" if layer in lower else "final"
        end = _final_states(drawing, x, bottom, 1, f"h_n[{layer}]", meaning)
        if layer in lower:
            drawing.text(x, end + 16, _("only in h_n"), size=11)
    if L > 1:
        intro = _("A stack of {layers} LSTM layers unrolled over {steps} time steps, time running down: the input on the left, the layers from left to right.")  # fmt: skip
    else:
        intro = _("An LSTM unrolled over {steps} time steps, time running down: the input on the left, output on the right.")  # fmt: skip
    return drawing, intro.format(steps=T, layers=L)


# The forward direction's output half, the forward row, the input, the backward row and its half, left to right.
BI_CELL, BI_BOX, BI_TOP = 70, 40, 76
BI_COLUMNS = {"final-out": 2, "final": 86, "input": 142, "backward": 198, "backward-out": 252}  # left edges


def draw_bidirectional(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, str]:
    """A row per time step; the forward direction reads down, the backward direction up, and each
    leaves its final state at its own end: forward below the last step, backward above step 0."""
    T, H = case.steps, case.hidden
    claimed = {meaning: _claimed(claims, meaning) for meaning in ("final", "backward", "trap")}
    last = {meaning: time_step(claimed[meaning], T) for meaning in ("final", "backward")}
    trap = time_step(claimed["trap"], T)
    tops = [BI_TOP + t * ROW_PITCH for t in range(T)]
    bottom = tops[-1] + BOX_H
    drawing = Drawing(BI_COLUMNS["backward-out"] + BI_CELL + 2, bottom + 47 + 8, uid)
    ix = BI_COLUMNS["input"] + 20
    drawing.text(BI_COLUMNS["input"] + 20, 16, _("time step") + " ↓", size=12)
    rows = [  # (direction's colour, its box's left edge, its half of output: left edge and slice, reading step)
        ("final", BI_COLUMNS["final"], BI_COLUMNS["final-out"], f":{H}", 1),
        ("backward", BI_COLUMNS["backward"], BI_COLUMNS["backward-out"], f"{H}:", -1),
    ]
    for meaning, box_left, cell_left, half, step in rows:
        x, cell_x = box_left + BI_BOX / 2, cell_left + BI_CELL / 2
        name = ("↓ " + _("forward")) if step == 1 else ("↑ " + _("backward"))
        drawing.text((min(box_left, cell_left) + max(box_left + BI_BOX, cell_left + BI_CELL)) / 2, 16, name, size=12)
        for t, top in enumerate(tops):
            y = top + BOX_H / 2
            drawing.fill(cell_left, top, BI_CELL, BOX_H, meaning, opacity=0.4 if t == last[meaning] else 0.14)
            if t == last[meaning]:
                drawing.rect(cell_left, top, BI_CELL, BOX_H, fill="none", stroke=COLOURS[meaning], stroke_width=2.5)
            drawing.text(cell_x, y - 2, "output", size=11, mono=True)
            drawing.text(cell_x, y + 11, f"[:, {t}, {half}]", size=11, mono=True)
            drawing.rect(box_left, top, BI_BOX, BOX_H, rx=6, fill=COLOURS[meaning], fill_opacity=0.1,
                         stroke=COLOURS[meaning], stroke_width=1.5)  # fmt: skip
            drawing.text(x, y + 4, "↓" if step == 1 else "↑", size=12)
            # Into its half of output, outwards; from the input, inwards.
            drawing.line([(box_left if step == 1 else box_left + BI_BOX, y),
                          (cell_left + BI_CELL if step == 1 else cell_left, y)], meaning=meaning, width=2)  # fmt: skip
            drawing.line([(ix - 22 * step, y), (box_left + BI_BOX if step == 1 else box_left, y)])
        order = range(T - 1) if step == 1 else range(T - 1, 0, -1)
        for t in order:  # the states, along the direction's reading order
            a = tops[t] + BOX_H if step == 1 else tops[t]
            b = tops[t + step] if step == 1 else tops[t + step] + BOX_H
            drawing.line([(x - 8, a), (x - 8, b)], meaning=meaning)
            drawing.line([(x + 8, a), (x + 8, b)], meaning="cell", dashed=True)
        # Final states leave after the direction's last step: below for forward, above for backward.
        state = claimed[meaning].right  # h_n[-2] forward, h_n[-1] backward
        _final_states(drawing, x, bottom if step == 1 else tops[0], step, state, meaning)
        # ... and the same values in output, named beside the cell that holds them.
        if step == 1:
            drawing.text(cell_x, tops[last[meaning]] + BOX_H + 14, f"= {state}", size=11, mono=True)
        else:
            drawing.text(cell_x, tops[last[meaning]] - 6, f"{state} =", size=11, mono=True)
    # The trap: the backward half at the last step has read one step only.
    cell_left = BI_COLUMNS["backward-out"]
    drawing.hatch(cell_left, tops[trap], BI_CELL, BOX_H, "trap")
    drawing.text(cell_left + BI_CELL / 2, tops[trap] + BOX_H + 14, f"≠ {claimed['trap'].right}", size=11, mono=True)
    for t, top in enumerate(tops):
        drawing.text(ix, top + BOX_H / 2 - 2, "input", size=11, mono=True)
        drawing.text(ix, top + BOX_H / 2 + 11, f"[:, {t}]", size=11, mono=True)
    intro = _("A bidirectional LSTM unrolled over {steps} time steps, time running down: the forward direction reads from top to bottom, the backward direction from bottom to top.")  # fmt: skip
    return drawing, intro.format(steps=T)


# -- Packed variable-length sequences, a column each ------------------------------
PK_LEFT, PK_PITCH, PK_BOX_W, PK_TOP, PK_ROW = 44, 94, 84, 58, 52


def draw_packed(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, str]:
    """A column per sequence, time running down; each final state leaves below its own last step,
    past any padding."""
    T, N = case.steps, case.batch
    ends = {}  # sequence -> (its last step, the final state's name), from the checked claims
    for claim in claims:
        found = re.fullmatch(r"output\[(\d+), (\d+)\]", claim.left)
        if claim.meaning == "final" and found:
            ends[int(found.group(1))] = (int(found.group(2)), claim.right)
    padded = {}  # sequence -> its first padded step
    for claim in claims:
        found = re.fullmatch(r"output\[(\d+), (\d+):\]", claim.left)
        if claim.meaning == "padding" and found:
            padded[int(found.group(1))] = int(found.group(2))
    if sorted(ends) != list(range(N)):
        raise DiagramError(f"the picture draws a final state for each of {N} sequences; the claims give {sorted(ends)}")
    xs = [PK_LEFT + PK_PITCH / 2 + i * PK_PITCH for i in range(N)]
    tops = [PK_TOP + t * PK_ROW for t in range(T)]
    end_y = tops[-1] + BOX_H + 18
    drawing = Drawing(PK_LEFT + N * PK_PITCH + 2, end_y + 22, uid)
    drawing.text(2, 14, _("time step") + " ↓", size=11, anchor="start")
    for t, top in enumerate(tops):
        drawing.text(PK_LEFT / 2 - 2, top + BOX_H / 2 + 4, str(t), size=11, mono=True)
    for i, x in enumerate(xs):
        length = case.length(i)
        drawing.text(x, 32, _("sequence {index}").format(index=i), size=11)
        drawing.text(x, 46, _("length {length}").format(length=length), size=11)
        for t, top in enumerate(tops):
            left = x - PK_BOX_W / 2
            if t < padded.get(i, T):
                drawing.rect(left, top, PK_BOX_W, BOX_H, rx=6, fill="currentColor", fill_opacity=0.06,
                             stroke="currentColor")  # fmt: skip
                drawing.text(x, top + BOX_H / 2 + 4, f"output[{i}, {t}]", size=11, mono=True)
            else:
                drawing.fill(left, top, PK_BOX_W, BOX_H, "padding", opacity=0.2)
                drawing.rect(left, top, PK_BOX_W, BOX_H, rx=6, fill="none", stroke="currentColor",
                             stroke_dasharray="4 3", stroke_opacity=0.6)  # fmt: skip
                drawing.text(x, top + BOX_H / 2 + 4, _("padding"), size=11, fill_opacity=0.7)
        last, state = ends[i]
        for t in range(last):
            drawing.line([(x, tops[t] + BOX_H), (x, tops[t + 1])])
        # h_n leaves at the sequence's own last step, beside any padding below it.
        if last == T - 1:
            route = [(x, tops[last] + BOX_H), (x, end_y)]
        else:
            side = x + PK_PITCH / 2 - 1
            route = [(x + PK_BOX_W / 2, tops[last] + BOX_H / 2), (side, tops[last] + BOX_H / 2 + 8),
                     (side, end_y - 10), (x + 24, end_y)]  # fmt: skip
        drawing.line(route, meaning="final", width=2.5)
        drawing.text(x, end_y + 14, state, size=11, mono=True)
    intro = _("{count} sequences of lengths {lengths} packed into one batch, a column each, time running down: each runs only as far as its own length.")  # fmt: skip
    return drawing, intro.format(count=N, lengths=number_list(case.lengths, _))


# -- h_n.view(num_layers, 2, N, H), its two columns closer --------------------------
VIEW_BOX_W, VIEW_BOX_H, VIEW_RIGHT, VIEW_ROW, VIEW_TOP = 120, 30, 182, 62, 56


def draw_view(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, str]:
    """h_n's rows on the left, the view's on the right, each pair under the layer and direction it is."""
    check_view(case)
    L, D = case.layers, case.directions
    rows = L * D
    meanings = {_state_index(c.right if c.right else c.left) % rows: c.meaning for c in claims
                if c.meaning in ("final", "backward", "only-in-h_n")}  # fmt: skip
    drawing = Drawing(VIEW_RIGHT + VIEW_BOX_W + 22, VIEW_TOP + (rows - 1) * VIEW_ROW + VIEW_BOX_H + 8, uid)
    drawing.text(2 + VIEW_BOX_W / 2, 20, "h_n", size=13, mono=True)
    drawing.text(VIEW_RIGHT + VIEW_BOX_W / 2, 20, f"h_n.view({L}, {D}, N, H)", size=13, mono=True)
    for k in range(rows):
        y = VIEW_TOP + (rows - 1 - k) * VIEW_ROW  # the top layer on top, as in the wide picture
        meaning = meanings.get(k, "only-in-h_n")
        where = view_pair(drawing, _, k, (L, D), (2, VIEW_RIGHT), y, meaning, VIEW_BOX_W)
        drawing.text((2 + VIEW_RIGHT + VIEW_BOX_W) / 2, y - 6, where, size=11)
        drawing.line([(2 + VIEW_BOX_W + 4, y + VIEW_BOX_H / 2), (VIEW_RIGHT - 4, y + VIEW_BOX_H / 2)])
    intro = _("How h_n.view(num_layers, 2, N, H) indexes the final hidden states of a {layers}-layer bidirectional LSTM: the first index is the layer, the second the direction.")  # fmt: skip
    return drawing, intro.format(layers=L)


# -- What a PackedSequence holds: its data a line per time step ----------------------
PS_CELL, PS_LEFT, PS_TOP, PS_ROW, PS_SIZES = 72, 40, 30, 58, 290


def draw_packed_sequence(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, str]:
    """``data``'s rows, one line per time step (a group of ``batch_sizes``), read line by line."""
    batch_sizes, order, rows = packed_rows(case)
    names = {}  # (sequence, step) -> the final state's name, from the checked claims
    for claim in claims:
        found = re.fullmatch(r"output\[(\d+), (\d+)\]", claim.left)
        if claim.meaning == "final" and found:
            names[int(found.group(1)), int(found.group(2))] = claim.right
    tops = [PS_TOP + t * PS_ROW for t in range(len(batch_sizes))]
    drawing = Drawing(PS_SIZES + 38, tops[-1] + PS_ROW + 24, uid)
    drawing.text(2, 16, _("time step"), size=11, anchor="start")
    drawing.text(PS_LEFT + max(batch_sizes) * PS_CELL / 2, 16, "data", size=12, mono=True)
    drawing.text(PS_SIZES + 36, 16, "batch_sizes", size=12, mono=True, anchor="end")
    start = 0
    for t, (size, top) in enumerate(zip(batch_sizes, tops, strict=True)):
        drawing.text(16, top + 19, str(t), size=11, mono=True)
        drawing.rect(PS_LEFT - 3, top - 4, size * PS_CELL + 2, 36, rx=5, fill="none", stroke="currentColor",
                     stroke_dasharray="4 3", stroke_opacity=0.6)  # fmt: skip
        drawing.text(PS_SIZES + 16, top + 19, str(size), size=12, mono=True)
        for k, (i, step) in enumerate(rows[start : start + size]):
            x = PS_LEFT + k * PS_CELL
            last = (i, step) in names
            drawing.fill(x + 2, top, PS_CELL - 8, 28, "final" if last else "output", opacity=0.4 if last else 0.15)
            drawing.text(x + PS_CELL / 2 - 2, top + 19, f"[{i}, {step}]", size=11, mono=True)
            if last:
                drawing.text(x + PS_CELL / 2 - 2, top + 46, names[i, step], size=11, mono=True)
        start += size
    drawing.text(2, tops[-1] + PS_ROW + 14, f"sorted_indices = {order}", size=12, mono=True, anchor="start")
    intro = _("What the packed output of {count} sequences of lengths {lengths} holds: data has one row per real time step, [i, t] being output[i, t], grouped by time step; batch_sizes counts each group's rows, sorted_indices orders the sequences longest first.")  # fmt: skip
    return drawing, intro.format(count=case.batch, lengths=number_list(case.lengths, _))


def draw_tensors_narrow(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, str]:
    drawing, _items, intro = draw_tensors(case, claims, _, uid, narrow=True)
    return drawing, intro


NARROW = {"unrolled": draw_unrolled, "packed": draw_packed, "tensors": draw_tensors_narrow, "view": draw_view,
          "packed-sequence": draw_packed_sequence}  # fmt: skip
