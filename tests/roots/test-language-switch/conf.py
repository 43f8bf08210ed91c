extensions = ["lstmdocs.i18n.html_lang", "lstmdocs.i18n.language_switch"]
html_theme = "furo"
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/language-switch.html"]}
language_switch_languages = {"en": "English", "zh_CN": "简体中文"}
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
