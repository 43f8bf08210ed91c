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
    # this project's (conf/lstmdocs)
    "lstmdocs.code_version",  # an edit to these extensions reads and writes every page again
    "lstmdocs.gallery_rerun",  # every example runs again when the gallery's hooks change (not only its own file)
    "lstmdocs.html_lang",
    "lstmdocs.language_switch",
    "lstmdocs.zh_search",
    "lstmdocs.search_snippets",  # result snippets without LaTeX or the gallery's download note
    "lstmdocs.jieba_subset",  # Chinese rebuilds load only the dictionary entries their pages use
    "lstmdocs.myst_block_i18n",  # translated $$ and raw HTML blocks (Sphinx would render them as "::")
    "lstmdocs.explorer",  # the shape explorer widget, its texts translated as paragraphs
    "lstmdocs.diagrams",
    "lstmdocs.cheatsheet",
    "lstmdocs.outputs_device",
    "lstmdocs.page_feedback",  # "report a problem" and "edit this page", when REPO_URL is set
    "lstmdocs.page_notebooks",  # <page>.ipynb in the page's language; "Open in Colab" when REPO_URL is set
    "lstmdocs.social_cards",  # Open Graph / Twitter tags and a card image per page, in its language (sphinxext-opengraph)
    "lstmdocs.markdown_twins",  # <page>.md beside every page, and llms.txt
    "lstmdocs.mathml",  # math as MathML, rendered at build time: no math script on any page
    "lstmdocs.toctree_caption_level",  # toctree captions: role="heading" with the aria-level ARIA requires
    "lstmdocs.focusable_scrolling",  # code, tables and display math reachable by keyboard, to scroll them
    "lstmdocs.assets_first",  # myst-nb's style sheet copied before pages are written (stable ?v= links)
    "lstmdocs.stable_zips",  # reproducible example zips
    "lstmdocs.translated_downloads",  # the Chinese gallery's .py, .ipynb and zip in Chinese
    "lstmdocs.search_index_pruning",  # rebuilds write the same search index as fresh builds
    "lstmdocs.template_cache",  # rebuilds reuse the compiled theme templates
    "lstmdocs.page_assets",  # one page's scripts, linked with checksums
    "lstmdocs.lstm_trace",  # the step-through explainer's data, computed by torch
    "lstmdocs.explainer",  # the step-through explainer's place and translatable strings
    "lstmdocs.page_doctests",  # every page's doctests run as a reader copies them; a failure fails the build
    "lstmdocs.assets_where_used",  # extensions' CSS and JS only on pages holding their elements
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
myst_update_mathjax = False  # math is MathML (lstmdocs.mathml): no MathJax classes in the pages
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
    "within_subsection_order": "lstmdocs.gallery.ReadingOrder",
    "reset_modules": ("matplotlib", "lstmdocs.gallery.reset"),
    "image_scrapers": ("lstmdocs.gallery.svg_scraper",),
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
html_math_renderer = "mathml"  # lstmdocs.mathml
html_static_path = [str(CONF_DIR / "static")]
html_css_files = ["site.css"]
html_favicon = str(CONF_DIR / "static" / "favicon.svg")
page_assets = {
    "reference/explorer": ["explorer/explorer.css", "explorer/lstm-shapes.js", "explorer/explorer.js"],
    "reference/explainer": ["explainer/explainer.css", "explainer/explainer-core.js", "explainer/explainer.js"],
    "reference/cheatsheet": ["cheatsheet/cheatsheet-filter.css", "cheatsheet/cheatsheet-filter.js"],
}
# File name pattern -> what a page's body holds when it needs those files (lstmdocs.assets_where_used).
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

# -- Copy button: copy code only, never prompts or outputs ---------------------
# A bare "..." is the blank line that ends a block at the interactive prompt: copied as a blank line.
copybutton_prompt_text = r">>> |\.\.\. |\.\.\.$"
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
