extensions = ["lstmdocs.cheatsheet"]
locale_dirs = ["locales"]
