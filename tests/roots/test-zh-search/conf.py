extensions = ["lstmdocs.search.zh_search"]
html_theme = "furo"
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
