extensions = ["myst_parser", "lstmdocs.widgets.exercises"]
myst_enable_extensions = ["colon_fence"]
