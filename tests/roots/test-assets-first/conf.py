extensions = ["myst_nb", "lstmdocs.build.assets_first"]
