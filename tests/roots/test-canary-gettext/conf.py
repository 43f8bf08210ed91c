# A catalogue added to the gettext builder when it is set up, as lstmdocs.pictures.catalogue adds "lstmdocs".
from pathlib import Path


def add_message(app):
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    app.builder.catalogs["extra"].add("A label drawn by code", MsgOrigin(str(Path(app.srcdir, "drawing.py")), 7))


def setup(app):
    app.connect("builder-inited", add_message)
