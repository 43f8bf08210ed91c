"""Every page with code cells offers itself as a notebook, in its language, and opens in Colab.

A MyST-NB page (``file_format: mystnb``) with ``{code-cell}`` blocks becomes
``<page>.ipynb`` beside ``<page>.html``: its code cells as they are, its prose as Markdown
cells. On a translated build each prose paragraph is replaced by its translation from the
page's catalogue (``<page>.po``; msgids are the MyST source lines joined by spaces), so the
Chinese notebook carries the Chinese prose and the same code, its comments translated
(``code-comments.po``, `lstmdocs.i18n.code_comments`). What only the website can
show (the site's pictures, cross-reference roles, labels) becomes plain Markdown: a note
and the picture's caption, the role's text.

A gallery page's notebook (sphinx-gallery's, or the translated one ``translated_downloads``
writes) is copied to the same place, ``<page>.ipynb``, so every notebook of the site has
one address per language. Its "Download notebook" replaces sphinx-gallery's note under
the title ("Go to the end to download the full example code"): one way to download at
the top, sphinx-gallery's list of every download (notebook, script, zip) at the end.

Colab opens only notebooks on GitHub. With the repository's address configured
(``page_notebooks_repository``, from ``REPO_URL``), "Open in Colab" points at
``<branch>/<language>/<page>.ipynb`` of it, the branch (``notebooks``) that the Pages
workflow fills with the built site's notebooks; without it the page offers the download only.
Bytes are deterministic: cell ids are numbered, no outputs, keys sorted.
"""

import re
import shutil
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import admonitionlabels
from sphinx.util import logging

from lstmdocs import add_template_folder
from lstmdocs.i18n import code_comments
from lstmdocs.i18n.catalogues import catalogue_of, messages_of
from lstmdocs.page_extras.descriptions import target_title

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
COLAB = "https://colab.research.google.com/github"
GALLERY_DOWNLOAD_NOTE = "sphx-glr-download-link-note"  # the class of sphinx-gallery's "Go to the end" note
# Where a notebook meets a picture that only the website draws (one line, in the reader's language).
PICTURE_NOTE = {"en": "*(The website shows a diagram here.)*", "zh_CN": "*（此处的示意图请见本页的网页版。）*"}
LABEL = re.compile(r"^\([\w-]+\)=\s*$")
FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}(?P<argument>.*)$")
CLAIM = re.compile(r"\{claim\}`(?P<expression>[^`<]*?)\s*(?:<\w+>)?`")  # shown as the code it is
GALLERY_CLAIM = re.compile(r":claim:`(?P<expression>[^`<]*?)\s*(?:<\w+>)?`")  # the same, in a gallery script's reST
# Directives whose content the page does not show as prose: a shape check's words are its field's
# (a notebook reader runs the question's code instead).
NOT_SHOWN = {"claim-names", "lstm-shape-check"}
AS_PROSE = {"lstm-answer"}  # directives whose content is the page's prose, shown as it is
ROLE = re.compile(r"\{(?:ref|doc|term|numref)\}`(?P<text>[^`<]*?)\s*(?:<(?P<target>[^`>]*)>)?`")
# A paragraph's Markdown prefix, kept in front of its translation: heading, list item, quote.
VERBATIM = re.compile(r"^(?P<fence>`{3,}|\$\$)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.) ")
PREFIX = re.compile(r"^(?P<prefix>#{1,6} |[-*+] |\d+\. |> )?(?P<text>.*)$", re.S)


def is_notebook_page(source: Path) -> bool:
    if source.suffix != ".md":
        return False
    text = source.read_text(encoding="utf-8")
    return text.startswith("---") and "file_format: mystnb" in text.split("\n---", 1)[0] and "{code-cell}" in text


def _translate_paragraph(lines: list[str], messages: dict[str, str] | None, missing: list[str]) -> list[str]:
    if messages is None:
        return lines
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    match = PREFIX.match(" ".join(line.strip() for line in lines))
    prefix, msgid = match["prefix"] or "", match["text"]
    if msgid not in messages:
        missing.append(msgid)
        return lines
    return [" " * indent + prefix + messages[msgid]]


def markdown(
    source: str,
    messages: dict[str, str] | None,
    note: str,
    missing: list[str],
    title: Callable[[str], str] = str,
    comments: dict[str, str] | None = None,
) -> str:
    """A MyST Markdown cell as plain Markdown, its paragraphs translated when ``messages`` are given.

    Code fences and ``$$`` math pass through as they are, but for the comments of Python code, translated
    from ``comments`` when given; a glossary's terms become bold lines; a cross-reference without its own
    text shows ``title(target)``.
    """
    out: list[str] = []
    paragraph: list[str] = []
    fenced: list[str] = []  # the lines of the open code fence
    directive = verbatim = language = ""
    glossary = hidden = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            out.extend(_translate_paragraph(paragraph, messages, missing))
            paragraph = []

    for line in [*source.split("\n"), ""]:
        if verbatim:
            if line.strip() == verbatim:
                code = "\n".join(fenced)
                out += [code_comments.translate(code, language, comments, missing) if comments else code, line]
                verbatim = ""
            else:
                fenced.append(line)
            continue
        opened = FENCE_OPEN.match(line)
        closing = directive and line.strip() == directive
        if VERBATIM.match(line) and not opened and not closing:
            flush()
            out.append(line)
            verbatim = VERBATIM.match(line)["fence"]
            verbatim = "" if verbatim == "$$" and line.strip().endswith("$$") and line.strip() != "$$" else verbatim
            language, fenced = line.strip().lstrip("`").strip(), []
            continue
        if hidden and not closing:
            continue
        if not line.strip() or LABEL.match(line) or opened or closing:
            flush()
            if opened:
                directive = opened["fence"]
                glossary = opened["name"] == "glossary"
                hidden = opened["name"] in NOT_SHOWN
                if hidden:
                    pass
                elif opened["name"] in AS_PROSE:
                    pass
                elif opened["name"] in admonitionlabels:  # Sphinx's own label, in the build's language
                    out.append(f"**{admonitionlabels[opened['name']]}**")
                elif not glossary:
                    out += [note, ""]
            elif closing:
                directive = ""
                glossary = hidden = False
            elif not LABEL.match(line):
                out.append(line)
            continue
        if directive and line.lstrip().startswith(":") and not paragraph:  # a directive's option
            continue
        if directive and glossary and not line[0].isspace():  # a glossary term
            flush()
            out += ["", f"**{_translate_paragraph([line], messages, missing)[0]}**", ""]
            continue
        if line.startswith("|"):  # a table row: each cell is a message
            flush()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                cells = [_translate_paragraph([cell], messages, missing)[0] for cell in cells]
            out.append("| " + " | ".join(cells) + " |")
            continue
        if LIST_ITEM.match(line):
            flush()
        paragraph.append(line)
    out += fenced if verbatim else []  # a fence the cell leaves open
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    text = CLAIM.sub(lambda match: f"`{match['expression']}`", text)
    return ROLE.sub(lambda match: match["text"].strip() if match["target"] else title(match["text"]), text)


def page_notebook(
    source: Path,
    messages: dict[str, str] | None,
    language: str,
    title: Callable[[str], str] = str,
    comments: dict[str, str] | None = None,
) -> tuple[str, list[str]]:
    """The notebook of a MyST-NB page (as JSON text), and the paragraphs ``messages`` and the code comments
    ``comments`` lack (comments are translated when ``comments`` is given)."""
    import nbformat
    from myst_nb.core.read import read_myst_markdown_notebook

    page = read_myst_markdown_notebook(source.read_text(encoding="utf-8"))
    note = PICTURE_NOTE.get(language, PICTURE_NOTE["en"])
    missing: list[str] = []
    cells = []
    for cell in page.cells:
        if cell.cell_type == "code":
            code = code_comments.translate(cell.source, "ipython3", comments, missing) if comments else cell.source
            cells.append(nbformat.v4.new_code_cell(code))
        elif text := markdown(cell.source, messages, note, missing, title, comments):
            cells.append(nbformat.v4.new_markdown_cell(text))
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"
    notebook = nbformat.v4.new_notebook(
        cells=cells,
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.nbformat_minor = 5
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n", missing


def _catalogue_messages(app: Sphinx, docname: str) -> dict[str, str] | None:
    """The page's translations (None on an English build, {} for a page without a catalogue)."""
    if app.config.language == "en":
        return None
    catalogue = catalogue_of(app, docname)
    return messages_of(catalogue) if catalogue is not None else {}


def _gallery_notebook(app: Sphinx, pagename: str) -> Path | None:
    """The .ipynb download of a gallery page, as this build wrote it (None for other pages)."""
    stem = Path(pagename).name
    for source, (_, copied) in sorted(app.env.dlfiles.items()):
        if Path(source).suffix == ".ipynb" and Path(source).stem == stem and pagename.startswith("gallery/"):
            return Path(app.outdir, "_downloads", copied)
    return None


def _colab_url(config: Config, pagename: str) -> str:
    repository = config.page_notebooks_repository.rstrip("/")
    if not repository.startswith("https://github.com/"):
        return ""
    return f"{COLAB}/{repository.removeprefix('https://github.com/')}/blob/{config.page_notebooks_branch}/{config.language}/{pagename}.ipynb"


def _add_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or "body" not in context or app.builder.format != "html":
        return
    source = Path(app.env.doc2path(pagename))
    if is_notebook_page(source):
        title = partial(target_title, app)
        comments = code_comments.messages(app.srcdir, app.config) or None
        text, missing = page_notebook(source, _catalogue_messages(app, pagename), app.config.language, title, comments)
        for paragraph in missing:
            logger.warning(
                "%s: no %s translation for %r: the notebook keeps it in English", source, app.config.language, paragraph
            )
        target = Path(app.outdir, f"{pagename}.ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    elif _gallery_notebook(app, pagename) is None:
        return
    links = {"notebook": f"{Path(pagename).name}.ipynb", "colab_url": _colab_url(app.config, pagename)}
    context["body"] = app.builder.templates.render("page-notebook.html", links) + context["body"]


def drop_gallery_download_note(app: Sphinx, doctree: nodes.document) -> None:
    """Remove sphinx-gallery's "Go to the end" note: the page's "Download notebook" takes its place.

    Removed from the doctree, it leaves the HTML, the Markdown twin and the catalogues alike.
    """
    for note in list(doctree.findall(nodes.note)):
        if GALLERY_DOWNLOAD_NOTE in note["classes"]:
            parent = note.parent
            parent.remove(note)
            if isinstance(parent, addnodes.only) and not parent.children:
                parent.parent.remove(parent)


def plain_claims(text: str) -> str:
    """A gallery notebook's (or zip's) text with each ``:claim:`` role shown as the code it is: the
    notebook's Markdown does not know the role, which the page renders as inline code."""
    return GALLERY_CLAIM.sub(lambda match: f"`{match['expression']}`", text)


def _plain_claims_in_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:  # the same members, dates and compression
        for info, data in members:
            if info.filename.endswith(".ipynb"):
                data = plain_claims(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data)


def copy_gallery_notebooks(app: Sphinx, exception: Exception | None) -> None:
    """Each gallery page's notebook beside the page (after ``translated_downloads`` translated it),
    its claims shown as code there, in the notebook download and in the zip."""
    if exception or app.builder.format != "html":
        return
    for docname in sorted(app.env.found_docs):
        notebook = _gallery_notebook(app, docname)
        if notebook is not None and notebook.is_file():
            notebook.write_text(plain_claims(notebook.read_text(encoding="utf-8")), encoding="utf-8")
            shutil.copyfile(notebook, Path(app.outdir, f"{docname}.ipynb"))
            archive = notebook.parent.parent / next(
                (copied for source, (_, copied) in app.env.dlfiles.items()
                 if Path(source).suffix == ".zip" and Path(source).stem == notebook.stem),
                "",
            )  # fmt: skip
            if archive.suffix == ".zip" and archive.is_file():
                _plain_claims_in_zip(archive)


def setup(app: Sphinx) -> dict:
    app.add_config_value("page_notebooks_repository", "", "html", types=[str])
    app.add_config_value("page_notebooks_branch", "notebooks", "html", types=[str])
    add_template_folder(app, TEMPLATES)
    app.connect("doctree-read", drop_gallery_download_note)
    app.connect("html-page-context", _add_links)
    app.connect("build-finished", copy_gallery_notebooks, priority=900)  # after translated_downloads (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
