extensions = ["myst_parser", "lstmdocs.myst_raw_i18n"]
language = "zh_CN"
locale_dirs = ["locales"]
gettext_additional_targets = ["raw"]
