"""The shape explorer in Chromium, in both languages: keyboard, shapes, PyTorch's errors, shareable URL."""

import re

import pytest
import torch
from torch import nn

from browser import screenshot
from built import LANGUAGES, SITE, require

PAGE = "reference/explorer.html"
FIELDS = ("input_size", "hidden_size", "num_layers", "proj_size", "bidirectional", "batch_first")
FIELDS += ("input_dims", "N", "L", "features", "h0")


def open_explorer(page, site_url, language, query=""):
    page.goto(f"{site_url}/{language}/{PAGE}{query}", wait_until="networkidle")
    page.wait_for_selector("#lstm-explorer-results table")


def shape(page, tensor: str) -> str:
    return page.locator(f'#lstm-explorer-results tr[data-tensor="{tensor}"] .lstm-explorer__shape').inner_text()


def assert_clean(page):
    assert page.log.third_party == [], "requests to third-party hosts"
    assert page.log.console_errors == [], "console errors"
    assert page.log.failed == [], "failed loads"


def torch_message(**arguments) -> str:
    with pytest.raises(ValueError) as raised:
        nn.LSTM(**arguments)
    return f"ValueError: {raised.value}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_changes_update_the_shapes(page, site_url, language):
    open_explorer(page, site_url, language)
    # The defaults are the configuration the page's doctest checks.
    assert (shape(page, "output"), shape(page, "h_n"), shape(page, "c_n")) == ("(3, 5, 40)", "(4, 3, 20)", "(4, 3, 20)")

    page.focus("#lstm-input-size")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "lstm-hidden-size"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused field shows no focus ring"
    page.keyboard.press("ArrowUp")  # hidden_size 21
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # num_layers 1
    page.focus("#lstm-bidirectional")
    page.keyboard.press("Space")  # one direction
    expected = nn.LSTM(10, 21, num_layers=1, batch_first=True)(torch.randn(3, 5, 10))
    output, (h_n, _) = expected
    assert shape(page, "output") == str(tuple(output.shape))
    assert shape(page, "h_n") == str(tuple(h_n.shape)) == "(1, 3, 21)"
    identities = page.locator(".lstm-explorer__identities code").all_inner_texts()
    assert identities == ["torch.equal(h_n[-1], output[:, -1, :])"]
    assert torch.equal(eval(identities[0].removeprefix("torch.equal(h_n[-1], ").removesuffix(")")), h_n[-1])

    page.focus("#lstm-input-dims")
    page.keyboard.press("ArrowDown")  # unbatched, 2-D
    assert page.locator("#lstm-input-dims").input_value() == "2"
    assert shape(page, "input") == "(5, 10)" and shape(page, "output") == "(5, 21)"
    assert page.locator(".lstm-explorer__identities code").all_inner_texts() == ["torch.equal(h_n[-1], output[-1, :])"]
    assert page.locator("svg.lstm-explorer__diagram rect.lstm-explorer__cell").count() == 5  # 1 layer x 5 steps
    screenshot(page, f"{language}-explorer")
    assert_clean(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invalid_configuration_shows_pytorchs_message(page, site_url, language):
    open_explorer(page, site_url, language)
    page.fill("#lstm-proj-size", "20")
    error = page.locator(".lstm-explorer__error pre")
    assert error.inner_text() == torch_message(input_size=10, hidden_size=20, proj_size=20)
    page.fill("#lstm-proj-size", "0")
    page.fill("#lstm-hidden-size", "0")
    assert error.inner_text() == torch_message(input_size=10, hidden_size=0)
    assert page.locator(".lstm-explorer__identities").count() == 0
    screenshot(page, f"{language}-explorer-error")
    assert_clean(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_url_restores_the_configuration(page, site_url, language):
    open_explorer(page, site_url, language)
    page.fill("#lstm-hidden-size", "8")
    page.fill("#lstm-proj-size", "3")
    page.focus("#lstm-batch-first")
    page.keyboard.press("Space")
    page.select_option("#lstm-h0", "correct")
    shown = {name: shape(page, name) for name in ("input", "h0", "c0", "output", "h_n", "c_n")}
    url = page.url
    assert re.search(r"[?&]proj_size=3(&|$)", url) and "batch_first=false" in url

    page.goto("about:blank")
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("#lstm-explorer-results table")
    assert page.locator("#lstm-hidden-size").input_value() == "8"
    assert page.locator("#lstm-proj-size").input_value() == "3"
    assert not page.locator("#lstm-batch-first").is_checked()
    assert page.locator("#lstm-h0").input_value() == "correct"
    assert {name: shape(page, name) for name in shown} == shown
    assert shown["h_n"] == "(4, 3, 3)" and shown["c_n"] == "(4, 3, 8)" and shown["output"] == "(5, 3, 6)"
    # The language switch carries the configuration to the other edition.
    other = page.locator("a.language-switch__link").first.get_attribute("href")
    assert other.endswith(url[url.index("?") :])
    assert_clean(page)


def test_labels_are_in_the_page_language(page, site_url):
    words = {}
    for language in LANGUAGES:
        open_explorer(page, site_url, language)
        words[language] = page.locator("#lstm-explorer-results h3").all_inner_texts()
        words[language] += page.locator("label[for=lstm-input-dims]").all_inner_texts()
        words[language].append(page.locator("svg.lstm-explorer__diagram title").text_content())
    assert len(words["en"]) == len(words["zh_CN"]) >= 5
    for english, chinese in zip(words["en"], words["zh_CN"], strict=True):
        assert english != chinese and re.search(r"[\u4e00-\u9fff]", chinese), (english, chinese)
    assert_clean(page)


def test_both_editions_give_the_widget_the_same_texts_and_fields():
    found = {}
    for language in LANGUAGES:
        html = (require(SITE) / language / PAGE).read_text(encoding="utf-8")
        keys = sorted(re.findall(r'data-text="([^"]+)"', html))
        start = html.index('<form class="lstm-explorer"')
        form = html[start : html.index("</form>", start)]
        fields = sorted(re.findall(r'<(?:input|select)[^>]* name="([^"]+)"', form))
        found[language] = (keys, fields)
    assert found["en"] == found["zh_CN"]
    keys, fields = found["en"]
    assert len(keys) == len(set(keys)) >= 20
    assert fields == sorted(FIELDS)
