"""Make a rebuilt ``searchindex.js`` equal to the one a fresh build writes.

On an incremental build Sphinx loads the previous ``searchindex.js`` and removes
the rewritten pages from every term, but

- keeps terms left with no page (``"term": []``): they are dropped here;
- forgets the index entries (glossary terms, ``index`` directives) of the pages it
  does not rewrite: they are only collected while a page is written, after the
  environment was saved, and ``IndexBuilder.load`` does not read them back. They
  are restored here from the previous index.

Both happen just before the index is written (``html-collect-pages`` runs before
the search index is dumped, while the previous one is still on disk).
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


def restore_index_entries(indexer, frozen: dict) -> int:
    """Give pages that were not rewritten their index entries from the previous index."""
    docnames = frozen["docnames"]
    previous: dict[str, set[tuple[str, str, str]]] = {}
    for entry, refs in frozen.get("indexentries", {}).items():
        for doc, entry_id, main in refs:
            previous.setdefault(docnames[doc], set()).add((entry, entry_id, "main" if main else ""))
    restored = 0
    for docname in sorted(previous):
        if docname in indexer._titles and docname not in indexer._index_entries:
            indexer._index_entries[docname] = sorted(previous[docname])
            restored += 1
    return restored


def _before_dump(app: Sphinx) -> list:
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    if indexer is not None:
        drop_dead_terms(indexer)
        previous = builder.outdir / builder.searchindex_filename
        if previous.is_file():
            frozen = builder.indexer_format.loads(previous.read_text(encoding="utf-8"))
            restore_index_entries(indexer, frozen)
    return []  # no extra pages


def setup(app: Sphinx) -> dict:
    app.connect("html-collect-pages", _before_dump)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
