extensions = ["myst_parser", "lstmdocs.i18n.myst_blocks"]
language = "zh_CN"
locale_dirs = ["locales"]
myst_enable_extensions = ["dollarmath", "amsmath"]
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
