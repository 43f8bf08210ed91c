"""Build mechanics readers never see: what keeps rebuilds right, fast and reproducible."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "code_version",  # an edit to these extensions reads and writes every page again
    "template_cache",  # rebuilds reuse the compiled theme templates
    "assets_first",  # myst-nb's style sheet copied before pages are written (stable ?v= links)
    "stable_zips",  # reproducible example zips
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
