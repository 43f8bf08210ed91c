extensions = ["lstmdocs.pictures.diagrams"]
# locale_dirs (the site's catalogues) is set by the tests: this project is copied to a temporary folder.
