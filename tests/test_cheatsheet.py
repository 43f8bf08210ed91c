"""The ``lstm-cheatsheet`` directive: a checked table, translatable, failing loudly."""

import io
import re
from pathlib import Path

import pytest
from docutils import nodes

from lstmdocs.widgets import cheatsheet


def body_rows(doctree) -> list[nodes.row]:
    return [row for tbody in doctree.findall(nodes.tbody) for row in tbody.findall(nodes.row)]


@pytest.mark.sphinx("html", testroot="cheatsheet", freshenv=True)
def test_table_covers_the_grid(app):
    app.build()
    assert app.statuscode == 0
    doctree = app.env.get_doctree("index")
    rows = body_rows(doctree)
    assert len(rows) >= 24
    assert len(rows) == 3 * 16  # batch_first x num_layers x bidirectional x proj_size, per input
    code = {literal.astext() for literal in doctree.findall(nodes.literal)}
    assert {"output[:, -1]", "output[:, 0, H:]", "output[torch.arange(N), lengths - 1, :P]", "(4, N, P)"} <= code
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('<tr class="row-') == 3 * (16 + 1)  # and a heading row per table


def test_every_configuration_has_an_identity():
    for input in cheatsheet.INPUTS:
        for config in cheatsheet.configurations(input):
            assert len(cheatsheet.identities(config)) == (2 if config.bidirectional else 1)


@pytest.mark.sphinx("html", testroot="cheatsheet", freshenv=True, srcdir="cheatsheet-broken")
def test_an_identity_that_does_not_hold_fails_the_build(app, monkeypatch):
    real = cheatsheet.identities

    def with_a_false_one(config):
        # output[-1] is the last sequence, not the last step, when batch_first=True.
        extra = [cheatsheet.Identity("h_n[-1]", "output[-1]")] if config.batch_first else []
        return real(config) + extra

    monkeypatch.setattr(cheatsheet, "identities", with_a_false_one)
    message = r"index.rst:4: nn\.LSTM\(H_in, H, batch_first=True\) on batched input: torch\.equal\(h_n\[-1\], output\[-1\]\) does not hold"
    with pytest.raises(cheatsheet.CheatsheetError, match=message):
        app.build()


def test_a_wrong_shape_fails():
    config = cheatsheet.Config(batch_first=True, num_layers=2, bidirectional=False, projected=False, input="batched")
    names = cheatsheet.run(config)
    names["h_n"] = names["h_n"][-1:]  # one layer's state where the table says two
    with pytest.raises(cheatsheet.CheatsheetError, match=r"h_n has shape \(1, 3, 7\), not \(2, N, H\)"):
        cheatsheet.check(config, names, cheatsheet.identities(config))


@pytest.mark.sphinx("gettext", testroot="cheatsheet", freshenv=True, srcdir="cheatsheet-gettext")
def test_headings_are_extracted_and_code_is_not(app):
    app.build()
    msgids = re.findall(r'^msgid "(.+)"$', (app.outdir / "index.pot").read_text(encoding="utf-8"), re.MULTILINE)
    assert {"Arguments", "Shapes", "Identities", "defaults"} <= set(msgids)
    assert not [msgid for msgid in msgids if "h_n" in msgid or "output" in msgid]


@pytest.mark.sphinx(
    "html", testroot="cheatsheet", freshenv=True, srcdir="cheatsheet-zh", confoverrides={"language": "zh_CN"}
)
def test_headings_are_translated(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<p>参数</p>" in html and "<p>恒等式</p>" in html and "默认值" in html
    assert "Arguments" not in html


def test_the_sizes_cannot_stand_for_one_another():
    """A shape written with the wrong symbol, (P, N, H) for (num_layers * D, N, H) say, passes a check whose
    sizes happen to be equal (P was 2, as two layers or two directions are). No size is another, twice
    another, or a first axis of h_n; the grid's layers and directions are read from the configurations."""
    sizes = cheatsheet.SIZES
    configurations = [c for kind in cheatsheet.INPUTS for c in cheatsheet.configurations(kind)]
    first_axes = {c.num_layers * (2 if c.bidirectional else 1) for c in configurations}
    values = [*sizes.values(), 2 * sizes["H"], 2 * sizes["P"]]
    assert len(set(values)) == len(values), sizes
    assert not set(values) & (first_axes | {1, 2}), (sizes, first_axes)
    assert 0 < sizes["P"] < sizes["H"]  # nn.LSTM requires proj_size < hidden_size


def test_the_page_states_the_sizes_the_checks_use():
    page = (Path(__file__).resolve().parent.parent / "docs" / "reference" / "cheatsheet.md").read_text(encoding="utf-8")
    sizes = cheatsheet.SIZES
    stated = f"$N = {sizes['N']}$, $L = {sizes['L']}$, $H_{{in}} = {sizes['H_in']}$, $H = {sizes['H']}$ and $P = {sizes['P']}$"
    assert stated in page
    assert f"lengths {', '.join(map(str, cheatsheet.LENGTHS[:-1]))} and {cheatsheet.LENGTHS[-1]}" in page
    assert max(cheatsheet.LENGTHS) == sizes["L"]


@pytest.mark.sphinx("html", testroot="cheatsheet", freshenv=True, srcdir="cheatsheet-rebuild")
def test_another_torch_release_remakes_the_tables(make_app, app_params):
    args, kwargs = app_params
    make_app(*args, **kwargs).build()
    kwargs["freshenv"] = False

    def reads(**overrides) -> str:
        status = io.StringIO()
        make_app(*args, **{**kwargs, "status": status, "confoverrides": overrides}).build()
        return re.search(r"updating environment: .*", status.getvalue()).group()

    assert reads().endswith("0 added, 0 changed, 0 removed")
    assert "config changed ('lstm_cheatsheet_torch_version')" in reads(lstm_cheatsheet_torch_version="99.0")


@pytest.mark.parametrize(("language", "heading"), [("en", "Identities"), ("zh_CN", "恒等式")])
def test_built_cheatsheet_shows_the_tables(page, site_url, language, heading):
    page.goto(f"{site_url}/{language}/reference/cheatsheet.html")
    assert page.locator("table.lstm-cheatsheet tbody tr").count() == 3 * 16
    assert page.locator("table.lstm-cheatsheet thead th").nth(2).inner_text() == heading
