"""Chinese search: queries typed without spaces find pages, and the log stays quiet.

Sphinx indexes a Chinese build as words cut by jieba, but its search page splits a
query only at non-letters, so ``隐藏状态`` is one unknown word. For Chinese builds
this adds ``zh_search.js`` to the search page: it cuts the query into the words
the search index holds before Sphinx searches (see the script's header), and
defines the ``ChineseStemmer`` that Sphinx 9.0.4's ``language_data.js`` names but
never ships, without which the Chinese search page stops with a ReferenceError.

jieba logs at DEBUG when Sphinx imports it; its logger is lowered to warnings.
"""

import logging
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).resolve().parent / "static"
SCRIPT = "zh_search.js"


def is_chinese(language: str | None) -> bool:
    return bool(language) and language.lower().startswith("zh")


def _quiet_jieba() -> None:
    try:
        import jieba
    except ImportError:  # English-only environments need no jieba
        return
    jieba.setLogLevel(logging.WARNING)


def _add_static(app: Sphinx, config: Config) -> None:
    if is_chinese(config.language):
        # A new list: appending would change the option's shared default value.
        config.html_static_path = [*config.html_static_path, str(STATIC / SCRIPT)]


def _add_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # Only the search page queries the index; the script must load before
    # searchtools.js, which keeps a ``splitQuery`` that already exists.
    if pagename == "search" and is_chinese(app.config.language):
        app.add_js_file(SCRIPT)


def setup(app: Sphinx) -> dict:
    _quiet_jieba()
    app.connect("config-inited", _add_static)
    app.connect("html-page-context", _add_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
