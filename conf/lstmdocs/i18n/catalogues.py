"""Where a page's translations are: its catalogue (one ``.po`` per page) in the build's language."""

from pathlib import Path

from sphinx.application import Sphinx


def catalogue_of(app: Sphinx, domain: str) -> Path | None:
    """``<locale_dir>/<language>/LC_MESSAGES/<domain>.po``, the first of ``locale_dirs`` that has it."""
    for folder in app.config.locale_dirs:
        path = Path(app.srcdir, folder, app.config.language, "LC_MESSAGES", f"{domain}.po")
        if path.is_file():
            return path
    return None


def messages_of(catalogue: Path) -> dict[str, str]:
    """The translated entries of a catalogue: English -> translation."""
    import polib  # only Chinese builds read catalogues themselves

    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(catalogue)) if entry.translated()}
