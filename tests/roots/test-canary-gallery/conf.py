# A one-example gallery, as sphinx-gallery writes it for this site (tests/test_canaries.py).
extensions = ["sphinx_gallery.gen_gallery"]
sphinx_gallery_conf = {"examples_dirs": "examples", "gallery_dirs": "gallery"}
