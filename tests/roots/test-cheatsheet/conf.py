extensions = ["lstmdocs.widgets.cheatsheet"]
locale_dirs = ["locales"]
