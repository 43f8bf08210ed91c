"""The ``{lstm-explainer}`` directive: the step-through explainer's place and its words.

The content is a list of the widget's strings, each item a key in inline code and then the
text, so the strings are ordinary paragraphs of the page, extracted and translated with it::

    ```{lstm-explainer}
    - `previous` Previous step
    - `status` Step {step} of {total}
    ```

The HTML is one ``<div class="lstm-explainer">`` holding the strings (as JSON, in the build's
language) and a line shown until the script (``_static/explainer/explainer.js``) replaces it.
"""

import json
from html import escape
from pathlib import Path
from posixpath import dirname, relpath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from lstmdocs import add_static
from lstmdocs.widgets.explainer.trace import CONFIGS

FIRST_LINE = "noscript"  # the key of the line shown before the script runs


class ExplainerError(SphinxError):
    category = "LSTM explainer error"


class lstm_explainer(nodes.General, nodes.Element):
    """The widget's place; its children are the list of strings."""


class LSTMExplainer(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = lstm_explainer()
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        lists = [child for child in node.children if isinstance(child, nodes.bullet_list)]
        if len(lists) != 1 or len(node.children) != 1:
            raise self.error("lstm-explainer: the content must be one list of `key` text items")
        strings(node)  # a malformed item fails the build here, naming the file and line
        return [node]


def strings(node: lstm_explainer) -> dict[str, str]:
    found = {}
    for item in node.findall(nodes.list_item):
        literal = next(item.findall(nodes.literal), None)
        text = item.astext().strip()
        if literal is None or not text.startswith(literal.astext()):
            raise ExplainerError(f"{node.source}:{node.line}: an item must start with its `key`: {text!r}")
        found[literal.astext()] = text[len(literal.astext()) :].strip()
    if FIRST_LINE not in found:
        raise ExplainerError(f"{node.source}:{node.line}: no `{FIRST_LINE}` item")
    return found


def visit_html(self, node: lstm_explainer) -> None:
    words = strings(node)
    data = escape(json.dumps(words, ensure_ascii=False, sort_keys=True))
    # The page opens on the first configuration: its trace is fetched with the page (and weighed with it).
    first_trace = relpath(
        f"_static/explainer/traces/{CONFIGS[0].name}.js", dirname(self.builder.current_docname) or "."
    )
    self.body.append(
        f'<link rel="preload" href="{first_trace}" as="script">\n'
        f'<div class="lstm-explainer" id="lstm-explainer" data-strings="{data}">'
        f'<p class="lstm-explainer__noscript">{escape(words[FIRST_LINE])}</p></div>\n'
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
