"""The words on the gallery's figures, in each edition's language.

The examples draw their figures with matplotlib once, in English, and both editions show the
same SVG files, whose labels are text (``svg.fonttype = "none"``, `lstmdocs.running.gallery`).
Most labels name code (``output[:, -1, :]``, ``chunked_output``) and stay as they are; the few
that are words are listed in `WORDS`, extracted into the ``lstmdocs`` catalogue with the
pictures' labels, and a translated build rewrites exactly those labels in its own copies of
the figures (``_images/sphx_glr_<example>_*.svg``, thumbnails included). The code that drew
them is not changed. The build warns (an error) when a listed word is on none of its
example's figures: the example changed and this list must follow.
"""

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from lstmdocs.pictures import catalogue

logger = logging.getLogger(__name__)


def _(text: str) -> str:
    """Marks a word for extraction into the ``lstmdocs`` catalogue; translated when a build rewrites the figures."""
    return text


WORDS = {  # example -> the words on its figures (a title, a legend entry), as matplotlib drew them
    "plot_bidirectional": [_("final")],  # the joined final states, beside output[:, -1, :]
    "plot_carry_state": [_("restarted")],  # chunks that each start from zeros
    "plot_classifier": [_("loss")],  # the title of the loss curve
}


def translate_figure(svg: str, words: dict[str, str]) -> tuple[str, set[str]]:
    """The SVG with each ``<text>`` that is exactly one of ``words`` translated, and the words found."""
    found: set[str] = set()

    def replace(match: re.Match) -> str:
        found.add(match["word"])
        return f"{match['open']}{words[match['word']]}</text>"

    pattern = re.compile(rf"(?P<open><text\b[^>]*>)(?P<word>{'|'.join(map(re.escape, words))})</text>")
    return pattern.sub(replace, svg), found


def translate_figures(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html" or app.config.language == "en":
        return
    gettext = catalogue.translation(app.config.language)
    images = Path(app.outdir, "_images")
    for example, english in WORDS.items():
        words = {word: gettext(word) for word in english}
        seen: set[str] = set()
        for figure in sorted(images.glob(f"sphx_glr_{example}_*.svg")):
            svg = figure.read_text(encoding="utf-8")
            translated, found = translate_figure(svg, words)
            # found: the English word; or its translation, in a copy an earlier build translated
            seen |= found | {word for word, text in words.items() if f">{text}</text>" in svg}
            if translated != svg:
                figure.write_text(translated, encoding="utf-8")
        for word in sorted(set(words) - seen):
            logger.warning(
                "gallery_words: %r is on no figure of %s (_images/sphx_glr_%s_*.svg): update WORDS in %s",
                word,
                example,
                example,
                __name__,
            )


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", translate_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
