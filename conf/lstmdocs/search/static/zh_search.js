/*
 * Chinese search queries without spaces.
 *
 * Sphinx indexes Chinese text as words cut by jieba, but its search page splits
 * a query only at non-letters, so "隐藏状态" stays one word and matches nothing.
 * This file defines the ``splitQuery`` hook that searchtools.js uses when one
 * exists (it loads first): Latin text splits exactly as Sphinx's default does,
 * and every run of Chinese characters is cut into the words the search index
 * holds. Loaded on the search page of Chinese builds only (zh_search.py), where it
 * also supplies the stemmer class that Sphinx 9.0.4 forgets (see the end).
 */
"use strict";

const ZhSearch = (() => {
  // Sphinx's default splitQuery: split at anything but letters, numbers, _ and emoji.
  const NOT_A_WORD = /[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu;
  const HAN_RUNS = /(\p{Script=Han}+)/u;

  /**
   * Cut a run of Chinese characters into words for which ``isTerm`` holds.
   *
   * Among all cuts, the one with the fewest characters outside known words wins,
   * then the one with the fewest pieces (longer words first on a tie).
   * Characters outside known words are kept together as one piece, except a
   * lone character: the index holds no one-character words (Sphinx's Chinese
   * word filter drops them), so such a piece could only make the search fail.
   */
  const segmentRun = (run, isTerm) => {
    const chars = Array.from(run);
    const n = chars.length;
    // best[i]: cost and first piece of the best cut of chars[i:].
    const best = new Array(n + 1);
    best[n] = { unknown: 0, pieces: 0, end: n, known: true };
    for (let i = n - 1; i >= 0; i--) {
      const next = best[i + 1];
      best[i] = { unknown: next.unknown + 1, pieces: next.pieces + 1, end: i + 1, known: false };
      for (let j = n; j > i; j--) {
        if (!isTerm(chars.slice(i, j).join(""))) continue;
        const rest = best[j];
        const cost = { unknown: rest.unknown, pieces: rest.pieces + 1, end: j, known: true };
        const current = best[i];
        if (cost.unknown < current.unknown || (cost.unknown === current.unknown && cost.pieces < current.pieces)) {
          best[i] = cost;
        }
      }
    }
    const words = [];
    let unknown = "";
    const flushUnknown = () => {
      if (Array.from(unknown).length > 1) words.push(unknown);
      unknown = "";
    };
    for (let i = 0; i < n; i = best[i].end) {
      const piece = chars.slice(i, best[i].end).join("");
      if (best[i].known) {
        flushUnknown();
        words.push(piece);
      } else {
        unknown += piece;
      }
    }
    flushUnknown();
    return words;
  };

  /** Split a query into search words: Sphinx's way, then Chinese runs cut into words. */
  const splitQuery = (query, isTerm) =>
    query
      .split(NOT_A_WORD)
      .filter((token) => token)
      .flatMap((token) =>
        token
          .split(HAN_RUNS)
          .filter((part) => part)
          .flatMap((part) => (HAN_RUNS.test(part) ? segmentRun(part, isTerm) : [part])),
      );

  return { segmentRun, splitQuery };
})();

if (typeof module !== "undefined" && module.exports) {
  module.exports = ZhSearch; // node --test (tests/js)
} else {
  // The words of the loaded index (searchindex.js): full text and titles; and the words
  // search_query.js reads in queries (SEARCH_WORDS: the words it skips, 是什么, and the
  // readers' words it reads as the site's, 时刻), so that they are cut whole too.
  let queryWords = null; // on first use: SEARCH_WORDS comes after this script
  const isWord = (word) => {
    queryWords ??= new Set(
      typeof SEARCH_WORDS === "undefined" ? [] : [...SEARCH_WORDS.skip, ...Object.keys(SEARCH_WORDS.means)],
    );
    if (queryWords.has(word)) return true;
    const index = typeof Search !== "undefined" ? Search._index : null;
    return Boolean(index) && (Object.hasOwn(index.terms, word) || Object.hasOwn(index.titleterms, word));
  };
  globalThis.splitQuery = (query) => ZhSearch.splitQuery(query, isWord);

  // Sphinx 9.0.4's language_data.js ends with ``window.Stemmer = ChineseStemmer``, a
  // class it never defines, and the Chinese search page stops before searching
  // (sphinx-doc/sphinx#14229, fixed upstream by #14416). Sphinx stems the Chinese
  // index with the English stemmer (sphinx/search/zh.py), so the query must be too.
  if (typeof ChineseStemmer === "undefined") {
    globalThis.ChineseStemmer = function ChineseStemmer() {
      return new EnglishStemmer(); // defined by language_data.js, which loads later
    };
  }
}
