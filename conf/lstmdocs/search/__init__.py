"""Search: Chinese words from the glossary, a small jieba, clean snippets, highlighting that survives SVG, a stable index."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "zh_search",  # glossary terms and synonyms as Chinese index words
    "snippets",  # result snippets from one file of page texts, without LaTeX or download links
    "query_words",  # the words a query skips, and the site's words for readers' words
    "highlight_svg",  # search words highlighted on pages with SVG titles (Sphinx's highlighting stopped there)
    "jieba_subset",  # Chinese rebuilds load only the dictionary entries their pages use
    "index_pruning",  # rebuilds write the same search index as fresh builds
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
