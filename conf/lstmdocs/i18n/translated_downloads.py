"""A translated gallery offers its examples' ``.py``, ``.ipynb`` and zip in its own language.

sphinx-gallery writes one set of downloads beside the generated pages, in English, and
both languages' builds copy them. After a translated HTML build this rewrites that
build's copies (``_downloads/``): the prose paragraphs of each script (its docstring and
``# %%`` comment blocks) are replaced by their translation from the example's catalogue
(``gallery/<example>.po``), the code stays byte for byte but for its comments, translated from
``code-comments.po`` (`lstmdocs.i18n.code_comments`); the notebook is made from the
translated script by sphinx-gallery's own converter, with the site's own directives
(``.. lstm-diagram::``, which only the website draws) turned into a one-line note and
their caption; the zip holds both, dated like every zip of the site (``stable_zips``).
English builds, and the generated files sphinx-gallery keeps, are left alone.
"""

import re
import tempfile
import textwrap
import unicodedata
import zipfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from lstmdocs.build.stable_zips import ZIP_EPOCH
from lstmdocs.i18n import code_comments
from lstmdocs.i18n.catalogues import catalogue_of, messages_of

logger = logging.getLogger(__name__)

# Where a notebook meets a picture that only the website draws (one line, in the reader's language).
PICTURE_NOTE = {"zh_CN": "*（此处的示意图请见本示例的网页版。）*"}
CELL_START = re.compile(r"^# ?%%")
UNDERLINE = re.compile(r"^([=\-~^\"'`#*+.:_<>])\1*$")
# A directive that sphinx-gallery's notebook converter leaves as raw reST: name, options, indented body.
SITE_DIRECTIVE = re.compile(
    r"^\.\. (?!(?:note|warning|math|image|contents)::)[\w-]+::.*\n(?:[ \t]+:.*\n)*(?P<body>(?:[ \t]*\n|[ \t]+\S.*\n)*)",
    re.M,
)


def width(text: str) -> int:
    """Columns ``text`` takes (wide characters count two, as docutils counts them)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _translate_paragraph(lines: list[str], messages: dict[str, str], missing: list[str]) -> list[str]:
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    body = [line[indent:] for line in lines]
    if body[0].startswith(".. "):  # a directive and its options: reST, not prose
        return lines
    if len(body) == 2 and UNDERLINE.match(body[1]):  # a title
        title = messages.get(body[0].strip())
        if title is None:
            missing.append(body[0].strip())
            return lines
        return [title, body[1][0] * max(len(body[1]), width(title))]
    msgid = " ".join(line.strip() for line in body)
    if msgid not in messages:
        missing.append(msgid)
        return lines
    return [" " * indent + messages[msgid]]


def translate_prose(lines: list[str], messages: dict[str, str], missing: list[str]) -> list[str]:
    """reST lines with each paragraph (blank-line separated) replaced by its translation."""
    out: list[str] = []
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph:
            out += _translate_paragraph(paragraph, messages, missing)
            paragraph = []
        out.append(line)
    return out[:-1]


def translate_script(
    source: str, messages: dict[str, str], comments: dict[str, str] | None = None
) -> tuple[str, list[str]]:
    """The script with its prose translated, and the comments of its code when ``comments`` are given;
    and the paragraphs and comments the messages lack."""
    lines = source.split("\n")
    missing: list[str] = []
    out: list[str] = []
    code: list[str] = []  # the code since the last text block

    def flush_code() -> None:
        text = "\n".join(code)
        out.extend((code_comments.translate(text, "python", comments, missing) if comments else text).split("\n"))
        code.clear()

    i = 0
    if lines[0] == '"""':
        end = lines.index('"""', 1)
        out += ['"""', *translate_prose(lines[1:end], messages, missing), '"""']
        i = end + 1
    while i < len(lines):
        line = lines[i]
        i += 1
        if not CELL_START.match(line):
            code.append(line)
            continue
        flush_code()
        out.append(line)
        start = i
        while i < len(lines) and lines[i].startswith("#"):
            i += 1
        prose = [line[2:] if line.startswith("# ") else line[1:] for line in lines[start:i]]
        out += [f"# {line}".rstrip() for line in translate_prose(prose, messages, missing)]
    flush_code()
    return "\n".join(out), missing


def without_site_directives(rst: str, note: str) -> str:
    """reST with each of the site's own directives replaced by ``note`` and its caption."""

    def replace(match: re.Match) -> str:
        caption = textwrap.dedent(match["body"]).strip()
        return f"{note}\n\n{caption}\n\n" if caption else f"{note}\n\n"

    return SITE_DIRECTIVE.sub(replace, rst + "\n").rstrip("\n")


def notebook(script: Path, gallery_conf: dict, note: str) -> str:
    """The notebook sphinx-gallery makes of ``script``, without the site's directives."""
    from sphinx_gallery.notebook import jupyter_notebook, save_notebook
    from sphinx_gallery.py_source_parser import Block, split_code_and_text_blocks

    _, blocks = split_code_and_text_blocks(script)
    blocks = [
        Block(kind, without_site_directives(content, note) if kind == "text" else content, line)
        for kind, content, line in blocks
    ]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch, script.with_suffix(".ipynb").name)
        save_notebook(jupyter_notebook(blocks, gallery_conf, script.parent), path)
        return path.read_text(encoding="utf-8")


def write_zip(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:  # stored, like sphinx-gallery's
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.external_attr = 0o100644 << 16
            archive.writestr(info, text.encode("utf-8"))


def translate_downloads(app: Sphinx, exception: Exception | None) -> None:
    language = app.config.language
    if exception or app.builder.format != "html" or language not in PICTURE_NOTE:
        return
    gallery_conf = app.config.sphinx_gallery_conf
    srcdir = Path(app.srcdir)
    for source_py in sorted(Path(source) for source in app.env.dlfiles if Path(source).suffix == ".py"):
        script = srcdir / source_py
        docname = script.relative_to(srcdir).with_suffix("").as_posix()
        catalogue = catalogue_of(app, docname) if script.suffix == ".py" else None
        if catalogue is None:
            continue
        comments = code_comments.messages(app.srcdir, app.config)
        translated, missing = translate_script(script.read_text(encoding="utf-8"), messages_of(catalogue), comments)
        for paragraph in missing:
            logger.warning(
                "%s: no %s translation for %r: the download keeps it in English", script, language, paragraph
            )
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch, script.name)
            copy.write_text(translated, encoding="utf-8")
            ipynb = notebook(copy, gallery_conf, PICTURE_NOTE[language])
        downloads = {
            Path(source).suffix: Path(app.outdir, "_downloads", copied)
            for source, (_, copied) in app.env.dlfiles.items()
            if Path(source).with_suffix("") == source_py.with_suffix("")
        }
        outputs = {".py": translated, ".ipynb": ipynb}
        for suffix, text in outputs.items():
            if suffix in downloads:
                downloads[suffix].write_text(text, encoding="utf-8")
        if ".zip" in downloads:
            write_zip(downloads[".zip"], {script.with_suffix(suffix).name: text for suffix, text in outputs.items()})


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", translate_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
