"""Canaries: each fails, saying what to do, when upstream behaviour a patch of ours relies on changes.

The patches are listed in MAINTAINING.md ("Patches of dependencies' behaviour"). A canary
that fails because upstream fixed what a patch works around means: remove the patch.
One that fails because a private name moved means: follow it, or remove the patch.
"""

import gettext
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
    "const queryLower = query.toLowerCase().trim();": (
        "search_query.js gives a definition question's subject as the query text that titles and index entries match"
    ),
    "entry.includes(queryLower) && queryLower.length >= entry.length / 2": "index entries match the whole query text",
    "const allTitles = Search._index.alltitles;": "search_query.js reads each page's section titles from alltitles",
    "for (const [file, id] of foundTitles)": "alltitles: title -> [file, anchor] (search_query.js's sectionsOf)",
    "const indexEntries = Search._index.indexentries;": "search_query.js reads the English glossary's phrases there",
    "} else if (showSearchSummary) fetch(requestUrl)": "no download per result once search_snippets.js sets SHOW_SEARCH_SUMMARY false",
    "linkEl.href = linkUrl + anchor;": "search_snippets.js finds a result's page and anchor in its link",
    "Search.output.appendChild(listItem);": "search_snippets.js adds each snippet when its result is added",
    "if (Search.hasIndex()) Search.query(query);": "search_snippets.js makes Search.query wait for the page texts",
    "// search finished, update title and status message else _finishSearch(resultCount);": (
        "tests/test_browser_search.py reads the results once the summary has text: it is written after the last"
    ),
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


# -- The patches of myst-nb, sphinx-gallery, sphinx-intl, Sphinx's HTML writer and gettext builder, and
#    sphinx-copybutton internals (the patches table). Each needs no built site: tiny roots in tests/roots.


SPHINX = f"Sphinx {sphinx.__version__}"


def versions(*packages: str) -> str:
    from importlib.metadata import version

    return ", ".join(f"{package} {version(package)}" for package in packages)


def build_copy(make_app, rootdir: Path, root: str, srcdir: Path, builder: str = "html", **kwargs):
    """A fresh copy of ``tests/roots/test-<root>`` at ``srcdir``, built; returns the app."""
    shutil.copytree(rootdir / f"test-{root}", srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True, **kwargs)
    app.build()
    return app


MYST_PAGE = """---
file_format: mystnb
kernelspec:
  name: python3
---

(the-label)=
# A lesson

Prose with {ref}`a link <the-label>` and $x$.

```{note}
A note.
```

```{code-cell} python
:tags: [hide-output]

x = 1 + 1
```

+++

After a break.

```{code-cell}
print(x)
```
"""


def test_myst_nb_reader_still_gives_the_cells_notebooks_rewrites():
    """lstmdocs.page_extras.notebooks makes each MyST-NB page's ``.ipynb`` (and its Chinese twin) from
    ``myst_nb.core.read.read_myst_markdown_notebook(text)`` (undocumented): it relies on the front
    matter staying out of the cells, each ``{code-cell}`` becoming a code cell holding only its code,
    and the prose between becoming Markdown cells holding the MyST source as written (labels, roles,
    directive fences: the patch turns those into plain Markdown and translates the paragraphs)."""
    try:
        from myst_nb.core.read import read_myst_markdown_notebook
    except ImportError:
        read_myst_markdown_notebook = None
    what = (
        f"{versions('myst-nb')}: lstmdocs.page_extras.notebooks (page_notebook) calls "
        "myst_nb.core.read.read_myst_markdown_notebook(text) and rewrites the cells it returns."
    )
    assert read_myst_markdown_notebook is not None, (
        f"{what} It is gone: follow its new name there, or make page notebooks with what myst-nb offers now."
    )
    assert next(iter(inspect.signature(read_myst_markdown_notebook).parameters)) == "text", (
        f"{what} Its first parameter is no longer the page's text: follow the new signature there."
    )
    notebook = read_myst_markdown_notebook(MYST_PAGE)
    cells = [(cell.cell_type, cell.source) for cell in notebook.cells]
    expected = [
        (
            "markdown",
            "(the-label)=\n# A lesson\n\nProse with {ref}`a link <the-label>` and $x$.\n\n```{note}\nA note.\n```",
        ),
        ("code", "x = 1 + 1"),
        ("markdown", "After a break."),
        ("code", "print(x)"),
    ]
    assert cells == expected, (
        f"{what} It now splits a page into other cells ({cells!r}): adapt notebooks.markdown() to the new "
        "cell sources (tests/test_page_notebooks.py checks the result), or drop the rewrite if myst-nb now "
        "writes plain-Markdown notebooks itself."
    )


def test_sphinx_env_still_holds_downloads_labels_titles_notebooks_reads(make_app, rootdir, tmp_path):
    """lstmdocs.page_extras.notebooks finds a gallery page's notebook in ``env.dlfiles`` (Sphinx's
    DownloadFiles, documented "don't hack this directly": source path -> (docnames, "<digest>/<name>")
    under ``_downloads/``), and gives a cross-reference without its own text the title of its target
    from ``env.domaindata["std"]["labels"]`` (lowercased label -> (docname, id, section title)) or
    ``env.titles``; a MyST admonition keeps Sphinx's translated label from ``sphinx.locale.admonitionlabels``.
    lstmdocs.i18n.translated_downloads reads ``env.dlfiles`` the same way."""
    from sphinx.locale import admonitionlabels

    app = build_copy(make_app, rootdir, "canaries", tmp_path / "env")
    what = f"{SPHINX}: lstmdocs.page_extras.notebooks"
    downloads = {Path(source).as_posix(): value for source, value in getattr(app.env, "dlfiles", {}).items()}
    entry = next((value for source, value in downloads.items() if source.endswith("files/example.ipynb")), None)
    shaped = (
        isinstance(entry, tuple)
        and len(entry) == 2
        and "index" in entry[0]
        and Path(app.outdir, "_downloads", entry[1]).read_bytes()
        == Path(app.srcdir, "files/example.ipynb").read_bytes()
    )
    assert shaped, (
        f"{what} and i18n.translated_downloads read env.dlfiles as {{source path: (docnames, path under "
        f"_downloads/)}}; it now holds {downloads!r}. Follow the new structure in notebooks._gallery_notebook "
        "and translated_downloads.translate_downloads (or the API Sphinx offers for downloads now)."
    )
    labels = app.env.domaindata.get("std", {}).get("labels", {})
    assert labels.get("mixed-label") == ("index", "mixed-label", "Labelled section"), (
        f"{what} reads env.domaindata['std']['labels'][label.lower()][2] as the section title; it now holds "
        f"{labels.get('mixed-label')!r}. Follow it in notebooks._target_title."
    )
    assert app.env.titles["other"].astext() == "Other", (
        f"{what} reads env.titles[docname].astext() as a page's title. Follow it in notebooks._target_title."
    )
    admonitions = {"attention", "caution", "danger", "error", "hint", "important", "note", "seealso", "tip", "warning"}
    assert admonitions <= set(admonitionlabels), (
        f"{what} reads sphinx.locale.admonitionlabels (directive name -> translated label) to keep "
        f"admonitions' labels; it now has {sorted(admonitionlabels)}. Follow it in notebooks.markdown()."
    )


def test_sphinx_gallery_still_splits_scripts_into_blocks():
    """lstmdocs.i18n.translated_downloads makes a translated example's notebook with sphinx-gallery's
    own converter: ``split_code_and_text_blocks(path)`` -> ``(file_conf, [Block(type, content, lineno)])``,
    then rebuilds each Block (site directives replaced by a note) positionally. Without it the Chinese
    gallery's notebooks would be sphinx-gallery's English ones."""
    from sphinx_gallery import py_source_parser

    what = (
        f"{versions('sphinx-gallery')}: lstmdocs.i18n.translated_downloads.notebook() calls "
        "sphinx_gallery.py_source_parser.split_code_and_text_blocks(path) and rebuilds its "
        "Block(type, content, lineno) tuples."
    )
    function = getattr(py_source_parser, "split_code_and_text_blocks", None)
    block = getattr(py_source_parser, "Block", None)
    assert function is not None and block is not None, f"{what} One is gone: follow the rename there."
    assert getattr(block, "_fields", None) == ("type", "content", "lineno"), (
        f"{what} Block's fields are now {getattr(block, '_fields', None)}: follow them there."
    )
    assert next(iter(inspect.signature(function).parameters)) == "source_file", (
        f"{what} Its signature is now {inspect.signature(function)}: follow it there."
    )
    script = Path(__file__).parent / "roots" / "test-canary-gallery" / "examples" / "plot_tiny.py"
    result = function(script)
    assert isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], dict), (
        f"{what} It now returns {type(result).__name__} of {len(result)}, not (file_conf, blocks): follow it there."
    )
    kinds = [item.type if isinstance(item, block) else type(item).__name__ for item in result[1]]
    assert kinds == ["text", "code", "text", "code"] and result[1][2].content.startswith("A text block with"), (
        f"{what} Its blocks are now {kinds}, the second text block {result[1][2]!r}: follow them there."
    )


@pytest.mark.sphinx("html", testroot="canary-gallery", srcdir="canary-gallery", freshenv=True)
def test_sphinx_gallery_notebooks_are_still_its_converters_output(app, tmp_path):
    """lstmdocs.i18n.translated_downloads replaces each example's ``.ipynb`` download in a translated
    build with ``save_notebook(jupyter_notebook(blocks, app.config.sphinx_gallery_conf, folder), path)``
    (sphinx_gallery.notebook): the notebook sphinx-gallery writes, from the translated script. It relies on
    these being how sphinx-gallery writes its own notebooks, on ``app.config.sphinx_gallery_conf`` holding
    the filled-in configuration, and on the downloads being ``env.dlfiles`` entries (which
    lstmdocs.page_extras.notebooks also copies beside each gallery page)."""
    from sphinx_gallery import notebook as sg_notebook
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    what = (
        f"{versions('sphinx-gallery')}: lstmdocs.i18n.translated_downloads.notebook() writes translated "
        "notebooks with sphinx_gallery.notebook.jupyter_notebook(blocks, gallery_conf, target_dir) and "
        "save_notebook(notebook, path)"
    )
    converter, saver = getattr(sg_notebook, "jupyter_notebook", None), getattr(sg_notebook, "save_notebook", None)
    assert converter is not None and saver is not None, f"{what}; one is gone: follow the rename there."
    parameters = (list(inspect.signature(converter).parameters), list(inspect.signature(saver).parameters))
    assert parameters == (["script_blocks", "gallery_conf", "target_dir"], ["work_notebook", "write_file"]), (
        f"{what}; their parameters are now {parameters}: follow them there."
    )
    app.build()
    downloads = {
        Path(source).as_posix(): (docnames, Path(app.outdir, "_downloads", copied))
        for source, (docnames, copied) in app.env.dlfiles.items()
    }
    expected = {f"gallery/plot_tiny{suffix}" for suffix in (".py", ".ipynb", ".zip")}
    assert expected <= set(downloads) and all("gallery/plot_tiny" in downloads[name][0] for name in expected), (
        f"{what}, and finds an example's .py/.ipynb/.zip in env.dlfiles by source path (so does "
        f"lstmdocs.page_extras.notebooks); env.dlfiles now holds {sorted(downloads)}: follow the new "
        "downloads in translate_downloads and notebooks._gallery_notebook."
    )
    _, blocks = split_code_and_text_blocks(Path(app.srcdir, "gallery", "plot_tiny.py"))
    ours = tmp_path / "plot_tiny.ipynb"
    saver(converter(blocks, app.config.sphinx_gallery_conf, tmp_path), ours)
    theirs = downloads["gallery/plot_tiny.ipynb"][1]
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8"), (
        f"{what}, and sphinx-gallery's own .ipynb download is no longer what they give "
        f"(compare {ours} with {theirs}): make translated notebooks the way sphinx-gallery now makes its own."
    )


def test_sphinx_intl_build_still_compiles_po_to_mo(tmp_path):
    """tools/build_site.py calls ``sphinx_intl.basic.build(locale_dir, output_dir, languages)``
    (sphinx-intl's internal function behind ``sphinx-intl build``) in its own process, instead of
    running the ``sphinx-intl`` command: one process for the whole site. It relies on the function
    compiling every ``<language>/LC_MESSAGES/**/*.po`` into the ``.mo`` beside it."""
    from sphinx_intl import basic

    what = (
        f"{versions('sphinx-intl')}: tools/build_site.py compiles catalogues with "
        "sphinx_intl.basic.build(locale_dir, output_dir, languages)"
    )
    function = getattr(basic, "build", None)
    assert function is not None, f"{what}; it is gone: follow the rename there, or run `sphinx-intl build`."
    parameters = list(inspect.signature(function).parameters)
    assert parameters == ["locale_dir", "output_dir", "languages"], (
        f"{what}; its parameters are now {parameters}: follow them there, or run `sphinx-intl build`."
    )
    folder = tmp_path / "zh_CN" / "LC_MESSAGES" / "gallery"
    folder.mkdir(parents=True)
    (folder / "plot_x.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\nmsgstr "你好"\n',
        encoding="utf-8",
    )
    function(str(tmp_path), str(tmp_path), ["zh_CN"])
    mo = folder / "plot_x.mo"
    assert mo.is_file(), f"{what}; it no longer writes the .mo beside the .po: follow it there."
    with open(mo, "rb") as compiled:
        assert gettext.GNUTranslations(compiled).gettext("Hello") == "你好", f"{what}; its .mo lost the translation."


def without_and_with(make_app, rootdir, tmp_path, pattern: re.Pattern, ours: dict) -> tuple[list[str], list[str]]:
    """The markup ``pattern`` finds in the canaries' index.html built by Sphinx alone, then with ``ours`` (confoverrides)."""
    found = []
    for name, overrides in (("plain", {}), ("ours", ours)):
        app = build_copy(make_app, rootdir, "canaries", tmp_path / name, confoverrides=overrides)
        found.append(pattern.findall((app.outdir / "index.html").read_text(encoding="utf-8")))
    return found[0], found[1]


def test_sphinx_toctree_caption_is_still_ours_minus_aria_level(make_app, rootdir, tmp_path):
    """lstmdocs.html.toctree_caption_level rewrites Sphinx's HTML5 ``visit_title`` for a toctree's caption
    (copied from sphinx.writers.html5) only to add ``aria-level="2"`` (axe-core: aria-required-attr on
    every page's sidebar). Its copy must stay Sphinx's markup plus that attribute."""
    caption = re.compile(r"<p [^>]*class=\"caption\".*?</p>", re.S)
    theirs, copied = without_and_with(
        make_app, rootdir, tmp_path, caption, {"extensions": ["lstmdocs.html.toctree_caption_level"]}
    )
    assert copied and all(' aria-level="2"' in element for element in copied), "the extension did not load"
    assert theirs, f"{SPHINX}: no toctree caption found in Sphinx's HTML (the test's pattern is stale)"
    if any("aria-level" in element for element in theirs):
        pytest.fail(
            f"{SPHINX}: Sphinx now writes aria-level on toctree captions ({theirs[0]}): "
            "remove lstmdocs.html.toctree_caption_level and its row in the patches table."
        )
    assert [element.replace(' aria-level="2"', "") for element in copied] == theirs, (
        f"{SPHINX}: Sphinx's toctree caption markup changed ({theirs[0]!r}, ours: {copied[0]!r}): copy "
        "HTML5Translator.visit_title's toctree branch again into lstmdocs.html.toctree_caption_level "
        "(keeping aria-level), or drop the module if Sphinx's now passes axe-core."
    )


@pytest.mark.sphinx("gettext", testroot="canary-gettext", srcdir="canary-gettext", freshenv=True)
def test_gettext_builder_still_writes_catalogues_added_at_init(app):
    """lstmdocs.pictures.catalogue adds the pictures' labels (``_("...")`` in the drawing code) to the
    gettext builder's private ``catalogs`` (a defaultdict of ``sphinx.builders.gettext.Catalog``) with
    ``Catalog.add(msg, MsgOrigin(source, line))`` at builder-inited, so that ``lstmdocs.pot`` is written
    beside the pages' catalogues: the diagrams' labels are translated like the pages (sphinx-intl, the
    catalogue tests). This root's conf.py does the same for an "extra" catalogue."""
    from sphinx.builders.gettext import Catalog, MsgOrigin

    what = (
        f"{SPHINX}: lstmdocs.pictures.catalogue.extract_messages adds messages with "
        "app.builder.catalogs[name].add(message, MsgOrigin(source, line)) at builder-inited"
    )
    parameters = (list(inspect.signature(MsgOrigin).parameters), list(inspect.signature(Catalog.add).parameters))
    assert parameters == (["source", "line"], ["self", "msg", "origin"]), (
        f"{what}; the parameters are now {parameters}: follow them there."
    )
    app.build()
    pot = app.outdir / "extra.pot"
    assert pot.is_file() and 'msgid "A label drawn by code"' in pot.read_text(encoding="utf-8"), (
        f"{what}; a catalogue added so is no longer written ({sorted(p.name for p in app.outdir.glob('*.pot'))}): "
        "follow how the gettext builder now collects catalogues, or extract lstmdocs.pot with babel instead."
    )


def test_sphinx_catalog_info_still_compiles_a_stale_po(tmp_path):
    """lstmdocs.pictures.catalogue.load_catalogue compiles ``lstmdocs.po`` when stale with
    ``sphinx.util.i18n.CatalogInfo(folder, domain, charset)`` (``po_path``, ``mo_path``,
    ``is_outdated()``, ``write_mo(locale)``), then reads the ``.mo`` itself (gettext.translation caches
    it, and both languages are built in one process)."""
    from sphinx.util.i18n import CatalogInfo

    what = f"{SPHINX}: lstmdocs.pictures.catalogue.load_catalogue uses CatalogInfo(folder, domain, charset)"
    info = CatalogInfo(tmp_path, "lstmdocs", "utf-8")
    names = ("po_path", "mo_path", "is_outdated", "write_mo")
    assert all(hasattr(info, name) for name in names) and "locale" in inspect.signature(info.write_mo).parameters, (
        f"{what} and its {', '.join(names)}: one changed; follow it there."
    )
    Path(info.po_path).write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "hidden state"\nmsgstr "隐藏状态"\n',
        encoding="utf-8",
    )
    assert info.is_outdated(), f"{what}; is_outdated() is False without a .mo: follow it there."
    info.write_mo("zh_CN")
    assert not info.is_outdated(), f"{what}; is_outdated() is True after write_mo(): follow it there."
    with open(info.mo_path, "rb") as compiled:
        assert gettext.GNUTranslations(compiled).gettext("hidden state") == "隐藏状态", (
            f"{what}; its .mo lost the message."
        )


def test_sphinx_display_math_html_is_still_what_mathml_copies(make_app, rootdir, tmp_path):
    """lstmdocs.html.mathml writes display math as MathML with its own ``visit_math_block``, a copy of
    sphinx.ext.mathjax's ``html_visit_displaymath`` (the ``div.math`` with its id; a numbered equation's
    ``span.eqno`` and permalink) with MathML in place of the TeX and without ``notranslate nohighlight``.
    It buys math with no script at all; the copy must keep Sphinx's markup (anchors, numbers, links)."""
    block = re.compile(r"<div class=\"math[^\"]*\".*?</div>", re.S)
    theirs, copied = without_and_with(
        make_app, rootdir, tmp_path, block, {"extensions": ["lstmdocs.html.mathml"], "html_math_renderer": "mathml"}
    )
    assert len(copied) == 3 and all("<math" in element for element in copied), "lstmdocs.html.mathml did not render"
    theirs_shape = [
        re.sub(
            r"\\\[.*?\\\]",
            "FORMULA",
            element.replace('class="math notranslate nohighlight"', 'class="math"'),
            flags=re.S,
        )
        for element in theirs
    ]
    copied_shape = [re.sub(r"<math display=\"block\".*?</math>", "FORMULA", element, flags=re.S) for element in copied]
    assert any('id="equation-gate"' in element for element in theirs), f"{SPHINX}: the numbered equation is gone"
    assert copied_shape == theirs_shape, (
        f"{SPHINX}: Sphinx's display math HTML changed (Sphinx: {theirs_shape!r}; ours: {copied_shape!r}): "
        "copy sphinx.ext.mathjax.html_visit_displaymath's markup again into "
        "lstmdocs.html.mathml.visit_math_block (keeping MathML for the TeX)."
    )
    arranged = r"\begin{align}\begin{aligned}e = f\\\begin{split}g = h \\ i = j\end{split}\end{aligned}\end{align}"
    assert arranged in theirs[2], (
        f"{SPHINX}: sphinx.ext.mathjax arranges a block of several equations differently now ({theirs[2]!r}); "
        "lstmdocs.html.mathml.block_tex follows its old arrangement (blank lines split equations, a part "
        "with \\\\ is a split): follow the new one there if it changed the meaning, then update this canary."
    )


COPY_BUTTON_TOOL = Path(__file__).resolve().parents[1] / "tools" / "copy_button.cjs"
COPIED_CODE_TOOL = Path(__file__).resolve().parents[1] / "tools" / "copied_code.py"
# What tools/copy_button.cjs and tools/copied_code.py find in the built _static/copybutton.js:
# {what: (the tool, the text the tool searches for, as written there; that text as a Python regex)}.
COPY_BUTTON_SLICES = {
    "the start of the functions it runs": (
        COPY_BUTTON_TOOL,
        "function escapeRegExp",
        re.escape("function escapeRegExp"),
    ),
    "the end of the functions it runs": (COPY_BUTTON_TOOL, "var copyTargetText", re.escape("var copyTargetText")),
    "the formatCopyText call with the site's arguments": (
        COPY_BUTTON_TOOL,
        r"return (formatCopyText\(text, .*\))\n",
        r"return (formatCopyText\(text, .*\))\n",
    ),
    "the selector of the blocks with a button": (
        COPIED_CODE_TOOL,
        "const COPYBUTTON_SELECTOR = '([^']*)';",
        "const COPYBUTTON_SELECTOR = '([^']*)';",
    ),
    "the selector of what a copy leaves out": (
        COPIED_CODE_TOOL,
        "let exclude = '([^']*)';",
        "let exclude = '([^']*)';",
    ),
}


@pytest.mark.sphinx("html", testroot="canary-copybutton", srcdir="canary-copybutton", freshenv=True)
def test_copybutton_js_still_has_what_copy_button_cjs_slices(app):
    """tools/copy_button.cjs computes what sphinx-copybutton's button copies by running the slice of the
    built ``copybutton.js`` from ``function escapeRegExp`` to ``var copyTargetText`` (the installed
    ``_static/copybutton_funcs.js``, inlined) and its ``return formatCopyText(text, ...)`` call with the
    site's arguments; tools/copied_code.py reads the selector and the excluded elements from it. That buys
    tests of the copied code (tests/test_copied_code.py, ``nox -s copied``) with the button's own code."""
    from sphinx_copybutton import __file__ as package

    from tools.copied_code import copy_texts

    where = f"{versions('sphinx-copybutton')}: the built _static/copybutton.js"
    app.build()
    built = (app.outdir / "_static" / "copybutton.js").read_text(encoding="utf-8")
    for name, (tool, written, pattern) in COPY_BUTTON_SLICES.items():
        assert written in tool.read_text(encoding="utf-8"), (
            f"{tool.name} no longer looks for {written!r}: update this canary"
        )
        assert re.search(pattern, built), (
            f"{where} no longer has {name} ({written!r}, which tools/{tool.name} looks for): follow the change "
            f"in tools/{tool.name}, or stop re-running sphinx-copybutton's code there."
        )
    funcs = Path(package).parent / "_static" / "copybutton_funcs.js"
    inlined = funcs.read_text(encoding="utf-8").replace("export function", "function").strip()
    sliced = built[built.index("function escapeRegExp") : built.index("var copyTargetText")].strip()
    assert sliced == inlined, (
        f"{where}: the slice copy_button.cjs runs is no longer exactly {funcs} (with `export` dropped, as "
        "sphinx-copybutton inlines it): check that the slice still runs without a browser, then update this canary."
    )
    text = ">>> x = 1\n>>> for i in range(2):\n...     print(i)\n...\n0\n1\n"
    assert copy_texts(app.outdir, [text]) == ["x = 1\nfor i in range(2):\n    print(i)\n"], (
        f"{where}: its formatCopyText, run by tools/copy_button.cjs, no longer drops prompts and outputs "
        "as the site's button did: check the button in a browser (tests/test_browser_pages.py), then update "
        "this canary or tools/copy_button.cjs."
    )


def test_sphinx_highlight_still_stops_at_svg_titles_and_skips_what_highlight_svg_marks():
    highlight = (Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "sphinx_highlight.js").read_text(
        encoding="utf-8"
    )
    assert "const bbox = parent.getBBox();" in highlight and "getBBox ===" not in highlight, (
        f"{VERSIONS}: sphinx_highlight.js changed how it boxes highlighted SVG text. If it no longer calls "
        "getBBox() on an SVG <title> (which has none: 'parent.getBBox is not a function'), remove "
        "conf/lstmdocs/search/highlight_svg.py, its script and its entry in MAINTAINING.md; "
        "tests/test_browser_search.py's test_a_result_whose_pictures_hold_the_word_is_highlighted_in_full says whether it still stops."
    )
    assert '!parent.classList.contains("nohighlight")' in highlight, (
        f"{VERSIONS}: sphinx_highlight.js no longer skips text whose parent has the class nohighlight, which "
        "highlight_svg.js gives the SVG elements without a box: find what it skips now and mark them that way."
    )
    ready = highlight[highlight.find("highlightSearchWords: () =>") :]
    timeout, highlighting = ready.find("window.setTimeout("), ready.find("_highlightText(body")
    assert -1 < timeout < highlighting, (
        f"{VERSIONS}: sphinx_highlight.js no longer highlights in a timeout after the page is parsed; "
        "highlight_svg.js marks the SVG elements when the page is parsed (DOMContentLoaded), which may now be too late."
    )


def test_sphinx_gallery_still_writes_the_download_note_that_notebooks_removes():
    from sphinx_gallery.gen_rst import EXAMPLE_HEADER

    from lstmdocs.page_extras.notebooks import GALLERY_DOWNLOAD_NOTE

    assert f":class: {GALLERY_DOWNLOAD_NOTE}" in EXAMPLE_HEADER and ".. note::" in EXAMPLE_HEADER, (
        "sphinx-gallery's example header no longer writes its 'Go to the end' note as a note of class "
        f"{GALLERY_DOWNLOAD_NOTE}, which lstmdocs.page_extras.notebooks removes (the page's 'Download "
        "notebook' replaces it). If it writes the note another way, follow it there; if not at all, remove "
        "drop_gallery_download_note and its entry in MAINTAINING.md."
    )


def test_sphinx_gallery_still_links_code_after_the_comments_are_translated():
    """lstmdocs.i18n.code_comments translates the comments of a translated page's code in a post-transform
    of priority 1, before sphinx-gallery's private ``CodeLinksTransform`` (``sphinx_gallery._doctree_links``)
    turns each gallery code block (a ``literal_block``) into a ``code_links_block`` of highlighted tokens,
    which is no longer text to edit; lstmdocs.page_extras.markdown_twins writes that node as a fenced block
    (``visit_code_links_block``, its ``lang``), where sphinx-markdown-builder would escape its text.
    That buys Chinese comments in the Chinese gallery's code and fenced code in every gallery twin."""
    from lstmdocs.i18n.code_comments import TranslateComments
    from lstmdocs.page_extras.markdown_twins import _PageTranslator

    what = f"{versions('sphinx-gallery')}: lstmdocs.i18n.code_comments and markdown_twins rely on sphinx_gallery."
    try:
        from sphinx_gallery import _doctree_links as links
    except ImportError:
        links = None
    assert links is not None, (
        f"{what}_doctree_links, which is gone: if gallery code blocks stay literal_blocks, drop "
        "visit_code_links_block from markdown_twins; tests/test_zh_code_comments.py says whether comments still change."
    )
    assert links.CodeLinksTransform.default_priority > TranslateComments.default_priority, (
        f"{what} CodeLinksTransform now runs at priority {links.CodeLinksTransform.default_priority}, before the "
        "comments are translated: lower TranslateComments.default_priority below it."
    )
    source = inspect.getsource(links.CodeLinksTransform.run)
    assert "code_links_block(lang=" in source and "block.rawsource" in source, (
        f"{what} CodeLinksTransform no longer builds code_links_block(lang=...) from the block's rawsource: "
        "follow where the code now is in code_comments.TranslateComments and markdown_twins."
    )
    assert hasattr(_PageTranslator, f"visit_{links.code_links_block.__name__}"), (
        f"{what} the node is now {links.code_links_block.__name__}: rename visit_code_links_block in markdown_twins."
    )


def test_sphinx_search_still_says_no_results_through_the_sentence_search_html_replaces():
    """conf/templates/search.html replaces Sphinx's "no results" sentence, which asks for "enough categories" the
    site's search does not have, by adding the catalogue's own sentence to ``Documentation.TRANSLATIONS`` (the table
    ``Documentation.gettext`` reads, filled by ``addTranslations``) under Sphinx's English one as key. That buys a
    sentence that fits the site, in both editions."""
    static = Path(sphinx.__file__).parent / "themes" / "basic" / "static"
    template = (Path(__file__).parents[1] / "conf" / "templates" / "search.html").read_text(encoding="utf-8")
    english = re.search(r'"(Your search did not match[^"]*)"', template).group(1)
    searchtools = (static / "searchtools.js").read_text(encoding="utf-8")
    assert f'Documentation.gettext(\n      "{english}",' in searchtools, (
        f"{SPHINX}: searchtools.js no longer shows {english!r} through Documentation.gettext: find its new "
        "no-results sentence and key conf/templates/search.html on it, or drop the override if Sphinx's fits the site."
    )
    doctools = (static / "doctools.js").read_text(encoding="utf-8")
    assert "TRANSLATIONS: {}" in doctools and "Documentation.TRANSLATIONS[string]" in doctools, (
        f"{SPHINX}: doctools.js no longer looks translations up in Documentation.TRANSLATIONS: follow the change in "
        "conf/templates/search.html."
    )


def test_paddle_still_pins_the_opt_einsum_that_torch_and_jax_run_with():
    """requirements/site.txt pins opt_einsum==3.3.0 because paddlepaddle requires exactly that
    (pip would otherwise install it over jax's newer one). When paddle stops pinning it, drop our pin."""
    from importlib.metadata import requires, version

    import jax.numpy as jnp
    import torch

    pinned = [
        r.replace(" ", "") for r in requires("paddlepaddle") if r.startswith("opt_einsum") or r.startswith("opt-einsum")
    ]
    assert pinned == ["opt_einsum==3.3.0"], (
        f"paddlepaddle now requires {pinned}: drop or update the pin in requirements/site.txt"
    )
    assert version("opt_einsum") == "3.3.0"
    # torch plans its einsum contractions with opt_einsum when it can import it; jax always does
    assert torch.backends.opt_einsum.is_available() and torch.backends.opt_einsum.enabled
    a, b, c = torch.arange(6.0).view(2, 3), torch.arange(12.0).view(3, 4), torch.arange(8.0).view(4, 2)
    assert torch.equal(torch.einsum("ij,jk,kl->il", a, b, c), a @ b @ c)
    assert (jnp.einsum("ij,jk,kl->il", a.numpy(), b.numpy(), c.numpy()) == (a @ b @ c).numpy()).all()
