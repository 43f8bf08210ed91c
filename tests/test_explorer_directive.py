"""lstmdocs.widgets.explorer: the widget's texts are paragraphs of the page, translated by its catalogue,
rendered into the template; a text missing on either side stops the build."""

import jinja2
import pytest
from sphinx.errors import ExtensionError, SphinxError

from lstmdocs.widgets import explorer

WIDGET = '<p>{{ text["greeting"] }}</p><span data-text="hint">{{ text["hint"] }}</span>'


@pytest.fixture
def small_template(monkeypatch):
    """The real template needs every text of the real page; this one needs the test page's two."""
    loader = jinja2.DictLoader({explorer.TEMPLATE: WIDGET})
    environment = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined)
    monkeypatch.setattr(explorer, "_TEMPLATES", environment)


def widget_html(app) -> str:
    app.build()
    return (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="explorer", confoverrides={"language": "zh_CN"}, freshenv=True)
def test_texts_are_translated_and_code_stays_code(app, small_template):
    html = widget_html(app)
    code = '<code class="docutils literal notranslate"><span class="pre">{}</span></code>'
    assert f"<p>{code.format('nn.LSTM')} 的参数</p>" in html
    assert f'<span data-text="hint">在 {code.format("input")} 中批次在时间之前，H<sub>out</sub></span>' in html


@pytest.mark.sphinx("html", testroot="explorer", srcdir="explorer-en", freshenv=True)
def test_english_texts_render_with_their_markup(app, small_template):
    html = widget_html(app)
    assert "Arguments of <code" in html and "H<sub>out</sub>" in html


@pytest.mark.sphinx("gettext", testroot="explorer", srcdir="explorer-gettext", freshenv=True)
def test_texts_are_extracted_without_their_keys(app):
    app.build()
    catalogue = (app.outdir / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "Arguments of `nn.LSTM`"' in catalogue
    assert 'msgid "batch before time in `input`, H{sub}`out`"' in catalogue
    assert "greeting" not in catalogue


def test_a_text_the_template_needs_and_the_page_lacks_stops_the_build():
    with pytest.raises(ExtensionError, match=r"explorer.md:8: the explorer gives no text for 'hint-input_size'"):
        explorer.render({"legend-arguments": "x"}, "explorer.md:8")


def test_a_text_the_template_does_not_use_stops_the_build(monkeypatch):
    loader = jinja2.DictLoader({explorer.TEMPLATE: "{{ text['a'] }}"})
    monkeypatch.setattr(explorer, "_TEMPLATES", jinja2.Environment(loader=loader))
    with pytest.raises(ExtensionError, match=r"explorer.md:8: the explorer template does not use the texts \['b'\]"):
        explorer.render({"a": "A", "b": "B"}, "explorer.md:8")


@pytest.mark.sphinx("html", testroot="explorer", srcdir="explorer-bad", freshenv=True)
def test_a_line_that_is_not_key_text_stops_the_build_naming_the_line(app):
    (app.srcdir / "index.md").write_text("# W\n\n```{lstm-explorer}\ngreeting Arguments\n```\n", encoding="utf-8")
    with pytest.raises(SphinxError, match=r"index\.md:3: line 1 of the widget's words is not `key: text`"):
        app.build()
