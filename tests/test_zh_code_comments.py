"""The Chinese edition's code comments are Chinese, and its code is the English code
(conf/lstmdocs/i18n/code_comments.py).

Wherever a reader meets code, on the page, in its Markdown twin, in the page's notebook
and in the gallery's ``.py``, ``.ipynb`` and zip downloads, each Chinese block, with its
comments removed by Python's ``tokenize``, equals the English block with its comments
removed; no comment with English words is left; and the block still compiles.
"""

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from built import ROOT, SITE, require, source_pages
from lstmdocs.i18n.code_comments import comments, has_words, kind_of, translate, without_comments

HAN = re.compile(r"[\u3400-\u9fff]")
FENCE = re.compile(r"^```(?P<language>[^\n`]*)\n(?P<code>.*?)^```$", re.MULTILINE | re.DOTALL)
EXAMPLES = sorted(path.stem for path in (ROOT / "examples").glob("plot_*.py"))
CONTENT_PAGES = [page for page in source_pages() if page not in {"search.html", "genindex.html"}]

Block = tuple[str, str]  # (highlighting language, code)


def html_blocks(path: Path) -> list[Block]:
    """The Python and doctest blocks of a page's article, as shown."""
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article", attrs={"role": "main"})
    found = []
    for pre in article.select("div[class*=highlight-] pre"):
        wrapper = pre.find_parent("div", class_=re.compile("^highlight-"))
        language = next(c.removeprefix("highlight-") for c in wrapper["class"] if c.startswith("highlight-"))
        if kind_of(language):
            for number in pre.select(".linenos"):
                number.decompose()
            found.append((language, pre.get_text()))
    return found


def fenced_blocks(markdown: str) -> list[Block]:
    return [(m["language"], m["code"]) for m in FENCE.finditer(markdown) if kind_of(m["language"])]


def notebook_blocks(text: str) -> list[Block]:
    """The code cells of a notebook, and the Python fences of its Markdown cells, in order."""
    found = []
    for cell in json.loads(text)["cells"]:
        source = "".join(cell["source"])
        found += [("ipython3", source)] if cell["cell_type"] == "code" else fenced_blocks(source)
    return found


def script_blocks(script: str) -> list[Block]:
    """A gallery script's code, between its text blocks (the docstring and ``# %%`` comment blocks)."""
    body = script.split('"""', 2)[2]
    return [("python", code) for code in re.split(r"^# %%\n(?:#.*\n)*", body, flags=re.M)]


def download(language: str, name: str) -> Path:
    found = sorted(require(SITE / language / "_downloads").glob(f"*/{name}"))
    assert len(found) == 1, f"{language}: {len(found)} downloads named {name}"
    return found[0]


def statements(code: str, language: str) -> str:
    """The Python a block runs (a doctest's statements without prompts or outputs)."""
    if kind_of(language) == "python":
        return code
    return "\n".join(line[4:] for line in code.split("\n") if line.startswith((">>> ", "... ")))


def problems(where: str, english: list[Block], chinese: list[Block]) -> list[str]:
    """What differs, in a block of ``chinese``, from ``english`` but for comments; English comments left."""
    if [language for language, _ in chinese] != [language for language, _ in english]:
        return [f"{where}: {len(english)} Python blocks in English, {len(chinese)} in Chinese"]
    found = []
    for number, ((language, en), (_, zh)) in enumerate(zip(english, chinese, strict=True), start=1):
        if without_comments(zh, language) != without_comments(en, language):
            found.append(f"{where}, block {number}: the code differs from the English, not only its comments")
        left = [c.text for c in comments(zh, language) if has_words(c) and not HAN.search(c.text)]
        if left:
            found.append(f"{where}, block {number}: English comments {left}")
        try:
            compile(statements(zh, language), where, "exec")
        except SyntaxError as error:
            if kind_of(language) == "python" and not zh.lstrip().startswith(("%", "!")):
                found.append(f"{where}, block {number}: does not compile: {error}")
    return found


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_a_chinese_page_comments_its_code_in_chinese(page):
    english, chinese = html_blocks(SITE / "en" / page), html_blocks(SITE / "zh_CN" / page)
    assert not problems(f"zh_CN/{page}", english, chinese), "\n".join(problems(f"zh_CN/{page}", english, chinese))


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_a_chinese_markdown_twin_comments_its_code_in_chinese(page):
    twin = page.removesuffix(".html") + ".md"
    english = fenced_blocks((SITE / "en" / twin).read_text(encoding="utf-8"))
    chinese = fenced_blocks((SITE / "zh_CN" / twin).read_text(encoding="utf-8"))
    found = problems(f"zh_CN/{twin}", english, chinese)
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("built_site")
def test_the_chinese_notebooks_comment_their_code_in_chinese():
    notebooks = sorted(p.relative_to(SITE / "zh_CN").as_posix() for p in (SITE / "zh_CN").rglob("*.ipynb"))
    notebooks = [name for name in notebooks if not name.startswith("_downloads/")]
    assert len(notebooks) >= 10, notebooks
    found = []
    for name in notebooks:
        english = notebook_blocks((SITE / "en" / name).read_text(encoding="utf-8"))
        found += problems(f"zh_CN/{name}", english, notebook_blocks((SITE / "zh_CN" / name).read_text("utf-8")))
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_chinese_gallery_downloads_comment_their_code_in_chinese(example):
    found = problems(
        f"{example}.py",
        script_blocks(download("en", f"{example}.py").read_text("utf-8")),
        script_blocks(download("zh_CN", f"{example}.py").read_text("utf-8")),
    )
    found += problems(
        f"{example}.ipynb",
        notebook_blocks(download("en", f"{example}.ipynb").read_text("utf-8")),
        notebook_blocks(download("zh_CN", f"{example}.ipynb").read_text("utf-8")),
    )
    with zipfile.ZipFile(download("zh_CN", f"{example}.zip")) as archive:
        found += problems(
            f"{example}.zip",
            script_blocks(download("en", f"{example}.py").read_text("utf-8")),
            script_blocks(archive.read(f"{example}.py").decode("utf-8")),
        )
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("built_site")
def test_every_gallery_twin_fences_the_scripts_code():
    """sphinx-gallery's code blocks reach the Markdown twin as fenced Python, not escaped text."""
    for language in ("en", "zh_CN"):
        for example in EXAMPLES:
            twin = (SITE / language / "gallery" / f"{example}.md").read_text(encoding="utf-8")
            script = download(language, f"{example}.py").read_text("utf-8")
            code = [c.strip("\n") for _, c in script_blocks(script) if c.strip()]
            fenced = [c.strip("\n") for _, c in fenced_blocks(twin)]
            assert fenced == code, f"{language}/gallery/{example}.md: its fences are not the script's code"


# -- The gate itself ---------------------------------------------------------------
def test_only_comments_change_and_a_changed_character_of_code_is_caught():
    english = ">>> x = \"a # b\"  # the value\n>>> x\n'a # b'\n>>> y = 1  # noqa: E402"
    chinese = translate(english, "pycon", {"the value": "这个值", "noqa: E402": "不该翻译"})
    assert chinese == ">>> x = \"a # b\"  # 这个值\n>>> x\n'a # b'\n>>> y = 1  # noqa: E402"
    assert not problems("page", [("pycon", english)], [("pycon", chinese)])
    changed = chinese.replace("y = 1", "y = 2")
    assert "not only its comments" in problems("page", [("pycon", english)], [("pycon", changed)])[0]
    assert "English comments" in problems("page", [("pycon", english)], [("pycon", english)])[0]


def test_output_lines_and_strings_are_not_comments():
    code = '>>> print("# not a comment")\n# not a comment either: an output\n>>> # a comment'
    assert [c.text for c in comments(code, "pycon")] == ["# a comment"]
    assert [c.text for c in comments('s = "#"  # yes\n# (N, H)', "ipython3")] == ["# yes", "# (N, H)"]
    assert [has_words(c) for c in comments("a  # (N, H)\nb  # the layer below\nc  # noqa: E402", "python")] == [
        False,
        True,
        False,
    ]


def test_a_comment_without_translation_is_kept_and_listed():
    missing: list[str] = []
    assert translate("x = 1  # one\ny = 2  # two", "python", {"one": "一"}, missing) == "x = 1  # 一\ny = 2  # two"
    assert missing == ["two"]


def test_a_block_that_does_not_compile_is_reported():
    english = [("python", "x = 1  # one")]
    assert "does not compile" in problems("page", english, [("python", "x = 1  # 一\n)")])[-1]
