# Sphinx alone: what an incremental build does to the search index without lstmdocs.search.index_pruning.
extensions = []
