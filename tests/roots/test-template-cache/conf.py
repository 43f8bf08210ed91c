extensions = ["lstmdocs.build.template_cache"]
html_theme = "basic"
templates_path = ["_templates"]
