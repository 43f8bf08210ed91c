# The search page's page texts (lstmdocs.search.snippets).
extensions = ["lstmdocs.search.snippets"]
