extensions = ["lstmdocs.mathml"]
html_math_renderer = "mathml"
