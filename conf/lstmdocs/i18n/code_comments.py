"""Comments in code in the reader's language; the code itself as it ran.

Every comment of the Python shown on the site (MyST code cells and fences, doctests,
the gallery's code blocks) is a message of one catalogue, ``code-comments.po``: the gettext
build extracts each comment that has words (``# the numbers on this page``, not
``# (N, H)`` nor a tool's ``# noqa: E402``), one message per comment, without its ``#``.
A translated HTML build puts the translation in its place in every code block
(a post-transform, so the page, its Markdown twin and its search index all see it);
the page notebooks (`lstmdocs.page_extras.notebooks`) and the gallery's downloads
(`lstmdocs.i18n.translated_downloads`) call `translate` on their code as well.

Comments are found with Python's own ``tokenize``, so a ``#`` inside a string is code; in
a doctest (``pycon``) only the statements after ``>>>`` and ``...`` are read, never the
output. Only comment tokens change: `without_comments` of the translated code equals
`without_comments` of the English, which ``tests/test_zh_code_comments.py`` checks for
every block of the Chinese edition.
"""

import hashlib
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from lstmdocs.i18n.catalogues import messages_of

logger = logging.getLogger(__name__)

CATALOGUE = "code-comments"
# Highlighting languages of Python code: fences, myst-nb cells (ipython3), sphinx-gallery (Python).
PYTHON = {"python", "python3", "py", "ipython", "ipython3", "default"}
DOCTEST = {"pycon"}
PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")
# A comment for a tool, not a reader: kept as it is.
PRAGMA = re.compile(r"^\s*(noqa|type:|fmt:|pragma|pylint:|ruff:|isort:|sphinx_gallery_)")
WORDS = re.compile(r"[A-Za-z]{2,}")
HASHES = re.compile(r"^#+\s*")


@dataclass(frozen=True)
class Comment:
    line: int  # 0-based line of the block
    start: int  # column where "#" is
    end: int  # column after the comment
    text: str  # the comment as written, "#" included

    @property
    def message(self) -> str:
        """What a translator translates: the comment without its ``#`` and the space after it."""
        return HASHES.sub("", self.text).rstrip()


def kind_of(language: str) -> str | None:
    """ "python", "pycon" or None (not Python) for a block's highlighting language."""
    language = (language or "").lower()
    return "pycon" if language in DOCTEST else "python" if language in PYTHON else None


def _statements(code: str, kind: str) -> tuple[str, list[tuple[int, int]]]:
    """The Python of a block and, per line of it, (line of the block, columns before it)."""
    lines = code.split("\n")
    if kind == "python":
        return code, [(number, 0) for number in range(len(lines))]
    source, where = [], []
    for number, line in enumerate(lines):
        prompt = PROMPT.match(line)
        if prompt:
            source.append(line[prompt.end() :])
            where.append((number, prompt.end()))
    return "\n".join(source) + "\n", where


def comments(code: str, language: str) -> list[Comment]:
    """Every comment of a Python or doctest block, in order; [] for other languages or code
    ``tokenize`` cannot read."""
    kind = kind_of(language)
    if kind is None:
        return []
    source, where = _statements(code, kind)
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                (row, column), (_, end) = token.start, token.end
                line, offset = where[row - 1]
                found.append(Comment(line, offset + column, offset + end, token.string))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []
    return found


def has_words(comment: Comment) -> bool:
    """A comment a reader reads (words, not a shape like ``(N, H)`` nor a tool's pragma)."""
    return bool(WORDS.search(comment.message)) and not PRAGMA.match(comment.message)


def translate(code: str, language: str, messages: dict[str, str], missing: list[str] | None = None) -> str:
    """``code`` with each comment that has words replaced by its translation from ``messages``
    (comments without one are kept, and listed in ``missing``)."""
    lines = code.split("\n")
    for comment in reversed(comments(code, language)):
        if not has_words(comment):
            continue
        translation = messages.get(comment.message)
        if not translation:
            if missing is not None:
                missing.append(comment.message)
            continue
        prefix = HASHES.match(comment.text).group()
        line = lines[comment.line]
        lines[comment.line] = line[: comment.start] + prefix + translation + line[comment.end :]
    return "\n".join(lines)


def without_comments(code: str, language: str) -> str:
    """``code`` without its comments and the spaces before them: what must not differ between languages."""
    lines = code.split("\n")
    for comment in reversed(comments(code, language)):
        line = lines[comment.line]
        lines[comment.line] = (line[: comment.start].rstrip() + line[comment.end :]).rstrip()
    return "\n".join(lines)


# -- The catalogue ----------------------------------------------------------------
def code_blocks(doctree: nodes.Node):
    """(node, language) of every block of Python or doctests in a doctree."""
    for node in doctree.findall(nodes.literal_block):
        if kind_of(node.get("language", "")):
            yield node, node["language"]
    for node in doctree.findall(nodes.doctest_block):
        yield node, "pycon"


def catalogue(srcdir, config) -> Path | None:
    """This build's ``code-comments.po`` (None in English or without one)."""
    if config.language == "en":
        return None
    for folder in config.locale_dirs:
        path = Path(srcdir, folder, config.language, "LC_MESSAGES", f"{CATALOGUE}.po")
        if path.is_file():
            return path
    return None


_MESSAGES: dict[tuple, dict[str, str]] = {}  # (catalogue, its mtime) -> its messages


def messages(srcdir, config) -> dict[str, str]:
    """The translated comments of this build's language ({} in English or without a catalogue)."""
    path = catalogue(srcdir, config)
    if path is None:
        return {}
    key = (path, path.stat().st_mtime_ns)
    if key not in _MESSAGES:
        _MESSAGES[key] = messages_of(path)
    return _MESSAGES[key]


def _extract(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    from sphinx.builders.gettext import MsgOrigin

    source = str(app.env.doc2path(docname))
    for node, language in code_blocks(doctree):
        for comment in comments(node.astext(), language):
            if has_words(comment):
                line = (node.line or 0) + comment.line
                app.builder.catalogs[CATALOGUE].add(comment.message, MsgOrigin(source, line))


def _extract_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == "gettext":
        _extract(app, doctree, docname)


class TranslateComments(SphinxPostTransform):
    """The comments of a translated HTML page's code, in its language.

    A post-transform, and an early one: sphinx-gallery's ``CodeLinksTransform`` (priority 5)
    turns the gallery's code blocks into highlighted tokens, which are no longer text to edit.
    """

    default_priority = 1
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if self.config.language == "en":
            return
        table = messages(self.env.srcdir, self.config)
        for node, language in list(code_blocks(self.document)):
            code = node.astext()
            missing: list[str] = []
            translated = translate(code, language, table, missing)
            for message in missing:
                logger.warning(
                    "no %s translation for the comment %r (%s.po): the code keeps it in English",
                    self.config.language,
                    message,
                    CATALOGUE,
                    location=node,
                )
            if translated != code:
                node.children = [nodes.Text(translated)]
                node.rawsource = translated


# -- Rewrite the pages with code when the catalogue changes ------------------------
def _pages_with_code(env) -> set[str]:
    if not hasattr(env, "code_comment_pages"):
        env.code_comment_pages = set()
    return env.code_comment_pages


def _note_page(app: Sphinx, doctree: nodes.document) -> None:
    if any(comments(node.astext(), language) for node, language in code_blocks(doctree)):
        _pages_with_code(app.env).add(app.env.current_document.docname)


def _signature(app: Sphinx) -> str:
    path = catalogue(app.srcdir, app.config)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    current, previous = _signature(app), getattr(env, "code_comment_signature", None)
    env.code_comment_signature = current
    return sorted(_pages_with_code(env)) if previous not in (None, current) else []


def _purge(app: Sphinx, env, docname: str) -> None:
    _pages_with_code(env).discard(docname)


def _merge(app: Sphinx, env, docnames, other) -> None:
    _pages_with_code(env).update(_pages_with_code(other) & set(docnames))


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _note_page)
    app.add_post_transform(TranslateComments)
    app.connect("doctree-resolved", _extract_page)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
