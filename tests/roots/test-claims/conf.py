extensions = ["myst_parser", "lstmdocs.running.claims", "lstmdocs.running.page_doctests"]
