"""The Chinese gallery's downloads carry Chinese prose around the same code; the English
ones are what sphinx-gallery wrote (conf/lstmdocs/i18n/translated_downloads.py)."""

import json
import re
import zipfile
from pathlib import Path

import pytest

from built import ROOT, SITE, require
from lstmdocs.build.stable_zips import ZIP_EPOCH
from lstmdocs.i18n import translated_downloads
from lstmdocs.i18n.code_comments import without_comments
from lstmdocs.page_extras.notebooks import plain_claims

EXAMPLES = sorted(path.stem for path in (ROOT / "examples").glob("plot_*.py"))
GENERATED = ROOT / "docs" / "gallery"
HAN = re.compile(r"[\u4e00-\u9fff]")
DIRECTIVE = re.compile(r"^\s*\.\. [\w-]+::", re.M)


def download(language: str, name: str) -> Path:
    found = sorted(require(SITE / language / "_downloads").glob(f"*/{name}"))
    assert len(found) == 1, f"{language}: {len(found)} downloads named {name}"
    return found[0]


def cells(notebook: Path, kind: str) -> list[str]:
    return [
        "".join(cell["source"])
        for cell in json.loads(notebook.read_text("utf-8"))["cells"]
        if cell["cell_type"] == kind
    ]


def uncommented(blocks: list[str]) -> list[str]:
    """Code without its comments, which the Chinese edition translates (tests/test_zh_code_comments.py)."""
    return [without_comments(block, "python") for block in blocks]


def code_blocks(script: str) -> list[str]:
    return re.split(r"^# %%\n(?:#.*\n)*", script, flags=re.M)[1:]


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("example", EXAMPLES)
def test_chinese_notebook_has_chinese_prose_no_directives_and_the_same_code(example):
    chinese, english = download("zh_CN", f"{example}.ipynb"), download("en", f"{example}.ipynb")
    prose = cells(chinese, "markdown")
    assert prose and all(HAN.search(text) for text in prose), f"{chinese}: a markdown cell without Chinese"
    assert not [text for text in prose if DIRECTIVE.search(text)], f"{chinese}: raw reST directive"
    assert uncommented(cells(chinese, "code")) == uncommented(cells(english, "code")), (
        f"{chinese}: code differs from the English notebook"
    )


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("example", EXAMPLES)
def test_chinese_script_translates_the_prose_and_keeps_the_code(example):
    chinese = download("zh_CN", f"{example}.py").read_text("utf-8")
    english = download("en", f"{example}.py").read_text("utf-8")
    assert HAN.search(chinese.split('"""')[1]), "the docstring is not translated"
    assert uncommented(code_blocks(chinese)) == uncommented(code_blocks(english))
    assert chinese != english


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("example", EXAMPLES)
def test_chinese_zip_holds_the_chinese_files(example):
    with zipfile.ZipFile(download("zh_CN", f"{example}.zip")) as archive:
        assert {info.filename: info.date_time for info in archive.infolist()} == {
            f"{example}.py": ZIP_EPOCH,
            f"{example}.ipynb": ZIP_EPOCH,
        }
        for name in (f"{example}.py", f"{example}.ipynb"):
            assert archive.read(name) == download("zh_CN", name).read_bytes(), name


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("suffix", [".py", ".ipynb", ".zip"])
def test_english_downloads_are_sphinx_gallerys_files_with_claims_shown_as_code(suffix):
    """The script as it is; the notebook, alone or in the zip, with each :claim: role as inline code (notebooks.plain_claims)."""
    for example in EXAMPLES:
        name = f"{example}{suffix}"
        built, generated = download("en", name), GENERATED / name
        if suffix == ".zip":
            with zipfile.ZipFile(built) as ours, zipfile.ZipFile(generated) as theirs:
                assert ours.namelist() == theirs.namelist(), name
                for member in theirs.namelist():
                    expected = theirs.read(member)
                    if member.endswith(".ipynb"):
                        expected = plain_claims(expected.decode("utf-8")).encode("utf-8")
                    assert ours.read(member) == expected, f"{name}: {member}"
        elif suffix == ".ipynb":
            assert built.read_text(encoding="utf-8") == plain_claims(generated.read_text(encoding="utf-8")), name
        else:
            assert built.read_bytes() == generated.read_bytes(), name


def test_a_paragraph_without_translation_is_kept_and_reported():
    source = '"""\nTitle\n=====\n\nFirst paragraph\non two lines.\n"""\n\n# %%\n# Untranslated.\nx = 1\n'
    messages = {"Title": "标题", "First paragraph on two lines.": "第一段。"}
    translated, missing = translated_downloads.translate_script(source, messages)
    assert translated == '"""\n标题\n=====\n\n第一段。\n"""\n\n# %%\n# Untranslated.\nx = 1\n'
    assert missing == ["Untranslated."]


def test_the_code_keeps_its_characters_and_its_comments_are_translated():
    source = (
        '"""\nTitle\n=====\n"""\nimport torch  # the library\n\n# %%\n# Prose, not a comment.\nx = "#"  # a string\n'
    )
    comments = {"the library": "这个库", "a string": "一个字符串", "Prose, not a comment.": "不该用到"}
    translated, missing = translated_downloads.translate_script(source, {"Title": "标题"}, comments)
    assert translated == (
        '"""\n标题\n=====\n"""\nimport torch  # 这个库\n\n# %%\n# Prose, not a comment.\nx = "#"  # 一个字符串\n'
    )
    assert missing == ["Prose, not a comment."]  # a paragraph of the text block, which comes from the example's .po


def test_site_directives_become_a_note_with_their_caption_others_stay():
    rst = "Text.\n\n.. lstm-diagram:: packed\n   :bidirectional:\n\n   Caption.\n\n.. note::\n   Kept.\n"
    assert (
        translated_downloads.without_site_directives(rst, "NOTE") == "Text.\n\nNOTE\n\nCaption.\n\n.. note::\n   Kept."
    )
