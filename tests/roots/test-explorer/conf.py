extensions = ["myst_parser", "lstmdocs.widgets.explorer"]
locale_dirs = ["locales"]
