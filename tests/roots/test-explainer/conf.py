extensions = ["myst_parser", "lstmdocs.widgets.explainer"]
language = "zh_CN"
locale_dirs = ["locales"]
