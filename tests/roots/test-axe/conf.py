extensions = ["lstmdocs.toctree_caption_level", "lstmdocs.focusable_code"]
html_theme = "furo"
