/*
 * Search result snippets that read as prose.
 *
 * Sphinx's search page shows, under each result, text taken from the page around the
 * query. That text would start with "Download notebook" (page_notebooks.py) on every
 * page with code, end with sphinx-gallery's download buttons on every example, and show
 * formulas as their LaTeX source (\(H_{in}\)). Before Sphinx turns a page into text, this
 * drops the download buttons, the notebook and feedback links (page_feedback.py) and
 * display math, and writes inline math as plain symbols (H_in) or "…".
 * Loaded on the search page of both languages (search_snippets.py).
 */
"use strict";

const SearchSnippets = (() => {
  const DROPPED = [".sphx-glr-footer", ".page-notebook", ".page-feedback", "div.math", ".math-wrapper"];
  const TEX_DELIMITERS = /^\s*(\\\(|\\\[|\$\$?)|(\\\)|\\\]|\$\$?)\s*$/g;
  // Formulas made only of letters, digits and sub/superscripts read well without LaTeX.
  const SIMPLE_TEX = /^[\p{Letter}\p{Number}_^{}\s,=+-]*$/u;

  /** Plain text for the LaTeX of an inline formula: the symbols when simple, else "…". */
  const plainTex = (tex) => {
    const body = tex.replace(TEX_DELIMITERS, "").trim();
    return SIMPLE_TEX.test(body) ? body.replace(/[{}]/g, "") : "…";
  };

  /** Remove what must not appear in snippets from a parsed page, in place. */
  const clean = (document) => {
    for (const selector of DROPPED)
      document.querySelectorAll(selector).forEach((el) => {
        el.remove();
      });
    document.querySelectorAll(".math").forEach((el) => {
      el.replaceWith(plainTex(el.textContent));
    });
    return document;
  };

  return { clean, plainTex };
})();

if (typeof module !== "undefined" && module.exports) {
  module.exports = SearchSnippets; // node --test (tests/js)
} else {
  // searchtools.js defines Search when it loads; results are shown later, after the index loads.
  document.addEventListener("DOMContentLoaded", () => {
    const htmlToText = Search.htmlToText;
    if (typeof htmlToText !== "function") {
      // A browser test fails on this: find where Sphinx now turns pages into snippet text.
      console.error("search_snippets.js: Sphinx's Search.htmlToText is gone; update this script");
      return;
    }
    Search.htmlToText = (htmlString, anchor) => {
      const page = SearchSnippets.clean(new DOMParser().parseFromString(htmlString, "text/html"));
      return htmlToText(page.documentElement.outerHTML, anchor);
    };
  });
}
