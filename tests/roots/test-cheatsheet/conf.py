extensions = ["lstmdocs.widgets.cheatsheet"]
locale_dirs = ["locales"]
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
