extensions = ["lstmdocs.search.jieba_subset"]
language = "zh_CN"
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary
