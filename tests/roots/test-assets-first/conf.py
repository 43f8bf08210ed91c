extensions = ["myst_nb", "lstmdocs.assets_first"]
