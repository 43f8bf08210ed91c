"""lstmdocs.widgets.exercises in a small Sphinx project: a shape check carries the configuration of the
question's code above it, and its words; an answer is folded; a shape check without its code stops the build."""

import re

import pytest
from sphinx.errors import SphinxError


def built_html(app) -> str:
    app.build()
    return (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="exercises", freshenv=True)
def test_a_shape_check_carries_the_configuration_of_the_code_above_it(app):
    html = built_html(app)
    box = re.search(r'<div class="lstm-shape-check" ([^>]*)>', html)
    assert box, html
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', box[1]))
    assert attributes["data-tensor"] == "h_n" and attributes["id"] == "shape-check-1"
    assert attributes["data-config"] == (
        "input_size=2&amp;hidden_size=3&amp;num_layers=1&amp;bidirectional=true&amp;proj_size=0"
        "&amp;batch_first=false&amp;input_dims=3&amp;features=2&amp;N=5&amp;L=4"
    )
    for key in ("label", "check", "right", "wrong", "unreadable"):
        assert f'class="lstm-shape-check__{key}"' in html, key
    assert re.search(r'<details class="lstm-answer"[^>]*>\s*<summary>Answer</summary>\s*<p>Two rows', html), html


@pytest.mark.sphinx("html", testroot="exercises", srcdir="exercises-misplaced", freshenv=True)
def test_a_shape_check_after_other_code_stops_the_build_naming_the_line(app):
    page = app.srcdir / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("```python", "```pycon"), encoding="utf-8")
    with pytest.raises(SphinxError, match=r"index.md:10: a shape check follows the question's code, a `python` fence"):
        app.build()


@pytest.mark.sphinx("html", testroot="exercises", srcdir="exercises-unread", freshenv=True)
def test_question_code_the_model_cannot_read_stops_the_build(app):
    page = app.srcdir / "index.md"
    text = page.read_text(encoding="utf-8").replace("rnn(torch.randn(4, 5, 2))", "rnn(torch.randn(4, 5, 2), state)")
    page.write_text(text, encoding="utf-8")
    with pytest.raises(SphinxError, match=r"index.md:10: the question's code above is not one the shape model reads"):
        app.build()
