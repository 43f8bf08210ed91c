"""How the search page reads a question: the words it skips, and the site's words for readers' words.

Readers type questions (``which output for classification``, ``output 和 h_n 的区别``), and
Sphinx's search requires every word of a query: one that names no topic (区别) or one the
site never uses (时刻, where the site says 时间步) empties the result list. The data is one
TOML file (``search_words`` in conf.py), a table per language:

- ``skip``: words that name no topic; they join Sphinx's stop words;
- ``means``: a word readers type -> the site's words for it (any of them answers for it);
- ``define``: definition questions (``what is *``, ``*是什么``): such a question matches titles
  and index entries by its subject (``*``), as the bare word does.

A Chinese build adds each synonym of a glossary term (``lstmdocs.search.zh_search``): it
means the glossary's term. The search page of each edition gets the words as data (an
inline ``SEARCH_WORDS`` before ``search_query.js``, which says what it does with them).
"""

import json
import tomllib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from lstmdocs import add_static

SCRIPT = Path(__file__).resolve().parent / "static" / "search_query.js"


def read_words(table: dict) -> dict:
    """``{"skip": [...], "means": {word: [words]}}`` from one language's table, checked."""
    skip = table.get("skip", [])
    means = table.get("means", {})
    words = [*skip, *means, *(word for targets in means.values() for word in targets)]
    bad = [
        word
        for word in words
        if not isinstance(word, str) or not word or word != word.lower() or word.split() != [word]
    ]
    if bad:
        raise ConfigError(f"search words must be single lower-case words: {bad}")
    both = sorted(set(skip) & set(means))
    if both:
        raise ConfigError(f"search words both skipped and meaning others: {both}")
    empty = sorted(word for word, targets in means.items() if not targets or word in targets)
    if empty:
        raise ConfigError(f"search words that mean nothing else: {empty}")
    define = table.get("define", [])
    bad = [
        pattern
        for pattern in define
        if not isinstance(pattern, str)
        or pattern != pattern.lower()
        or pattern.count("*") != 1
        or not pattern.strip("* ")
    ]
    if bad:
        raise ConfigError(f"definition patterns must be lower case, with one '*' and words beside it: {bad}")
    return {
        "skip": sorted(set(skip)),
        "means": {word: list(means[word]) for word in sorted(means)},
        "define": list(define),
    }


def with_glossary_synonyms(words: dict, glossary: dict[str, list[str]]) -> dict:
    """Each synonym of a glossary term (``english -> [term, synonym, ...]``) also means the term."""
    means = {word: list(targets) for word, targets in words["means"].items()}
    for term, *synonyms in glossary.values():
        for synonym in synonyms:
            if synonym not in words["skip"]:
                targets = means.setdefault(synonym, [])
                if term not in targets:
                    targets.append(term)
    return {**words, "means": {word: means[word] for word in sorted(means)}}


def words_for(app: Sphinx) -> dict:
    language = app.config.language or "en"
    tables = {}
    if app.config.search_words:
        tables = tomllib.loads(Path(app.confdir, app.config.search_words).read_text(encoding="utf-8"))
    words = read_words(tables.get(language, {}))
    return with_glossary_synonyms(words, getattr(app.config, "zh_search_words", None) or {})


def _add_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename != "search" or app.builder.format != "html":
        return
    data = json.dumps(words_for(app), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c")  # never a "</script>" inside the script
    app.add_js_file(None, body=f"const SEARCH_WORDS = {data};")
    app.add_js_file(SCRIPT.name)


def setup(app: Sphinx) -> dict:
    app.add_config_value("search_words", "", "html", types=[str])
    add_static(app, SCRIPT)
    app.connect("html-page-context", _add_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
