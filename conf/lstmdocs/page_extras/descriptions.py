"""A page's description in plain sentences: for ``og:description``, its social card and ``llms.txt``.

A description is the page's own first sentences of prose (paragraphs of its sections, not
notes, captions or a widget's words), as a reader reads them: a cross-reference is the
title of what it names (not a file name), inline code its text, simple math its letters
(``L = 12``). A sentence that holds what is not a plain sentence is left out: math beyond
letters and numbers (``H_{in}``, an ``aligned`` block), a statement of code
(``output, (h_n, c_n) = lstm(input)``). Sentences are taken from the start; after the first
one kept, the first sentence left out ends the description, so it never skips over a gap.
The home page is described by the site's own one-line summary (``site-summary.html``,
which ``llms.txt`` shows too).

`describe` attaches the description to the page's doctree (``html-page-context``, before
sphinxext-opengraph reads it); `lstmdocs.page_extras.social_cards` makes sphinxext-opengraph
use it for ``og:description``, the ``description`` meta tag, ``og:image:alt`` and the
card; `lstmdocs.page_extras.markdown_twins` uses `first_sentence` for ``llms.txt``.
"""

import re
import unicodedata
from collections.abc import Callable
from functools import partial

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

DESCRIPTION = "lstm_description"  # the doctree attribute social_cards reads
GAP = "\x00"  # where something that is not a plain sentence was
SIMPLE_MATH = re.compile(r"^[A-Za-z0-9 =<>+\-*/.,()']+$")
CODE_STATEMENT = re.compile(r" = |^(?:import|from) |>>>|\.\.\.|\n")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# A sentence ends at its full stop: in English before a space, in Chinese anywhere.
SENTENCE = re.compile(r".+?(?:[。！？]|[.!?](?=\s|$)|$)", re.S)


def _plain(node: nodes.Node, title: Callable[[str], str]) -> str:
    """The text of an inline node as a reader reads it, GAP for what is not a plain sentence."""
    if isinstance(node, nodes.Text):
        return node.astext()
    if isinstance(node, nodes.math):
        latex = node.astext()
        return latex if SIMPLE_MATH.match(latex) else GAP
    if isinstance(node, nodes.literal):
        text = node.astext()
        return GAP if CODE_STATEMENT.search(text) else text
    if (
        isinstance(node, addnodes.pending_xref)
        and not node.get("refexplicit")
        and node.get("reftype") in ("doc", "ref")
    ):
        return title(node["reftarget"])
    if isinstance(node, (nodes.footnote_reference, nodes.citation_reference, nodes.raw, nodes.image)):
        return ""
    return "".join(_plain(child, title) for child in node.children)


def paragraphs(doctree: nodes.document) -> list[nodes.paragraph]:
    """The page's prose, in order: paragraphs of its sections (not notes, captions, lists or a widget's words)."""
    return [p for p in doctree.findall(nodes.paragraph) if isinstance(p.parent, nodes.section) and "key" not in p]


def sentences(doctree: nodes.document, title: Callable[[str], str] = str) -> list[str]:
    """The page's first run of plain sentences (see the module's docstring)."""
    kept: list[str] = []
    for paragraph in paragraphs(doctree):
        text = " ".join(_plain(paragraph, title).split())
        for sentence in (s.strip() for s in SENTENCE.findall(text)):
            if not sentence:
                continue
            if GAP in sentence:
                if kept:
                    return kept
                continue
            kept.append(sentence)
        if kept:
            return kept
    return kept


def join(parts: list[str]) -> str:
    """Sentences as one text: a space after an English sentence, none after a Chinese full stop."""
    text = ""
    for part in parts:
        text += part if not text or CJK.match(text[-1]) else " " + part
    return text


def width(text: str) -> int:
    """Columns ``text`` takes: a Chinese character takes two, as it does on a card or in a search result."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` columns, cut at a word (or anywhere in Chinese) and ended with "…"."""
    if width(text) <= limit:
        return text
    cut = text
    while width(cut) > limit - 1:
        cut = cut[:-1]
    if not CJK.search(cut[-1]) and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:，、；：") + "…"


def description(found: list[str], limit: int) -> str:
    """As many of the sentences as fit in ``limit`` columns (at least the first, shortened)."""
    kept: list[str] = []
    for sentence in found:
        if kept and width(join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return shorten(join(kept), limit)


def first_sentence(doctree: nodes.document, limit: int, title: Callable[[str], str] = str) -> str:
    found = sentences(doctree, title)
    return shorten(found[0], limit) if found else ""


def target_title(app: Sphinx, target: str) -> str:
    """The title (in the build's language) of a label or document a cross-reference names."""
    label = app.env.domaindata["std"]["labels"].get(target.lower())
    if label and label[2]:
        return label[2]
    document = app.env.titles.get(target.lstrip("/"))
    return document.astext() if document is not None else target


def site_summary(app: Sphinx) -> str:
    """The site's one-line summary in the build's language."""
    return " ".join(app.builder.templates.render("site-summary.html", {}).split())


def summary(app: Sphinx, docname: str, limit: int) -> str:
    """A page's one-line summary (llms.txt): its first plain sentence; for the home page, the site's
    summary, whole (one sentence)."""
    if docname == app.config.root_doc:
        return site_summary(app)
    return first_sentence(app.env.get_doctree(docname), limit, partial(target_title, app))


def describe(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or app.builder.format != "html":
        return
    limit = app.config.ogp_description_length
    if pagename == app.config.root_doc:
        doctree[DESCRIPTION] = shorten(site_summary(app), limit)
    else:
        doctree[DESCRIPTION] = description(sentences(doctree), limit)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", describe, priority=400)  # before sphinxext-opengraph's tags (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
