"""Search: Chinese words from the glossary, a small jieba, clean snippets, a stable index."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "zh_search",  # glossary terms and synonyms as Chinese index words
    "snippets",  # result snippets from one file of page texts, without LaTeX or the gallery's download note
    "query_words",  # the words a query skips, and the site's words for readers' words
    "jieba_subset",  # Chinese rebuilds load only the dictionary entries their pages use
    "index_pruning",  # rebuilds write the same search index as fresh builds
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
