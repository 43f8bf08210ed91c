extensions = ["myst_parser", "lstmdocs.page_doctests"]
