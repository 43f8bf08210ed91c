"""Every internal link, image, script and #anchor of both editions lands somewhere."""

import pytest

from built import BUILD, LANGUAGES, SITE, require
from links import check_site

EXTERNAL_LINKS = BUILD / "external-links.txt"


@pytest.mark.usefixtures("built_site")
def test_every_internal_link_and_anchor_resolves():
    report = check_site(require(SITE))
    # Offline: external links are listed for a human to review, never fetched.
    EXTERNAL_LINKS.write_text("".join(f"{link}\n" for link in sorted(report.external)), encoding="utf-8")
    assert not report.broken, f"{len(report.broken)} broken links:\n" + "\n".join(report.broken)


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_edition_is_checked(language):
    """Guard against a checker that passes because it found nothing to check."""
    edition = check_site(require(SITE / language))
    assert edition.checked > 100, f"only {edition.checked} links checked in {language}/"


def test_broken_links_are_reported_with_page_and_link(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="guide/">ok</a> <a href="guide/page.html#usage">ok</a> <img src="missing.svg">'
        '<a href="https://example.org/">external</a> <a href="#top" id="top">self</a>',
        encoding="utf-8",
    )
    (tmp_path / "guide" / "index.html").write_text('<a href="../index.html#nowhere">x</a>', encoding="utf-8")
    (tmp_path / "guide" / "page.html").write_text(
        '<h2 id="usage">Usage</h2><a href="../guide/page.html#usage">ok</a><a href="/abs.html">x</a>',
        encoding="utf-8",
    )
    report = check_site(tmp_path)
    assert sorted(report.broken) == [
        "guide/index.html: ../index.html#nowhere (no id 'nowhere' in the target)",
        "guide/page.html: /abs.html (absolute path: breaks under a sub-path)",
        "index.html: missing.svg (no such file)",
    ]
    assert report.external == {"https://example.org/"}
    assert report.checked == 7
