# The search page's page texts (lstmdocs.search.snippets) and query words (lstmdocs.search.query_words).
extensions = ["lstmdocs.search.snippets", "lstmdocs.search.query_words"]
search_words = "words.toml"
