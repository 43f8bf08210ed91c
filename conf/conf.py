"""Sphinx configuration, used as ``sphinx-build -c conf docs <outdir>``."""

import os
import sys
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent
ROOT = CONF_DIR.parent
sys.path[:0] = [str(CONF_DIR), str(ROOT)]  # the project's extensions (conf/lstmdocs) and its facts (tools/)

from tools.site_facts import LANGUAGE_LABELS  # noqa: E402

# -- Project ------------------------------------------------------------------
project = "torch.nn.LSTM: output, h_n, c_n"
author = "The nn.LSTM docs authors"
copyright = "2026, the nn.LSTM docs authors"
language = "en"

extensions = [
    # third-party
    "myst_nb",
    "sphinx_gallery.gen_gallery",
    "sphinx_copybutton",
    "sphinx_design",
    # this project's (conf/lstmdocs), by group; each group loads its members in order (see its MEMBERS).
    # Handlers of one event run in the order they were connected: the order below is the order in which
    # scripts and style sheets are linked in a page's head; html goes last, as its assets_where_used
    # removes the links a page does not need after every other group has added its own.
    "lstmdocs.build",
    "lstmdocs.running",
    "lstmdocs.i18n",
    "lstmdocs.search",
    "lstmdocs.pictures",
    "lstmdocs.widgets",
    "lstmdocs.page_extras",
    "lstmdocs.html",
]

templates_path = [str(CONF_DIR / "templates")]
# Generated notebooks beside gallery pages would shadow them (myst-nb reads .ipynb).
exclude_patterns = ["gallery/*.ipynb", "locales"]
suppress_warnings = ["config.cache"]  # sphinx-gallery's conf dict holds paths only

# -- Translations -------------------------------------------------------------
locale_dirs = [str(ROOT / "docs" / "locales")]
gettext_compact = False  # one catalogue per page
gettext_uuid = False
gettext_location = False  # no source line numbers: an English edit does not churn every later entry
# Gallery thumbnails are raw HTML; their titles must be translatable too.
gettext_additional_targets = ["raw"]

# -- MyST and notebooks -------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
myst_update_mathjax = False  # math is MathML (lstmdocs.html.mathml): no MathJax classes in the pages
nb_execution_mode = "cache"
# One cache for every builder and language: code runs once.
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True  # a failing cell fails the build
nb_execution_show_tb = True  # ... and the log shows the cell and line
nb_execution_timeout = 120

# -- sphinx-gallery -----------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": str(ROOT / "docs" / "gallery"),
    "filename_pattern": r"/plot_",
    "within_subsection_order": "lstmdocs.running.gallery.ReadingOrder",
    "reset_modules": ("matplotlib", "lstmdocs.running.gallery.reset"),
    "image_scrapers": ("lstmdocs.running.gallery.svg_scraper",),
    "remove_config_comments": True,
    "min_reported_time": 10**9,  # no "Total running time" churn in pages and catalogues
    "write_computation_times": False,
    "download_all_examples": False,
    "show_memory": False,
    "show_signature": False,
}

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = "nn.LSTM: output, h_n, c_n"
html_math_renderer = "mathml"  # lstmdocs.html.mathml
html_static_path = [str(CONF_DIR / "static")]
html_css_files = ["site.css"]
html_favicon = str(CONF_DIR / "static" / "favicon.svg")
page_assets = {
    "reference/explorer": ["explorer/explorer.css", "explorer/lstm-shapes.js", "explorer/explorer.js"],
    "reference/explainer": ["explainer/explainer.css", "explainer/explainer-core.js", "explainer/explainer.js"],
    "reference/cheatsheet": ["cheatsheet/cheatsheet-filter.css", "cheatsheet/cheatsheet-filter.js"],
    # The lessons' exercises: shape questions judged by the explorer's model (lstmdocs.widgets.exercises).
    **{
        f"basics/{lesson}": ["exercises/exercises.css", "explorer/lstm-shapes.js", "exercises/shape-check.js"]
        for lesson in ("outputs", "equations", "diagrams", "which-tensor", "from-d2l")
    },
}
# File name pattern -> what a page's body holds when it needs those files (lstmdocs.html.assets_where_used).
assets_where_used = {
    r"sphinx-design\.min\.css|design-tabs\.js": r'class="[^"]*\bsd-',
    r"mystnb\.[0-9a-f]+\.css": r'class="[^"]*\b(cell|output)\b',
    r"sg_gallery.*\.css|sg-tags\.js": r'class="[^"]*\bsphx-glr',
}
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None  # no timestamps: builds are reproducible
html_show_sphinx = False
html_show_copyright = False
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/language-switch.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
language_switch_languages = LANGUAGE_LABELS
# The repository's public address (https://github.com/OWNER/NAME): the deploy workflows set it.
page_feedback_repository = os.environ.get("REPO_URL", "")
page_feedback_root = str(ROOT)
social_cards_site_url = os.environ.get("SITE_URL", "")  # og:url and og:image need the public address
page_notebooks_repository = page_feedback_repository  # Colab opens the notebooks from its "notebooks" branch
# Sphinx's Chinese search reloads jieba's own dictionary as a user dictionary by default
# (seconds per build, same index): "" skips that.
html_search_options = {"dict": ""}
zh_search_synonyms = "search-synonyms.toml"  # the words readers type for glossary terms, besides the glossary's own
search_words = "search-words.toml"  # the words a query skips, and the site's words for the words readers type

# -- Copy button: copy code only, never prompts or outputs ---------------------
# A bare "..." is the blank line that ends a block at the interactive prompt: copied as a blank line.
copybutton_prompt_text = r">>> |\.\.\. |\.\.\.$"
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
