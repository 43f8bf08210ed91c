extensions = ["myst_parser", "lstmdocs.myst_block_i18n"]
language = "zh_CN"
locale_dirs = ["locales"]
myst_enable_extensions = ["dollarmath", "amsmath"]
