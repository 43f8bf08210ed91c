"""Chinese search: glossary terms are index words, and queries typed without spaces find pages.

Sphinx indexes a Chinese build as words cut by jieba, which cuts 隐藏状态 into 隐藏 + 状态
and drops one-character words such as 门 and 层; its search page splits a query only at
non-letters, so ``隐藏状态`` is one unknown word, and it matches a query against glossary
entries only when the query is at least half as long as the entry (never for
``隐藏状态（hidden state）``). For Chinese builds this extension

- takes the glossary's Chinese terms from its catalogue (entries ``中文（english）``, so the
  search follows the glossary's choices) and the synonyms readers type for them
  (``zh_search_synonyms``, a TOML file: English term -> Chinese words);
- indexes every such word a page contains as a word of its own, one character long or
  more, beside jieba's cut, and Latin words only whole: ``h_n``, never jieba's ``h``, ``_``,
  ``n`` (``GlossaryChinese``);
- gives each glossary entry index entries of its Chinese term and synonyms alone, so
  that Sphinx's search lists the entry first for them;
- adds ``zh_search.js`` to the search page: it cuts the query into the words the search
  index holds before Sphinx searches (see the script's header), and defines the
  ``ChineseStemmer`` that Sphinx 9.0.4's ``language_data.js`` names but never ships,
  without which the Chinese search page stops with a ReferenceError.

jieba logs at DEBUG when Sphinx imports it; its logger is lowered to warnings.
"""

import logging
import re
import tomllib
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

from lstmdocs.i18n.catalogues import catalogue_of

STATIC = Path(__file__).resolve().parent / "static"
SCRIPT = "zh_search.js"
# html_search_options key that hands the glossary words to the search language (options are strings).
WORDS_OPTION = "glossary_words"
# A translated glossary term: the Chinese term, then the English one in full-width parentheses.
TRANSLATED_TERM = re.compile(r"^(?P<chinese>[^（）]+?)\s*（(?P<english>[^（）]+)）$")


def is_chinese(language: str | None) -> bool:
    return bool(language) and language.lower().startswith("zh")


def glossary_terms(catalogue: Path) -> dict[str, str]:
    """English term -> the Chinese term the glossary's catalogue chose (``msgstr "中文（english）"``)."""
    import polib

    terms = {}
    for entry in polib.pofile(str(catalogue)):
        match = TRANSLATED_TERM.match(entry.msgstr)
        if match and match["english"] == entry.msgid and not entry.fuzzy:
            terms[entry.msgid] = match["chinese"]
    return terms


def search_words(terms: dict[str, str], synonyms: dict[str, list[str]]) -> dict[str, list[str]]:
    """English term -> its Chinese term, then the synonyms that differ from it."""
    unknown = sorted(set(synonyms) - set(terms))
    if unknown:
        raise ValueError(f"zh_search_synonyms names terms the glossary does not define: {unknown}")
    return {
        english: [chinese, *[word for word in synonyms.get(english, []) if word != chinese]]
        for english, chinese in terms.items()
    }


def _collect_words(app: Sphinx, config: Config) -> None:
    if not is_chinese(config.language):
        return
    # A new list: appending would change the option's shared default value.
    config.html_static_path = [*config.html_static_path, str(STATIC / SCRIPT)]
    catalogue = catalogue_of(app, config.zh_search_glossary)
    terms = glossary_terms(catalogue) if catalogue else {}
    synonyms = {}
    if config.zh_search_synonyms:
        synonyms = tomllib.loads(Path(app.confdir, config.zh_search_synonyms).read_text(encoding="utf-8"))
    config.zh_search_words = search_words(terms, synonyms) if terms else {}
    words = sorted({word for group in config.zh_search_words.values() for word in group})
    # Through the search options: a change of words rewrites every page's index entries.
    config.html_search_options = {**config.html_search_options, WORDS_OPTION: " ".join(words)}


def _index_glossary_words(app: Sphinx, doctree: nodes.document) -> None:
    """Index entries of each glossary term's Chinese words alone, pointing at the entry."""
    words = app.config.zh_search_words
    if not words:
        return
    for glossary in doctree.findall(addnodes.glossary):
        for term in glossary.findall(nodes.term):
            match = TRANSLATED_TERM.match(term.astext())
            if match and match["english"] in words and term["ids"]:
                entries = [("single", word, term["ids"][0], "main", None) for word in words[match["english"]]]
                term += addnodes.index(entries=entries)


try:
    from sphinx.search.zh import SearchChinese
except ImportError:  # English-only environments need no jieba
    SearchChinese = None
else:

    class GlossaryChinese(SearchChinese):
        """Sphinx's Chinese search, with the glossary's words indexed whole wherever they occur."""

        def __init__(self, options: dict[str, str]) -> None:
            super().__init__(options)
            self.glossary_words = sorted(set(options.get(WORDS_OPTION, "").split()))

        def split(self, input: str) -> list[str]:
            # Sphinx adds the Latin words whole (``h_n``, ``proj_size``) to jieba's cut, which
            # splits them (``proj``, ``_``, ``size``): only the whole words are kept.
            whole = set(self.latin1_letters.findall(input))
            words = [word for word in super().split(input) if not word.isascii() or word in whole]
            return words + [word for word in self.glossary_words if word in input]

        def word_filter(self, stemmed_word: str) -> bool:
            # Sphinx drops one-character words; 门 (gate) and 层 (layer) are terms.
            return super().word_filter(stemmed_word) or stemmed_word in self.glossary_words


def _quiet_jieba() -> None:
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def _add_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # Only the search page queries the index; the script must load before
    # searchtools.js, which keeps a ``splitQuery`` that already exists.
    if pagename == "search" and is_chinese(app.config.language):
        app.add_js_file(SCRIPT)


def setup(app: Sphinx) -> dict:
    _quiet_jieba()
    app.add_config_value("zh_search_glossary", "glossary", "env", types=[str])
    app.add_config_value("zh_search_synonyms", "", "env", types=[str])
    app.add_config_value("zh_search_words", {}, "env", types=[dict])  # computed: English term -> words
    if SearchChinese is not None:
        app.add_search_language(GlossaryChinese)
    app.connect("config-inited", _collect_words)
    app.connect("doctree-read", _index_glossary_words)
    app.connect("html-page-context", _add_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
