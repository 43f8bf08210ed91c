"""The assembled site: both editions, nothing but what a browser needs, no warnings."""

import re

import pytest

from built import LANGUAGES, LOGS, SITE, pages, require, source_pages
from tools.site_facts import NOT_DEPLOYED

# Every test here reads the built site.
pytestmark = pytest.mark.usefixtures("built_site")


def test_site_holds_both_editions_and_a_landing_page():
    require(SITE)
    assert sorted(p.name for p in SITE.iterdir()) == sorted(["404.html", "index.html", *LANGUAGES])
    landing = (SITE / "index.html").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert (SITE / language / "index.html").is_file()
        assert f'href="{language}/index.html"' in landing


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_edition_has_the_pages_its_sources_make(language):
    """The tests that check each page are parametrized over the pages the sources make (collecting
    them needs no build): those must be the pages built, no more, no fewer."""
    assert pages(language) == source_pages(), "update tools.site_facts.source_pages to the pages the build makes"


def test_every_page_exists_in_both_languages():
    english, chinese = set(pages("en")), set(pages("zh_CN"))
    assert english, "no English pages"
    assert not english - chinese, f"English pages without a Chinese edition: {sorted(english - chinese)}"
    assert not chinese - english, f"Chinese pages without an English edition: {sorted(chinese - english)}"


@pytest.mark.parametrize("name", NOT_DEPLOYED)
def test_no_build_leftovers_in_the_site(name):
    assert not list(require(SITE).rglob(name)), f"{name} must not be deployed"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_build_had_no_warnings(language):
    log = require(LOGS / f"html-{language}.log")
    assert log.read_text(encoding="utf-8").strip() == "", f"warnings in {log}"


@pytest.mark.parametrize(("language", "lang_attr"), [("en", "en"), ("zh_CN", "zh-CN")])
def test_html_lang(language, lang_attr):
    for page in pages(language):
        html = (SITE / language / page).read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]* lang="{lang_attr}"', html), f"{language}/{page}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_leads_to_an_existing_page(language):
    for page in pages(language):
        html = (SITE / language / page).read_text(encoding="utf-8")
        links = re.findall(r'class="language-switch__link" href="([^"]+)"', html)
        assert links, f"{language}/{page} has no language switch"
        for href in links:
            target = (SITE / language / page).parent / href
            assert target.resolve().is_file(), f"{language}/{page}: switch link {href} leads nowhere"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_index_picture_says_output_minus_1_is_the_trap_with_batch_first(language):
    """output[-1] is the last sequence only when the batch comes first: the legend says so."""
    html = (require(SITE) / language / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="lstm-diagram__legend-item">(.*?)</li>', html)
    trap = [re.sub(r"<[^>]+>", "", item) for item in items if "<code>output[-1]</code> ≠" in item]
    titles = [title for title in re.findall(r"<title[^>]*>([^<]*)</title>", html) if "output[-1] ≠" in title]
    assert trap and titles, "the index picture no longer marks output[-1]: update this test"
    for text in trap + titles:
        said = text[text.index("output[-1] ≠") :]
        assert "batch_first=True" in said.split(".")[0].split("。")[0], said
