"""Every page with code as a notebook in its language, and its Colab link (conf/lstmdocs/page_extras/notebooks.py)."""

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from built import LANGUAGES, ROOT, SITE, pages
from lstmdocs.i18n.code_comments import without_comments
from lstmdocs.page_extras.notebooks import COLAB, _colab_url, is_notebook_page, markdown, page_notebook

HAN = re.compile(r"[\u4e00-\u9fff]")
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def notebook_links(html: str) -> dict[str, str]:
    """{link class: href} of the page's notebook links."""
    found = re.findall(r'<a class="page-notebook__(\w+)" href="([^"]*)"', html)
    return {kind: unescape(href) for kind, href in found}


def pages_with_code() -> list[str]:
    """Pages (``docname.html``) whose source holds code a reader runs: MyST-NB code cells or a gallery example."""
    docs = ROOT / "docs"
    lessons = [path.relative_to(docs).with_suffix(".html").as_posix() for path in docs.rglob("*.md")]
    lessons = [page for page in lessons if is_notebook_page(docs / Path(page).with_suffix(".md"))]
    examples = [f"gallery/{script.stem}.html" for script in (ROOT / "examples").glob("plot_*.py")]
    return sorted(lessons + examples)


def cells(notebook: dict, kind: str) -> list[str]:
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == kind]


def test_every_lesson_is_counted():
    assert {"basics/outputs.html", "basics/equations.html", "glossary.html"} <= set(pages_with_code())
    assert len([page for page in pages_with_code() if page.startswith("gallery/")]) >= 5


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_with_code_offers_its_notebook_and_colab_exactly_with_a_repository(language):
    repository = os.environ.get("REPO_URL", "").rstrip("/")
    with_code = pages_with_code()
    for page in pages(language):
        links = notebook_links((SITE / language / page).read_text(encoding="utf-8"))
        if page not in with_code:
            assert not links, f"{language}/{page} has notebook links but no code"
            continue
        notebook = SITE / language / Path(page).parent / links["download"]
        assert notebook == SITE / language / Path(page).with_suffix(".ipynb"), f"{language}/{page}: {links}"
        nbformat.validate(nbformat.reads(notebook.read_text(encoding="utf-8"), as_version=4))
        if not repository:
            assert set(links) == {"download"}, f"{language}/{page} links to Colab without REPO_URL: {links}"
            continue
        # The workflow publishes the site's notebooks, at their place in the site, to this branch.
        prefix = f"{COLAB}/{repository.removeprefix('https://github.com/')}/blob/notebooks/"
        assert links["colab"].startswith(prefix), links["colab"]
        assert (SITE / links["colab"].removeprefix(prefix)) == notebook, links["colab"]


def test_colab_links_name_the_notebooks_branch_the_workflow_publishes():
    config = SimpleNamespace(
        page_notebooks_repository="https://github.com/example/lstm-docs/",
        page_notebooks_branch="notebooks",
        language="zh_CN",
    )
    url = _colab_url(config, "basics/outputs")
    assert url == f"{COLAB}/example/lstm-docs/blob/notebooks/zh_CN/basics/outputs.ipynb"
    assert _colab_url(SimpleNamespace(**{**vars(config), "page_notebooks_repository": ""}), "glossary") == ""
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "git push" in workflow and " notebooks" in workflow and "*.ipynb" in workflow, (
        f"{WORKFLOW} must publish the site's notebooks to the branch the Colab links name"
    )


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", pages_with_code())
def test_the_chinese_notebook_has_chinese_prose_and_the_same_code(page):
    english, chinese = (
        json.loads((SITE / language / Path(page).with_suffix(".ipynb")).read_text(encoding="utf-8"))
        for language in LANGUAGES
    )
    uncommented = [
        [without_comments(code, "ipython3") for code in cells(notebook, "code")] for notebook in (english, chinese)
    ]
    assert uncommented[1] == uncommented[0], page  # comments are translated (tests/test_zh_code_comments.py)
    assert cells(chinese, "code"), f"{page}: a notebook without code"
    for en_text, zh_text in zip(cells(english, "markdown"), cells(chinese, "markdown"), strict=True):
        if HAN.search(en_text) is None and re.search(r"[A-Za-z]{3,}( [A-Za-z]{2,}){3,}", en_text):
            assert len(HAN.findall(zh_text)) >= 5, f"{page}: an English prose cell left untranslated:\n{zh_text}"


def test_myst_markup_becomes_plain_markdown_and_paragraphs_are_translated():
    source = "\n".join(
        [
            "(label)=",
            "# A title",
            "",
            "First line",
            "second line, see {ref}`the outputs <outputs>` and {doc}`glossary`.",
            "",
            "```{lstm-diagram} unrolled",
            "",
            "A caption.",
            "```",
            "",
            "- one item",
            "- two items",
            "",
            "```pycon",
            ">>> 1 + 1",
            "2",
            "```",
        ]
    )
    messages = {
        "A title": "标题",
        "First line second line, see {ref}`the outputs <outputs>` and {doc}`glossary`.": "见 {ref}`输出 <outputs>` 和 {doc}`glossary`。",
        "A caption.": "图注。",
        "one item": "一项",
    }
    missing: list[str] = []
    text = markdown(source, messages, "*（图）*", missing, title={"glossary": "术语表"}.get)
    assert text == "\n".join(
        [
            "# 标题",
            "",
            "见 输出 和 术语表。",
            "",
            "*（图）*",
            "",
            "图注。",
            "",
            "- 一项",
            "- two items",
            "",
            "```pycon",
            ">>> 1 + 1",
            "2",
            "```",
        ]
    )
    assert missing == ["two items"]


def test_notebook_bytes_are_deterministic():
    page = ROOT / "docs" / "basics" / "outputs.md"
    first, second = page_notebook(page, None, "en"), page_notebook(page, None, "en")
    assert first == second
    assert '"id": "cell-0"' in first[0] and '"outputs": []' in first[0]


def build_root(outdir: Path, *overrides: str) -> Path:
    """The page-notebooks test root built by sphinx-build in its own process (myst-nb registers
    its parser in process-wide state that other test roots' builds would then look for)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "conf"), os.environ.get("PYTHONPATH", "")])}
    root = ROOT / "tests" / "roots" / "test-page-notebooks"
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(outdir / ".doctrees"), *overrides]
    subprocess.run([*command, str(root), str(outdir)], check=True, env=env)
    return outdir


def test_a_built_lesson_links_its_notebook_and_colab_at_the_notebooks_branch(tmp_path):
    outdir = build_root(tmp_path, "-D", "language=zh_CN")
    links = notebook_links((outdir / "lesson.html").read_text(encoding="utf-8"))
    assert links == {
        "download": "lesson.ipynb",
        "colab": f"{COLAB}/example/lstm-docs/blob/notebooks/zh_CN/lesson.ipynb",
    }
    notebook = json.loads((outdir / "lesson.ipynb").read_text(encoding="utf-8"))
    assert cells(notebook, "markdown") == ["# 一课\n\n一些文字。"] and cells(notebook, "code") == ["x = 1 + 1"]
    assert not notebook_links((outdir / "plain.html").read_text(encoding="utf-8"))


def test_without_a_repository_a_lesson_offers_the_download_only(tmp_path):
    outdir = build_root(tmp_path, "-D", "page_notebooks_repository=")
    assert notebook_links((outdir / "lesson.html").read_text(encoding="utf-8")) == {"download": "lesson.ipynb"}
    assert (outdir / "lesson.ipynb").is_file()


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_gallery_page_offers_one_download_at_its_top_and_all_at_its_end(language):
    """The "Download notebook" link above the title; sphinx-gallery's "Go to the end" note, which said the same
    again, is gone (page and Markdown twin); its list of every download stays at the end."""
    examples = [page for page in pages_with_code() if page.startswith("gallery/")]
    assert len(examples) >= 5
    for page in examples:
        html = (SITE / language / page).read_text(encoding="utf-8")
        top = html[html.index('<article role="main"') : html.index("<h1")]
        links = re.findall(r"<a [^>]*>", top)  # Colab's link too, when REPO_URL is set
        downloads = [link for link in links if "download" in link or "#sphx-glr-download" in link]
        assert len(downloads) == 1 and 'class="page-notebook__download"' in downloads[0], f"{language}/{page}: {top}"
        for text in (html, (SITE / language / page).with_suffix(".md").read_text(encoding="utf-8")):
            assert (
                "sphx-glr-download-link-note" not in text and "Go to the end" not in text and "跳转到末尾" not in text
            )
        assert html.count("sphx-glr-download sphx-glr-download-") == 3, f"{language}/{page}: the end's downloads"


def test_the_comments_of_a_fence_in_a_markdown_cell_are_translated_and_its_code_kept():
    source = "Text.\n\n```pycon\n>>> x = 1  # one\n>>> x  # one\n1  # one\n```\n\nMore text."
    missing: list[str] = []
    text = markdown(source, None, "", missing, comments={"one": "一"})
    assert text == "Text.\n\n```pycon\n>>> x = 1  # 一\n>>> x  # 一\n1  # one\n```\n\nMore text."
    assert markdown(source, None, "", missing) == source  # English: as it is
    assert missing == []


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_gallery_notebooks_show_claims_as_code_not_as_a_role(language):
    """A gallery script's ``:claim:`h_n[-1] == output[:, -1]``` is inline code on the page; in its
    notebook (beside the page, the download, the zip's) it is Markdown code too, not a raw reST role."""
    import zipfile

    site = SITE / language
    texts = {path: path.read_text(encoding="utf-8") for path in site.glob("gallery/*.ipynb")}
    texts |= {path: path.read_text(encoding="utf-8") for path in site.glob("_downloads/*/*.ipynb")}
    for archive in site.glob("_downloads/*/*.zip"):
        with zipfile.ZipFile(archive) as members:
            texts |= {
                f"{archive}:{name}": members.read(name).decode()
                for name in members.namelist()
                if name.endswith(".ipynb")
            }
    raw = [str(path) for path, text in texts.items() if ":claim:" in text]
    assert len(texts) > 10 and not raw, raw
    shown = "`h_n[-1] == output[:, 0, H:]`"  # plot_bidirectional's prose
    assert any(shown in text for text in texts.values())
