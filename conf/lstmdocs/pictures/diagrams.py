"""The ``{lstm-diagram}`` directive: pictures of what ``nn.LSTM`` returns, drawn by the build in the page's language.

Usage in a MyST page (the content, optional, becomes the caption)::

    ```{lstm-diagram} unrolled
    :layers: 2
    The caption.
    ```

Kinds: ``unrolled`` (the LSTM over time; ``:layers:`` or ``:bidirectional:``),
``packed`` (variable-length sequences, ``:lengths: 4 2 3``), ``tensors`` (the
values of ``output``, ``h_n`` and ``c_n`` as grids; any of the options) and ``view``
(how ``h_n.view(num_layers, 2, N, H)`` indexes a stacked bidirectional LSTM's ``h_n``)
and ``cell`` (the gates of one step, ``cell.py``; no options).

The picture is made when a page is written, not read, so each language build
draws its own (`drawing`), with labels from the ``lstmdocs`` catalogue
(`catalogue`). The values come from running torch (`cases`), and
every highlighted relationship is checked with ``torch.equal`` before it is
drawn: a false one fails the build.
"""

import hashlib
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from lstmdocs import add_static
from lstmdocs.pictures import cases, catalogue
from lstmdocs.pictures.cases import Case, ClaimError
from lstmdocs.pictures.drawing import DRAWINGS, NARROWEST, DiagramError
from lstmdocs.pictures.narrow import NARROW
from lstmdocs.pictures.svg import swatch
from lstmdocs.running.device import torch_version

STATIC = Path(__file__).resolve().parent / "static"


class lstm_diagram(nodes.General, nodes.Element):
    """Placeholder for a picture, drawn by the writer in the build's language."""


# -- Sphinx ---------------------------------------------------------------------
def case_of(node: lstm_diagram) -> Case:
    lengths = node.get("lengths")
    return Case(layers=node["layers"], bidirectional=node["bidirectional"], lengths=tuple(lengths) if lengths else None)


WIDEST = 720  # the text column at 1280 px is 736 px wide: every wide drawing fits it
FITS = range(360, WIDEST + 1, 40)  # the widths lstm-diagrams.css switches a figure to its narrow drawing below


def render(node: lstm_diagram, language: str) -> str:
    """The figure's HTML body: the picture, named by its alt text, and its legend.

    A picture wider than a phone's text column (`NARROWEST`) is drawn twice from the same
    checked claims: as designed, and laid out for a narrow screen (`narrow`). The page
    shows the narrow drawing while the picture's box is narrower than the wide one
    (a container query in lstm-diagrams.css on the class ``lstm-variants-fits-<px>``);
    the drawing not shown is ``display: none``, so assistive technology reads one.
    """
    _ = catalogue.translation(language)
    case = case_of(node)
    try:
        claims = cases.checked_claims(case)
        drawing, items, intro = DRAWINGS[node["kind"]](case, claims, _, node["uid"])  # the cell checks its own
        variants = [("wide", drawing, intro)]
        if drawing.width > NARROWEST:
            narrow, narrow_intro = NARROW[node["kind"]](case, claims, _, f"{node['uid']}-narrow")
            variants.append(("narrow", narrow, narrow_intro))
    except ClaimError as error:
        raise DiagramError(f"{node.source}:{node.line}: {error}") from error
    for name, picture, _intro in variants:
        if picture.width > (NARROWEST if name == "narrow" or len(variants) == 1 else WIDEST):
            limit = "a phone's" if picture.width <= WIDEST else "a desktop's"
            raise DiagramError(f"{node.source}:{node.line}: the {name} drawing is {picture.width:g} px wide, wider than {limit} text column")  # fmt: skip
    sentences = [_("{sentence}.").format(sentence=text) for _m, _h, text in items]
    pictures = "".join(
        f'<div class="lstm-diagram__scroll lstm-variants-{name}" tabindex="0">{picture.svg(" ".join([alt, *sentences]))}</div>'
        for name, picture, alt in variants
    )
    if len(variants) > 1:
        fits = next(width for width in FITS if width >= drawing.width)
        pictures = f'<div class="lstm-variants lstm-variants-fits-{fits}">{pictures}</div>'
    rows = "".join(
        f'<li class="lstm-diagram__legend-item">{swatch(meaning, meaning == "trap")} {html}</li>'
        for meaning, html, _t in items
    )
    return f'{pictures}<ul class="lstm-diagram__legend">{rows}</ul>'


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
        if (kind in ("packed", "packed-sequence") and lengths is None) or (kind == "unrolled" and lengths is not None):
            raise self.error("lstm-diagram: 'packed' needs ':lengths:'; 'unrolled' takes none (use 'packed')")
        if kind == "cell" and (lengths is not None or bidirectional or layers > 1):
            raise self.error("lstm-diagram: the cell picture draws one step of one layer; it takes no options")
        if lengths is not None and (bidirectional or layers > 1):
            raise self.error("lstm-diagram: packed pictures draw one layer, one direction")
        if kind == "view" and not (bidirectional and layers > 1):
            raise self.error("lstm-diagram: the 'view' picture needs ':layers:' above 1 and ':bidirectional:'")
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


# -- Redraw when what the pictures depend on changes, not only their page --------
def pages_with_pictures(env) -> set[str]:
    if not hasattr(env, "lstm_diagram_pages"):
        env.lstm_diagram_pages = set()
    return env.lstm_diagram_pages


def signature(app: Sphinx) -> str:
    """The drawing code, torch's version and this language's labels."""
    digest = hashlib.sha256(torch_version().encode())
    sources = sorted(Path(__file__).resolve().parent.glob("*.py"))  # this package's modules
    sources += catalogue.catalogue_files(app)
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
    app.setup_extension("lstmdocs.pictures.catalogue")
    add_static(app, STATIC)
    app.add_css_file("lstm-diagrams.css")
    app.connect("env-get-outdated", outdated_pictures)
    app.connect("env-purge-doc", purge_page)
    app.connect("env-merge-info", merge_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
