"""Open Graph and Twitter card metadata on every page, with a card image in the page's language.

sphinxext-opengraph writes the tags (``og:title``, ``og:description``, ``twitter:card``) and
draws each page's card with matplotlib; this extension configures it for a bilingual site:

- The description (``og:description``, the ``description`` meta tag, the card's text) is the
  page's first plain sentences (`lstmdocs.page_extras.descriptions`), not sphinxext-opengraph's
  join of every text node, which carried LaTeX, code and spaces before Chinese punctuation.
- The card's font is one with CJK glyphs (``social_cards_font``, Noto Sans CJK SC from
  Debian's ``fonts-noto-cjk``): matplotlib's default font would draw a Chinese title as
  boxes. A missing font stops the build, naming the package, rather than drawing tofu.
- ``og:locale`` is the page's language and ``og:locale:alternate`` the other edition's.
- Each language is published under ``<SITE_URL>/<language>/``, so ``ogp_site_url`` is set
  from ``social_cards_site_url`` (``SITE_URL``) and the build's language. Without it
  ``og:url`` and ``og:image`` (which must be absolute) are left out; the cards are still
  drawn, so local builds and tests see them.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

from lstmdocs.page_extras.descriptions import DESCRIPTION

OG_LOCALES = {"en": "en_US", "zh_CN": "zh_CN"}
NEEDS_SITE_URL = re.compile(r'<meta property="og:(?:url|image(?::\w+)?)" content="[^"]*" />\n?')


# Columns per line on the card (a CJK character takes two), for its title and its description.
# (Measured on the cards: a column is about 11 px of the description, 33 px of the title;
# sphinxext-opengraph wraps them at 1000 and 825 px.) Longer Chinese descriptions end in "…".
TITLE_COLUMNS, DESCRIPTION_COLUMNS, DESCRIPTION_LINES = 24, 80, 3
TOKEN = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][\u3000-\u303f\uff00-\uffef]*|[^\s\u2e80-\u9fff\uff00-\uffef]+[\u3000-\u303f\uff00-\uffef]*\s*|\s+"
)


# sphinxext-opengraph joins a heading to its paragraph with ": "; after Chinese that is "：".
HEADING_JOIN = re.compile(r"(?<=[\u4e00-\u9fff]): ")


def chinese_colons(text: str) -> str:
    return HEADING_JOIN.sub("：", text)


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap_cjk(text: str, width: int, max_lines: int = 0) -> str:
    """``text`` with line breaks every ``width`` columns, also inside Chinese (matplotlib breaks only at spaces)."""
    if not any(columns(char) == 2 for char in text):
        return text  # matplotlib wraps Latin text itself
    lines = [""]
    for token in TOKEN.findall(text):
        if lines[-1].strip() and columns(lines[-1] + token.rstrip()) > width:
            lines.append("")
        lines[-1] += token if lines[-1] or not token.isspace() else ""
    if max_lines and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip().removesuffix("...")[:-1] + "…"]
    return "\n".join(line.rstrip() for line in lines)


CARDS = "_images/social_previews"  # where sphinxext-opengraph writes a page's card, summary_<page>_<hash>.png


def remove_older_cards(folder: Path, card: str) -> None:
    """A page's cards of earlier builds (another title or description, another hash): a rebuild kept them,
    and the deployed site would carry them."""
    page = card.rsplit("_", 1)[0]
    for older in folder.glob(f"{page}_????????.png"):
        if older.name != card:
            older.unlink()


CARD_COLOURS = 64  # a card is text in a few greys and the logo: 64 colours look the same, at a quarter of the bytes


def to_palette(card: Path) -> None:
    """The card as matplotlib drew it (RGBA, about 75 KB) saved again with a palette (about 20 KB).

    The site's size limit (tools/page_weight.py) counts every card. A card already saved so
    (kept from an earlier build) is left as it is, so its bytes do not change from build to build.
    """
    from PIL import Image

    if not card.is_file():
        return
    with Image.open(card) as image:
        if image.mode != "RGBA":
            return
        paletted = image.convert("RGB").quantize(colors=CARD_COLOURS, method=Image.Quantize.FASTOCTREE)
    paletted.save(card, "PNG", optimize=True)


def _wrapping_cards(social_card_for_page):
    """sphinxext-opengraph's card maker, given titles and descriptions already broken into lines."""

    def social_card_for_page_wrapped(*args, title: str, description: str, **kwargs):
        url = social_card_for_page(
            *args,
            title=wrap_cjk(title, TITLE_COLUMNS),
            description=wrap_cjk(chinese_colons(description), DESCRIPTION_COLUMNS, DESCRIPTION_LINES),
            **kwargs,
        )
        remove_older_cards(Path(kwargs["outdir"]) / CARDS, url.rsplit("/", 1)[-1])
        to_palette(Path(kwargs["outdir"]) / CARDS / url.rsplit("/", 1)[-1])
        return url

    social_card_for_page_wrapped.wrapped = social_card_for_page
    return social_card_for_page_wrapped


def _configure(app: Sphinx, config: Config) -> None:
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=config.social_cards_font), fallback_to_default=False)
    except ValueError as error:
        raise ExtensionError(
            f"social_cards: font {config.social_cards_font!r} not found ({error}); "
            "install Debian's fonts-noto-cjk (the cards would show Chinese as boxes)"
        ) from error
    site_url = config.social_cards_site_url
    config.ogp_site_url = urljoin(site_url.rstrip("/") + "/", f"{config.language}/") if site_url else ""
    config.ogp_social_cards = {
        **(config.ogp_social_cards or {}),
        "font": config.social_cards_font,
        "site_url": config.ogp_site_url.split("://")[-1],
    }


def _locale_tags(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or "metatags" not in context:
        return
    if not app.config.ogp_site_url:
        context["metatags"] = NEEDS_SITE_URL.sub("", context["metatags"])
    context["metatags"] = chinese_colons(context["metatags"])
    language = app.config.language
    tags = [f'<meta property="og:locale" content="{OG_LOCALES.get(language, language)}" />']
    tags += [
        f'<meta property="og:locale:alternate" content="{locale}" />'
        for other, locale in OG_LOCALES.items()
        if other != language
    ]
    context["metatags"] += "\n" + "\n".join(tags) + "\n"


def wrap_card_text() -> None:
    """Make sphinxext-opengraph break Chinese card text into lines (once).

    A workaround of its internals: ``get_tags`` calls the module-level ``social_card_for_page``
    by name, with ``title=`` and ``description=``. tests/test_social_cards.py watches it.
    """
    import sphinxext.opengraph

    if not hasattr(sphinxext.opengraph.social_card_for_page, "wrapped"):
        sphinxext.opengraph.social_card_for_page = _wrapping_cards(sphinxext.opengraph.social_card_for_page)


def _described(get_description):
    """sphinxext-opengraph's description finder, answering with the page's plain sentences
    (`lstmdocs.page_extras.descriptions`) where the page has them."""

    def get_page_description(doctree, *args, **kwargs) -> str:
        if DESCRIPTION in doctree:
            return doctree[DESCRIPTION]
        return get_description(doctree, *args, **kwargs)

    get_page_description.wrapped = get_description
    return get_page_description


def describe_in_plain_sentences() -> None:
    """Make sphinxext-opengraph describe each page with its plain sentences (once).

    A workaround of its internals: ``get_tags`` calls the module-level ``get_description`` by
    name, and uses what it returns for ``og:description``, the ``description`` meta tag,
    ``og:image:alt`` and the card. Its own description joins the page's text nodes, code and
    LaTeX included. tests/test_canaries.py watches it.
    """
    import sphinxext.opengraph

    if not hasattr(sphinxext.opengraph.get_description, "wrapped"):
        sphinxext.opengraph.get_description = _described(sphinxext.opengraph.get_description)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxext.opengraph")
    wrap_card_text()
    describe_in_plain_sentences()
    app.add_config_value("social_cards_site_url", "", "html", types=[str])
    app.add_config_value("social_cards_font", "Noto Sans CJK SC", "html", types=[str])
    app.connect("config-inited", _configure, priority=900)  # after conf.py's -D overrides (language)
    app.connect("html-page-context", _locale_tags, priority=900)  # after sphinxext-opengraph's tags (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
