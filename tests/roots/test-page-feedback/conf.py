from pathlib import Path

extensions = ["sphinx_gallery.gen_gallery", "lstmdocs.page_extras.feedback"]
sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "gallery",
    "image_scrapers": (),
    "reset_modules": (),
    "download_all_examples": False,
}
locale_dirs = ["locales"]
gettext_compact = False
page_feedback_repository = "https://github.com/example/lstm-docs/"
page_feedback_root = str(Path(__file__).resolve().parent)
html_search_options = {"dict": ""}  # as the site's conf.py: no user dictionary (Sphinx would load all of jieba's again)
