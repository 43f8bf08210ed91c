"""The step-through explainer in Chromium, in both languages: the picture, the cell, the numbers, the keys.

What the page draws is compared with the trace it loads (the file tests/test_lstm_trace.py checks
against torch): which boxes each step computes, where each direction's h_n and c_n are taken
(found from the trace's numbers, not from the page's rule), the status line, the numbers of the
open cell and of output, h_n and c_n, to the three decimals shown. Copied expressions are run by
torch. A trace whose backward final state is moved to the last step, or whose directions are
swapped, fails these checks (tried here, by serving the page such a trace).
"""

import copy
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
import torch

from browser import screenshot
from built import LANGUAGES, SITE, require
from page_checks import overflowing
from traces import NAMES, load, run

PAGE = "reference/explainer.html"
SHOWN = 0.0005 + 1e-9  # three decimals, rounded
ATOL = 1e-6
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def open_explainer(page, site_url, language, query=""):
    page.goto(f"{site_url}/{language}/{PAGE}{query}", wait_until="networkidle")
    page.wait_for_selector(".lstm-explainer__status")


def assert_clean(page):
    assert page.log.third_party == [] and page.log.console_errors == [] and page.log.failed == []


def step_of(page) -> int:
    return int(page.locator("#lstm-explainer").get_attribute("data-step"))


def words_of(page) -> dict:
    return page.evaluate("JSON.parse(document.getElementById('lstm-explainer').dataset.strings)")


def fill(template: str, **values) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


# ---- what the trace says the page must show -------------------------------------------------------
def sizes(trace: dict) -> tuple[int, int, int]:
    config = trace["config"]
    return config["steps"], config["num_layers"], 2 if config["bidirectional"] else 1


def box(trace: dict, layer: int, d: int, t: int, n: int):
    return trace["steps"][layer][d][t][n]


def order(trace: dict, d: int) -> range:
    steps = trace["config"]["steps"]
    return range(steps) if d == 0 else range(steps - 1, -1, -1)


def computed_at(trace: dict, layer: int, d: int, t: int) -> int:
    """The step that computes (layer, d, t): a layer's L steps, each direction from its own end."""
    steps = trace["config"]["steps"]
    return layer * steps + list(order(trace, d)).index(t)


def expected_boxes(trace: dict, s: int, n: int) -> dict[str, str]:
    """Each box of sequence n at step s: skipped (the trace has no step there), pending, current or done."""
    steps, layers, directions = sizes(trace)
    found = {}
    for layer in range(layers):
        for d in range(directions):
            for t in range(steps):
                at = computed_at(trace, layer, d, t)
                state = "current" if at == s else "done" if at < s else "pending"
                found[f"{layer},{d},{t}"] = "skipped" if box(trace, layer, d, t, n) is None else state
    return found


def near(a, b) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= ATOL for x, y in zip(a, b))


def lane_ends(trace: dict, n: int) -> dict[str, int]:
    """Where each direction of each layer ends for sequence n, found from the numbers: the one step
    whose h and c are h_n's and c_n's row, which must be that direction's last computed step."""
    steps, layers, directions = sizes(trace)
    ends = {}
    for layer in range(layers):
        for d in range(directions):
            row = layer * directions + d
            lane = [box(trace, layer, d, t, n) for t in range(steps)]
            last = [t for t in order(trace, d) if lane[t] is not None][-1]
            match = [
                t
                for t in range(steps)
                if lane[t] is not None
                and near(lane[t]["h"], trace["h_n"][row][n])
                and near(lane[t]["c"], trace["c_n"][row][n])
            ]
            where = f"{trace['config']['name']} sequence {n}, h_n[{row}]"
            assert match == [last], f"{where}: h_n and c_n are the state at t={match}, the direction ends at t={last}"
            ends[f"{layer},{d}"] = last
    return ends


def expected_status(words: dict, trace: dict, s: int, n: int) -> str:
    config = trace["config"]
    steps, layers, directions = sizes(trace)
    total = layers * steps + 1
    if s == total - 1:
        return fill(words["status-end"], step=s + 1, total=total)
    layer, k = divmod(s, steps)
    parts = []
    for d, t in enumerate([k, steps - 1 - k][:directions]):
        who = ("backward" if d else "forward") if directions == 2 else "lstm"
        lane = [box(trace, layer, d, u, n) for u in range(steps)]
        if lane[t] is not None:
            kind, values = ("reads-padding" if t >= config["lengths"][n] else "reads"), {"t": t}
        elif d == 0:
            kind, values = "finished", {"n": n, "length": sum(x is not None for x in lane)}
        else:
            kind, values = "waiting", {"n": n, "t": max(u for u, x in enumerate(lane) if x is not None)}
        parts.append(fill(words[f"{who}-{kind}"], **values))
    key = "status-bi" if directions == 2 else "status"
    return fill(words[key], step=s + 1, total=total, layer=layer, forward=parts[0], backward=parts[-1])


SNAPSHOT = """() => {
  const root = document.getElementById("lstm-explainer");
  const state = (b) => [...b.classList].find((c) => /^is-(pending|current|done|skipped)$/.test(c)).slice(3);
  return {
    step: Number(root.dataset.step),
    n: Number(root.dataset.n),
    boxes: Object.fromEntries([...root.querySelectorAll(".lstm-explainer__picture [data-box]")].map((b) => [b.dataset.box, state(b)])),
    tags: [...root.querySelectorAll("[data-tag]")].map((t) => [t.dataset.tag, Number(t.dataset.t), Number(t.dataset.row), t.classList.contains("is-done")]),
    status: root.querySelector(".lstm-explainer__status").textContent,
    values: [...root.querySelectorAll("[data-cell]")].map((b) => [b.dataset.cell, b.textContent]),
    title: root.querySelector(".lstm-explainer__cell-title")?.textContent ?? null,
    slots: Object.fromEntries([...root.querySelectorAll(".lstm-explainer__cell [data-slot]")]
      .map((s) => [s.dataset.slot, [...s.querySelectorAll("tspan")].map((t) => Number(t.textContent))])),
  };
}"""


def check_view(view: dict, words: dict, trace: dict, s: int, n: int) -> None:
    """At step s, sequence n, the page's view (SNAPSHOT) shows what the trace says; AssertionError where not."""
    config = trace["config"]
    name = config["name"]
    steps, layers, directions = sizes(trace)
    assert (view["step"], view["n"]) == (s, n)
    where = f"{name} step {s} sequence {n}"
    # The picture: the boxes computed now, before, never.
    assert view["boxes"] == expected_boxes(trace, s, n), where
    # h_n and c_n at each direction's true end, filled from the step that computes it.
    ends = lane_ends(trace, n)
    tags = {lane: (t, row, done) for lane, t, row, done in view["tags"]}
    assert {lane: t for lane, (t, _row, _done) in tags.items()} == ends, f"{where}: h_n/c_n drawn at {tags}"
    for lane, (t, row, done) in tags.items():
        layer, d = map(int, lane.split(","))
        assert row == layer * directions + d
        assert done == (computed_at(trace, layer, d, t) <= s), f"{where}: the tag of {lane}"
    assert view["status"] == expected_status(words, trace, s, n), where
    # The open cell: the forward direction's box computed now, with its numbers on the wires.
    layer, k = divmod(s, steps)
    step = box(trace, layer, 0, k, n) if s < layers * steps else None
    if step is None:
        assert view["title"] is None and view["slots"] == {}, where
    else:
        assert view["title"] == fill(words["cell-title"], layer=layer, direction=words["forward"], t=k, n=n), where
        previous = box(trace, layer, 0, k - 1, n) if k > 0 else None
        zeros = {"h": [0.0] * len(step["h"]), "c": [0.0] * len(step["c"])}
        expected = {name: step[name] for name in ("i", "f", "g", "o", "c", "h", "x")}
        expected |= {"c_prev": (previous or zeros)["c"], "h_prev": (previous or zeros)["h"]}
        for slot, values in expected.items():
            assert near_shown(view["slots"][slot], values), f"{where}: the cell's {slot}"
    # output, h_n, c_n: a value shows once the step that makes it has run.
    ends = {m: lane_ends(trace, m) for m in range(config["batch"])}
    hidden = config["proj_size"] or config["hidden_size"]
    width = hidden * directions
    for cell, text in view["values"]:
        tensor, index = cell.split(":")
        i, m, j = (int(x) for x in index.split(","))
        value = trace[tensor][i][m][j]
        if tensor == "output":
            d = j // hidden
            known = box(trace, layers - 1, d, i, m) is None or computed_at(trace, layers - 1, d, i) <= s
        else:
            layer_, d = divmod(i, directions)
            known = computed_at(trace, layer_, d, ends[m][f"{layer_},{d}"]) <= s
        if known:
            assert abs(float(text) - value) <= SHOWN, f"{where}: {cell} shows {text}, the trace {value}"
        else:
            assert text == "·", f"{where}: {cell} shows {text} before its step"
    batch = config["batch"]
    assert len(view["values"]) == steps * batch * width + layers * directions * batch * (hidden + config["hidden_size"])


def near_shown(shown: list[float], expected: list[float]) -> bool:
    return len(shown) == len(expected) and all(abs(a - b) <= SHOWN for a, b in zip(shown, expected))


# Every step, forwards with the Next button, then back with the left arrow key, in one round trip:
# the page draws each step synchronously, so a snapshot taken right after the click or the key is that
# step's view. (Real clicks and key presses, one at a time, are tested by the keyboard test below.)
WALK = """([last, snapshot, n]) => {
  const take = eval(snapshot);
  const root = document.getElementById("lstm-explainer");
  const sequence = root.querySelector("select[name=n]");
  if (Number(sequence.value) !== n) {  // another sequence of the configuration open: choose n, as a reader does
    sequence.value = String(n);
    sequence.dispatchEvent(new Event("change", { bubbles: true }));
  }
  root.querySelector("button[data-action=first]").click();
  const next = root.querySelector("button[data-action=next]");
  const views = [take()];
  for (let s = 1; s <= last; s++) {
    next.click();
    views.push(take());
  }
  for (let s = last - 1; s >= 0; s--) {
    next.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true, cancelable: true }));
    views.push(take());
  }
  return views;
}"""


def walk(page, words, trace, n):
    """Every step of sequence n, forwards with the button, back with the key."""
    last = trace["config"]["num_layers"] * trace["config"]["steps"]
    views = page.evaluate(WALK, [last, SNAPSHOT, n])
    steps = [*range(last + 1), *range(last - 1, -1, -1)]
    assert len(views) == len(steps)
    for s, view in zip(steps, views, strict=True):
        check_view(view, words, trace, s, n)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_of_every_sequence_draws_what_the_trace_computed(page, site_url, language):
    for name in NAMES:
        trace = load(language, name)
        open_explainer(page, site_url, language, f"?config={name}&n=0")  # then each sequence from the menu
        words = words_of(page)
        for n in range(trace["config"]["batch"]):
            walk(page, words, trace, n)
    assert_clean(page)


def test_a_short_sequence_in_a_packed_batch_does_not_read_time_step_3(page, site_url):
    open_explainer(page, site_url, "en", "?config=packed-bi-2-layer&n=1&step=3")
    status = page.locator(".lstm-explainer__status").inner_text()
    assert "the forward direction is done with sequence 1, whose length is 2" in status
    assert "time step 3" not in status
    open_explainer(page, site_url, "en", "?config=padded-bi-2-layer&n=1&step=0")
    status = page.locator(".lstm-explainer__status").inner_text()
    assert "the backward direction reads time step 3, which is padding" in status


def backward_final_state_at_the_last_step(trace: dict) -> None:
    """h_n and c_n of the backward direction taken at its first step (the last time step), not at t = 0."""
    for layer in range(trace["config"]["num_layers"]):
        for n in range(trace["config"]["batch"]):
            lane = [row[n] for row in trace["steps"][layer][1]]
            first = max(t for t, step in enumerate(lane) if step is not None)
            trace["h_n"][2 * layer + 1][n] = lane[first]["h"]
            trace["c_n"][2 * layer + 1][n] = lane[first]["c"]


def directions_swapped(trace: dict) -> None:
    for layer in range(trace["config"]["num_layers"]):
        trace["steps"][layer].reverse()


MUTATIONS = {"backward final state at the last step": backward_final_state_at_the_last_step,
             "directions swapped": directions_swapped}  # fmt: skip


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_a_wrong_trace_fails_the_check(page, site_url, mutation):
    """Served a trace that is wrong in the way the checks guard against, the checks fail."""
    name = "packed-bi-2-layer"
    trace = copy.deepcopy(load("en", name))
    MUTATIONS[mutation](trace)
    body = f"lstmExplainerTrace({json.dumps(trace)});\n"
    page.route(
        f"**/_static/explainer/traces/{name}.js", lambda route: route.fulfill(body=body, content_type="text/javascript")
    )
    open_explainer(page, site_url, "en", f"?config={name}&n=1")
    with pytest.raises(AssertionError):
        walk(page, words_of(page), trace, 1)


# ---- selecting: a value shows its origin, a box its values ------------------------------------------
def torch_tensors(trace: dict, batch_first: bool) -> dict:
    output, (h_n, c_n) = run(trace, batch_first=batch_first)
    return {"output": output, "h_n": h_n, "c_n": c_n}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "batch_first", "cell", "same", "origin"),
    [
        ("bi-2-layer", True, "h_n:2,2,1", ["output:3,2,1"], "1,0,3"),  # forward top layer: output at the last step
        ("bi-2-layer", False, "h_n:3,0,2", ["output:0,0,5"], "1,1,0"),  # backward: output at time step 0
        ("bi-2-layer", False, "h_n:0,1,0", [], "0,0,3"),  # a lower layer: only in h_n
        ("packed", True, "output:1,1,2", ["h_n:0,1,2"], "0,0,1"),  # sequence 1 ends at time step 1
        ("packed-bi-2-layer", False, "c_n:1,2,0", [], "0,1,0"),
        ("padded-bi-2-layer", False, "h_n:2,1,0", ["output:3,1,0"], "1,0,3"),  # padded: ends on the padding
        ("proj-bi", True, "output:3,0,1", ["h_n:0,0,1"], "0,0,3"),
    ],
)
def test_a_value_shows_where_it_comes_from_and_its_box(page, site_url, language, name, batch_first, cell, same, origin):
    trace = load(language, name)
    last = trace["config"]["num_layers"] * trace["config"]["steps"]
    open_explainer(page, site_url, language, f"?config={name}&step={last}" + ("&batch_first=1" if batch_first else ""))
    assert page.locator("input[name=batch_first]").is_checked() == batch_first
    page.click(f'[data-cell="{cell}"]')
    assert page.locator(".lstm-explainer__value.is-selected").get_attribute("data-cell") == cell
    highlighted = [b.get_attribute("data-cell") for b in page.locator(".lstm-explainer__value.is-same").all()]
    assert highlighted == same
    # its box, in the picture of its sequence
    assert page.locator("#lstm-explainer").get_attribute("data-n") == cell.split(":")[1].split(",")[1]
    assert [
        b.get_attribute("data-box")
        for b in page.locator(".lstm-explainer__picture .lstm-explainer__box.is-origin").all()
    ] == [origin]
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
    origin_text = page.locator(".lstm-explainer__origin").inner_text()
    assert re.search(r"[Ll]ayer \d|第 \d 层", origin_text)
    assert_clean(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_box_opens_its_cell_and_highlights_the_values_it_produced(page, site_url, language):
    name = "padded-bi-2-layer"
    trace = load(language, name)
    steps, layers, directions = sizes(trace)
    width = trace["config"]["hidden_size"]
    open_explainer(page, site_url, language, f"?config={name}&n=1")
    for layer, d, t in [(1, 1, 0), (1, 0, 3), (0, 1, 2), (1, 1, 3)]:
        page.click(f'.lstm-explainer__picture [data-box="{layer},{d},{t}"]')
        assert step_of(page) == computed_at(trace, layer, d, t)
        assert (
            page.locator(".lstm-explainer__picture .lstm-explainer__box.is-selected").get_attribute("data-box")
            == f"{layer},{d},{t}"
        )
        step = box(trace, layer, d, t, 1)
        slots = page.evaluate(SNAPSHOT)["slots"]
        for gate in "ifgo":
            assert near_shown(slots[gate], step[gate])
        assert near_shown(slots["c"], step["c"]) and near_shown(slots["h"], step["h"])
        produced = sorted(
            b.get_attribute("data-cell") for b in page.locator(".lstm-explainer__value.is-produced").all()
        )
        expected = []
        if layer == layers - 1:
            expected += [f"output:{t},1,{d * width + k}" for k in range(width)]
        if lane_ends(trace, 1)[f"{layer},{d}"] == t:
            expected += [f"{tensor}:{layer * directions + d},1,{k}" for tensor in ("h_n", "c_n") for k in range(width)]
        assert produced == sorted(expected), (layer, d, t)
        for cell in produced:  # each holds this box's h (c for c_n)
            tensor, index = cell.split(":")
            i, m, j = map(int, index.split(","))
            state = step["c" if tensor == "c_n" else "h"]
            assert abs(trace[tensor][i][m][j] - state[j % width]) <= ATOL
        # The equation: real MathML, with this step's numbers.
        page.click('.lstm-explainer__rows button[data-row="f"]')
        numbers = page.evaluate(
            "[...document.querySelectorAll('.lstm-explainer__formula math mn')].map(e => e.textContent)"
        )
        for value in step["f"]:
            assert f"{value:.3f}".replace("-", "−") in numbers
        assert page.locator(".lstm-explainer__formula math msub").count() >= 5
        # A column vector's brackets stretch over its three numbers: drawn with a math font.
        bracket = page.evaluate(
            """() => { const table = document.querySelector('.lstm-explainer__formula .lstm-explainer__vector');
                 return [table.previousElementSibling.getBoundingClientRect().height, table.getBoundingClientRect().height]; }"""
        )
        assert bracket[0] >= 0.9 * bracket[1], f"the brackets do not stretch: {bracket}"
    assert_clean(page)


# ---- keys, focus and names --------------------------------------------------------------------------
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
    # The picture is named and described; every box it lets you select is a named button.
    picture = page.locator(".lstm-explainer__picture > svg")
    assert picture.get_attribute("aria-label")
    described = page.locator(f"#{picture.get_attribute('aria-describedby')}").inner_text()
    assert re.search(r"\d+ of \d+|\d+ 个方框中", described), described
    for b in page.locator(".lstm-explainer__picture [data-box]").all():
        assert b.get_attribute("role") in ("button", "img") and b.get_attribute("aria-label")

    page.focus("#lstm-explainer select[name=config]")
    for _ in range(5):
        page.keyboard.press("Tab")  # sequence, batch_first, first, previous (at step 0, still a stop) -> slider
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
    # Home and End: the first and the last step; at either end the focus stays where it was.
    page.keyboard.press("End")
    assert step_of(page) == 8
    page.keyboard.press("Enter")  # the next button, at the end: nothing happens, it keeps the focus
    assert step_of(page) == 8 and page.evaluate("document.activeElement.dataset.action") == "next"
    assert page.locator("button[data-action=next]").get_attribute("aria-disabled") == "true"
    page.keyboard.press("Home")
    assert step_of(page) == 0
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # slider, then the previous button
    page.keyboard.press("Space")
    assert step_of(page) == 0 and page.evaluate("document.activeElement.dataset.action") == "previous"
    page.keyboard.press("ArrowRight")
    assert step_of(page) == 1

    # The picture: one Tab stop, ↑/↓ move between boxes, Enter opens one (its step, its cell).
    page.focus('.lstm-explainer__picture [data-box][tabindex="0"]')
    first = page.evaluate("document.activeElement.dataset.box")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.dataset.box")
    assert chosen != first
    page.keyboard.press("Enter")
    layer, d, t = map(int, chosen.split(","))
    assert step_of(page) == layer * 4 + (t if d == 0 else 3 - t)
    assert page.evaluate("document.activeElement.dataset.box") == chosen
    assert page.locator(".lstm-explainer__picture .lstm-explainer__box.is-selected").get_attribute("data-box") == chosen
    # A row of the cell, chosen from the keyboard, shows its equation.
    page.focus('.lstm-explainer__rows button[data-row="c"]')
    page.keyboard.press("Enter")
    formula = page.locator(".lstm-explainer__formula")
    assert formula.get_attribute("data-row") == "c" and formula.locator("math").count() == 3
    assert "⊙" in formula.inner_text()
    # Focusing a value shows where it comes from.
    page.keyboard.press("Home")
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
    assert query["config"] == ["bi-2-layer"] and query["step"] == ["0"] and query["n"] == ["0"]
    switch = page.locator("a.language-switch__link").first
    switch.focus()  # the language switch takes the address's query when focused
    other = switch.get_attribute("href")
    assert urlparse(other).query == urlparse(page.url).query
    page.focus("#lstm-explainer input[name=step]")
    page.keyboard.press("End")
    url = page.url
    page.goto("about:blank")
    open_explainer(page, site_url, language, url[url.index("?") :])
    assert step_of(page) == 8 and page.locator("select[name=n]").input_value() == "0"
    assert_clean(page)


# ---- layout: in view together, nothing jumps, legible on a phone, light and dark, motion --------------
LAYOUT_SHIFTS = """
window.lstmShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.lstmShifts.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });
"""


PLACES = """() => Object.fromEntries([...document.querySelectorAll(
  '#lstm-explainer [data-cell], #lstm-explainer table, #lstm-explainer section, #lstm-explainer figure, #lstm-explainer h3')]
  .map((e, i) => { const r = e.getBoundingClientRect(); return [e.dataset.cell ?? `${e.tagName}${i}`, [r.x, r.y, r.width, r.height]]; }))"""


def same_places(a: dict, b: dict) -> list[str]:
    """What moved or changed size by a pixel or more (less is rounding, not a jump)."""
    return [
        key
        for key in a.keys() | b.keys()
        if key not in a or key not in b or any(abs(x - y) >= 1 for x, y in zip(a[key], b[key]))
    ]


def contrast_side(page) -> float:
    """The lightness of the picture's text colour: dark on a light page, light on a dark one."""
    rgb = page.evaluate("getComputedStyle(document.querySelector('.lstm-explainer__picture > svg')).color")
    r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_at_1280_the_picture_and_the_tensors_are_in_view_and_nothing_jumps(browser, site_url, language, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    open_explainer(page, site_url, language, "?config=bi-2-layer")
    assert (contrast_side(page) < 0.5) == (scheme == "light")
    assert not page.evaluate("document.querySelector('.lstm-explainer__picture > svg').classList.contains('is-narrow')")
    for selector in (
        ".lstm-explainer__picture > svg",
        ".lstm-explainer__grid.is-output",
        ".lstm-explainer__grid.is-state",
    ):
        rect = page.locator(selector).bounding_box()
        assert rect["y"] >= 0 and rect["y"] + rect["height"] <= DESKTOP["height"], f"{selector} is not in view: {rect}"
        assert rect["x"] + rect["width"] <= DESKTOP["width"]
    # Step through with the button and with the keys; every shift counts, input or not. Chromium's
    # measure follows elements from frame to frame, and each step draws new ones: so every value,
    # grid and panel is also measured at each step and must stay where it was.
    places = page.evaluate(PLACES)
    for _ in range(8):
        page.click("button[data-action=next]")
        assert same_places(page.evaluate(PLACES), places) == [], f"moved at step {step_of(page)}"
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
        assert same_places(page.evaluate(PLACES), places) == [], f"moved at step {step_of(page)}"
    page.keyboard.press("End")
    page.keyboard.press("Home")
    page.wait_for_timeout(600)  # the last transitions end
    shifts = page.evaluate("window.lstmShifts")
    screenshot(page, f"{language}-explainer-1280-{scheme}")  # after: a full-page screenshot resizes the view
    context.close()
    print(f"{language} {scheme}: layout shift while loading and stepping {sum(shifts):.4f} ({len(shifts)} shifts)")
    assert sum(shifts) <= 0.02, shifts


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_at_phone_width_time_runs_down_nothing_is_cut_off_and_text_is_at_least_11px(
    browser, site_url, language, scheme
):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    for query in (
        "?config=packed-bi-2-layer&step=3&n=1",
        "?config=padded-bi-2-layer&step=5&batch_first=1",
        "?config=proj-bi&step=2",
        "?config=2-layer&step=8",
    ):
        open_explainer(page, site_url, language, query)
        assert (contrast_side(page) < 0.5) == (scheme == "light")
        picture = page.locator(".lstm-explainer__picture > svg")
        assert "is-narrow" in picture.get_attribute("class")
        times = [page.locator(".lstm-explainer__time").nth(t).bounding_box() for t in range(4)]
        assert all(a["y"] < b["y"] and abs(a["x"] - b["x"]) < 1 for a, b in zip(times, times[1:])), "time runs down"
        row = page.locator('.lstm-explainer__rows button[data-row="f"]')
        if row.count():  # a cell is open
            row.click()  # the widest equation
        assert overflowing(page, PHONE["width"]) == [], query
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], query
        assert picture.bounding_box()["x"] + picture.bounding_box()["width"] <= PHONE["width"], query
        smallest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll('#lstm-explainer *')]
                 .filter(e => !e.closest('.lstm-explainer__caption, .lstm-explainer__summary, .lstm-explainer__corner'))
                 .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .map(e => e.getBoundingClientRect().height ? parseFloat(getComputedStyle(e).fontSize) : 99))"""
        )
        assert smallest >= 11, f"{query}: text at {smallest}px"
        # Tap targets: the step buttons, the boxes and the equation's rows are 24 px or more.
        for selector in (".lstm-explainer__stepper button", ".lstm-explainer__rows button", "[data-box][role=button]"):
            for target in page.locator(selector).all():
                rect = target.bounding_box()
                assert rect["width"] >= 24 and rect["height"] >= 24, (query, selector, rect)
        if query.startswith("?config=packed"):
            screenshot(page, f"{language}-explainer-375-{scheme}")
    context.close()


def test_stepping_moves_values_along_the_wires_but_not_under_reduced_motion(browser, site_url):
    for motion, moving in (("no-preference", True), ("reduce", False)):
        context = browser.new_context(viewport=DESKTOP, reduced_motion=motion)
        page = context.new_page()
        open_explainer(page, site_url, "en", "?config=bi-2-layer")
        page.click("button[data-action=next]")
        assert page.locator(".lstm-explainer__wire.is-moving").count() >= 2  # h and c into each box computed now
        running = page.evaluate(
            "document.getAnimations().filter((a) => a.effect?.target?.closest?.('#lstm-explainer')).length"
        )
        context.close()
        assert (running > 0) == moving, (motion, running)


@pytest.mark.usefixtures("built_site")
def test_the_page_grows_by_at_most_60_kib_on_a_first_visit():
    """What a first visit fetches (tools.page_weight), against the page before the picture (8a69d3d)."""
    from tools.page_weight import KIB, fetched_files

    before = {"en": 194_838, "zh_CN": 199_860}
    for language in LANGUAGES:
        page = require(SITE / language / PAGE)
        files = fetched_files(page, SITE)
        static = (SITE / language / "_static").resolve()
        names = sorted(f.relative_to(static).as_posix() for f in files if f.is_relative_to(static / "explainer"))
        # The default configuration's trace is fetched with the page; the others load when chosen.
        assert names == [
            "explainer/explainer-core.js",
            "explainer/explainer.css",
            "explainer/explainer.js",
            "explainer/traces/bi-2-layer.js",
        ]
        size = sum(f.stat().st_size for f in files)
        # What every page gained since then counts against no widget (the language switch's and the search
        # highlighting's scripts): the explainer's own growth is what is held to 60 KiB.
        site_wide = sum(f.stat().st_size for f in files if f.name in ("language-switch.js", "highlight_svg.js"))
        size -= site_wide
        print(f"{language}: {size / KIB:.1f} KiB, {(size - before[language]) / KIB:+.1f} KiB")
        assert size - before[language] <= 60 * KIB, f"{language}: {size} bytes"


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_explainer_is_accessible_with_a_cell_open_and_a_value_selected(page, site_url, language, width):
    """axe-core, light and dark (tests/test_browser_every_page.py checks the page as it opens)."""
    from axe import grave_violations
    from page_checks import SCHEMES

    page.set_viewport_size({"width": width, "height": 900})
    found = []
    for query, clicks in (
        ("?config=packed-bi-2-layer&step=3&n=1", ['[data-cell="h_n:1,1,0"]']),
        ("?config=padded-bi-2-layer&step=2&d=1", ['.lstm-explainer__picture [data-box="0,1,1"]', '[data-row="g"]']),
        ("?config=proj-bi&step=2", ['[data-row="h"]']),
    ):
        open_explainer(page, site_url, language, query)
        for selector in clicks:
            page.click(selector)
        for scheme in SCHEMES:
            page.evaluate("(scheme) => (document.body.dataset.theme = scheme)", scheme)
            found += grave_violations(page, f"{language} {query} {clicks} ({scheme}, {width} px)")
    assert found == []
    assert_clean(page)


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
