"""The ``{lstm-explainer}`` directive: the step-through explainer's place and its words.

The content is the widget's words, one ``key: text`` a line (``widgets.words``), translated
with the page::

    ```{lstm-explainer}
    previous: Previous step
    status: Step {step} of {total}
    ```

The HTML is one ``<div class="lstm-explainer">`` holding the words (as JSON, in the build's
language) and a line shown until the script (``_static/explainer/explainer.js``) replaces it.
"""

import json
from html import escape
from pathlib import Path
from posixpath import dirname, relpath

from docutils import nodes
from sphinx.application import Sphinx

from lstmdocs import add_static
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


class lstm_explainer(nodes.General, nodes.Element):
    """The widget's place; its children are its words, one paragraph each."""


class LSTMExplainer(WidgetWords):
    def run(self) -> list[nodes.Node]:
        node = lstm_explainer()
        self.set_source_info(node)
        node += self.words()
        if FIRST_LINE not in plain_words(node):
            raise self.fail(f"no `{FIRST_LINE}: ...` line")
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
