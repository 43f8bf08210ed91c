extensions = ["myst_parser", "lstmdocs.widgets.explorer"]
locale_dirs = ["locales"]
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
