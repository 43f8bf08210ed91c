/*
 * Search that reads questions: "which output for classification", "output 和 h_n 的区别".
 *
 * Sphinx's search requires every word of a query, and ranks a page by one word's score.
 * A word that names no topic (which, 区别), or that the site never uses (时刻: the site
 * says 时间步), emptied the result list, and pages with all the words came in title order.
 * With the words of conf/search-words.toml (SEARCH_WORDS: query_words.py writes them into
 * the search page before this script), the search page
 *
 * - skips the words of ``skip`` (added to Sphinx's stop words);
 * - leaves out the other words the search index lacks, as long as one word is left
 *   (``keepKnown``, in the ``splitQuery`` that searchtools.js calls);
 * - reads each word as itself or any of its ``means`` words: 时刻 as 时间步, 变长 as
 *   打包 or 填充 (``groupsOf``), and requires every word, Chinese words of two characters
 *   too (Sphinx let words shorter than three characters go missing); when no page has
 *   them all, the pages that miss the fewest (``answering``);
 * - ranks those pages by how often they use each word (BM25, in the page
 *   texts that search_snippets.js loads), more for the words of their title and section
 *   titles (``scorePages``).
 *
 * It replaces Search.performTermsSearch, calling Sphinx's own for each word: Sphinx still
 * decides which pages hold a word (whole, or within a longer word). Results found by
 * title or index entry (the glossary) are Sphinx's, as before; a page's text score stays
 * below theirs. Loaded on the search page of both languages (query_words.py), after
 * zh_search.js, which cuts Chinese queries into words.
 */
"use strict";

const SearchQuery = (() => {
  // Sphinx's default splitQuery: split at anything but letters, numbers, _ and emoji.
  const NOT_A_WORD = /[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu;
  const defaultSplit = (query) => query.split(NOT_A_WORD).filter((word) => word);
  // BM25's constants, as most engines set them.
  const K1 = 1.2;
  const B = 0.75;
  const TITLE = 2; // a word of the page's title counts as this many well-used words
  const SECTION = 1; // a word of one of its section titles
  const TOP = 14; // the best text result's score: below a whole-title match (15) and index entries (50 or more)

  /** The words of a query the index knows; all of them when it knows none (the search then finds nothing). */
  const keepKnown = (words, isKnown) => {
    const known = words.filter(isKnown);
    return known.length ? known : words;
  };

  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const LATIN_EDGE = /[\p{Script=Latin}\p{Number}_]/u;
  /** A ``define`` pattern ("what is *", "*是什么") as a regular expression whose group is the subject. */
  const patternRegex = (pattern) => {
    const [before, after] = pattern.split("*").map((part) => part.trim());
    const part = (text) => text.split(/\s+/).filter(Boolean).map(escape).join("\\s+");
    // Latin words stand apart ("what is x", not "what isx"); Chinese runs into the subject.
    const gapBefore = before && LATIN_EDGE.test(before.at(-1)) ? "\\s+" : "\\s*";
    const gapAfter = after && LATIN_EDGE.test(after[0]) ? "\\s+" : "\\s*";
    return new RegExp(`^${part(before)}${before ? gapBefore : ""}(.+?)${after ? gapAfter : ""}${part(after)}$`, "u");
  };

  /**
   * The subject of a definition question, as typed: X of "what is X", "X 是什么", "什么是X"
   * (``patterns``: the language's ``define`` patterns, ``*`` standing for X); null for a query
   * that asks something else. Of several patterns that fit, the shortest subject wins
   * ("X是什么意思" also fits "*什么意思" with "X是").
   */
  const subjectOf = (query, patterns) => {
    const text = query
      .toLowerCase()
      .trim()
      .replace(/[\s?？.。!！]+$/u, "");
    let subject = null;
    for (const pattern of patterns) {
      const found = patternRegex(pattern).exec(text)?.[1].trim();
      if (found && (subject === null || found.length < subject.length)) subject = found;
    }
    return subject;
  };

  /**
   * The topic of a subject: its words without those that name no topic (``isSkipped``), as one
   * text, as Sphinx matches a query against titles and index entries: "the shape of h_n" ->
   * "shape h_n". Chinese words join without a space, as Chinese is written. The subject as
   * typed when every word is skipped.
   */
  const topicOf = (subject, split, isSkipped) => {
    const words = split(subject).filter((word) => !isSkipped(word.toLowerCase()));
    if (!words.length) return subject;
    const han = /\p{Script=Han}/u;
    return words.reduce((text, word) => text + (han.test(text.at(-1)) && han.test(word[0]) ? "" : " ") + word);
  };

  /** For each search word, the words that answer for it: itself, then its ``means`` words. */
  const groupsOf = (searchWords, means) => searchWords.map((word) => [...new Set([word, ...(means.get(word) ?? [])])]);

  const occurrences = (lower, word) => {
    let count = 0;
    for (let at = lower.indexOf(word); at > -1; at = lower.indexOf(word, at + word.length)) count++;
    return count;
  };

  /**
   * The pages that have a word of every group; if none has, those that miss the fewest groups
   * (a question's words that no page has all of: "is dropout applied during eval").
   */
  const answering = (found) => {
    const covered = new Map(); // page -> how many groups it has
    for (const group of found) for (const doc of group.keys()) covered.set(doc, (covered.get(doc) ?? 0) + 1);
    const most = Math.max(0, ...covered.values());
    return [...covered].filter(([, count]) => count === most).map(([doc]) => doc);
  };

  /**
   * Scores of the answering pages.
   *
   * ``found[g]``: page -> Sphinx's best score for a word of group g on that page (7 or more:
   * in one of its titles). ``pages``: page -> {text: lower-case text or null, title: its
   * lower-case title}. A page scores, for each group, the group's BM25 weight (rarer words
   * weigh more) times its term frequency part plus TITLE where the page's title has the
   * word, or SECTION where a section title has it. Without texts, Sphinx's scores add up.
   */
  const scorePages = (groups, found, pages, pageCount) => {
    const docs = answering(found);
    const texts = docs.map((doc) => pages.get(doc)?.text).filter((text) => text != null);
    const averageLength = texts.reduce((sum, text) => sum + text.length, 0) / (texts.length || 1);
    const scores = new Map();
    for (const doc of docs) {
      const page = pages.get(doc);
      let score = 0;
      groups.forEach((words, g) => {
        const sphinx = found[g].get(doc);
        if (sphinx === undefined) return; // a group no answering page has
        if (page?.text == null) {
          score += sphinx;
          return;
        }
        const df = found[g].size;
        const idf = Math.log(1 + (pageCount - df + 0.5) / (df + 0.5));
        const tf = words.reduce((sum, word) => sum + occurrences(page.text, word), 0);
        const norm = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * page.text.length) / averageLength));
        const inTitle = words.some((word) => page.title.includes(word));
        score += idf * (norm + (inTitle ? TITLE : sphinx >= 7 ? SECTION : 0));
      });
      scores.set(doc, score);
    }
    const best = Math.max(0, ...scores.values());
    for (const [doc, score] of scores) scores.set(doc, best > 0 ? (TOP * score) / best : 0);
    return scores;
  };

  return { defaultSplit, subjectOf, topicOf, keepKnown, groupsOf, occurrences, answering, scorePages };
})();

if (typeof module !== "undefined" && module.exports) {
  module.exports = SearchQuery; // node --test (tests/js)
} else {
  const words = typeof SEARCH_WORDS !== "undefined" ? SEARCH_WORDS : { skip: [], means: {} };
  let stemmer = null;
  const stem = (word) => {
    stemmer ??= new Stemmer();
    return stemmer.stemWord(word.toLowerCase());
  };
  let means = null; // stemmed word -> its stemmed means words
  const meansOf = () => {
    means ??= new Map(Object.entries(words.means).map(([word, targets]) => [stem(word), targets.map(stem)]));
    return means;
  };

  /** Whether the index holds ``word`` (stemmed), whole or, from three characters on, within a word, as Sphinx matches. */
  const inIndex = (word) => {
    const index = Search._index;
    if (!index) return false;
    const { terms, titleterms } = index;
    if (Object.hasOwn(terms, word) || Object.hasOwn(titleterms, word)) return true;
    return word.length > 2 && [terms, titleterms].some((map) => Object.keys(map).some((term) => term.includes(word)));
  };
  const isKnown = (word) => {
    const lower = word.toLowerCase();
    if (stopwords.has(lower) || /^\d+$/.test(word)) return false; // Sphinx leaves these out
    const stemmed = stem(lower);
    return [stemmed, ...(meansOf().get(stemmed) ?? [])].some(inIndex);
  };

  // zh_search.js's splitQuery (Chinese) or Sphinx's default, then the known words.
  const split = typeof splitQuery === "function" ? splitQuery : SearchQuery.defaultSplit;
  globalThis.splitQuery = (query) => SearchQuery.keepKnown(split(query), isKnown);

  const pages = new Map(); // page -> {text, title}, lower case, for scorePages
  const pageOf = (doc) => {
    const texts = SearchSnippets.texts();
    if (!pages.has(doc) || (texts && pages.get(doc).text == null)) {
      const index = Search._index;
      const text = texts?.[doc]?.[0].toLowerCase() ?? null;
      pages.set(doc, { text, title: (index.titles[index.docnames.indexOf(doc)] ?? "").toLowerCase() });
    }
    return pages.get(doc);
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const word of words.skip) stopwords.add(word);
    // A definition question matches titles and index entries (the glossary's terms) by its
    // topic, as the bare word does: Sphinx matches them with the query's whole text.
    const parseQuery = Search._parseQuery;
    Search._parseQuery = (query) => {
      const parsed = parseQuery(query); // [query, searchTerms, excludedTerms, highlightTerms, objectTerms]
      const subject = SearchQuery.subjectOf(query, words.define ?? []);
      if (subject !== null) parsed[0] = SearchQuery.topicOf(subject, split, (word) => stopwords.has(word));
      return parsed;
    };
    const termsSearch = Search.performTermsSearch;
    Search.performTermsSearch = (searchTerms, excludedTerms) => {
      const groups = SearchQuery.groupsOf([...searchTerms], meansOf());
      SearchSnippets.setWords(groups.flat(), true); // 时刻's snippet shows 时间步
      const results = new Map(); // page -> a result of Sphinx's for it
      const found = groups.map((group) => {
        const holding = new Map(); // page -> Sphinx's best score for a word of the group
        for (const word of group)
          for (const result of termsSearch(new Set([word]), excludedTerms)) {
            holding.set(result[0], Math.max(holding.get(result[0]) ?? 0, result[4]));
            results.set(result[0], result);
          }
        return holding;
      });
      if (!groups.length) return [];
      const docs = [...results.keys()];
      const scores = SearchQuery.scorePages(
        groups,
        found,
        new Map(docs.map((doc) => [doc, pageOf(doc)])),
        Search._index.docnames.length,
      );
      return [...scores].map(([doc, score]) => {
        const result = [...results.get(doc)];
        result[4] = score;
        return result;
      });
    };
  });
}
