"""The shape explorer widget: a form and the texts its script shows, from one directive.

The page gives every word of the widget as directive content, one ``key: text`` a
line (``widgets.words``), translated with the page. The HTML writer renders the translated paragraphs into ``templates/lstm-explorer.html``,
which holds the form's structure. The template must use every text it is given and
the page must give every text it uses: either mistake stops the build, naming the page.
"""

from pathlib import Path

import jinja2
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from lstmdocs import add_static
from lstmdocs.widgets.words import WidgetWords

HERE = Path(__file__).resolve().parent
TEMPLATE = "lstm-explorer.html"
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    undefined=jinja2.StrictUndefined,  # a text the page does not give is an error, not a blank
    autoescape=False,  # the texts are HTML already, rendered by Sphinx's writer
    keep_trailing_newline=True,
)


class lstm_explorer(nodes.General, nodes.Element):  # noqa: N801  (docutils names nodes in lower case)
    """The widget; its children are the texts, one paragraph each, with a ``key``."""


class _Texts(dict):
    """The texts by key, remembering which ones the template used."""

    def __init__(self, texts: dict[str, str], where: str) -> None:
        super().__init__(texts)
        self.where = where
        self.used: set[str] = set()

    def __getitem__(self, key: str) -> str:
        if key not in self:
            raise ExtensionError(f"{self.where}: the explorer gives no text for {key!r} (a line `{key}: ...`)")
        self.used.add(key)
        return super().__getitem__(key)


class LstmExplorer(WidgetWords):
    def run(self) -> list[nodes.Node]:
        widget = lstm_explorer()
        self.set_source_info(widget)
        widget += self.words()  # the template checks that it uses each of them
        return [widget]


def render(texts: dict[str, str], where: str) -> str:
    """The widget's HTML from the translated texts, by the template (``where``: page and line, for errors)."""
    known = _Texts(texts, where)
    html = _TEMPLATES.get_template(TEMPLATE).render(text=known)
    unused = sorted(set(texts) - known.used)
    if unused:
        raise ExtensionError(f"{where}: the explorer template does not use the texts {unused}")
    return html


def _visit_html(translator, node: lstm_explorer) -> None:
    texts = {}
    for paragraph in node.children:
        start = len(translator.body)
        for child in paragraph.children:
            child.walkabout(translator)
        texts[paragraph["key"]] = "".join(translator.body[start:]).strip()
        del translator.body[start:]
    translator.body.append(render(texts, f"{node.source}:{node.line}"))
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_node(lstm_explorer, html=(_visit_html, None))
    app.add_directive("lstm-explorer", LstmExplorer)
    add_static(app, HERE / "static")  # explorer/*.js, *.css: linked by page_assets
    return {"parallel_read_safe": True, "parallel_write_safe": True}
