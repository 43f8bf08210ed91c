"""lstmdocs.pictures.diagrams: pictures drawn by the build, in the page's language, that cannot lie."""

import html
import re
import shutil
from pathlib import Path

import polib
import pytest
import torch

from lstmdocs.pictures import cases, catalogue, diagrams, drawing, narrow
from lstmdocs.pictures.cases import Case, Claim, ClaimError
from page_code import blocks

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "docs" / "locales"
CATALOGUE = LOCALES / "zh_CN" / "LC_MESSAGES" / "lstmdocs.po"
CJK = re.compile(r"[\u4e00-\u9fff]")
CHINESE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")  # words or full-width punctuation
PICTURES = 9  # the lstm-diagram directives in tests/roots/test-diagrams/index.rst
SITE_LOCALES = {"locale_dirs": [str(LOCALES)]}


def svgs(html: str) -> list[str]:
    return re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" role="img".*?</svg>', html, re.DOTALL)


def labels(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def alt_text(svg: str) -> str:
    title_id = re.search(r'aria-labelledby="([^"]+)"', svg)[1]
    return re.search(rf'<title id="{title_id}">([^<]+)</title>', svg)[1]


@pytest.mark.sphinx("html", testroot="diagrams", confoverrides={"language": "en", **SITE_LOCALES})
def test_english_pictures_are_inline_scalable_svg_with_alt_text(app):
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    found = svgs(html)
    assert len(found) == 2 * PICTURES  # each wider than a phone: drawn again for one
    for svg in found:
        size = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
        assert size and size.groups()[:2] == size.groups()[2:], "drawn at one CSS px per unit: never scaled down"
        assert min(float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)) >= 11
        assert "time step" in alt_text(svg) and not CJK.search(svg)
        assert any("output" in label or "h_n" in label for label in labels(svg))
    assert html.count('class="lstm-diagram__legend"') == PICTURES
    for variant in ("wide", "narrow"):  # each in a box that scrolls, by keyboard too, should it not fit
        assert html.count(f'<div class="lstm-diagram__scroll lstm-variants-{variant}" tabindex="0"><svg') == PICTURES
    assert "<figcaption>" in html and "One layer over four time steps." in html
    assert "lstm-diagrams.css" in html


def width_of(svg: str) -> float:
    return float(re.search(r'<svg [^>]*width="([\d.]+)"', svg)[1])


@pytest.mark.sphinx("html", testroot="diagrams", confoverrides={"language": "en", **SITE_LOCALES})
def test_a_picture_wider_than_a_phone_has_a_narrow_drawing_chosen_by_its_width(app):
    """Wide drawings fit the text column at 1280 px, narrow ones a 360 px phone's; the figure's class
    names the width below which lstm-diagrams.css shows the narrow one, and the style sheet has that rule."""
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    css = (diagrams.STATIC / "lstm-diagrams.css").read_text(encoding="utf-8")
    figures = re.findall(r'<div class="lstm-variants lstm-variants-fits-(\d+)">(.*?)</div><ul', html, re.DOTALL)
    assert len(figures) == PICTURES
    for fits, pictures in figures:
        wide, narrow = svgs(pictures)
        assert pictures.startswith(f'<div class="lstm-diagram__scroll lstm-variants-wide" tabindex="0">{wide}')
        assert width_of(wide) <= int(fits) < width_of(wide) + 40 and width_of(wide) <= diagrams.WIDEST
        assert width_of(narrow) <= drawing.NARROWEST
        assert (
            f"@container lstm-variants (width < {fits}px) {{\n  .lstm-variants-fits-{fits} > .lstm-variants-wide" in css
        )


@pytest.mark.sphinx("html", testroot="diagrams", confoverrides={"language": "zh_CN", **SITE_LOCALES})
def test_chinese_pictures_are_labelled_in_chinese(app):
    app.build()
    assert app.warning.getvalue() == ""
    found = svgs((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert len(found) == 2 * PICTURES
    for svg in found:
        assert CJK.search(alt_text(svg)), alt_text(svg)
        assert any(CJK.search(label) for label in labels(svg)), labels(svg)
        assert "time step" not in svg
    assert "时间步" in found[0]


@pytest.mark.sphinx("html", testroot="diagrams", freshenv=True, confoverrides={"language": "en", **SITE_LOCALES})
def test_a_false_highlight_fails_the_build(app, monkeypatch):
    wrong = Claim("final", "output[-1]", "h_n[-1]")  # the trap drawn as the answer
    monkeypatch.setattr(cases, "claims", lambda case: [wrong])
    with pytest.raises(diagrams.DiagramError, match=r"index\.rst:\d+: output\[-1\] is drawn equal to h_n\[-1\]"):
        app.build()


@pytest.mark.parametrize(
    ("case", "claim", "message"),
    [
        (Case(), Claim("final", "output[:, 0, :]", "h_n[-1]"), "drawn equal"),
        (Case(bidirectional=True), Claim("backward", "output[:, -1, 3:]", "h_n[-1]"), "drawn equal"),
        (Case(), Claim("trap", "output[:, -1]", "h_n[-1]"), "drawn as a trap"),
        (Case(lengths=(4, 2, 3)), Claim("padding", "output[0, 1:]"), "not all zeros"),
        (Case(), Claim("cell", "h_n[0]"), "output holds it"),
    ],
)
def test_every_kind_of_false_claim_is_refused(case, claim, message):
    with pytest.raises(ClaimError, match=message):
        cases.check(claim, cases.run(case), case)


@pytest.mark.parametrize("case", [Case(), Case(layers=2), Case(bidirectional=True), Case(lengths=(4, 2, 3))])
def test_the_drawn_claims_hold(case):
    meanings = {claim.meaning for claim in cases.checked_claims(case)}
    assert {"final", "cell"} <= meanings
    for meaning in meanings:
        assert drawing.describe(meaning, case, str)


def test_highlights_are_the_elements_an_expression_selects():
    shapes = {"output": torch.Size([5, 4, 3]), "h_n": torch.Size([1, 5, 3])}
    last_step = cases.positions("output[:, -1, :]", shapes)
    assert last_step == {(b * 4 + 3) * 3 + j for b in range(5) for j in range(3)}
    assert cases.positions("output[-1]", shapes) == set(range(48, 60))


def test_the_seed_example_draws_the_values_its_page_prints():
    """outputs.md runs the example in a code cell; the tensor view runs it again."""
    namespace: dict = {}
    setup = next(b for b in blocks((ROOT / "docs/basics/outputs.md").read_text(encoding="utf-8")) if b.kind == "cell")
    exec(setup.source, namespace)  # noqa: S102  (the page's own code, as page_code runs it)
    drawn = cases.run(Case())
    for name in ("output", "h_n", "c_n"):
        assert torch.equal(namespace[name], drawn[name]), name


def test_every_label_has_a_chinese_translation():
    assert CATALOGUE.is_file(), f"{CATALOGUE} is missing: run `nox -s i18n`"
    entries = {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete}
    used = catalogue.messages()
    assert len(used) > 20
    problems = []
    for source, line, msgid in used:
        entry = entries.get(msgid)
        if entry is None or not entry.msgstr or entry.fuzzy:
            problems.append(f"{source}:{line}: no reviewed translation for {msgid!r}")
        elif set(re.findall(r"\{\w+\}", msgid)) != set(re.findall(r"\{\w+\}", entry.msgstr)):
            problems.append(f"{CATALOGUE.name}:{entry.linenum}: placeholders differ in {msgid!r}")
        elif not CHINESE.search(entry.msgstr):
            problems.append(f"{CATALOGUE.name}:{entry.linenum}: not Chinese: {entry.msgstr!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.sphinx("html", testroot="diagrams", srcdir="diagrams-relabelled", confoverrides={"language": "zh_CN"})
def test_a_changed_label_redraws_the_pictures(app_params, make_app, tmp_path):
    """The page did not change, its catalogue did: a rebuild draws the new label."""
    messages = tmp_path / "zh_CN" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy(CATALOGUE, messages)
    args, kwargs = app_params
    kwargs["confoverrides"] = {**kwargs["confoverrides"], "locale_dirs": [str(tmp_path)]}
    first = make_app(*args, **kwargs)
    first.build()
    assert "时间步 →" in labels(svgs((first.outdir / "index.html").read_text(encoding="utf-8"))[0])
    catalogue = polib.pofile(str(messages / CATALOGUE.name))
    catalogue.find("time step").msgstr = "时刻"
    catalogue.save()
    app = make_app(*args, **kwargs)
    app.build()
    svg = svgs((app.outdir / "index.html").read_text(encoding="utf-8"))[0]
    assert "时刻 →" in labels(svg) and "时间步 →" not in labels(svg), labels(svg)


@pytest.mark.sphinx("html", testroot="diagrams", confoverrides={"language": "en", **SITE_LOCALES})
def test_the_style_sheet_folder_is_added_without_changing_the_callers_list(app_params, make_app):
    """Configuration lists can be shared (Sphinx's defaults, one overrides dict for two
    applications in one process): the extension must add its folder to a copy."""
    args, kwargs = app_params
    shared: list[str] = []
    for _ in range(2):
        app = make_app(*args, **{**kwargs, "confoverrides": {**kwargs["confoverrides"], "html_static_path": shared}})
        assert app.config.html_static_path == [str(diagrams.STATIC)]
    assert shared == [], "the extension appended to a list it does not own"


def test_the_view_picture_refuses_swapped_directions(monkeypatch):
    """If h_n's rows were direction-major, [-1, 0] would not be the forward final state."""
    case = Case(layers=2, bidirectional=True)
    values = dict(cases.run(case))
    values["h_n"] = values["h_n"][[0, 1, 3, 2]]  # the top layer's two directions swapped
    monkeypatch.setattr(cases, "run", lambda _case: values)
    with pytest.raises(drawing.DiagramError, match=r"view\(2, 2, N, H\)\[-1, 0\] is drawn equal to output"):
        drawing.draw_view(case, [], str, "uid")


def test_the_packed_sequence_picture_refuses_a_wrong_final_state(monkeypatch):
    """Each sequence's h_n is drawn at the data row of its last real step: h_n for another
    sequence there fails the build."""
    case = Case(lengths=(4, 2, 3))
    values = dict(cases.run(case))
    values["h_n"] = values["h_n"][:, [1, 0, 2]]  # sequences 0 and 1 swapped
    monkeypatch.setattr(cases, "run", lambda _case: values)
    with pytest.raises(drawing.DiagramError, match=r"drawn as h_n\[-1\]\[\d\], but is not"):
        drawing.draw_packed_sequence(case, [], str, "uid")


def text_x(svg: str, label: str) -> float:
    found = re.findall(r'<text x="([\d.]+)"[^>]*>' + re.escape(html.escape(label, quote=False)) + "</text>", svg)
    assert len(found) == 1, f"{label!r} drawn {len(found)} times"
    return float(found[0])


def test_the_bidirectional_picture_draws_its_states_where_the_checked_claims_put_them():
    """No constant beside the claims: moving a claim moves what the picture highlights and labels."""
    case = Case(bidirectional=True)
    claims = cases.claims(case)
    svg = drawing.draw_bidirectional(case, claims, str, "t")[0].svg("alt")
    first, last = text_x(svg, "input[:, 0]"), text_x(svg, f"input[:, {case.steps - 1}]")
    assert text_x(svg, "h_n[-1] =") < first < last < text_x(svg, "= h_n[-2]")  # beside output[:, 0] and [:, -1]
    assert text_x(svg, "≠ h_n[-1]") > last  # the trap, at the last step
    moved = [Claim("backward", "output[:, 1, 3:]", "h_n[-1]") if c.meaning == "backward" else c for c in claims]
    svg = drawing.draw_bidirectional(case, moved, str, "t")[0].svg("alt")
    assert first < text_x(svg, "h_n[-1] =") < text_x(svg, "input[:, 2]")  # now beside output[:, 1]


def text_y(svg: str, label: str) -> float:
    found = re.findall(
        r'<text x="[\d.]+" y="([\d.]+)"[^>]*>' + re.escape(html.escape(label, quote=False)) + "</text>", svg
    )
    assert len(found) == 1, f"{label!r} drawn {len(found)} times"
    return float(found[0])


def test_the_narrow_pictures_draw_their_states_where_the_checked_claims_put_them():
    """Time running down: a moved claim moves its label down to its step, as in the wide pictures."""
    case = Case(bidirectional=True)
    claims = cases.claims(case)
    svg = narrow.draw_bidirectional(case, claims, str, "t")[0].svg("alt")
    first, last = text_y(svg, "[:, 0]"), text_y(svg, f"[:, {case.steps - 1}]")
    assert text_y(svg, "h_n[-1] =") < first < last < text_y(svg, "= h_n[-2]")  # above step 0, below the last
    assert text_y(svg, "≠ h_n[-1]") > last  # the trap, at the last step
    moved = [Claim("backward", "output[:, 1, 3:]", "h_n[-1]") if c.meaning == "backward" else c for c in claims]
    svg = narrow.draw_bidirectional(case, moved, str, "t")[0].svg("alt")
    assert first < text_y(svg, "h_n[-1] =") < text_y(svg, "[:, 1]")  # now above output[:, 1]

    case = Case()
    claims = cases.claims(case)
    moved = [Claim("final", "output[:, 1, :]", "h_n[-1]") if c.meaning == "final" else c for c in claims]
    svg = narrow.draw_unrolled(case, claims, str, "t")[0].svg("alt")
    assert text_y(svg, f"output[:, {case.steps - 1}]") < text_y(svg, "= h_n[-1]")  # below the last step
    svg = narrow.draw_unrolled(case, moved, str, "t")[0].svg("alt")
    assert text_y(svg, "output[:, 1]") < text_y(svg, "= h_n[-1]") < text_y(svg, "output[:, 2]")  # below step 1

    case = Case(lengths=(4, 2, 3))
    claims = cases.claims(case)
    svg = narrow.draw_packed(case, claims, str, "t")[0].svg("alt")
    assert text_y(svg, "h_n[-1][1]") > text_y(svg, "output[0, 3]")  # below the longest column
    swapped = [Claim("final", c.left, "h_n[-1][2]" if c.right == "h_n[-1][1]" else "h_n[-1][1]")
               if c.meaning == "final" and c.right in ("h_n[-1][1]", "h_n[-1][2]") else c for c in claims]  # fmt: skip
    assert text_x(narrow.draw_packed(case, swapped, str, "t")[0].svg("alt"), "h_n[-1][2]") == text_x(svg, "h_n[-1][1]")


PHONE_CASES = [  # every kind the directive draws, with what the site's pages give it
    *[(kind, Case(layers=layers, bidirectional=bi)) for kind in ("unrolled", "tensors") for layers in (1, 2)
      for bi in (False, True) if not (kind == "unrolled" and layers == 2 and bi)],
    *[(kind, Case(lengths=lengths)) for kind in ("packed", "tensors", "packed-sequence") for lengths in ((4, 2, 3), (5, 2, 4))],
    ("view", Case(layers=2, bidirectional=True)),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "case"), PHONE_CASES)
def test_every_narrow_drawing_fits_a_phone(kind, case):
    drawn = narrow.NARROW[kind](case, cases.checked_claims(case), str, "t")[0]
    assert drawn.width <= drawing.NARROWEST
