"""Publish a Markdown twin of every page and an ``llms.txt`` per edition, for tools that read docs.

Each page's resolved doctree (translated, with the computed outputs of its code) is
also written as ``<page>.md`` beside ``<page>.html`` by sphinx-markdown-builder's
translator, during the HTML build: no second build, and no theme chrome. Its links
point at the HTML pages, which exist beside it.

``llms.txt`` (https://llmstxt.org) lists every page in reading order by its title, with its
Markdown twin and a one-line summary (its first plain sentence, `lstmdocs.page_extras.descriptions`,
where a cross-reference is the title it names), under a title and a summary of the site in the
edition's language (``llms-txt.html``).

The writer and translator expect a MarkdownBuilder; ``_PageBuilder`` gives them what
they read (the translator, ``current_doc_name``, ``download_dir``, the HTML builder's
target URIs), a use of their
internals that ``tests/test_markdown_twins.py`` watches.
"""

from pathlib import Path

from docutils import nodes
from docutils.io import StringOutput
from sphinx.application import Sphinx
from sphinx_markdown_builder.translator import MarkdownTranslator
from sphinx_markdown_builder.writer import MarkdownWriter

from lstmdocs import add_template_folder
from lstmdocs.page_extras.descriptions import summary

SUMMARY_LENGTH = 200  # columns: a Chinese character takes two


class _PageTranslator(MarkdownTranslator):
    """Nodes of other extensions (pictures, gallery link blocks, captions): their text, if any."""

    def unknown_visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Element) and node.get("alt"):
            self.add(f"*{node['alt']}*", prefix_eol=2, suffix_eol=2)

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    def dispatch_visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.paragraph) and "key" in node:
            raise nodes.SkipNode  # a widget's word (lstmdocs.widgets.words): its interface, not the page's text
        super().dispatch_visit(node)

    def visit_code_links_block(self, node: nodes.Element) -> None:
        """A gallery code block: sphinx-gallery's ``CodeLinksTransform`` made it tokens (and links) for
        the HTML page; here it is the fenced code it was, not text to escape."""
        self.add(f"```{node.get('lang', '')}\n{node.astext().rstrip(chr(10))}\n```", prefix_eol=2, suffix_eol=2)
        raise nodes.SkipNode

    def visit_raw(self, node: nodes.raw) -> None:
        """HTML (layout, e.g. the gallery's thumbnail boxes) is dropped; other raw text passes."""
        if "html" in node.get("format", "").split():
            raise nodes.SkipNode


class _PageBuilder:
    """The HTML builder, seen by MarkdownTranslator as the MarkdownBuilder it expects."""

    download_dir = "_downloads"  # where the HTML builder copies downloads too

    def __init__(self, builder, docname: str) -> None:
        self._builder = builder
        self.current_doc_name = docname
        self.sec_numbers = builder.env.toc_secnumbers.get(docname, {})

    def create_translator(self, document: nodes.document, builder) -> MarkdownTranslator:
        return _PageTranslator(document, builder)

    def __getattr__(self, name):
        return getattr(self._builder, name)


def markdown(app: Sphinx, docname: str, doctree: nodes.document) -> str:
    writer = MarkdownWriter(_PageBuilder(app.builder, docname))
    writer.write(doctree, StringOutput(encoding="utf-8"))  # it reads the tree, never changes it: no copy
    return writer.output


def _write_twin(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is not None:
        target = Path(app.outdir, f"{pagename}.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown(app, pagename, doctree), encoding="utf-8")


def reading_order(app: Sphinx) -> list[str]:
    """Every document, depth first through the toctrees from the root page; orphans last."""
    seen: list[str] = []

    def visit(docname: str) -> None:
        if docname not in seen:
            seen.append(docname)
            for child in app.env.toctree_includes.get(docname, []):
                visit(child)

    visit(app.config.root_doc)
    return seen + sorted(set(app.env.found_docs) - set(seen))


def _write_llms_txt(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    pages = [
        {
            "title": app.env.titles[docname].astext(),
            "markdown": f"{docname}.md",
            "summary": summary(app, docname, SUMMARY_LENGTH),
        }
        for docname in reading_order(app)
    ]
    text = app.builder.templates.render("llms-txt.html", {"pages": pages, "project": app.config.project})
    Path(app.outdir, "llms.txt").write_text(text.strip() + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_markdown_builder")  # its config values, read by the translator
    add_template_folder(app, Path(__file__).resolve().parent / "templates")  # llms-txt.html
    app.connect("html-page-context", _write_twin)
    app.connect("build-finished", _write_llms_txt)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
