"""What each page carries besides its text: notebooks, Markdown twins, social cards, feedback."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "feedback",  # "report a problem" and "edit this page", when REPO_URL is set
    "notebooks",  # <page>.ipynb in the page's language; "Open in Colab" when REPO_URL is set
    "social_cards",  # Open Graph / Twitter tags and a card image per page (sphinxext-opengraph)
    "descriptions",  # each page's description in plain sentences (og:description, its card, llms.txt)
    "markdown_twins",  # <page>.md beside every page, and llms.txt
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
