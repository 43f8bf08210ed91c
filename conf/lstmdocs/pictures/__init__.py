"""The pictures, drawn as SVG during the build from a real run whose claims are checked first."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "diagrams",  # the {lstm-diagram} directive; it loads the labels' catalogue
    "gallery_words",  # the words on the gallery's matplotlib figures, in the edition's language
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
