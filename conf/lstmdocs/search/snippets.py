"""Search result snippets from one file of page texts, instead of every result page.

Sphinx's search page downloads each result's page to cut the snippet shown under it (one
Chinese query fetched 11 pages, 771 KiB). This writes the text of every page once, as
readers see it, beside the search index: ``searchtexts.js``, loaded by the first query
(``search_snippets.js``, which the search page links with the file's checksum, so that
later queries take it from the browser's cache). It holds, for each page, its text and
where each section and glossary entry (the anchors of Sphinx's title and index results)
starts and ends in it, counted in UTF-16 code units as JavaScript counts.

The text leaves out what readers do not read as the page: comments, raw HTML, display
math, sphinx-gallery's download note, download buttons and signature. Inline formulas are
their symbols (the MathML's text, ``(D⋅num_layers,N,H)``), never TeX. The feedback and
notebook links are not in the doctree at all (they are added to the rendered page).

Texts are taken from each page's resolved doctree as it is written (in the main process,
also when pages are written in parallel); pages a rebuild does not rewrite keep the text
of the previous file.
"""

import hashlib
import json
import re
from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx

from lstmdocs import add_static

SCRIPT = Path(__file__).resolve().parent / "static" / "search_snippets.js"
FILENAME = "searchtexts.js"
PREFIX, SUFFIX = "SearchSnippets.setTexts(", ");\n"
# Classes of parts of a page that are not its text (sphinx-gallery's boilerplate).
LEFT_OUT_CLASSES = {"sphx-glr-download-link-note", "sphx-glr-footer", "sphx-glr-signature", "no-search"}
LEFT_OUT_NODES = (nodes.comment, nodes.raw, nodes.math_block, nodes.system_message, nodes.substitution_definition)
# Formulas made only of letters, digits and sub/superscripts read well as their TeX.
SIMPLE_TEX = re.compile(r"^[\w^{}\s,=+-]*$")
WHITESPACE = re.compile(r"\s+")


def plain_tex(formula: nodes.math) -> str:
    """A formula's TeX as plain text: its symbols when simple (``H_{in}`` -> ``H_in``), else ``…``."""
    tex = formula.astext()
    return tex.replace("{", "").replace("}", "").strip() if SIMPLE_TEX.match(tex) else "…"


def mathml_text(mathml: str) -> str:
    """The characters of a MathML formula, as a browser's ``textContent`` gives them."""
    return "".join(ElementTree.fromstring(mathml).itertext())


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class PageText:
    """A page's text with whitespace collapsed, and the span of each anchored part of it."""

    def __init__(self, formula_text=plain_tex) -> None:
        self.parts: list[str] = []
        self.length = 0  # in UTF-16 code units
        self.spans: dict[str, list[int]] = {}
        self.formula_text = formula_text

    def add(self, text: str) -> None:
        text = WHITESPACE.sub(" ", text)
        if text.startswith(" ") and (not self.parts or self.parts[-1].endswith(" ")):
            text = text[1:]
        if text:
            self.parts.append(text)
            self.length += utf16_length(text)

    def walk(self, node: nodes.Node) -> None:
        if isinstance(node, LEFT_OUT_NODES):
            return
        if isinstance(node, nodes.Text):
            self.add(str(node))
            return
        if LEFT_OUT_CLASSES.intersection(node.get("classes", [])):
            return
        if isinstance(node, nodes.math):
            self.add(self.formula_text(node))
            return
        start = self.length
        for child in node.children:
            self.walk(child)
        if isinstance(node, nodes.Body | nodes.title | nodes.term | nodes.definition):
            self.add(" ")  # between blocks, as a page shows them
        self._anchor(node, start)

    def _anchor(self, node: nodes.Element, start: int) -> None:
        """Sections, glossary entries (the term's ids: its text with the definition) and index
        targets (``index-N``, on the element after an ``index`` directive): where results point."""
        if isinstance(node, nodes.section):
            ids = node["ids"]
        elif isinstance(node, nodes.definition_list_item):
            ids = [i for term in node.findall(nodes.term) for i in term["ids"]]
        else:
            ids = [i for i in node.get("ids", []) if i.startswith("index-")]
        for anchor in ids:
            self.spans[anchor] = [start, self.length]

    def result(self) -> list:
        text = "".join(self.parts).rstrip()
        end = utf16_length(text)
        # An empty target (an index entry's) stands for what follows it.
        spans = {anchor: [start, stop if stop > start else end] for anchor, (start, stop) in self.spans.items()}
        return [
            text,
            {anchor: [start, min(stop, end)] for anchor, (start, stop) in sorted(spans.items()) if start < end},
        ]


def page_text(doctree: nodes.Node, formula_text=plain_tex) -> list:
    """``[text, {anchor: [start, end]}]`` of a page."""
    page = PageText(formula_text)
    page.walk(doctree)
    return page.result()


def _formula_text(app: Sphinx):
    """What readers see of an inline formula: the MathML's characters where the site renders MathML."""
    if app.builder.math_renderer_name != "mathml":
        return plain_tex
    from lstmdocs.html.mathml import inline_mathml

    return lambda formula: mathml_text(inline_mathml(app.builder, formula))


def _searched(app: Sphinx) -> bool:
    return app.builder.format == "html" and bool(getattr(app.builder, "search", False))


_TEXTS: dict[str, dict[str, list]] = {}  # outdir -> docname -> text, of the pages written in this build
_URLS: dict[str, str] = {}  # outdir -> the texts file's URL, with its checksum


def _collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if _searched(app):
        _TEXTS.setdefault(str(app.outdir), {})[docname] = page_text(doctree, _formula_text(app))


def read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8").removeprefix(PREFIX).removesuffix(SUFFIX))
    except (OSError, ValueError):
        return {}


def dumps(texts: dict) -> str:
    return PREFIX + json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + SUFFIX


def _write(app: Sphinx) -> list:
    """The texts of the pages written now, and the previous file's texts of the others."""
    if not _searched(app):
        return []
    path = Path(app.outdir) / FILENAME
    texts = {**read(path), **_TEXTS.pop(str(app.outdir), {})}
    docs = set(app.env.all_docs)
    data = dumps({docname: texts[docname] for docname in sorted(texts) if docname in docs})
    if not path.is_file() or path.read_text(encoding="utf-8") != data:
        path.write_text(data, encoding="utf-8")
    _URLS[str(app.outdir)] = f"{FILENAME}?v={hashlib.sha256(data.encode()).hexdigest()[:8]}"
    return []  # no pages of its own


def _add_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename == "search" and _searched(app):
        app.add_js_file(SCRIPT.name, **{"data-texts": _URLS[str(app.outdir)]})


def setup(app: Sphinx) -> dict:
    add_static(app, SCRIPT)
    app.connect("doctree-resolved", _collect)
    app.connect("html-collect-pages", _write)
    app.connect("html-page-context", _add_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
