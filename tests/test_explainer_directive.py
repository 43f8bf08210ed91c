"""The {lstm-explainer} directive (conf/lstmdocs/widgets/explainer/__init__.py): translated strings in, one widget div out."""

import html
import json
import re

import pytest
from sphinx.errors import SphinxError

from lstmdocs.widgets.explainer.trace import CONFIGS


@pytest.mark.sphinx("html", testroot="explainer")
def test_the_widget_gets_the_translated_strings_and_nothing_else(app):
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    found = re.search(
        r'<div class="lstm-explainer" id="lstm-explainer" data-strings="([^"]*)" data-configs="([^"]*)"'
        r' data-fetches="([^"]*)">(.*?)</div>',
        page,
    )
    assert found, "no widget div"
    # What a first visit fetches: the first configuration's trace (tools/page_weight.py weighs it).
    assert found.group(3) == f"_static/explainer/traces/{CONFIGS[0].name}.js"
    words = json.loads(html.unescape(found.group(1)))
    # The script's configuration menu is the build's list of traces, in its order.
    assert json.loads(html.unescape(found.group(2))) == [config.name for config in CONFIGS]
    assert words == {
        "cell": "所选这一步的 LSTM 单元。",
        "copy": "Copy & paste",
        "noscript": "这个演示需要 JavaScript。",
        "status": "第 {step} 步，共 {total} 步",
    }
    assert found.group(4) == '<p class="lstm-explainer__noscript">这个演示需要 JavaScript。</p>'
    assert "Copy &amp; paste" in found.group(1)  # escaped in the attribute
    assert "Copy &amp; paste</p>" not in page  # the words themselves are not shown as paragraphs
    # The cell the equations page draws, spaced for the script's numbers, named in the page's language.
    template = re.search(r'<template id="lstm-explainer-cell"><svg [^>]*>(.*?)</svg></template>', page)
    assert template, "no cell template"
    assert '<title id="lstm-explainer-cell-title">所选这一步的 LSTM 单元。</title>' in template.group(1)
    slots = re.findall(r'<text data-slot="(\w+)"', template.group(1))
    assert sorted(slots) == sorted(["c_prev", "c", "h", "f", "i", "g", "o", "h_prev", "x"])


@pytest.mark.sphinx("html", testroot="explainer-malformed")
def test_a_line_without_its_key_stops_the_build_naming_the_file(app):
    with pytest.raises(SphinxError, match=r"index\.md:\d+: line 2 of the widget's words is not `key: text`"):
        app.build()
