extensions = ["lstmdocs.html.toctree_caption_level", "lstmdocs.html.focusable_scrolling", "lstmdocs.html.mathml"]
html_theme = "furo"
