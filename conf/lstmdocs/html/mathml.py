"""Math rendered at build time: TeX becomes MathML, which browsers draw natively.

No page loads a math script. temml (npm, pinned in ``package.json``; ``npm ci``)
turns each formula into MathML. The formulas of the pages read in a build are
rendered together, in one Node process, once reading ends; a page read by a
parallel worker has its missing formulas rendered when it is written. The cache
(``mathml.json`` beside the doctree folders, shared by the languages: MathML does
not depend on the page's language) makes a rebuild run none. A formula temml
cannot read stops the build, naming the file and line. temml's style sheet is
linked only on pages with math.
"""

import json
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util.logging import get_node_location
from sphinx.util.math import get_node_equation_number

from lstmdocs import REPO_ROOT

HERE = Path(__file__).resolve().parent
RENDERER = HERE / "mathml.cjs"
TEMML_DIST = REPO_ROOT / "node_modules" / "temml" / "dist"
STYLE = "temml/temml.css"  # under _static/
STYLE_FILES = {"Temml-Local.css": "temml.css", "Temml.woff2": "Temml.woff2"}  # fonts on the reader's device
CACHE_NAME = "mathml.json"


class Renderer:
    """TeX -> MathML, kept between builds."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        if not TEMML_DIST.is_dir():
            raise ExtensionError(f"Math needs temml in {TEMML_DIST.parents[1]}: run `npm ci` there.")
        self.version = json.loads((TEMML_DIST.parent / "package.json").read_text())["version"]
        kept = json.loads(cache.read_text(encoding="utf-8")) if cache.is_file() else {}
        self.rendered: dict[str, str] = kept.get("formulas", {}) if kept.get("temml") == self.version else {}
        self.changed = False

    @staticmethod
    def key(tex: str, display: bool) -> str:
        return ("block:" if display else "inline:") + tex

    def render_all(self, formulas: list[tuple[str, bool, str]]) -> None:
        """Render ``(tex, display, where)`` formulas missing from the cache, in one Node run."""
        missing = {self.key(tex, display): (tex, display, where) for tex, display, where in formulas}
        missing = {key: value for key, value in missing.items() if key not in self.rendered}
        if not missing:
            return
        node = shutil.which("node")
        if node is None:
            raise ExtensionError("Math is rendered by Node.js at build time: install nodejs (20 or later).")
        run = subprocess.run(
            [node, str(RENDERER)],
            input=json.dumps([[tex, display] for tex, display, _where in missing.values()]),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
        errors = []
        for (key, (tex, _display, where)), result in zip(missing.items(), json.loads(run.stdout), strict=True):
            if "error" in result:
                errors.append(f"{where}: cannot render math `{tex}`: {result['error'].strip()}")
            else:
                self.rendered[key] = result["mathml"]
                self.changed = True
        if errors:
            raise ExtensionError("\n".join(errors))

    def __call__(self, tex: str, display: bool, where: str) -> str:
        self.render_all([(tex, display, where)])
        return self.rendered[self.key(tex, display)]

    def save(self) -> None:
        if self.changed:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            kept = {"temml": self.version, "formulas": self.rendered}
            self.cache.write_text(json.dumps(kept, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            self.changed = False


def block_tex(node: nodes.math_block) -> str:
    """The TeX of a display block, as sphinx.ext.mathjax arranges it (blank lines split equations;
    lines split by ``\\`` are aligned unless the part is an environment of its own)."""
    if node.get("no-wrap", node.get("nowrap", False)):
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    parts = [rf"\begin{{split}}{part}\end{{split}}" if _bare_lines(part) else part for part in parts]
    return parts[0] if len(parts) == 1 else r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}"


def _bare_lines(part: str) -> bool:
    return r"\\" in part and not part.lstrip().startswith("\\begin{")


def where(node: nodes.Node) -> str:
    return get_node_location(node) or "<unknown>"


_RENDERERS: dict[Path, Renderer] = {}  # one per build folder, for every language built in it
_READ: dict[Path, list[tuple[str, bool, str]]] = {}  # formulas of the pages read, by cache, to render at once


def _renderer(builder) -> Renderer:
    cache = Path(builder.doctreedir).parent / CACHE_NAME
    if cache not in _RENDERERS:
        _RENDERERS[cache] = Renderer(cache)
    return _RENDERERS[cache]


def inline_mathml(builder, node: nodes.math) -> str:
    """The MathML of an inline formula, as its page shows it (the search snippets' text uses it)."""
    return _renderer(builder)(node.astext(), False, where(node))


def visit_math(self, node: nodes.math) -> None:
    self.body.append(_renderer(self.builder)(node.astext(), False, where(node)))
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math"))
    if node["number"]:
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_renderer(self.builder)(block_tex(node), True, where(node)))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def formulas(doctree: nodes.document) -> list[tuple[str, bool, str]]:
    found = [(node.astext(), False, where(node)) for node in doctree.findall(nodes.math)]
    return found + [(block_tex(node), True, where(node)) for node in doctree.findall(nodes.math_block)]


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    if app.builder.format == "html":
        _READ.setdefault(_renderer(app.builder).cache, []).extend(formulas(doctree))


def _render_read_pages(app: Sphinx, env) -> None:
    """One Node run for the new formulas of every page read, before any page is written."""
    if app.builder.format == "html":
        renderer = _renderer(app.builder)
        renderer.render_all(_READ.pop(renderer.cache, []))


def _render_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Formulas still missing (a page read by a parallel worker), before the page is written."""
    if app.builder.format == "html":
        _renderer(app.builder).render_all(formulas(doctree))


def _copy_style(app: Sphinx, env) -> None:
    """Into _static before pages are written, so their links carry the ?v= checksum."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "temml"
    target.mkdir(parents=True, exist_ok=True)
    for source, name in STYLE_FILES.items():
        data = (TEMML_DIST / source).read_bytes()
        if not (target / name).is_file() or (target / name).read_bytes() != data:
            (target / name).write_bytes(data)


def _link_style(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.format == "html" and context.get("has_maths_elements"):  # set by the translator
        app.add_css_file(STYLE)


# No line may start with the punctuation after an inline formula (a rule of Chinese typesetting,
# and a habit in English): a browser breaks on either side of <math>, an atomic inline, and a
# word joiner (U+2060) there does not stop Chromium. So the formula and the punctuation mark
# after it share an inline that does not wrap (.lstm-nobreak, site.css).
PUNCTUATION = ",.;:!?)]，。；：、！？）」』》"


def keep_punctuation_with_math(doctree: nodes.Node) -> None:
    """Put each inline formula followed by a punctuation mark into a ``lstm-nobreak`` inline with that mark."""
    for math in list(doctree.findall(nodes.math)):
        parent = math.parent
        index = parent.index(math)
        after = parent[index + 1] if index + 1 < len(parent) else None
        if not isinstance(after, nodes.Text) or str(after)[:1] not in PUNCTUATION:
            continue
        together = nodes.inline(classes=["lstm-nobreak"])
        parent.replace(math, together)
        together += [math, nodes.Text(str(after)[0])]
        if len(after) > 1:
            parent.replace(after, nodes.Text(str(after)[1:]))
        else:
            parent.remove(after)


def _keep_punctuation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "html":
        keep_punctuation_with_math(doctree)


def _save(app: Sphinx, exception) -> None:
    if not exception and app.builder.format == "html":
        _renderer(app.builder).save()


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    app.connect("env-updated", _copy_style)
    app.connect("doctree-read", _collect)
    app.connect("env-updated", _render_read_pages)
    app.connect("doctree-resolved", _render_page)
    app.connect("html-page-context", _link_style)
    app.connect("doctree-resolved", _keep_punctuation)
    app.connect("build-finished", _save)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
