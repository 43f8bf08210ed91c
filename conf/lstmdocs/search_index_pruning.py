"""Drop search terms that no page uses any more, so rebuilds write a clean index.

On an incremental build Sphinx loads the previous ``searchindex.js`` and removes
the rewritten pages from every term, but keeps terms left with no page (``"term":
[]``). A rebuilt site then differed from a fresh build of the same sources. The
empty terms are removed just before the index is written (``html-collect-pages``
runs before the search index is dumped).
"""

from sphinx.application import Sphinx


def drop_dead_terms(indexer) -> int:
    dropped = 0
    # Sphinx keeps the term -> pages maps private; they are plain dicts of sets.
    for mapping in (indexer._mapping, indexer._title_mapping):
        for term in [term for term, pages in mapping.items() if not pages]:
            del mapping[term]
            dropped += 1
    return dropped


def _before_dump(app: Sphinx) -> list:
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None:
        drop_dead_terms(indexer)
    return []  # no extra pages


def setup(app: Sphinx) -> dict:
    app.connect("html-collect-pages", _before_dump)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
