extensions = ["lstmdocs.zh_search"]
html_theme = "furo"
