/*
 * The search words stay highlighted on pages with SVG titles (highlight_svg.py).
 *
 * Opened from a search result, a page highlights the query's words: Sphinx's
 * sphinx_highlight.js wraps each one found in the page's text, and for text inside an
 * <svg> it draws a box from the text's parent's getBBox(). A <title> or <desc> (the
 * accessible name of every picture, of furo's icons, of the explorer's diagram) has no
 * getBBox: the script stopped at the first one holding a query word ("parent.getBBox is
 * not a function"), leaving the rest of the page unhighlighted.
 * sphinx_highlight.js leaves alone text whose parent has the class "nohighlight", and it
 * highlights a moment after the page is parsed. When the page is parsed (the widgets'
 * deferred scripts have drawn their SVG by then), this gives that class to every SVG
 * element that holds text but has no box; text in <text> is still highlighted.
 * A patch of a dependency's behaviour: see MAINTAINING.md; canary in tests/test_canaries.py.
 */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll("svg *")) {
    const holdsText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.data.trim());
    if (holdsText && typeof element.getBBox !== "function") element.classList.add("nohighlight");
  }
});
