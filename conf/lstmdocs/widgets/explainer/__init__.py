"""The ``{lstm-explainer}`` directive: the step-through explainer's place and its words.

The content is the widget's words, one ``key: text`` a line (``widgets.words``), translated
with the page::

    ```{lstm-explainer}
    previous: Previous step
    status: Step {step} of {total}
    ```

The HTML is one ``<div class="lstm-explainer">`` holding the words (as JSON, in the build's
language) and a line shown until the script (``_static/explainer/explainer.js``) replaces it,
and a ``<template>`` with the LSTM cell the equations page draws (``lstmdocs.pictures.cell``),
spaced for the numbers the script writes on its wires (``<text data-slot="…">``, one per wire).
"""

import json
import re
from html import escape
from pathlib import Path
from posixpath import dirname, relpath

from docutils import nodes
from sphinx.application import Sphinx

from lstmdocs import add_static
from lstmdocs.pictures.cell import GATES, Geometry, draw_skeleton
from lstmdocs.pictures.svg import MONO, Drawing
from lstmdocs.widgets.explainer.trace import CONFIGS
from lstmdocs.widgets.words import WidgetWords, plain_words

FIRST_LINE = "noscript"  # the key of the line shown before the script runs
# The trace of the configuration the address names (?config=, else the first one) starts loading
# while the page is still read, and only that one: a fixed preload of the first one went unused,
# with a warning, when the address named another. explainer.js picks the configuration the same way.
PRELOAD_TRACE = (
    "(() => {"
    'const names = JSON.parse(document.getElementById("lstm-explainer").dataset.configs);'
    'const asked = new URLSearchParams(location.search).get("config");'
    'const link = Object.assign(document.createElement("link"), {rel: "preload", as: "script"});'
    'link.href = %s + (names.includes(asked) ? asked : names[0]) + ".js";'
    "document.head.append(link);"
    "})();"
)


CELL_ALT = "cell"  # the key of the cell picture's text alternative
# The cell's rows spaced so that three numbers fit on each wire: above c_{t-1}, c_t and h_t,
# beside each gate's output, below h_{t-1}, beside x_t.
CELL = Geometry(c_y=52, mix_y=100, out_y=156, gate_y=223, bar_y=285)
LINE = 12  # px between the numbers of one wire


def cell_slots(geometry: Geometry = CELL) -> dict[str, tuple[float, float]]:
    """Where the script writes each wire's numbers: the first baseline, left-aligned."""
    gates_top = geometry.gate_y - 13 - 6 - 2 * LINE
    return {
        "c_prev": (8, geometry.c_y - 34),
        "c": (GATES["o"][0] + 6, geometry.c_y - 34),
        "h": (GATES["o"][0] + 24, geometry.out_y - 36),
        **{name: (x + 4, gates_top) for name, (x, _squash) in GATES.items()},
        "h_prev": (8, geometry.bar_y + 36),
        "x": (geometry.mix_x + 14, geometry.bar_y + 36),
    }


def cell_template(alt: str) -> str:
    drawing = Drawing(CELL.width, CELL.bar_y + 76, "lstm-explainer-cell")
    draw_skeleton(drawing, CELL)
    for slot, (x, y) in cell_slots().items():
        drawing.shapes.append(
            f'<text data-slot="{slot}" x="{x:g}" y="{y:g}" font-size="11" font-family="{MONO}"'
            ' fill="currentColor"></text>'
        )
    svg = drawing.svg(alt)
    # Only the markers the cell uses (the drawing defines one per colour of every picture).
    used = set(re.findall(r"url\(#([\w-]+)\)", "".join(drawing.shapes)))
    svg = re.sub(r'<(marker|pattern) id="([\w-]+)".*?</\1>', lambda m: m.group(0) if m.group(2) in used else "", svg)
    return f'<template id="lstm-explainer-cell">{svg}</template>'


class lstm_explainer(nodes.General, nodes.Element):
    """The widget's place; its children are its words, one paragraph each."""


class LSTMExplainer(WidgetWords):
    def run(self) -> list[nodes.Node]:
        node = lstm_explainer()
        self.set_source_info(node)
        node += self.words()
        for key in (FIRST_LINE, CELL_ALT):
            if key not in plain_words(node):
                raise self.fail(f"no `{key}: ...` line")
        return [node]


def strings(node: lstm_explainer) -> dict[str, str]:
    return plain_words(node)


def visit_html(self, node: lstm_explainer) -> None:
    words = strings(node)
    data = escape(json.dumps(words, ensure_ascii=False, sort_keys=True))
    configs = escape(json.dumps([config.name for config in CONFIGS]))  # the script's menu, from trace.CONFIGS
    traces = relpath("_static/explainer/traces", dirname(self.builder.current_docname) or ".") + "/"
    # data-fetches: what a first visit fetches besides the page's links (tools/page_weight.py weighs it).
    self.body.append(
        f'<div class="lstm-explainer" id="lstm-explainer" data-strings="{data}" data-configs="{configs}"'
        f' data-fetches="{traces}{CONFIGS[0].name}.js">'
        f'<p class="lstm-explainer__noscript">{escape(words[FIRST_LINE])}</p></div>\n'
        f"<script>{PRELOAD_TRACE % json.dumps(traces)}</script>\n"
        f"{cell_template(words[CELL_ALT])}\n"
    )
    raise nodes.SkipNode


def skip(self, node: lstm_explainer) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_node(lstm_explainer, html=(visit_html, None), latex=(skip, None), text=(skip, None),
                 man=(skip, None), texinfo=(skip, None))  # fmt: skip
    app.add_directive("lstm-explainer", LSTMExplainer)
    add_static(app, Path(__file__).resolve().parent / "static")  # explainer/*.js, *.css: linked by page_assets
    return {"parallel_read_safe": True, "parallel_write_safe": True}
