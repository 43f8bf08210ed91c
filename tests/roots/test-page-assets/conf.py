extensions = ["lstmdocs.html.page_assets"]
html_theme = "basic"
html_static_path = ["_static"]
page_assets = {"tool": ["tool.css", "tool.js"]}
