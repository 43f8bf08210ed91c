extensions = ["lstmdocs.search.zh_search"]
html_theme = "furo"
