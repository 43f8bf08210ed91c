extensions = ["myst_parser", "lstmdocs.widgets.explainer"]
