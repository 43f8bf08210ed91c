extensions = ["lstmdocs.html.mathml"]
html_math_renderer = "mathml"
