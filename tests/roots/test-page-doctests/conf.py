extensions = ["myst_parser", "lstmdocs.running.page_doctests"]
