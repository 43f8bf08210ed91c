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
    # A screen reader hears the new shapes (the results themselves are not a live region: too much on each key).
    status = page.locator("#lstm-explorer-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "output (3, 5, 21), h_n (1, 3, 21), c_n (1, 3, 21)"
    assert page.locator("#lstm-explorer-results[aria-live]").count() == 0
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
    page.check("#lstm-h0-correct")
    shown = {name: shape(page, name) for name in ("input", "h0", "c0", "output", "h_n", "c_n")}
    url = page.url
    assert re.search(r"[?&]proj_size=3(&|$)", url) and "batch_first=false" in url

    page.goto("about:blank")
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("#lstm-explorer-results table")
    assert page.locator("#lstm-hidden-size").input_value() == "8"
    assert page.locator("#lstm-proj-size").input_value() == "3"
    assert not page.locator("#lstm-batch-first").is_checked()
    assert page.locator("#lstm-h0-correct").is_checked()
    assert {name: shape(page, name) for name in shown} == shown
    assert shown["h_n"] == "(4, 3, 3)" and shown["c_n"] == "(4, 3, 8)" and shown["output"] == "(5, 3, 6)"
    # The language switch carries the configuration to the other edition (brought up to date when focused).
    switch = page.locator("a.language-switch__link").first
    switch.focus()
    other = switch.get_attribute("href")
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


@pytest.mark.usefixtures("built_site")
def test_both_editions_give_the_widget_the_same_texts_and_fields():
    found = {}
    for language in LANGUAGES:
        html = (require(SITE) / language / PAGE).read_text(encoding="utf-8")
        keys = sorted(re.findall(r'data-text="([^"]+)"', html))
        start = html.index('<form class="lstm-explorer"')
        form = html[start : html.index("</form>", start)]
        fields = sorted(set(re.findall(r'<(?:input|select)[^>]* name="([^"]+)"', form)))  # radios share a name
        found[language] = (keys, fields)
    assert found["en"] == found["zh_CN"]
    keys, fields = found["en"]
    assert len(keys) == len(set(keys)) >= 20
    assert fields == sorted(FIELDS)


@pytest.mark.usefixtures("built_site")
def test_code_in_the_widget_is_never_translated():
    """Identifiers in backticks stay as written in every text of the widget (not <code>输入</code>)."""
    code = {}
    for language in LANGUAGES:
        html = (require(SITE) / language / PAGE).read_text(encoding="utf-8")
        start = html.index('<form class="lstm-explorer"')
        widget = html[start : html.index("</div>", html.index('id="lstm-explorer-text"'))]
        code[language] = sorted(re.findall(r"<code[^>]*>(.*?)</code>", widget))  # sentences order words differently
    assert code["en"] == code["zh_CN"]
    assert len(code["en"]) >= 30


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_silently_accepted_h0_layout_is_warned(page, site_url, language):
    open_explorer(page, site_url, language, "?N=4&h0=batch_first")  # N == D·num_layers == 4: torch accepts
    warning = page.locator(".lstm-explorer__warning")
    assert page.locator(".lstm-explorer__error").count() == 0 and warning.count() == 1
    assert "h0.transpose(0, 1).contiguous()" in warning.locator("code").all_inner_texts()
    assert "= 4" in warning.inner_text()
    # Shapes that differ are PyTorch's error, not this warning; with one row and one sequence the layouts agree.
    page.fill("#lstm-batch-size", "3")
    assert page.locator(".lstm-explorer__error").count() == 1 and warning.count() == 0
    open_explorer(page, site_url, language, "?N=1&num_layers=1&bidirectional=false&h0=batch_first")
    assert page.locator(".lstm-explorer__error").count() == 0 and warning.count() == 0
    assert_clean(page)


def diagram_texts(page) -> list[str]:
    return page.locator("svg.lstm-explorer__diagram text").all_text_contents()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_diagram_draws_c_n_and_the_projection(page, site_url, language):
    open_explorer(page, site_url, language, "?proj_size=5")
    texts = diagram_texts(page)
    # Lower layer by positive index, last layer by negative, as the identities write them.
    for name in ("h_n[0]", "h_n[1]", "h_n[-2]", "h_n[-1]", "c_n[0]", "c_n[1]", "c_n[-2]", "c_n[-1]"):
        assert texts.count(name) == 1, name
    widths = page.evaluate("""() => ['h', 'c'].map((kind) => Array.from(
        document.querySelectorAll(`svg.lstm-explorer__diagram .lstm-explorer__bar--${kind}`), (bar) => bar.getBBox().width))""")
    assert len(widths[0]) == len(widths[1]) == 4
    assert all(c / h == pytest.approx(20 / 5) for h, c in zip(*widths, strict=True)), widths  # H_cell / proj_size
    notes = page.locator(".lstm-explorer__note").all_inner_texts()
    assert any("proj_size=5" in note and "hidden_size=20" in note for note in notes)
    assert any("h_n[-2]" in note and "h_n[2]" in note and "h_n[3]" in note for note in notes)
    assert page.locator(".lstm-explorer__legend li").count() == 4
    page.fill("#lstm-proj-size", "0")
    widths = page.locator("svg.lstm-explorer__diagram .lstm-explorer__bar").evaluate_all(
        "(bars) => bars.map((bar) => bar.getBBox().width)"
    )
    assert len(set(widths)) == 1, "without a projection h_n and c_n are equally wide"
    assert page.locator(".lstm-explorer__note").count() == 1
    assert_clean(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_button_copies_the_code(page, site_url, language):
    open_explorer(page, site_url, language, "?h0=correct")
    button = page.locator(".lstm-explorer__code button.copybtn")
    assert button.get_attribute("aria-label")
    button.click()
    page.wait_for_function(
        "document.querySelector('.lstm-explorer__code button.copybtn').classList.contains('success')"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#lstm-explorer-code").inner_text().rstrip("\n")
    assert copied.endswith("output, (h_n, c_n) = rnn(input, (h0, c0))")
    assert_clean(page)


READABILITY = """() => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (c) => {
    const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = rgb(getComputedStyle(document.querySelector(".content")).backgroundColor === "rgba(0, 0, 0, 0)"
    ? getComputedStyle(document.body).backgroundColor : getComputedStyle(document.querySelector(".content")).backgroundColor);
  const found = [];
  const widget = document.querySelectorAll("#lstm-explorer *, #lstm-explorer-results *");
  for (const element of widget) {
    const own = Array.from(element.childNodes).some((n) => n.nodeType === 3 && n.data.trim());
    if (!own || !element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    let size = parseFloat(style.fontSize);
    let colour = style.color;
    const svg = element.closest("svg");
    if (svg) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;  // drawn size, after any scaling
      colour = style.fill;
    }
    found.push({ text: element.textContent.trim().slice(0, 30), size, contrast: contrast(rgb(colour), background) });
  }
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", LANGUAGES)
def test_readable_on_a_phone_and_a_desktop(browser, site_url, language, width, scheme):
    """No text under 11 px, none below 4.5:1 contrast, no sideways scroll of the page, and the diagram fits."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    for query in ("?proj_size=5&N=4&h0=batch_first", "?L=40&num_layers=6&N=2"):
        open_explorer(page, site_url, language, query)
        found = page.evaluate(READABILITY)
        assert len(found) > 40
        small = [item for item in found if item["size"] < 11]
        assert not small, small
        faint = [item for item in found if item["contrast"] < 4.5]
        assert not faint, faint
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
        scroller = page.locator(".lstm-explorer__figure .lstm-explorer__scroller")
        assert scroller.evaluate("(s) => s.scrollWidth <= s.clientWidth"), "the diagram is wider than the page"
        screenshot(page, f"{language}-explorer-{width}-{scheme}{'-mistake' if 'h0' in query else '-deep'}")
    context.close()


def test_the_diagram_is_redrawn_when_the_screen_narrows(browser, site_url):
    """A window made narrow (a phone turned upright) gets a diagram with fewer time steps, not a cut-off one."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_explorer(page, site_url, "en", "?L=40")
    steps = "svg.lstm-explorer__diagram rect.lstm-explorer__cell"
    wide = page.locator(steps).count()
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_function(f"document.querySelectorAll('{steps}').length < {wide}")
    scroller = page.locator(".lstm-explorer__figure .lstm-explorer__scroller")
    assert scroller.evaluate("(s) => s.scrollWidth <= s.clientWidth")
    context.close()


# The h0 choices whose text the control does not show whole. A menu (<select>) shows its chosen
# option on one line, cut where the box ends: the text is measured in the menu's font against the
# room left of its arrow (about 20 px). Radio buttons show every choice, wrapped in its label.
CUT_CHOICES = """() => {
  const control = document.getElementById("lstm-h0");
  const page = document.documentElement.clientWidth;
  if (control.tagName === "SELECT") {
    const style = getComputedStyle(control);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = control.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return [...control.options].filter((option) => context.measureText(option.text).width > room)
      .map((option) => option.text);
  }
  return [...control.querySelectorAll("label")]
    .filter((label) => label.scrollWidth > label.clientWidth || label.getBoundingClientRect().right > page)
    .map((label) => label.textContent.trim());
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_h0_choice_is_read_whole_on_a_phone(browser, site_url, language):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    open_explorer(page, site_url, language, "?h0=batch_first")
    choices = page.locator("#lstm-h0 option, #lstm-h0 label")
    assert choices.count() == 3
    assert page.evaluate(CUT_CHOICES) == []
    context.close()
