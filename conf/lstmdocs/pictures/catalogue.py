"""The ``lstmdocs`` message catalogue: the labels of the pictures, in each build's language.

The gettext builder extracts the ``_("...")`` calls of `drawing` and `diagrams` into
``lstmdocs.pot`` beside the pages' catalogues; an HTML build compiles (when stale)
and loads ``<locale_dir>/<language>/LC_MESSAGES/lstmdocs.po``.

Why not Sphinx's ``app.add_message_catalog`` + ``sphinx.locale.get_translation``:
they keep one translator per catalogue name for the whole process
(``sphinx.locale.translators``), not one per language, and load ``.mo`` files
through ``gettext.translation``, which caches them by path. This site builds both
languages in one process (English after Chinese would draw Chinese labels) and
redraws when a catalogue changes (a cached ``.mo`` would draw the old label), so
the catalogue is loaded here, per language, from the file as it is now.
"""

import gettext
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.i18n import CatalogInfo

from lstmdocs.pictures.labels import Gettext

CATALOGUE = "lstmdocs"
HERE = Path(__file__).resolve().parent
SOURCES = [
    HERE / "drawing.py",
    HERE / "narrow.py",
    HERE / "diagrams.py",
    HERE / "cell.py",
    HERE / "labels.py",
    HERE / "gallery_words.py",
]  # the modules whose _("...") calls it holds
_TRANSLATIONS: dict[str, gettext.NullTranslations] = {}  # language -> catalogue


def messages() -> list[tuple[str, int, str]]:
    """(file name, line, msgid) of every ``_("...")`` in the drawing code: what the catalogue must hold."""
    from babel.messages.extract import extract_from_file

    return [
        (source.name, line, msg)
        for source in SOURCES
        for line, msg, _c, _x in extract_from_file("python", str(source), keywords={"_": None})
    ]


def translation(language: str) -> Gettext:
    return _TRANSLATIONS.get(language, gettext.NullTranslations()).gettext


def catalogue_files(app: Sphinx) -> list[Path]:
    return [Path(app.srcdir, d, app.config.language, "LC_MESSAGES", f"{CATALOGUE}.po") for d in app.config.locale_dirs]


def load_catalogue(app: Sphinx, config: Config) -> None:
    """Compile (when stale) and load this language's ``lstmdocs`` catalogue, if any."""
    language = config.language
    translations = gettext.NullTranslations()
    for directory in config.locale_dirs:
        info = CatalogInfo(Path(app.srcdir, directory, language, "LC_MESSAGES"), CATALOGUE, config.source_encoding)
        if info.po_path.is_file():
            if info.is_outdated():
                info.write_mo(language)
            with open(info.mo_path, "rb") as mo:  # not gettext.translation(): it caches stale files
                translations = gettext.GNUTranslations(mo)
            break
    _TRANSLATIONS[language] = translations


def extract_messages(app: Sphinx) -> None:
    """The gettext builder writes ``lstmdocs.pot`` beside the pages' catalogues."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    for name, line, message in messages():
        app.builder.catalogs[CATALOGUE].add(message, MsgOrigin(str(HERE / name), line))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", load_catalogue)
    app.connect("builder-inited", extract_messages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
