"""The language of each edition: `<html lang>` and the switch to the other language."""

import re

import pytest


@pytest.mark.sphinx("html", testroot="language-switch", confoverrides={"language": "zh_CN"})
def test_html_lang_is_bcp47(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="zh-CN"', html)


@pytest.mark.sphinx("html", testroot="language-switch", confoverrides={"language": "zh_CN"})
def test_switch_links_the_same_page_in_the_other_language(app):
    app.build()
    page = (app.outdir / "guide" / "page.html").read_text(encoding="utf-8")
    assert 'href="../../en/guide/page.html"' in page
    assert 'aria-current="true">简体中文<' in page
    root = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="../en/index.html"' in root
