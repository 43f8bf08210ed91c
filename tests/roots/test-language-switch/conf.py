extensions = ["lstmdocs.html_lang", "lstmdocs.language_switch"]
html_theme = "furo"
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/language-switch.html"]}
language_switch_languages = {"en": "English", "zh_CN": "简体中文"}
