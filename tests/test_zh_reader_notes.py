"""What a Chinese reader meets outside the prose: the gallery's figure words, the pictures' legends,
the search page's "no results" sentence (conf/lstmdocs/pictures/gallery_words.py, drawing.py,
conf/templates/search.html)."""

import re

import pytest
from bs4 import BeautifulSoup

from built import LOCALES, SITE, pages, require
from lstmdocs.i18n.catalogues import messages_of
from lstmdocs.pictures.gallery_words import WORDS, translate_figure

HAN = re.compile(r"[\u3400-\u9fff]")


def figures(language: str, example: str) -> list:
    found = sorted(require(SITE / language / "_images").glob(f"sphx_glr_{example}_*.svg"))
    assert found, f"{language}: no figure of {example}"
    return found


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("example", sorted(WORDS))
def test_the_chinese_figures_say_their_words_in_chinese(example):
    labels = messages_of(LOCALES / "zh_CN" / "LC_MESSAGES" / "lstmdocs.po")
    for word in WORDS[example]:
        chinese = labels.get(word, word)
        assert HAN.search(chinese), f"lstmdocs.po translates {word!r} as {chinese!r}"
        for figure in figures("zh_CN", example):
            svg = figure.read_text(encoding="utf-8")
            assert f">{word}</text>" not in svg, f"zh_CN/_images/{figure.name}: {word!r} in English"
            assert f">{chinese}</text>" in svg, f"zh_CN/_images/{figure.name}: no {chinese!r}"
        for figure in figures("en", example):
            assert f">{word}</text>" in figure.read_text(encoding="utf-8"), f"en/_images/{figure.name}: no {word!r}"


@pytest.mark.usefixtures("built_site")
def test_chinese_legends_separate_expressions_with_chinese_punctuation():
    """A legend item lists expressions (``c_n[0]; c_n[1]``): in Chinese with ；, never an ASCII ; (no expression
    holds one), nor an ASCII , or : against a Chinese character; the picture's text alternative likewise."""
    found = []
    for page in pages("zh_CN"):
        soup = BeautifulSoup((SITE / "zh_CN" / page).read_text(encoding="utf-8"), "html.parser")
        for item in soup.select(".lstm-diagram__legend li, figure.lstm-diagram svg > title"):
            for code in item.find_all("code"):
                code.replace_with("x")
            text = item.get_text()
            if ";" in text or re.search(r"[\u3400-\u9fff][,:]|[,:][\u3400-\u9fff]", text):
                found.append(f"zh_CN/{page}: {text[:120]!r}")
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("built_site")
def test_the_search_page_says_no_results_without_categories():
    for language, expected in (("en", "No page matches your search"), ("zh_CN", "没有找到匹配的页面")):
        html = require(SITE / language / "search.html").read_text(encoding="utf-8")
        script = next(s for s in re.findall(r"<script>(.*?)</script>", html, re.S) if "TRANSLATIONS" in s)
        assert expected in script.encode().decode("unicode_escape") or expected in script, f"{language}: {script}"
        assert "categor" not in script.split(":", 1)[1] and "分类" not in script, f"{language}: {script}"


def test_only_a_label_that_is_exactly_the_word_is_translated():
    svg = '<text x="1">final</text><text x="2">final_output</text><text x="3">the final</text>'
    translated, found = translate_figure(svg, {"final": "拼接的最终状态"})
    assert translated == '<text x="1">拼接的最终状态</text><text x="2">final_output</text><text x="3">the final</text>'
    assert found == {"final"}
