"""The step-through explainer in Chromium, in both languages: numbers against the trace, provenance, keyboard, URL.

The numbers shown are compared with the trace the page loads (tests/traces.py: the same file
tests/test_lstm_trace.py checks against torch), to the three decimals shown; copied expressions are run by torch.
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest
import torch

from browser import screenshot
from built import LANGUAGES, SITE, require
from page_checks import PHONE, overflowing
from traces import NAMES, load, run

PAGE = "reference/explainer.html"
SHOWN = 0.0005 + 1e-9  # three decimals, rounded


def open_explainer(page, site_url, language, query=""):
    page.goto(f"{site_url}/{language}/{PAGE}{query}", wait_until="networkidle")
    page.wait_for_selector(".lstm-explainer__status")


def assert_clean(page):
    assert page.log.third_party == [] and page.log.console_errors == [] and page.log.failed == []


def step_of(page) -> int:
    return int(page.locator("#lstm-explainer").get_attribute("data-step"))


def vector(text: str) -> list[float]:
    return [float(value) for value in text.strip("[]").split(", ")]


def assert_shown(shown: list[float], expected: list[float], where: str) -> None:
    assert len(shown) == len(expected) and all(abs(a - b) <= SHOWN for a, b in zip(shown, expected)), (
        f"{where}: shown {shown}, trace {expected}"
    )


def check_step(page, trace: dict, s: int, n: int = 0) -> None:
    """The step panel and the output grid at step s show the trace's numbers, and only what is computed."""
    config = trace["config"]
    steps, layers, directions = config["steps"], config["num_layers"], 2 if config["bidirectional"] else 1
    width = (config["proj_size"] or config["hidden_size"]) * directions
    assert step_of(page) == s
    status = page.locator(".lstm-explainer__status").inner_text()
    assert str(s + 1) in status and str(layers * steps + 1) in status
    end = s == layers * steps
    layer, k = divmod(s, steps)
    if not end:
        rows = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('.lstm-explainer__now tr[data-row]')]
                 .map(tr => [tr.dataset.row, [...tr.querySelectorAll('td')].map(td => td.textContent)]))"""
        )
        for d, t in enumerate([k, steps - 1 - k][:directions]):
            step = trace["steps"][layer][d][t][n]
            for row, cells in rows.items():
                if step is None:
                    assert re.search(r"padding|填充", cells[d]), (config["name"], s, d, cells[d])
                else:
                    assert_shown(vector(cells[d]), step[row], f"{config['name']} step {s} direction {d} {row}")
    cells = page.evaluate(
        """() => [...document.querySelectorAll('[data-cell^="output:"]')]
             .map(b => [b.dataset.cell.slice(7).split(',').map(Number), b.textContent])"""
    )
    assert len(cells) == steps * config["batch"] * width
    for (t, m, j), text in cells:
        d = j // (width // directions)
        padding = t >= config["lengths"][m]
        done = end or (layer == layers - 1 and (t <= k if d == 0 else t >= steps - 1 - k))
        if padding or done:
            assert text != "·", f"{config['name']} step {s}: output[{t}, {m}, {j}] not shown"
            assert abs(float(text) - trace["output"][t][m][j]) <= SHOWN, (config["name"], s, t, m, j, text)
        else:
            assert text == "·", (config["name"], s, t, m, j, text)
    states = page.locator('[data-cell^="h_n:"], [data-cell^="c_n:"]').all_inner_texts()
    assert all(text != "·" for text in states) if end else set(states) == {"·"}, (config["name"], s)


@pytest.mark.parametrize("language", LANGUAGES)
def test_stepping_forwards_and_backwards_shows_the_trace(page, site_url, language):
    for name in NAMES:
        trace = load(language, name)
        config = trace["config"]
        last = config["num_layers"] * config["steps"]
        open_explainer(page, site_url, language, f"?config={name}")
        n = config["batch"] - 1
        page.select_option(".lstm-explainer select[name=n]", str(n))
        for s in range(last + 1):
            check_step(page, trace, s, n)
            if s < last:
                page.click("button[data-action=next]")
        assert page.locator("input[name=step]").input_value() == str(last)
        for s in range(last - 1, -1, -1):
            page.click("button[data-action=previous]")
            check_step(page, trace, s, n)
        if name in ("bi-2-layer", "packed"):
            screenshot(page, f"{language}-explainer-{name}")
    assert_clean(page)


def torch_tensors(trace: dict, batch_first: bool) -> dict:
    output, (h_n, c_n) = run(trace, batch_first=batch_first)
    return {"output": output, "h_n": h_n, "c_n": c_n}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "batch_first", "cell", "same"),
    [
        ("bi-2-layer", True, "h_n:2,2,1", ["output:3,2,1"]),  # forward top layer: output at the last step
        ("bi-2-layer", False, "h_n:3,0,2", ["output:0,0,5"]),  # backward: output at time step 0
        ("bi-2-layer", False, "h_n:0,1,0", []),  # a lower layer: only in h_n
        ("packed", True, "output:1,1,2", ["h_n:0,1,2"]),  # sequence 1 ends at time step 1
        ("packed-bi-2-layer", False, "c_n:1,2,0", []),
        ("proj-bi", True, "output:3,0,1", ["h_n:0,0,1"]),
    ],
)
def test_provenance_highlights_and_copies_the_expression(page, site_url, language, name, batch_first, cell, same):
    trace = load(language, name)
    last = trace["config"]["num_layers"] * trace["config"]["steps"]
    open_explainer(page, site_url, language, f"?config={name}&step={last}" + ("&batch_first=1" if batch_first else ""))
    assert page.locator("input[name=batch_first]").is_checked() == batch_first
    page.click(f'[data-cell="{cell}"]')
    assert page.locator(".lstm-explainer__value.is-selected").get_attribute("data-cell") == cell
    highlighted = [b.get_attribute("data-cell") for b in page.locator(".lstm-explainer__value.is-same").all()]
    assert highlighted == same
    tensors = torch_tensors(trace, batch_first)
    tensor, index = cell.split(":")
    index = [int(i) for i in index.split(",")]
    if tensor == "output" and batch_first:
        index[0], index[1] = index[1], index[0]
    value = tensors[tensor][tuple(index)]
    for other in same:  # what the highlight claims, checked by torch
        other_tensor, at = other.split(":")
        at = [int(i) for i in at.split(",")]
        if other_tensor == "output" and batch_first:
            at[0], at[1] = at[1], at[0]
        assert torch.equal(tensors[other_tensor][tuple(at)], value)
    shown = page.locator(".lstm-explainer__expression code").inner_text()
    page.click(".lstm-explainer__copy")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == shown
    parts = copied.split(" == ")
    assert len(parts) >= 1 + len(same)
    for part in parts:
        assert torch.equal(eval(part, {}, tensors), value), part  # noqa: S307 - the page's own indexing
    if same:
        assert ("output[" in copied) and ("h_n[" in copied)
    origin = page.locator(".lstm-explainer__origin").inner_text()
    assert re.search(r"[Ll]ayer \d|第 \d 层", origin)
    assert_clean(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_operation_live_region_and_url(page, site_url, language):
    open_explainer(page, site_url, language, "?config=bi-2-layer")
    controls = page.locator("#lstm-explainer select, #lstm-explainer input, #lstm-explainer button").all()
    for control in controls:  # every control has a name a screen reader reads
        name = control.evaluate(
            "e => e.getAttribute('aria-label') || e.closest('label')?.textContent || e.textContent || ''"
        )
        assert name.strip(), control.evaluate("e => e.outerHTML")
    live = page.locator(".lstm-explainer__status")
    assert live.get_attribute("aria-live") == "polite"

    page.focus("#lstm-explainer select[name=config]")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # sequence, batch_first, previous (disabled at step 0: skipped) -> slider
    assert page.evaluate("document.activeElement.name") == "step"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert step_of(page) == 2
    before = live.inner_text()
    page.keyboard.press("Tab")  # the next button
    page.keyboard.press("Enter")
    assert step_of(page) == 3 and live.inner_text() != before
    page.keyboard.press("ArrowLeft")  # arrow keys step anywhere in the widget
    assert step_of(page) == 2
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # slider, then the previous button
    page.keyboard.press("Space")
    assert step_of(page) == 1

    # A row of the step panel, chosen from the keyboard, shows its equation.
    page.focus('.lstm-explainer__now tr[data-row="c"] button')
    page.keyboard.press("Enter")
    formula = page.locator(".lstm-explainer__formula").first.inner_text()
    assert "⊙" in formula and formula.count("[") == 5
    # Focusing a value shows where it comes from.
    page.focus('[data-cell="output:0,1,0"]')
    assert page.locator(".lstm-explainer__value.is-selected").get_attribute("data-cell") == "output:0,1,0"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.cell") == "output:0,1,1"
    stops = page.evaluate(
        "[...document.querySelectorAll('.lstm-explainer__value[tabindex=\"0\"]')].map(b => b.dataset.cell)"
    )
    assert stops == ["output:0,1,1", "h_n:0,0,0", "c_n:0,0,0"]  # one Tab stop per tensor
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.cell") == "h_n:0,0,0"  # selected: sequence 0

    query = parse_qs(urlparse(page.url).query)
    assert query["config"] == ["bi-2-layer"] and query["step"] == ["1"] and query["n"] == ["0"]
    switch = page.locator("a.language-switch__link").first
    switch.focus()  # the language switch takes the address's query when focused
    other = switch.get_attribute("href")
    assert urlparse(other).query == urlparse(page.url).query
    url = page.url
    page.goto("about:blank")
    open_explainer(page, site_url, language, url[url.index("?") :])
    assert step_of(page) == 1 and page.locator("select[name=n]").input_value() == "0"
    assert_clean(page)


@pytest.mark.usefixtures("built_site")
def test_the_page_adds_at_most_150_kib_to_a_first_visit():
    """Its own script, style sheet and the default configuration's trace (others load when chosen)."""
    for language in LANGUAGES:
        static = require(SITE / language / "_static" / "explainer")
        html = (SITE / language / PAGE).read_text(encoding="utf-8")
        own = re.findall(r'(?:src|href|data-fetches)="\.\./_static/explainer/([^"?]+)', html)
        # The default configuration's trace is fetched with the page.
        assert sorted(own) == ["explainer-core.js", "explainer.css", "explainer.js", "traces/bi-2-layer.js"]
        strings = re.search(r'data-strings="[^"]*"', html).group(0)
        size = sum((static / name).stat().st_size for name in own)
        size += len(strings.encode())
        assert size <= 150 * 1024, f"{language}: {size} bytes"
        print(f"{language}: the explainer adds {size / 1024:.1f} KiB to a first visit")


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_phone_width_nothing_is_cut_off_and_figure_text_is_at_least_11px(browser, site_url, language):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for query in (
        "?config=packed-bi-2-layer&step=8",
        "?config=bi-2-layer&step=5&batch_first=1",
        "?config=proj-bi&step=2",
    ):
        open_explainer(page, site_url, language, query)
        row = page.locator('.lstm-explainer__now tr[data-row="f"] button')
        if row.count():  # not at the end
            row.click()  # the widest equation
        assert overflowing(page, PHONE["width"]) == [], query
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], query
        smallest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll('#lstm-explainer *')]
                 .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
        )
        assert smallest >= 11, f"{query}: text at {smallest}px"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_trace_of_the_configuration_shown_is_fetched_and_none_is_preloaded_unused(page, site_url, language):
    """A preload of the first configuration's trace went unused, with a console warning, when the
    address named another configuration (?config=packed)."""
    warnings, traces = [], []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    page.on("request", lambda request: "/traces/" in request.url and traces.append(request.url.rsplit("/", 1)[1]))
    for query, shown in (("?config=packed", "packed"), ("", "bi-2-layer"), ("?config=no-such-thing", "bi-2-layer")):
        warnings.clear()
        traces.clear()
        open_explainer(page, site_url, language, query)
        assert page.locator("#lstm-explainer").get_attribute("data-config") == shown
        page.wait_for_timeout(3500)  # Chromium warns of an unused preload a few seconds after the load event
        assert [w for w in warnings if "preload" in w] == [], query
        assert traces == [f"{shown}.js"], f"{query}: fetched {traces}"
    assert_clean(page)
