"""The pictures of what ``nn.LSTM`` returns, drawn as SVG from a real run.

Each ``draw_*`` function takes a `Case`, the claims about it that `cases`
has checked, a gettext function for the page's language and an id prefix, and
returns the drawing, its legend items and the first sentence of its alt text.
Labels are written as ``_("...")`` calls: `catalogue` extracts them into
the ``lstmdocs`` catalogue, and the directive (`diagrams`) passes the translation.
"""

import re
from html import escape

from sphinx.errors import SphinxError

from lstmdocs.pictures import cases
from lstmdocs.pictures.cases import Case, Claim
from lstmdocs.pictures.cell import draw_cell
from lstmdocs.pictures.labels import Gettext, number, number_list
from lstmdocs.pictures.svg import COLOURS, Drawing

NARROWEST = 328  # the text column of a 360 px phone: a narrow drawing fits it


class DiagramError(SphinxError):
    category = "LSTM diagram error"


# -- Legends -------------------------------------------------------------------
def describe(meaning: str, case: Case, _: Gettext) -> str:
    """What a highlight means, for the legend and the alt text."""
    if meaning == "output-halves":
        return _("output: both directions' hidden states at every time step, side by side")
    if meaning == "output":
        if case.bidirectional:
            return _("output: both directions' hidden states at every time step, side by side")
        return _("output: the top layer's hidden state at every time step")
    if meaning == "final":
        if case.lengths is not None:
            return _("each sequence's final hidden state, taken at its own last step")
        if case.bidirectional:
            return _("the forward direction's final state, after the last time step (with one layer, h_n[-2] and h_n[-1] are h_n[0] and h_n[1])")  # fmt: skip
        return _("the hidden state after the last time step, in output and in h_n")
    if meaning == "backward":
        return _("the backward direction's final state: it ends at time step 0")
    if meaning == "trap":
        if case.lengths is not None:
            return _("the trap: the last time step is padding for every shorter sequence")
        if case.bidirectional:
            return _("the trap: at the last time step the backward direction has read one step only")
        return _("the trap: with batch_first=True, the last sequence of the batch, not the last time step")
    if meaning == "padding":
        return _("padding: output is zero after each sequence's end")
    if meaning == "only-in-h_n":
        return _("lower layers' final states: only in h_n, never in output")
    if meaning == "cell":
        return _("the cell state after the last time step: only in c_n, never in output")
    raise DiagramError(f"no description for {meaning!r}")


def legend(case: Case, claims: list[Claim], _: Gettext, first: str | None = None) -> list[tuple[str, str, str]]:
    """(meaning, HTML, plain text) per kind of highlight, in the claims' order."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.meaning, []).append(claim)
    items = []
    for meaning in ([first] if first else []) + list(groups):
        sign = " ≠ " if meaning == "trap" else " = "
        pairs = [(c.left, c.right) for c in groups.get(meaning, [])]
        separator = _("; ")  # between two expressions; Chinese writes "；"
        code = separator.join(left + (sign + right if right else "") for left, right in pairs)
        html = escape(separator).join(
            f"<code>{escape(left)}</code>" + (f"{sign}<code>{escape(right)}</code>" if right else "")
            for left, right in pairs
        )
        text = describe(meaning, case, _)
        if code:  # "{expressions}: {meaning}", with the page language's colon
            html = escape(_("{expressions}: {meaning}")).format(expressions=html, meaning=escape(text))
            text = _("{expressions}: {meaning}").format(expressions=code, meaning=text)
        else:
            html = escape(text)
        items.append((meaning, html, text))
    return items


# -- Tensor values as grids ----------------------------------------------------
NUM_W, NUM_H, COL_GAP, ROW_GAP, GROUP_GAP, LABEL_W, GRID_TOP = 46, 16, 12, 10, 22, 70, 58
NARROW_NUM_W, NARROW_COL_GAP, BLOCK_GAP = 44, 6, 18  # narrow: tighter columns, h_n and c_n below output


def draw_tensors(
    case: Case, claims: list[Claim], _: Gettext, uid: str, narrow: bool = False
) -> tuple[Drawing, list, str]:
    """One grid per tensor, a row per sequence: side by side, or on a narrow screen
    (``narrow``) output above and h_n, c_n below it, each block with its own headings."""
    values = cases.run(case)
    output, h_n, c_n = values["output"], values["h_n"], values["c_n"]
    N, T, W = output.shape
    H, states = case.hidden, h_n.shape[0]
    highlights: dict[tuple[str, int], list[str]] = {}
    shapes = {name: tensor.shape for name, tensor in values.items()}
    for claim in claims:
        sides = [claim.left] + ([claim.right] if claim.meaning in ("final", "backward") else [])
        for expression in sides:
            name = expression.split("[", 1)[0]
            for flat in cases.positions(expression, shapes):
                highlights.setdefault((name, flat), []).append(claim.meaning)

    num_w = NARROW_NUM_W if narrow else NUM_W
    col_w = num_w + (NARROW_COL_GAP if narrow else COL_GAP)
    split = 4 if case.bidirectional else 0  # a gap between the two directions' halves
    row_h = W * NUM_H + split
    # Blocks of grids: (tensor, left, top of its headings, rows' height); output first.
    blocks = [("output", LABEL_W, 0, row_h)]
    x, top = LABEL_W + T * col_w + GROUP_GAP, 0
    subs = case.layers > 1 or case.bidirectional  # a line under h_n[k] and c_n[k] naming layer and direction
    for name in ("h_n", "c_n"):
        if narrow and (top == 0 or x + states * col_w > NARROWEST):  # below the blocks so far
            x, top = LABEL_W, blocks[-1][2] + GRID_TOP + N * (blocks[-1][3] + ROW_GAP) + BLOCK_GAP
            top -= 0 if subs else 20  # the names on the line their subtitles would take
        blocks.append((name, x, top, row_h if top == 0 else H * NUM_H))  # beside output: its rows' pitch
        x += states * col_w + GROUP_GAP
    width = max(left + (T if name == "output" else states) * col_w for name, left, _t, _h in blocks)
    height = max(top + GRID_TOP + N * (rows + ROW_GAP) for _n, _l, top, rows in blocks) - ROW_GAP + 8
    drawing = Drawing(width, height, uid)

    def cell(name: str, flat: int, x: float, y: float, value: float) -> None:
        meanings = highlights.get((name, flat), [])
        for meaning in meanings:
            if meaning == "trap":
                drawing.hatch(x, y, num_w, NUM_H, meaning)
            else:
                drawing.fill(x, y, num_w, NUM_H, meaning)
        faded = {"fill_opacity": 0.55} if "padding" in meanings else {}
        drawing.text(x + num_w / 2, y + NUM_H - 4, number(value), size=11, mono=True, **faded)

    labelled = set()  # the tops whose sequence numbers are drawn
    for name, x0, top, rows in blocks:
        grid_top = top + GRID_TOP
        if top not in labelled:  # the rows' headings, once per line of blocks
            labelled.add(top)
            drawing.text(LABEL_W - 6, top + 52, _("sequence"), size=11, anchor="end")
            for b in range(N):
                drawing.text(LABEL_W - 26, grid_top + b * (rows + ROW_GAP) + NUM_H - 4, str(b), size=11, mono=True,
                             anchor="end")  # fmt: skip
        if name == "output":
            drawing.text(x0 + T * col_w / 2, top + 16, "output", size=13, mono=True)
            drawing.text(LABEL_W - 6, top + 36, _("time step"), size=11, anchor="end")
            for t in range(T):
                drawing.text(x0 + t * col_w + num_w / 2, top + 36, str(t), size=11, mono=True)
            for b in range(N):
                y0 = grid_top + b * (rows + ROW_GAP)
                if case.bidirectional:
                    drawing.text(LABEL_W - 8, y0 + H * NUM_H / 2 + 4, "→", size=11, anchor="end")
                    drawing.text(LABEL_W - 8, y0 + split + 3 * H * NUM_H / 2 + 4, "←", size=11, anchor="end")
                for t in range(T):
                    for j in range(W):
                        y = y0 + j * NUM_H + (split if j >= H else 0)
                        cell("output", (b * T + t) * W + j, x0 + t * col_w, y, output[b, t, j].item())
            continue
        tensor = h_n if name == "h_n" else c_n
        for k in range(states):
            index = k - states if case.bidirectional else k  # h_n[-2], h_n[-1]: as legend and caption say
            name_y = top + (16 if subs or top == 0 else 36)
            drawing.text(x0 + k * col_w + num_w / 2, name_y, f"{name}[{index}]", size=11, mono=True)
            layer, direction = divmod(k, case.directions)
            sub = _("layer {layer}").format(layer=layer) if case.layers > 1 else ""
            if case.bidirectional:
                sub = ("← " if direction else "→ ") + sub
            if sub:
                drawing.text(x0 + k * col_w + num_w / 2, top + 36, sub.strip(), size=11)
            for b in range(N):
                for j in range(H):
                    y = grid_top + b * (rows + ROW_GAP) + j * NUM_H
                    cell(name, (k * N + b) * H + j, x0 + k * col_w, y, tensor[k, b, j].item())
    items = legend(case, claims, _)
    if narrow:
        alt = _("The values of output, h_n and c_n computed by this build: one row per sequence; output first, one column per time step, then h_n and c_n below it.")  # fmt: skip
    else:
        alt = _("The values of output, h_n and c_n computed by this build: one row per sequence, one column per time step.")  # fmt: skip
    return drawing, items, alt


# -- The LSTM unrolled over time ---------------------------------------------
PITCH, BOX_W, BOX_H, SIDE, ROW_PITCH, ROWS_TOP = 86, 60, 34, 96, 74, 66


def draw_unrolled(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    if case.bidirectional:
        return draw_bidirectional(case, claims, _, uid)
    T, L = case.steps, case.layers
    xs = [SIDE + PITCH / 2 + t * PITCH for t in range(T)]
    cy = {layer: ROWS_TOP + BOX_H / 2 + (L - 1 - layer) * ROW_PITCH for layer in range(L)}  # bottom up
    input_y = ROWS_TOP + L * ROW_PITCH + 12
    drawing = Drawing(2 * SIDE + T * PITCH, input_y + 40, uid)
    band_bottom = 36

    # output: the band every top-layer hidden state goes up into; its last step is h_n[-1].
    drawing.fill(SIDE, 6, T * PITCH, band_bottom - 6, "output", opacity=0.18)
    drawing.fill(xs[-1] - PITCH / 2, 6, PITCH, band_bottom - 6, "final", opacity=0.4)
    drawing.rect(xs[-1] - PITCH / 2, 6, PITCH, band_bottom - 6, fill="none", stroke=COLOURS["final"], stroke_width=2.5)
    for t, x in enumerate(xs):
        drawing.text(x, 26, f"output[:, {t}]", size=11, mono=True)
        drawing.text(x, input_y + 4, f"input[:, {t}]", size=11, mono=True)
    drawing.text(xs[-1] + PITCH / 2 + 6, 26, "= h_n[-1]", size=11, mono=True, anchor="start")
    drawing.text(SIDE + T * PITCH / 2, input_y + 30, _("time step") + " →", size=12)

    for layer, y in cy.items():
        top_layer = layer == L - 1
        label = _("layer {layer}").format(layer=layer)
        for x in xs:
            drawing.rect(x - BOX_W / 2, y - BOX_H / 2, BOX_W, BOX_H, rx=6, fill="currentColor",
                         fill_opacity=0.06, stroke="currentColor")  # fmt: skip
            drawing.text(x, y + 4, label, size=11)
        # State passed along the row: hidden state above, cell state (dashed) below.
        for t in range(T - 1):
            drawing.line([(xs[t] + BOX_W / 2, y - 8), (xs[t + 1] - BOX_W / 2, y - 8)])
            drawing.line([(xs[t] + BOX_W / 2, y + 8), (xs[t + 1] - BOX_W / 2, y + 8)], meaning="cell", dashed=True)
        # The final states leave after the last step, on the right.
        edge = xs[-1] + BOX_W / 2
        drawing.line([(edge, y - 8), (edge + 22, y - 8)], meaning="final" if top_layer else "only-in-h_n", width=2.5)
        drawing.text(edge + 26, y - 4, f"h_n[{layer}]", size=11, mono=True, anchor="start")
        drawing.line([(edge, y + 8), (edge + 22, y + 8)], meaning="cell", dashed=True, width=2)
        drawing.text(edge + 26, y + 14, f"c_n[{layer}]", size=11, mono=True, anchor="start")
        if not top_layer:  # above the h_n label it describes
            drawing.text(edge + 26, y - 20, _("only in h_n"), size=11, anchor="start")

    # Vertical: input into layer 0, each layer into the next, the top layer into output.
    for x in xs:
        below = input_y - 12
        for layer in range(L):
            drawing.line([(x, below), (x, cy[layer] + BOX_H / 2)])
            below = cy[layer] - BOX_H / 2
        drawing.line([(x, below), (x, band_bottom)], meaning="output", width=2)

    if L > 1:
        intro = _("A stack of {layers} LSTM layers unrolled over {steps} time steps, the input at the bottom.")
    else:
        intro = _("An LSTM unrolled over {steps} time steps, the input at the bottom.")
    items = legend(case, [c for c in claims if c.meaning not in ("trap", "padding")], _, first="output")
    return drawing, items, intro.format(steps=T, layers=L)


# One colour per direction: the forward row, its arrows and its half of output in one,
# the backward row and its half in the other; the input between them, so no wire crosses.
BI_PITCH, BI_BOX_W, BI_SIDE, BI_BAND_H = 124, 84, 80, 28


def time_step(claim: Claim, steps: int) -> int:
    """The time step a claim about ``output[:, t, ...]`` speaks of, counted from 0."""
    found = re.fullmatch(r"output\[:, (-?\d+), .*\]", claim.left)
    if found is None:
        raise DiagramError(f"the picture cannot place the claim {claim.left} == {claim.right} on a time step")
    return int(found.group(1)) % steps


def draw_bidirectional(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    T, H = case.steps, case.hidden
    xs = [BI_SIDE + BI_PITCH / 2 + t * BI_PITCH for t in range(T)]
    forward_y, input_y, backward_y = 86, 136, 186
    top_band, bottom_band = 8, backward_y + BOX_H / 2 + 26
    drawing = Drawing(2 * BI_SIDE + T * BI_PITCH, bottom_band + BI_BAND_H + 34, uid)
    rows = [  # (direction's colour, box centre, its half of output, band top, box label)
        ("final", forward_y, f":{H}", top_band, "→ " + _("forward")),
        ("backward", backward_y, f"{H}:", bottom_band, "← " + _("backward")),
    ]
    # Where each direction's final state is in output, which state it is, and the trap: from the checked claims.
    claimed = {claim.meaning: claim for claim in claims}
    last = {meaning: time_step(claimed[meaning], T) for meaning in ("final", "backward")}
    for meaning, y, half, band, label in rows:
        for t, x in enumerate(xs):
            cell_x, cell_w = x - BI_PITCH / 2 + 3, BI_PITCH - 6
            drawing.fill(cell_x, band, cell_w, BI_BAND_H, meaning, opacity=0.4 if t == last[meaning] else 0.14)
            if t == last[meaning]:
                drawing.rect(cell_x, band, cell_w, BI_BAND_H, fill="none", stroke=COLOURS[meaning], stroke_width=2.5)
            drawing.text(x, band + 19, f"output[:, {t}, {half}]", size=11, mono=True)
            drawing.rect(x - BI_BOX_W / 2, y - BOX_H / 2, BI_BOX_W, BOX_H, rx=6, fill=COLOURS[meaning],
                         fill_opacity=0.1, stroke=COLOURS[meaning], stroke_width=1.5)  # fmt: skip
            drawing.text(x, y + 4, label, size=11)
            # Up into the forward half above, down into the backward half below.
            into_band = band + BI_BAND_H if meaning == "final" else band
            drawing.line([(x, y - BOX_H / 2 if meaning == "final" else y + BOX_H / 2), (x, into_band)],
                         meaning=meaning, width=2)  # fmt: skip
        step = 1 if meaning == "final" else -1
        order = range(T - 1) if step == 1 else range(T - 1, 0, -1)
        for t in order:
            a, b = xs[t] + step * BI_BOX_W / 2, xs[t + step] - step * BI_BOX_W / 2
            drawing.line([(a, y - 8), (b, y - 8)], meaning=meaning)
            drawing.line([(a, y + 8), (b, y + 8)], meaning="cell", dashed=True)
        # Final states leave after the direction's last step: right for forward, left for backward.
        state = claimed[meaning].right  # h_n[-2] forward, h_n[-1] backward
        edge = xs[-1] + BI_BOX_W / 2 if step == 1 else xs[0] - BI_BOX_W / 2
        out, anchor = edge + step * 22, "start" if step == 1 else "end"
        drawing.line([(edge, y - 8), (out, y - 8)], meaning=meaning, width=2.5)
        drawing.text(out + step * 4, y - 4, state, size=11, mono=True, anchor=anchor)
        drawing.line([(edge, y + 8), (out, y + 8)], meaning="cell", dashed=True, width=2)
        drawing.text(out + step * 4, y + 14, state.replace("h_n", "c_n"), size=11, mono=True, anchor=anchor)
        # ... and the same values in output, named beside the cell that holds them.
        cell_edge = xs[last[meaning]] + step * (BI_PITCH / 2 - 3)
        drawing.text(cell_edge + step * 6, band + 19, f"= {state}" if step == 1 else f"{state} =", size=11,
                     mono=True, anchor=anchor)  # fmt: skip
    # The trap: the backward half at the last step has read one step only.
    trap = time_step(claimed["trap"], T)
    drawing.hatch(xs[trap] - BI_PITCH / 2 + 3, bottom_band, BI_PITCH - 6, BI_BAND_H, "trap")
    drawing.text(xs[trap] + BI_PITCH / 2 + 3, bottom_band + 19, f"≠ {claimed['trap'].right}", size=11, mono=True,
                 anchor="start")  # fmt: skip
    for x, t in zip(xs, range(T), strict=True):
        drawing.text(x, input_y + 4, f"input[:, {t}]", size=11, mono=True)
        drawing.line([(x - 14, input_y - 10), (x - 14, forward_y + BOX_H / 2)])
        drawing.line([(x + 14, input_y + 8), (x + 14, backward_y - BOX_H / 2)])
    drawing.text(BI_SIDE + T * BI_PITCH / 2, bottom_band + BI_BAND_H + 26, _("time step") + " →", size=12)

    intro = _("A bidirectional LSTM unrolled over {steps} time steps: the forward direction reads from left to right, the backward direction from right to left.")  # fmt: skip
    items = legend(case, [c for c in claims if c.meaning != "padding"], _, first="output-halves")
    return drawing, items, intro.format(steps=T)


# -- Packed variable-length sequences ------------------------------------------
LEFT, RIGHT, PACKED_PITCH, PACKED_COLUMN, PACKED_BOX_W = 84, 96, 64, 100, 88


def draw_packed(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    T, N = case.steps, case.batch
    xs = [LEFT + PACKED_COLUMN / 2 + t * PACKED_COLUMN for t in range(T)]
    ys = [44 + BOX_H / 2 + i * PACKED_PITCH for i in range(N)]
    drawing = Drawing(LEFT + T * PACKED_COLUMN + RIGHT, ys[-1] + BOX_H / 2 + 12, uid)
    drawing.text(LEFT - 6, 22, _("time step"), size=11, anchor="end")
    for t, x in enumerate(xs):
        drawing.text(x, 22, str(t), size=11, mono=True)
    for i, y in enumerate(ys):
        length = case.length(i)
        drawing.text(LEFT - 6, y - 3, _("sequence {index}").format(index=i), size=11, anchor="end")
        drawing.text(LEFT - 6, y + 11, _("length {length}").format(length=length), size=11, anchor="end")
        for t, x in enumerate(xs):
            if t < length:
                drawing.rect(x - PACKED_BOX_W / 2, y - BOX_H / 2, PACKED_BOX_W, BOX_H, rx=6, fill="currentColor",
                             fill_opacity=0.06, stroke="currentColor")  # fmt: skip
                drawing.text(x, y + 4, f"output[{i}, {t}]", size=11, mono=True)
            else:
                drawing.fill(x - PACKED_BOX_W / 2, y - BOX_H / 2, PACKED_BOX_W, BOX_H, "padding", opacity=0.2)
                drawing.rect(x - PACKED_BOX_W / 2, y - BOX_H / 2, PACKED_BOX_W, BOX_H, rx=6, fill="none",
                             stroke="currentColor", stroke_dasharray="4 3", stroke_opacity=0.6)  # fmt: skip
                drawing.text(x, y + 4, _("padding"), size=11, fill_opacity=0.7)
        for t in range(length - 1):
            drawing.line([(xs[t] + PACKED_BOX_W / 2, y), (xs[t + 1] - PACKED_BOX_W / 2, y)])
        # h_n leaves at the sequence's own last step, over any padding.
        start, end = xs[length - 1] + PACKED_BOX_W / 2, xs[-1] + PACKED_BOX_W / 2 + 22
        route = [(start, y), (end, y)] if length == T else [(start, y), (start + 12, y - BOX_H / 2 - 8),
                                                              (end - 12, y - BOX_H / 2 - 8), (end, y)]  # fmt: skip
        drawing.line(route, meaning="final", width=2.5)
        drawing.text(end + 4, y + 4, f"h_n[-1][{i}]", size=11, mono=True, anchor="start")
    intro = _("{count} sequences of lengths {lengths} packed into one batch: each runs only as far as its own length.")
    items = legend(case, claims, _)
    return drawing, items, intro.format(count=N, lengths=number_list(case.lengths, _))


# -- h_n.view(num_layers, 2, N, H) of a stacked bidirectional LSTM ----------------
VIEW_ROW, VIEW_BOX_W, VIEW_BOX_H, VIEW_LEFT, VIEW_GAP = 46, 150, 30, 8, 170


def check_view(case: Case) -> None:
    """What the view pictures' labels say: the view's [-1, 0] is the forward direction (its last
    step), [-1, 1] the backward direction (its step 0)."""
    import torch

    L, D, H = case.layers, case.directions, case.hidden
    values = cases.run(case)
    output, view = values["output"], values["h_n"].view(L, D, *values["h_n"].shape[1:])
    for index, expected, where in (
        (0, output[:, -1, :H], f"output[:, -1, :{H}]"),
        (1, output[:, 0, H:], f"output[:, 0, {H}:]"),
    ):
        if not torch.equal(view[-1, index], expected):
            raise DiagramError(f"h_n.view({L}, {D}, N, H)[-1, {index}] is drawn equal to {where}, but is not")


def view_pair(
    drawing: Drawing,
    _: Gettext,
    k: int,
    sizes: tuple[int, int],
    xs: tuple[float, float],
    y: float,
    meaning: str,
    box_w: float,
) -> str:
    """Row k of h_n and the same row of ``h_n.view(L, D, N, H)``, two boxes at ``xs`` (the wide and the
    narrow view pictures); returns the row's name, its layer and direction, for the caller to place."""
    L, D = sizes
    layer, direction = divmod(k, D)
    for x, label in (
        (xs[0], f"h_n[{k}] = h_n[{k - L * D}]"),
        (xs[1], f"[{layer}, {direction}] = [{layer - L}, {direction}]"),
    ):
        drawing.fill(x, y, box_w, VIEW_BOX_H, meaning, opacity=0.3)
        drawing.rect(x, y, box_w, VIEW_BOX_H, rx=4, fill="none", stroke=COLOURS[meaning])
        drawing.text(x + box_w / 2, y + 19, label, size=11, mono=True)
    arrow, name = ("→", _("forward")) if direction == 0 else ("←", _("backward"))
    return _("layer {layer}").format(layer=layer) + f" · {arrow} {name}"


def draw_view(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    """h_n's rows on the left, the same rows as ``view(L, 2, N, H)[layer, direction]`` on the right."""
    check_view(case)
    L, D = case.layers, case.directions
    rows = L * D
    top = 44
    right_x = VIEW_LEFT + VIEW_BOX_W + VIEW_GAP
    drawing = Drawing(right_x + VIEW_BOX_W + 8, top + rows * VIEW_ROW + 8, uid)
    drawing.text(VIEW_LEFT + VIEW_BOX_W / 2, 20, "h_n", size=13, mono=True)
    drawing.text(right_x + VIEW_BOX_W / 2, 20, f"h_n.view({L}, {D}, N, H)", size=13, mono=True)
    meanings = {(L - 1, 0): "final", (L - 1, 1): "backward"}  # the top layer: slices of output
    for k in range(rows):
        layer, direction = divmod(k, D)
        y = top + (rows - 1 - k) * VIEW_ROW  # the top layer on top, as in the unrolled pictures
        meaning = meanings.get((layer, direction), "only-in-h_n")
        where = view_pair(drawing, _, k, (L, D), (VIEW_LEFT, right_x), y, meaning, VIEW_BOX_W)
        drawing.text(right_x - VIEW_GAP / 2, y + VIEW_BOX_H / 2 - 5, where, size=11)
        drawing.line([(VIEW_LEFT + VIEW_BOX_W + 4, y + VIEW_BOX_H / 2 + 4), (right_x - 4, y + VIEW_BOX_H / 2 + 4)])
    intro = _("How h_n.view(num_layers, 2, N, H) indexes the final hidden states of a {layers}-layer bidirectional LSTM: the first index is the layer, the second the direction.")  # fmt: skip
    items = legend(case, [c for c in claims if c.meaning in ("final", "backward", "only-in-h_n")], _)
    return drawing, items, intro.format(layers=L)


# -- What a PackedSequence holds ------------------------------------------------
PS_CELL, PS_GAP, PS_LEFT, PS_TOP = 50, 10, 100, 56


def packed_rows(case: Case) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """``batch_sizes``, ``sorted_indices`` and what each row of ``data`` is, ``(i, t)`` for ``output[i, t]``:
    checked on the packed output, and each sequence's last row against ``h_n[-1][i]``."""
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    values = cases.run(case)
    output, h_n = values["output"], values["h_n"]
    # The padded output packed again is the LSTM's packed output (pad_packed_sequence undid just this).
    packed = pack_padded_sequence(output, list(case.lengths), batch_first=True, enforce_sorted=False)
    batch_sizes, order = packed.batch_sizes.tolist(), packed.sorted_indices.tolist()
    rows = [(i, t) for t, size in enumerate(batch_sizes) for i in order[:size]]  # what each row of data is
    for row, (i, t) in enumerate(rows):
        if not torch.equal(packed.data[row], output[i, t]):
            raise DiagramError(f"packed data row {row} is drawn as output[{i}, {t}], but is not")
        if t == case.length(i) - 1 and not torch.equal(packed.data[row], h_n[-1][i]):
            raise DiagramError(f"packed data row {row} is drawn as h_n[-1][{i}], but is not")
    return batch_sizes, order, rows


def draw_packed_sequence(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    """The packed output's ``data`` rows, grouped by time step (``batch_sizes``), in ``sorted_indices`` order."""
    batch_sizes, order, rows = packed_rows(case)
    x, xs = PS_LEFT, []
    for size in batch_sizes:
        xs += [x + k * PS_CELL for k in range(size)]
        x += size * PS_CELL + PS_GAP
    drawing = Drawing(x - PS_GAP + 8, PS_TOP + 120, uid)
    data_y, sizes_y = PS_TOP + 24, PS_TOP + 80
    drawing.text(PS_LEFT - 10, data_y + 19, "data", size=12, mono=True, anchor="end")
    drawing.text(PS_LEFT - 10, sizes_y, "batch_sizes", size=12, mono=True, anchor="end")
    drawing.text(PS_LEFT - 10, 16, _("time step"), size=11, anchor="end")
    start = 0
    for t, size in enumerate(batch_sizes):
        left, width = xs[start], size * PS_CELL
        drawing.text(left + width / 2, 16, str(t), size=11, mono=True)
        drawing.rect(left - 3, data_y - 4, width + 6, 36, rx=5, fill="none", stroke="currentColor",
                     stroke_dasharray="4 3", stroke_opacity=0.6)  # fmt: skip
        drawing.text(left + width / 2, sizes_y, str(size), size=12, mono=True)
        start += size
    ends = 0  # final states labelled so far
    for (i, t), cell_x in zip(rows, xs, strict=True):
        last = t == case.length(i) - 1
        drawing.fill(cell_x + 2, data_y, PS_CELL - 4, 28, "final" if last else "output", opacity=0.4 if last else 0.15)
        drawing.text(cell_x + PS_CELL / 2, data_y + 19, f"[{i}, {t}]", size=11, mono=True)
        if last:
            # Alternate heights: two sequences may end in neighbouring cells.
            drawing.text(cell_x + PS_CELL / 2, PS_TOP + 14 - 16 * (ends % 2), f"h_n[-1][{i}]", size=11, mono=True)
            ends += 1
    drawing.text(PS_LEFT - 10, sizes_y + 30, f"sorted_indices = {order}", size=12, mono=True, anchor="start")
    intro = _("What the packed output of {count} sequences of lengths {lengths} holds: data has one row per real time step, [i, t] being output[i, t], grouped by time step; batch_sizes counts each group's rows, sorted_indices orders the sequences longest first.")  # fmt: skip
    items = legend(case, [c for c in claims if c.meaning == "final"], _)
    return drawing, items, intro.format(count=case.batch, lengths=number_list(case.lengths, _))


DRAWINGS = {"unrolled": draw_unrolled, "packed": draw_packed, "tensors": draw_tensors, "view": draw_view,
            "packed-sequence": draw_packed_sequence, "cell": draw_cell}  # fmt: skip
