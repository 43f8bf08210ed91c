"""Canaries: each fails, saying what to do, when upstream behaviour a patch of ours relies on changes.

The patches are listed in MAINTAINING.md ("Patches of dependencies' behaviour"). A canary
that fails because upstream fixed what a patch works around means: remove the patch.
One that fails because a private name moved means: follow it, or remove the patch.
"""

import inspect
import json
import re
import shutil
from pathlib import Path

import jieba
import pytest
import sphinx
import sphinx.locale
from sphinx.application import builtin_extensions
from sphinx.search import IndexBuilder
from sphinx.search.zh import JIEBA_DEFAULT_DICT, SearchChinese

VERSIONS = f"Sphinx {sphinx.__version__}, jieba {jieba.__version__}"


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


def test_sphinx_still_leaves_rebuilt_search_indexes_unlike_fresh_ones(make_app, rootdir, tmp_path):
    """lstmdocs.search.index_pruning exists because of both things asserted here."""
    srcdir = tmp_path / "search-pruning"
    shutil.copytree(rootdir / "test-search-pruning", srcdir)
    make_app("html", srcdir=srcdir).build()
    other = srcdir / "other.rst"
    other.write_text(other.read_text(encoding="utf-8").replace("zebrafish ", ""), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()  # rewrites other.html only
    index = search_index(app.outdir)
    dead = [term for term, pages in index["terms"].items() if pages == []]
    fixed = (
        f"{VERSIONS}: an incremental build now writes the search index a fresh build writes "
        "(measure with tests/test_reproducible.py): remove lstmdocs.search.index_pruning from conf.py "
        "and its entry in MAINTAINING.md."
    )
    assert dead, "no term is left without pages. " + fixed
    assert "lighthouse" not in json.dumps(index.get("indexentries", {})), "index entries are kept. " + fixed


def test_sphinx_index_builder_keeps_the_maps_search_index_pruning_edits():
    source = inspect.getsource(IndexBuilder.__init__)
    for name in ("_mapping", "_title_mapping", "_titles", "_index_entries"):
        assert f"self.{name}" in source, (
            f"{VERSIONS}: IndexBuilder no longer has {name}; lstmdocs.search.index_pruning edits it. "
            "Follow the rename there, or drop the module if the canary above says Sphinx fixed rebuilds."
        )


def test_two_languages_in_one_process_still_rely_on_these_sphinx_names():
    """tools/build_site.py builds both editions in one process (a rebuild in seconds, not twice the imports)."""
    assert isinstance(sphinx.locale.translators, dict) and "sphinx.builders.html" in builtin_extensions, (
        f"{VERSIONS}: sphinx.locale.translators (cleared between languages) or "
        "sphinx.application.builtin_extensions (imported before the first language) changed. Update "
        "tools/build_site.py, or build each language in its own sphinx-build process (slower), then run "
        "tests/test_reproducible.py, which compares each edition with one built alone."
    )


def test_jieba_and_sphinx_still_offer_what_jieba_subset_replaces():
    tokenizer = jieba.dt
    ok = (
        isinstance(getattr(tokenizer, "FREQ", None), dict)
        and hasattr(tokenizer, "total")
        and hasattr(tokenizer, "initialized")
        and hasattr(tokenizer, "lock")
        and callable(getattr(tokenizer, "initialize", None))
        and callable(getattr(tokenizer, "check_initialized", None))
        and "split" in vars(SearchChinese)
        and JIEBA_DEFAULT_DICT
    )
    assert ok, (
        f"{VERSIONS}: lstmdocs.search.jieba_subset sets jieba.dt.FREQ/total/initialized under jieba.dt.lock "
        "and overrides SearchChinese.split; one of them changed. Follow it there, or remove "
        "lstmdocs.search.jieba_subset from conf.py (Chinese builds then load the whole dictionary, about 1.5 s)."
    )


# What conf/lstmdocs/search/static/search_query.js and search_snippets.js rely on in Sphinx's
# searchtools.js, whitespace aside: each line says what breaks without it.
SEARCHTOOLS_NEEDS = {
    'if (typeof splitQuery === "undefined")': "a splitQuery defined before searchtools.js is kept (zh_search.js, search_query.js)",
    "stopwords.has(queryTermLower)": "query words in language_data.js's stopwords are left out (search_query.js adds the skip words)",
    "return [query, searchTerms, excludedTerms, highlightTerms, objectTerms];": "search_snippets.js reads the words _parseQuery returns",
    "Search.performTermsSearch(searchTerms, excludedTerms)": "search_query.js replaces performTermsSearch, calling Sphinx's for each word",
    'docNames[file], titles[file], "", null, score, filenames[file], SearchResultKind.text,': "the results search_query.js rescores",
    "title: 15, partialTitle: 7, // query found in terms term: 5, partialTerm: 2,": "search_query.js: 7 or more means a title has the word",
    "const score = Math.round((100 * queryLower.length) / entry.length);": "index entries (50 or more) stay above text results (14 at most)",
    "} else if (showSearchSummary) fetch(requestUrl)": "no download per result once search_snippets.js sets SHOW_SEARCH_SUMMARY false",
    "linkEl.href = linkUrl + anchor;": "search_snippets.js finds a result's page and anchor in its link",
    "Search.output.appendChild(listItem);": "search_snippets.js adds each snippet when its result is added",
    "if (Search.hasIndex()) Search.query(query);": "search_snippets.js makes Search.query wait for the page texts",
}


def test_sphinx_search_page_still_offers_what_search_query_and_search_snippets_rely_on():
    source = " ".join(
        (Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js").read_text().split()
    )
    gone = {needle: why for needle, why in SEARCHTOOLS_NEEDS.items() if " ".join(needle.split()) not in source}
    assert not gone, (
        f"{VERSIONS}: searchtools.js changed where conf/lstmdocs/search/static/search_query.js and "
        f"search_snippets.js reach into it (MAINTAINING.md, patches of dependencies' behaviour): {gone}. "
        "Follow the change there and run tests/test_browser_search.py; if Sphinx now drops unknown words, "
        "reads synonyms and ships snippet texts with its index, remove the scripts instead."
    )


@pytest.mark.sphinx("html", testroot="zh-search", srcdir="canary-stemmer", confoverrides={"language": "zh_CN"})
def test_sphinx_chinese_search_still_names_a_stemmer_it_does_not_define(app):
    app.build()
    language_data = (app.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    uses = "ChineseStemmer" in language_data
    defines = re.search(r"(function\s+ChineseStemmer|ChineseStemmer\s*=)", language_data)
    assert uses and not defines, (
        f"{VERSIONS}: language_data.js for Chinese no longer names an undefined ChineseStemmer "
        "(sphinx-doc/sphinx#14229, fixed upstream by #14416): remove the ChineseStemmer shim at the "
        "end of conf/lstmdocs/search/static/zh_search.js and its entry in MAINTAINING.md."
    )


def test_myst_nb_still_copies_its_assets_with_the_function_assets_first_calls_early():
    from myst_nb import sphinx_ext

    function = getattr(sphinx_ext, "add_global_html_resources", None)
    assert function is not None and list(inspect.signature(function).parameters) == ["app", "exception"], (
        "myst_nb.sphinx_ext.add_global_html_resources(app, exception) changed: lstmdocs.build.assets_first "
        "calls it before pages are written, so that cold builds and rebuilds link the same ?v= "
        "checksums. Follow it there (tests/test_assets.py), or drop it once myst-nb copies its assets "
        "before pages are written."
    )


@pytest.mark.sphinx("html", testroot="template-cache", srcdir="canary-templates")
def test_sphinx_templates_still_expose_the_jinja_environment_template_cache_configures(app):
    import jinja2

    environment = getattr(app.builder.templates, "environment", None)
    assert isinstance(environment, jinja2.Environment), (
        f"{VERSIONS}: the HTML builder's templates no longer expose .environment, where "
        "lstmdocs.build.template_cache sets Jinja's bytecode cache (it then silently does nothing, and "
        "rebuilds compile every template again). Follow the new attribute there, or remove the module."
    )
    assert environment.bytecode_cache is not None, "lstmdocs.build.template_cache is not in this test root's conf.py"
