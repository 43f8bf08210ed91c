extensions = ["myst_parser", "lstmdocs.explorer"]
locale_dirs = ["locales"]
