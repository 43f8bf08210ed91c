extensions = ["myst_parser", "lstmdocs.explainer"]
