"""The claim role (lstmdocs.running.claims): a relationship stated in a sentence is checked where it stands."""

from pathlib import Path

import pytest
import torch

from lstmdocs.running.page_doctests import Block, check_claim, claim_holds


def test_tensor_equality_is_bit_for_bit_and_shape_aware():
    a = torch.tensor([1.0, 2.0])
    names = {"a": a, "b": a.clone(), "c": a + 1e-7, "row": a[None]}
    assert claim_holds("a == b", names)
    assert not claim_holds("a == c", names)  # close is not equal: a tolerance is written out (allclose)
    assert claim_holds("a != c", names)
    assert not claim_holds("a == row", names)  # same values, another shape
    assert claim_holds("a == b == a", names) and not claim_holds("a == b == c", names)
    assert claim_holds("torch.allclose(a, c, atol=1e-6, rtol=0)", {**names, "torch": torch})
    assert claim_holds("a.shape == (2,)", names) and not claim_holds("a.shape == (1, 2)", names)


def test_a_failure_names_the_line_and_the_claim():
    block = Block("claim", "x == 2", 7)
    assert check_claim(block, Path("page.md"), {"x": 1}) == 'File "page.md", line 7: the claim `x == 2` is false'
    message = check_claim(Block("claim", "y == 2", 8), Path("page.md"), {})
    assert message.startswith('File "page.md", line 8: the claim `y == 2` cannot be evaluated: NameError')
    message = check_claim(Block("claim", "x == 1 <nowhere>", 9), Path("page.md"), {"x": 1})
    assert "names <nowhere>, which no code above defines as a dict" in message


@pytest.mark.sphinx("html", testroot="claims", freshenv=True)
def test_true_claims_pass_and_are_shown_as_code(app, warning):
    app.build()
    assert "ERROR" not in warning.getvalue(), warning.getvalue()
    page = (app.outdir / "layouts.html").read_text(encoding="utf-8")
    assert page.count('class="claim docutils literal notranslate"') == 4
    assert "time_first" not in page.split("<code", 1)[1].split("</p>", 1)[0]  # the names dict is not shown


@pytest.mark.parametrize(
    ("claim", "wrong"),
    [
        ("{claim}`h_n[-1] != output[-1]`", "{claim}`h_n[-1] == output[-1]`"),  # the trap stated as the answer
        ("{claim}`output.shape == (5, 4, 3)`", "{claim}`output.shape == (5, 3, 4)`"),  # a shape misremembered
        ("{claim}`output[-1] == h_n[-1] <time_first>`", "{claim}`output[0] == h_n[-1] <time_first>`"),  # an index
    ],
)
@pytest.mark.sphinx("html", testroot="claims", freshenv=True)
def test_a_false_claim_stops_the_build_at_its_line(app, warning, claim, wrong):
    page = app.srcdir / "layouts.md"
    text = page.read_text(encoding="utf-8")
    assert text.count(claim) == 1
    page.write_text(text.replace(claim, wrong), encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if claim in row)
    app.build()
    errors = warning.getvalue()
    assert f"layouts.md:{line}: ERROR: a doctest or code block of this page failed" in errors, errors
    assert f"the claim `{wrong.removeprefix('{claim}`').removesuffix('`')}` is false" in errors, errors


def shown_claims(language: str, page: str) -> int:
    from built import SITE, require

    return require(SITE / language / page).read_text(encoding="utf-8").count('class="claim docutils literal')


def source_claims(source: Path) -> int:
    from lstmdocs.running.page_doctests import blocks, script_blocks

    found = script_blocks(source) if source.suffix == ".py" else blocks(source.read_text(encoding="utf-8"))
    return sum(block.kind == "claim" for block in found)


def test_every_claim_a_page_shows_is_one_the_build_checked_in_both_languages(built_site):
    """A claim the runner does not find would be shown as checked and never run (and the Chinese page shows the same)."""
    from built import LANGUAGES, ROOT, pages

    docs, examples = ROOT / "docs", ROOT / "examples"
    counted = 0
    for page in pages("en"):
        stem = page.removesuffix(".html")
        source = docs / f"{stem}.md"
        if stem.startswith("gallery/"):
            source = examples / f"{stem.removeprefix('gallery/')}.py"
        checked = source_claims(source) if source.is_file() else 0
        for language in LANGUAGES:
            assert shown_claims(language, page) == checked, f"{language}/{page}: shown claims != the {checked} checked"
        counted += checked
    assert counted >= 10, counted
