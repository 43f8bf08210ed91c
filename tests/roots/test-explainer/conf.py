extensions = ["myst_parser", "lstmdocs.explainer"]
language = "zh_CN"
locale_dirs = ["locales"]
