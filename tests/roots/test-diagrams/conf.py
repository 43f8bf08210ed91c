extensions = ["lstmdocs.pictures.diagrams"]
# locale_dirs (the site's catalogues) is set by the tests: this project is copied to a temporary folder.
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
