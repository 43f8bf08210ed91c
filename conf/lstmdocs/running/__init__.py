"""Running the pages' code: the device, the gallery's hooks, the notebooks' kernels, the doctests."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "gallery_rerun",  # every example runs again when the gallery's hooks change (not only its own file)
    "claims",  # the claim role: a sentence's relationship, checked by page_doctests
    "outputs_device",  # the device and torch each page's outputs came from; the {build-info} role
    "page_doctests",  # every page's doctests run as a reader copies them; a failure fails the build
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
