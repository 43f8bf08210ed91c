extensions = ["myst_nb", "lstmdocs.page_extras.notebooks"]
nb_execution_mode = "off"
locale_dirs = ["locales"]
gettext_compact = False
exclude_patterns = ["locales"]
page_notebooks_repository = "https://github.com/example/lstm-docs"
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
