/*
 * Search result snippets from one file of page texts.
 *
 * Sphinx's search page downloads the page of every result to cut the text it shows under
 * the result (one Chinese query fetched 11 pages, 771 KiB). The build writes the text of
 * every page once, as readers see it (no TeX, no download boilerplate), with where each
 * section and glossary entry starts and ends: searchtexts.js (snippets.py), named with its
 * checksum in this script's data-texts attribute. The first query loads it; later ones
 * find it in the browser's cache. This script stops Sphinx's downloads
 * (DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY) and puts the snippet under each result as
 * Sphinx would: a <p class="context"> around the query's words, highlighted.
 * search_query.js ranks results with the same texts and adds the words it reads a query
 * word as (setWords). Loaded on the search page of both languages.
 */
"use strict";

const SearchSnippets = (() => {
  const LENGTH = 240; // characters shown, as Sphinx shows
  const LEAD = 60; // characters shown before the first query word

  /** Every [position, word index] where one of ``words`` (lower case) occurs in ``lower``. */
  const hits = (lower, words) => {
    const found = [];
    words.forEach((word, index) => {
      if (!word) return;
      for (let at = lower.indexOf(word); at > -1; at = lower.indexOf(word, at + word.length)) found.push([at, index]);
    });
    return found.sort((a, b) => a[0] - b[0]);
  };

  /**
   * Where the snippet of ``text`` starts: just before the stretch of ``length`` characters
   * that holds the most different query words (the first such stretch); 0 if none occurs.
   */
  const start = (text, words, length = LENGTH) => {
    const found = hits(text.toLowerCase(), words);
    let best = null;
    let bestCount = 0;
    for (let i = 0; i < found.length; i++) {
      const inside = new Set();
      for (let j = i; j < found.length && found[j][0] < found[i][0] + length - LEAD; j++) inside.add(found[j][1]);
      if (inside.size > bestCount) [best, bestCount] = [found[i][0], inside.size];
    }
    return best === null ? 0 : Math.max(best - LEAD, 0);
  };

  /** The snippet of ``text`` for ``words``, with "..." where it cuts the text, as Sphinx writes it. */
  const summary = (text, words, length = LENGTH) => {
    const from = start(text, words, length);
    const head = from > 0 ? "..." : "";
    const tail = from + length < text.length ? "..." : "";
    return head + text.substr(from, length).trim() + tail;
  };

  /** The text of a result: the page's, or its anchored part (a section, a glossary entry). */
  const resultText = (page, anchor) => {
    if (!page) return "";
    const [text, spans] = page;
    const span = anchor ? spans[anchor] : null;
    return span ? text.slice(span[0], span[1]) : text;
  };

  let texts = null;
  let loading = null;
  let words = [];

  /** Load the page texts once (a script, so that the site also works from files); resolves either way. */
  const load = (url) => {
    loading ??= new Promise((resolve) => {
      if (!url) return resolve();
      const script = document.createElement("script");
      script.src = url;
      script.onload = script.onerror = () => resolve();
      document.body.appendChild(script);
    });
    return loading;
  };

  return {
    hits,
    start,
    summary,
    resultText,
    load,
    setTexts: (data) => {
      texts = data;
    },
    texts: () => texts,
    /** The words to show and highlight: the query's, as typed and stemmed (more with ``add``). */
    setWords: (list, add = false) => {
      words = [...new Set([...(add ? words : []), ...list.map((word) => word.toLowerCase())])];
    },
    words: () => words,
  };
})();

if (typeof module !== "undefined" && module.exports) {
  module.exports = SearchSnippets; // node --test (tests/js)
} else {
  const textsUrl = document.currentScript?.dataset.texts ?? "";

  /** Add its snippet to a result item (<li><a href="page.html#anchor">), as Sphinx's _displayItem does. */
  const addSnippet = (item) => {
    const link = item.querySelector("a");
    if (!link || item.querySelector("p.context")) return;
    const [path, anchor] = link.getAttribute("href").split("#");
    const page = SearchSnippets.texts()?.[path.slice(0, path.length - DOCUMENTATION_OPTIONS.LINK_SUFFIX.length)];
    const text = SearchSnippets.resultText(page, anchor);
    if (!text) return;
    const snippet = item.appendChild(document.createElement("p"));
    snippet.classList.add("context");
    snippet.textContent = SearchSnippets.summary(text, SearchSnippets.words());
    if (typeof _highlightText === "function" && SPHINX_HIGHLIGHT_ENABLED)
      for (const word of SearchSnippets.words()) _highlightText(snippet, word, "highlighted");
  };

  // Listeners run in the order added: this one before searchtools.js's Search.init, which
  // runs the query of the page's address.
  document.addEventListener("DOMContentLoaded", () => {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; // no download per result
    const results = document.getElementById("search-results");
    if (!results) return;
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const node of change.addedNodes)
          if (node.nodeName === "LI" && node.parentElement?.matches("ul.search")) addSnippet(node);
    }).observe(results, { childList: true, subtree: true });
    const parseQuery = Search._parseQuery;
    Search._parseQuery = (text) => {
      const parsed = parseQuery(text); // [query, searchTerms, excludedTerms, highlightTerms, objectTerms]
      SearchSnippets.setWords([...parsed[3], ...parsed[1]]);
      return parsed;
    };
    const query = Search.query;
    // The texts come before the results: search_query.js ranks with them.
    Search.query = (text) => SearchSnippets.load(textsUrl).then(() => query(text));
  });
}
