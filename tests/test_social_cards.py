"""Open Graph / Twitter tags and the social card images of both editions (conf/lstmdocs/page_extras/social_cards.py)."""

import os
import re
import tempfile
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest
import sphinxext.opengraph
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from sphinxext.opengraph._social_cards import DEFAULT_SOCIAL_CONFIG

from built import LANGUAGES, ROOT, SITE, pages
from lstmdocs.page_extras import social_cards

GENERATED = {"genindex.html", "search.html"}  # Sphinx's own pages: no doctree, no card
CARDS = "_images/social_previews"
social_cards.wrap_card_text()  # as the build does
social_cards.describe_in_plain_sentences()


def meta(html: str) -> dict[str, list[str]]:
    """{property or name: [contents]} of the page's <meta> tags."""
    found: dict[str, list[str]] = {}
    for key, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        found.setdefault(key, []).append(unescape(content))
    return found


def card_of(language: str, page: str) -> Path:
    stem = page.removesuffix(".html").replace("/", "_")
    (card,) = (SITE / language / CARDS).glob(f"summary_{stem}_????????.png")
    return card


def draw_card(tags: dict[str, list[str]], pagename: str, font: str, outdir: Path) -> Path:
    """The card sphinxext-opengraph draws for a page's title and description with ``font``."""
    config_social = {**DEFAULT_SOCIAL_CONFIG, "font": font, "site_url": ""}
    relative = sphinxext.opengraph.social_card_for_page(
        config_social=config_social,
        site_name=tags["og:site_name"][0],
        title=tags["og:title"][0],
        description=tags["og:description"][0],
        pagename=pagename,
        ogp_site_url="",
        ogp_canonical_url="",
        srcdir=ROOT / "docs",
        outdir=outdir,
        config=SimpleNamespace(html_logo=None),
        env=SimpleNamespace(),
    )
    return outdir / relative


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_its_tags_in_its_language_and_a_card(language):
    site_url = os.environ.get("SITE_URL", "")
    others = {social_cards.OG_LOCALES[other] for other in LANGUAGES if other != language}
    for page in pages(language):
        if page in GENERATED:
            continue
        tags = meta((SITE / language / page).read_text(encoding="utf-8"))
        where = f"{language}/{page}"
        assert tags["og:locale"] == [social_cards.OG_LOCALES[language]], where
        assert set(tags["og:locale:alternate"]) == others, where
        assert tags["twitter:card"] == ["summary_large_image"], where
        assert tags["og:title"][0].strip() and tags.get("og:description", [""])[0].strip(), where
        if language != "en":
            assert re.search(r"[\u4e00-\u9fff]", tags["og:title"][0] + tags["og:description"][0]), where
            assert not re.search(r"[\u4e00-\u9fff]: ", tags["og:description"][0]), (
                f"{where}: a Latin colon after Chinese"
            )
        card = card_of(language, page)
        assert card.read_bytes().startswith(b"\x89PNG"), card
        if not site_url:
            assert "og:url" not in tags and "og:image" not in tags, f"{where}: relative og:url/og:image"
            continue
        base = site_url.rstrip("/") + f"/{language}/"
        assert tags["og:url"] == [base + page], where
        assert tags["og:image"] == [base + card.relative_to(SITE / language).as_posix()], where


@pytest.mark.usefixtures("built_site")
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # the tofu rendering, on purpose
def test_the_chinese_card_is_drawn_in_a_font_with_chinese_glyphs_not_tofu():
    page = "basics/outputs.html"
    tags = meta((SITE / "zh_CN" / page).read_text(encoding="utf-8"))
    built = card_of("zh_CN", page)
    font = "Noto Sans CJK SC"  # social_cards_font, as conf.py leaves it
    with tempfile.TemporaryDirectory() as scratch:
        same = draw_card(tags, "basics/outputs", font, Path(scratch, "cjk"))
        tofu = draw_card(tags, "basics/outputs", "DejaVu Sans", Path(scratch, "tofu"))
        # The built card is this page's title and description drawn in the CJK font, byte for byte ...
        assert same.name == built.name and same.read_bytes() == built.read_bytes()
        # ... which is not what a font without Chinese glyphs draws ...
        assert tofu.read_bytes() != built.read_bytes()
    # ... and that font has a glyph for every Chinese character on the card (index 0 is the missing-glyph box).
    path = font_manager.findfont(font_manager.FontProperties(family=font), fallback_to_default=False)
    glyphs = FT2Font(path)
    chinese = set(re.findall(r"[\u4e00-\u9fff]", tags["og:title"][0] + tags["og:description"][0]))
    assert len(chinese) >= 10
    assert all(glyphs.get_char_index(ord(char)) for char in chinese)
    dejavu = FT2Font(font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans")))
    assert not any(dejavu.get_char_index(ord(char)) for char in chinese)  # what tofu would have been


def test_chinese_titles_are_broken_into_lines_and_english_ones_left_to_matplotlib():
    title = "nn.LSTM 返回什么：output、h_n 和 c_n，以及各种配置下的形状与它们之间的关系"
    lines = social_cards.wrap_cjk(title, 36).split("\n")
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert all(social_cards.columns(line) <= 36 for line in lines), lines
    english = "What nn.LSTM returns: output, h_n and c_n, and what each configuration changes"
    assert social_cards.wrap_cjk(english, 36) == english


def test_canary_sphinxext_opengraph_still_makes_cards_through_the_function_we_wrap():
    """social_cards wraps sphinxext.opengraph.social_card_for_page, which get_tags calls by name
    with title= and description=. If this fails after an upgrade, find where sphinxext-opengraph now
    draws its cards and move the line breaking (social_cards.wrap_cjk) there, or drop it if upstream
    breaks Chinese lines itself."""
    import inspect

    assert hasattr(sphinxext.opengraph.social_card_for_page, "wrapped"), "social_cards.wrap_card_text did not wrap"
    source = inspect.getsource(sphinxext.opengraph.get_tags)
    assert "social_card_for_page(" in source and "title=title" in source and "description=description" in source
    parameters = inspect.signature(sphinxext.opengraph.social_card_for_page.wrapped).parameters
    assert {"title", "description"} <= set(parameters)


def test_a_rebuild_leaves_one_card_per_page(tmp_path):
    """A changed description makes a new card (its hash changes): the page's older card goes, other pages' stay."""
    for name in ("summary_index_aaaaaaaa.png", "summary_index_bbbbbbbb.png", "summary_index_x_cccccccc.png"):
        (tmp_path / name).write_bytes(b"")
    social_cards.remove_older_cards(tmp_path, "summary_index_bbbbbbbb.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary_index_bbbbbbbb.png", "summary_index_x_cccccccc.png"]


def test_canary_sphinxext_opengraph_still_describes_pages_through_the_function_we_replace():
    """social_cards replaces sphinxext.opengraph.get_description, which get_tags calls by name with the doctree
    first and uses for og:description, the description meta tag, og:image:alt and the card. If this fails after an
    upgrade, find where sphinxext-opengraph now makes its description and give it the page's plain sentences there
    (lstmdocs.page_extras.descriptions), or drop the replacement if it lets a page set its description."""
    import inspect

    assert hasattr(sphinxext.opengraph.get_description, "wrapped"), "social_cards did not replace get_description"
    source = inspect.getsource(sphinxext.opengraph.get_tags)
    assert "description = get_description(doctree" in source, source
    for use in (
        "tags['og:description'] = description",
        "meta_tags['description'] = description",
        "description=description",
    ):
        assert use in source, f"get_tags no longer does {use!r}"
    parameters = list(inspect.signature(sphinxext.opengraph.get_description.wrapped).parameters)
    assert parameters[0] == "doctree", parameters
