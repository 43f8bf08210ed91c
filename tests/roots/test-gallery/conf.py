extensions = ["sphinx_gallery.gen_gallery"]
sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "gallery",
    "reset_modules": ("lstmdocs.running.gallery.reset",),
    "download_all_examples": False,
}
