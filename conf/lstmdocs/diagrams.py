"""Diagrams of what ``nn.LSTM`` returns, drawn by the build in the page's language.

Usage in a MyST page (the content, optional, becomes the caption)::

    ```{lstm-diagram} unrolled
    :layers: 2
    The caption.
    ```

Kinds: ``unrolled`` (the LSTM over time; ``:layers:`` or ``:bidirectional:``),
``packed`` (variable-length sequences, ``:lengths: 4 2 3``), ``tensors`` (the
values of ``output``, ``h_n`` and ``c_n`` as grids; any of the options) and
``cell`` (the gates of one step, ``cell_diagram.py``; no options).

The picture is made when a page is written, not read, so each language build
draws its own: labels come from the ``lstmdocs`` catalogue
(``<locale_dir>/<language>/LC_MESSAGES/lstmdocs.po``; the gettext builder
extracts ``lstmdocs.pot`` from the ``_("...")`` calls below). The values come
from running torch (`lstm_cases`), and every highlighted relationship is checked
with ``torch.equal`` before it is drawn: a false one fails the build.
"""

import gettext
import hashlib
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import CatalogInfo

from lstmdocs import lstm_cases
from lstmdocs.cell_diagram import draw_cell
from lstmdocs.device import torch_version
from lstmdocs.lstm_cases import Case, Claim, ClaimError
from lstmdocs.svg import Drawing, swatch

CATALOGUE = "lstmdocs"
STATIC = Path(__file__).resolve().parent / "static"
Gettext = Callable[[str], str]
MESSAGE_SOURCES = [__file__, str(Path(__file__).with_name("cell_diagram.py"))]  # the modules with _("...") labels
_TRANSLATIONS: dict[str, gettext.NullTranslations] = {}  # language -> catalogue


class DiagramError(SphinxError):
    category = "LSTM diagram error"


class lstm_diagram(nodes.General, nodes.Element):
    """Placeholder for a picture, drawn by the writer in the build's language."""


# -- Messages ------------------------------------------------------------------
def messages() -> list[tuple[int, str]]:
    """(line, msgid) of every ``_("...")`` in this module: what the catalogue must hold."""
    from babel.messages.extract import extract_from_file

    return [
        (line, msg)
        for source in MESSAGE_SOURCES
        for line, msg, _c, _x in extract_from_file("python", source, keywords={"_": None})
    ]


def describe(meaning: str, case: Case, _: Gettext) -> str:
    """What a highlight means, for the legend and the alt text."""
    if meaning == "output":
        if case.bidirectional:
            return _("output: both directions' hidden states at every time step, side by side")
        return _("output: the top layer's hidden state at every time step")
    if meaning == "final":
        if case.lengths is not None:
            return _("each sequence's final hidden state, taken at its own last step")
        if case.bidirectional:
            return _("the forward direction's final state, after the last time step")
        return _("the hidden state after the last time step, in output and in h_n")
    if meaning == "backward":
        return _("the backward direction's final state: it ends at time step 0")
    if meaning == "trap":
        if case.lengths is not None:
            return _("the trap: the last time step is padding for every shorter sequence")
        if case.bidirectional:
            return _("the trap: at the last time step the backward direction has read one step only")
        return _("the trap: the last sequence of the batch, not the last time step")
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
        code = "; ".join(left + (sign + right if right else "") for left, right in pairs)
        html = "; ".join(
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
NUM_W, NUM_H, COL_GAP, ROW_GAP, GROUP_GAP, LABEL_W, GRID_TOP = 46, 16, 6, 10, 22, 70, 58


def number(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "\u2212")


def draw_tensors(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    values = lstm_cases.run(case)
    output, h_n, c_n = values["output"], values["h_n"], values["c_n"]
    N, T, W = output.shape
    H, states = case.hidden, h_n.shape[0]
    highlights: dict[tuple[str, int], list[str]] = {}
    shapes = {name: tensor.shape for name, tensor in values.items()}
    for claim in claims:
        sides = [claim.left] + ([claim.right] if claim.meaning in ("final", "backward") else [])
        for expression in sides:
            name = expression.split("[", 1)[0]
            for flat in lstm_cases.positions(expression, shapes):
                highlights.setdefault((name, flat), []).append(claim.meaning)

    split = 4 if case.bidirectional else 0  # a gap between the two directions' halves
    row_h = W * NUM_H + split
    row_top = [GRID_TOP + b * (row_h + ROW_GAP) for b in range(N)]
    col_w = NUM_W + COL_GAP
    out_x = LABEL_W
    h_x = out_x + T * col_w + GROUP_GAP
    c_x = h_x + states * col_w + GROUP_GAP
    width = c_x + states * col_w
    height = row_top[-1] + row_h + 8
    drawing = Drawing(width, height, uid)

    def cell(name: str, flat: int, x: float, y: float, value: float) -> None:
        meanings = highlights.get((name, flat), [])
        for meaning in meanings:
            if meaning == "trap":
                drawing.hatch(x, y, NUM_W, NUM_H, meaning)
            else:
                drawing.fill(x, y, NUM_W, NUM_H, meaning)
        faded = {"fill_opacity": 0.55} if "padding" in meanings else {}
        drawing.text(x + NUM_W / 2, y + NUM_H - 4, number(value), size=11, mono=True, **faded)

    # Headers: the tensors, the time steps, the sequences (rows).
    drawing.text(out_x + T * col_w / 2, 16, "output", size=13, mono=True)
    drawing.text(LABEL_W - 6, 36, _("time step"), size=11, anchor="end")
    drawing.text(LABEL_W - 6, 52, _("sequence"), size=11, anchor="end")
    for t in range(T):
        drawing.text(out_x + t * col_w + NUM_W / 2, 36, str(t), size=11, mono=True)
    for name, x0 in (("h_n", h_x), ("c_n", c_x)):
        for k in range(states):
            drawing.text(x0 + k * col_w + NUM_W / 2, 16, f"{name}[{k}]", size=11, mono=True)
            layer, direction = divmod(k, case.directions)
            sub = _("layer {layer}").format(layer=layer) if case.layers > 1 else ""
            if case.bidirectional:
                sub = ("← " if direction else "→ ") + sub
            drawing.text(x0 + k * col_w + NUM_W / 2, 36, sub.strip(), size=10)

    for b in range(N):
        top = row_top[b]
        drawing.text(LABEL_W - 26, top + NUM_H - 4, str(b), size=11, mono=True, anchor="end")
        if case.bidirectional:
            drawing.text(LABEL_W - 8, top + H * NUM_H / 2 + 4, "→", size=11, anchor="end")
            drawing.text(LABEL_W - 8, top + split + 3 * H * NUM_H / 2 + 4, "←", size=11, anchor="end")
        for t in range(T):
            for j in range(W):
                y = top + j * NUM_H + (split if j >= H else 0)
                cell("output", (b * T + t) * W + j, out_x + t * col_w, y, output[b, t, j].item())
        for name, x0, tensor in (("h_n", h_x, h_n), ("c_n", c_x, c_n)):
            for k in range(states):
                for j in range(H):
                    y = top + j * NUM_H
                    cell(name, (k * N + b) * H + j, x0 + k * col_w, y, tensor[k, b, j].item())
    items = legend(case, claims, _)
    alt = _("The values of output, h_n and c_n computed by this build: one row per sequence, one column per time step.")
    return drawing, items, alt


# -- The LSTM unrolled over time ---------------------------------------------
PITCH, BOX_W, BOX_H, SIDE, ROW_PITCH, ROWS_TOP = 86, 60, 34, 96, 74, 66


def draw_unrolled(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    T, D, L = case.steps, case.directions, case.layers
    rows = [(layer, direction) for layer in range(L) for direction in range(D)]  # bottom up
    xs = [SIDE + PITCH / 2 + t * PITCH for t in range(T)]
    cy = {row: ROWS_TOP + BOX_H / 2 + (len(rows) - 1 - i) * ROW_PITCH for i, row in enumerate(rows)}
    input_y = ROWS_TOP + len(rows) * ROW_PITCH + 12
    drawing = Drawing(2 * SIDE + T * PITCH, input_y + 40, uid)
    band_bottom = 36

    # output: the band every top-layer hidden state goes up into.
    drawing.fill(SIDE, 6, T * PITCH, band_bottom - 6, "output", opacity=0.18)
    for t, x in enumerate(xs):
        drawing.text(x, 26, f"output[:, {t}]", size=11, mono=True)
        drawing.text(x, input_y + 4, f"input[:, {t}]", size=11, mono=True)
    drawing.text(SIDE + T * PITCH / 2, input_y + 30, _("time step") + " →", size=12)

    for (layer, direction), y in cy.items():
        k = layer * D + direction
        top_layer = layer == L - 1
        label = _("layer {layer}").format(layer=layer)
        if D == 2:
            label = "← " + _("backward") if direction else "→ " + _("forward")
        for x in xs:
            drawing.rect(x - BOX_W / 2, y - BOX_H / 2, BOX_W, BOX_H, rx=6, fill="currentColor",
                         fill_opacity=0.06, stroke="currentColor")  # fmt: skip
            drawing.text(x, y + 4, label, size=10)
        # State passed along the row: hidden state above, cell state (dashed) below.
        step = -1 if direction else 1
        for t in range(T - 1):
            a, b = (xs[t + 1], xs[t]) if direction else (xs[t], xs[t + 1])
            drawing.line([(a + step * BOX_W / 2, y - 8), (b - step * BOX_W / 2, y - 8)])
            drawing.line([(a + step * BOX_W / 2, y + 8), (b - step * BOX_W / 2, y + 8)], meaning="cell", dashed=True)
        # The final states leave after the row's last step: the right end, or the left end backwards.
        edge = xs[0] - BOX_W / 2 if direction else xs[-1] + BOX_W / 2
        out = edge - 22 if direction else edge + 22
        anchor, text_x = ("end", out - 4) if direction else ("start", out + 4)
        meaning = "backward" if direction else ("final" if top_layer else "only-in-h_n")
        drawing.line([(edge, y - 8), (out, y - 8)], meaning=meaning, width=2.5)
        drawing.text(text_x, y - 4, f"h_n[{k}]", size=11, mono=True, anchor=anchor)
        drawing.line([(edge, y + 8), (out, y + 8)], meaning="cell", dashed=True, width=2)
        drawing.text(text_x, y + 14, f"c_n[{k}]", size=11, mono=True, anchor=anchor)
        if not top_layer:
            drawing.text(text_x, y + 30, _("only in h_n"), size=10, anchor=anchor)

    # Vertical: input into layer 0, each layer into the next, the top layer into output.
    for x in xs:
        if D == 1:
            below = input_y - 12
            for layer in range(L):
                y = cy[(layer, 0)]
                drawing.line([(x, below), (x, y + BOX_H / 2)])
                below = y - BOX_H / 2
            drawing.line([(x, below), (x, band_bottom)], meaning="output", width=2)
            continue
        forward, backward = cy[(0, 0)], cy[(0, 1)]
        f_top, f_bottom, b_top, b_bottom = (forward - BOX_H / 2, forward + BOX_H / 2,
                                            backward - BOX_H / 2, backward + BOX_H / 2)  # fmt: skip
        detour = BOX_W / 2 + 8
        drawing.line([(x + 12, input_y - 12), (x + 12, f_bottom)])
        drawing.line([(x - 12, input_y - 12), (x - 12, f_bottom + 10), (x - detour, f_bottom + 10),
                      (x - detour, f_top - 10), (x - 12, f_top - 10), (x - 12, b_bottom)])  # fmt: skip
        drawing.line([(x + 12, f_top), (x + 12, f_top - 10), (x + detour, f_top - 10), (x + detour, b_top - 10),
                      (x + 8, b_top - 10), (x + 8, band_bottom)], meaning="output", width=2)  # fmt: skip
        drawing.line([(x - 8, b_top), (x - 8, band_bottom)], meaning="output", width=2)

    if D == 2:
        intro = _("A bidirectional LSTM unrolled over {steps} time steps: the forward direction reads from left to right, the backward direction from right to left.")  # fmt: skip
    elif L > 1:
        intro = _("A stack of {layers} LSTM layers unrolled over {steps} time steps, the input at the bottom.")
    else:
        intro = _("An LSTM unrolled over {steps} time steps, the input at the bottom.")
    items = legend(case, [c for c in claims if c.meaning not in ("trap", "padding")], _, first="output")
    return drawing, items, intro.format(steps=T, layers=L)


# -- Packed variable-length sequences ------------------------------------------
LEFT, RIGHT, PACKED_PITCH, PACKED_BOX_W = 84, 96, 64, 72


def draw_packed(case: Case, claims: list[Claim], _: Gettext, uid: str) -> tuple[Drawing, list, str]:
    T, N = case.steps, case.batch
    xs = [LEFT + PITCH / 2 + t * PITCH for t in range(T)]
    ys = [44 + BOX_H / 2 + i * PACKED_PITCH for i in range(N)]
    drawing = Drawing(LEFT + T * PITCH + RIGHT, ys[-1] + BOX_H / 2 + 12, uid)
    drawing.text(LEFT - 6, 22, _("time step"), size=11, anchor="end")
    for t, x in enumerate(xs):
        drawing.text(x, 22, str(t), size=11, mono=True)
    for i, y in enumerate(ys):
        length = case.length(i)
        drawing.text(LEFT - 6, y - 3, _("sequence {index}").format(index=i), size=11, anchor="end")
        drawing.text(LEFT - 6, y + 11, _("length {length}").format(length=length), size=10, anchor="end")
        for t, x in enumerate(xs):
            if t < length:
                drawing.rect(x - PACKED_BOX_W / 2, y - BOX_H / 2, PACKED_BOX_W, BOX_H, rx=6, fill="currentColor",
                             fill_opacity=0.06, stroke="currentColor")  # fmt: skip
                drawing.text(x, y + 4, f"output[{i}, {t}]", size=9.5, mono=True)
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
    return drawing, items, intro.format(count=N, lengths=", ".join(map(str, case.lengths)))


DRAWINGS = {"unrolled": draw_unrolled, "packed": draw_packed, "tensors": draw_tensors, "cell": draw_cell}


# -- Sphinx ---------------------------------------------------------------------
def case_of(node: lstm_diagram) -> Case:
    lengths = node.get("lengths")
    return Case(layers=node["layers"], bidirectional=node["bidirectional"], lengths=tuple(lengths) if lengths else None)


def render(node: lstm_diagram, language: str) -> str:
    """The figure's HTML body: the picture, named by its alt text, and its legend."""
    _ = _TRANSLATIONS.get(language, gettext.NullTranslations()).gettext
    case = case_of(node)
    try:
        claims = lstm_cases.checked_claims(case)
        drawing, items, intro = DRAWINGS[node["kind"]](case, claims, _, node["uid"])  # the cell checks its own
    except ClaimError as error:
        raise DiagramError(f"{node.source}:{node.line}: {error}") from error
    alt = " ".join([intro, *(_("{sentence}.").format(sentence=text) for _m, _h, text in items)])
    rows = "".join(
        f'<li class="lstm-diagram__legend-item">{swatch(meaning, meaning == "trap")} {html}</li>'
        for meaning, html, _t in items
    )
    return f'{drawing.svg(alt)}<ul class="lstm-diagram__legend">{rows}</ul>'


def lengths_option(argument: str) -> list[int]:
    values = [directives.positive_int(value) for value in argument.replace(",", " ").split()]
    if not values:
        raise ValueError("give the sequence lengths, e.g. 4 2 3")
    return values


class LSTMDiagram(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict] = {
        "layers": directives.positive_int,
        "bidirectional": directives.flag,
        "lengths": lengths_option,
    }

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in DRAWINGS:
            raise self.error(f"lstm-diagram: unknown kind {kind!r}; use one of {sorted(DRAWINGS)}")
        bidirectional = "bidirectional" in self.options
        layers, lengths = self.options.get("layers", 1), self.options.get("lengths")
        if (kind == "packed" and lengths is None) or (kind == "unrolled" and lengths is not None):
            raise self.error("lstm-diagram: 'packed' needs ':lengths:'; 'unrolled' takes none (use 'packed')")
        if kind == "cell" and (lengths is not None or bidirectional or layers > 1):
            raise self.error("lstm-diagram: the cell picture draws one step of one layer; it takes no options")
        if lengths is not None and (bidirectional or layers > 1):
            raise self.error("lstm-diagram: packed pictures draw one layer, one direction")
        if kind == "unrolled" and bidirectional and layers > 1:
            raise self.error("lstm-diagram: the unrolled picture draws one bidirectional layer")
        uid = f"lstm-diagram-{self.env.new_serialno('lstm-diagram')}"
        pages_with_pictures(self.env).add(self.env.docname)
        node = lstm_diagram(kind=kind, layers=layers, bidirectional=bidirectional, lengths=lengths, uid=uid)
        figure = nodes.figure("", node, classes=["lstm-diagram"], ids=[uid])
        self.set_source_info(node)
        self.set_source_info(figure)
        if self.content:
            parsed = nodes.Element()
            self.state.nested_parse(self.content, self.content_offset, parsed)
            paragraph = parsed[0]
            if not isinstance(paragraph, nodes.paragraph) or len(parsed) > 1:
                raise self.error("lstm-diagram: the content is the caption, one paragraph")
            caption = nodes.caption(paragraph.rawsource, "", *paragraph.children)
            caption.source, caption.line = paragraph.source, paragraph.line
            figure += caption
        return [figure]


def visit_html(self, node: lstm_diagram) -> None:
    self.body.append(render(node, self.config.language))
    raise nodes.SkipNode


def skip(self, node: lstm_diagram) -> None:
    raise nodes.SkipNode


def add_static(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))


def load_catalogue(app: Sphinx, config: Config) -> None:
    """Compile (when stale) and load this language's ``lstmdocs`` catalogue, if any."""
    language = config.language
    translations = gettext.NullTranslations()
    for directory in config.locale_dirs:
        info = CatalogInfo(Path(app.srcdir, directory, language, "LC_MESSAGES"), CATALOGUE, config.source_encoding)
        if info.po_path.is_file():
            if info.is_outdated():
                info.write_mo(language)
            with open(info.mo_path, "rb") as mo:  # not gettext.translation(): it caches stale files
                translations = gettext.GNUTranslations(mo)
            break
    _TRANSLATIONS[language] = translations


def extract_messages(app: Sphinx) -> None:
    """The gettext builder writes ``lstmdocs.pot`` beside the pages' catalogues."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    for line, message in messages():
        app.builder.catalogs[CATALOGUE].add(message, MsgOrigin(__file__, line))


# -- Redraw when what the pictures depend on changes, not only their page --------
def pages_with_pictures(env) -> set[str]:
    if not hasattr(env, "lstm_diagram_pages"):
        env.lstm_diagram_pages = set()
    return env.lstm_diagram_pages


def signature(app: Sphinx) -> str:
    """The drawing code, torch's version and this language's labels."""
    digest = hashlib.sha256(torch_version().encode())
    here = Path(__file__).resolve().parent
    sources = [here / "diagrams.py", here / "cell_diagram.py", here / "lstm_cases.py", here / "svg.py"]
    sources += [
        Path(app.srcdir, d, app.config.language, "LC_MESSAGES", f"{CATALOGUE}.po") for d in app.config.locale_dirs
    ]
    for source in sources:
        if source.is_file():
            digest.update(source.read_bytes())
    return digest.hexdigest()


def outdated_pictures(app: Sphinx, env, added, changed, removed) -> list[str]:
    current, previous = signature(app), getattr(env, "lstm_diagram_signature", None)
    env.lstm_diagram_signature = current
    return sorted(pages_with_pictures(env)) if previous not in (None, current) else []


def purge_page(app: Sphinx, env, docname: str) -> None:
    pages_with_pictures(env).discard(docname)


def merge_pages(app: Sphinx, env, docnames, other) -> None:
    pages_with_pictures(env).update(pages_with_pictures(other) & set(docnames))


def setup(app: Sphinx) -> dict:
    app.add_node(lstm_diagram, html=(visit_html, None), latex=(skip, None), text=(skip, None),
                 man=(skip, None), texinfo=(skip, None))  # fmt: skip
    app.add_directive("lstm-diagram", LSTMDiagram)
    app.connect("config-inited", load_catalogue)
    app.connect("config-inited", add_static)
    app.add_css_file("lstm-diagrams.css")
    app.connect("builder-inited", extract_messages)
    app.connect("env-get-outdated", outdated_pictures)
    app.connect("env-purge-doc", purge_page)
    app.connect("env-merge-info", merge_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
