extensions = ["lstmdocs.toctree_caption_level", "lstmdocs.focusable_scrolling", "lstmdocs.mathml"]
html_theme = "furo"
