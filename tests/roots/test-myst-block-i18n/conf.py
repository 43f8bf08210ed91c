extensions = ["myst_parser", "lstmdocs.i18n.myst_blocks"]
language = "zh_CN"
locale_dirs = ["locales"]
myst_enable_extensions = ["dollarmath", "amsmath"]
