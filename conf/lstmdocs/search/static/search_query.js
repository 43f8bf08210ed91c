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
 * - matches titles and index entries (the glossary's terms) with a definition question's
 *   subject ("what is X", "X 是什么", "什么是X": ``define``; ``subjectOf``, ``topicOf``), as
 *   the bare word does: Sphinx matches them with the query's whole text;
 * - reads the words of an English glossary term of two words or more as one word, a phrase
 *   ("time step": ``phrasesIn``), as the Chinese index holds its terms whole;
 * - reads each word as itself or any of its ``means`` words: 时刻 as 时间步, 变长 as
 *   打包 or 填充 (``meansFor``, ``groupsOf``; the key the word is or inflects, not a longer
 *   one that stems as it does: state is not stateful), and requires every word, Chinese
 *   words of two characters too (Sphinx let words shorter than three characters go
 *   missing); when no page has them all, the pages that miss the fewest (``answering``);
 * - ranks those pages by how often they use each word (BM25, in the page texts that
 *   search_snippets.js loads), each word at its own weight, and more for the words of their
 *   title and section titles, as much as those hold the query's topic (``scorePages``).
 *
 * It replaces Search.performTermsSearch, calling Sphinx's own for each word, and wraps
 * Search._parseQuery (the query text of a definition question): Sphinx still
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

  const LATIN_EDGE = /[\p{Script=Latin}\p{Number}_]/u;
  /** A ``define`` pattern ("what is *", "*是什么") as a regular expression whose group is the subject. */
  const patternRegex = (pattern) => {
    const [before, after] = pattern.split("*").map((part) => part.trim());
    const part = (text) => text.split(/\s+/).filter(Boolean).map(escapeRegex).join("\\s+");
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

  /**
   * The ``means`` words of a query's words, by stem (``typed``: the words as typed, lower case;
   * ``means``: [word, its words]): a word means the words of the key it is or inflects
   * (variables: variable), not those of a longer key that the stemmer cuts to it (state is
   * not stateful, though both stem to "state"). ``forms``: stem -> that key, as written: the
   * reader's word is counted on a page as the key, not as its stem ("stateful", not "state").
   */
  const meansFor = (typed, means, stem) => {
    const found = new Map();
    const forms = new Map();
    for (const word of typed) {
      const stemmed = stem(word);
      for (const [key, targets] of means)
        if (word === key || (word.length >= key.length && stem(key) === stemmed)) {
          found.set(stemmed, [...new Set([...(found.get(stemmed) ?? []), ...targets.map(stem)])]);
          forms.set(stemmed, key);
        }
    }
    return { means: found, forms };
  };

  /** For each search word, the words that answer for it: itself, then its ``means`` words. */
  const groupsOf = (searchWords, means) => searchWords.map((word) => [...new Set([word, ...(means.get(word) ?? [])])]);

  /**
   * The search words with each run of them that makes a phrase of the site (``phrases``: the
   * stemmed words of each index entry of two words or more, the glossary's "time step") read
   * as one word, its words joined by a space: "last time step" -> last, "time step". The
   * Chinese edition indexes the glossary's terms as words (zh_search.py); this reads the
   * English ones whole too. The longest phrase wins where phrases overlap.
   */
  const phrasesIn = (searchWords, phrases) => {
    const result = [];
    for (let i = 0; i < searchWords.length; ) {
      let length = 1;
      for (const phrase of phrases)
        if (phrase.length > length && phrase.every((word, k) => searchWords[i + k] === word)) length = phrase.length;
      result.push(searchWords.slice(i, i + length).join(" "));
      i += length;
    }
    return result;
  };

  const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  /** A phrase in a text: each of its stems, the word's ending, then space ("time step" in "time steps"). */
  const phraseRegex = (phrase) => new RegExp(phrase.split(" ").map(escapeRegex).join("[\\p{Letter}_]*\\s+"), "gu");

  /** How often ``word`` (or a phrase: words joined by a space) occurs in ``lower``, not overlapping. */
  const occurrences = (lower, word) => {
    if (word.includes(" ")) return lower.match(phraseRegex(word))?.length ?? 0;
    let count = 0;
    for (let at = lower.indexOf(word); at > -1; at = lower.indexOf(word, at + word.length)) count++;
    return count;
  };

  /** Page -> Sphinx's best score for any word of a group (``found[g]``: one map per word). */
  const either = (maps) => {
    const union = new Map();
    for (const map of maps) for (const [doc, score] of map) union.set(doc, Math.max(union.get(doc) ?? 0, score));
    return union;
  };

  /**
   * The pages that have a word of every group; if none has, those that miss the fewest groups
   * (a question's words that no page has all of: "is dropout applied during eval").
   */
  const answering = (found) => {
    const covered = new Map(); // page -> how many groups it has
    for (const group of found) for (const doc of either(group).keys()) covered.set(doc, (covered.get(doc) ?? 0) + 1);
    const most = Math.max(0, ...covered.values());
    return [...covered].filter(([, count]) => count === most).map(([doc]) => doc);
  };

  /**
   * Scores of the answering pages.
   *
   * ``groups[g]``: the words of group g as a page's text is searched for them: the reader's
   * word, then the site's words for it (``means``). ``found[g][w]``: page -> Sphinx's best
   * score for that word on that page (7 or more: in one of its titles). ``pages``: page ->
   * {text: lower-case text or null, title: its lower-case title, sections: its section titles,
   * lower case, one a line (a phrase's words in two titles are not the phrase in a title;
   * without them, Sphinx's score says whether a title has the word)}. Each word has a BM25 weight:
   * the rarer on the site, the more (counted in the texts as its frequency is); a word that
   * answers for the reader's word weighs at most what that word weighs ("final" answers for
   * "last", as common a word, though fewer pages say it). A page scores, for each group, the
   * weight of its best word times that word's term frequency part; and a title bonus, TITLE
   * where the page's title has a word of the group (SECTION where a section title has one),
   * times its weight, scaled by that weight over the query's largest: a title counts as much
   * as it holds the query's topic, the rarest word, not a common word ("last") beside it.
   * Without texts, Sphinx's scores add up.
   */
  const scorePages = (groups, found, pages, pageCount) => {
    const docs = answering(found);
    const texts = docs.map((doc) => pages.get(doc)?.text).filter((text) => text != null);
    const averageLength = texts.reduce((sum, text) => sum + text.length, 0) / (texts.length || 1);
    const withText = [...pages.values()].filter((page) => page?.text != null);
    const weightOf = (df) => Math.log(1 + (pageCount - df + 0.5) / (df + 0.5));
    const df = groups.map((words, g) =>
      words.map((word, w) =>
        withText.length ? withText.filter((page) => occurrences(page.text, word) > 0).length : found[g][w].size,
      ),
    );
    const idf = df.map((counts) => counts.map((count) => Math.min(weightOf(count), weightOf(counts[0]))));
    // A group's weight: that of its weightiest word that pages have (时刻, which none has, aside).
    const weight = idf.map((weights, g) => Math.max(0, ...weights.filter((_, w) => df[g][w] > 0)));
    const topic = Math.max(0, ...weight); // the query's topic: its rarest group
    const scores = new Map();
    for (const doc of docs) {
      const page = pages.get(doc);
      let score = 0;
      groups.forEach((words, g) => {
        const held = words.map((_, w) => found[g][w].get(doc));
        if (held.every((sphinx) => sphinx === undefined)) return; // a group this page lacks
        if (page?.text == null) {
          score += Math.max(...held.filter((sphinx) => sphinx !== undefined));
          return;
        }
        const lengthPart = K1 * (1 - B + (B * page.text.length) / averageLength);
        let best = 0;
        let bonus = 0;
        words.forEach((word, w) => {
          const tf = occurrences(page.text, word);
          best = Math.max(best, (idf[g][w] * (tf * (K1 + 1))) / (tf + lengthPart));
          const inSection = page.sections == null ? held[w] >= 7 : occurrences(page.sections, word) > 0;
          const title = occurrences(page.title, word) > 0 ? TITLE : inSection ? SECTION : 0;
          bonus = Math.max(bonus, (title * idf[g][w] * idf[g][w]) / (topic || 1));
        });
        score += best + bonus;
      });
      scores.set(doc, score);
    }
    const best = Math.max(0, ...scores.values());
    for (const [doc, score] of scores) scores.set(doc, best > 0 ? (TOP * score) / best : 0);
    return scores;
  };

  return {
    defaultSplit,
    subjectOf,
    topicOf,
    keepKnown,
    meansFor,
    phrasesIn,
    groupsOf,
    occurrences,
    answering,
    scorePages,
  };
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
  const meansOf = (typed) => SearchQuery.meansFor(typed, Object.entries(words.means), stem);
  // The last parsed query's words -> their stemmed means words, and the means key each is.
  let queryMeans = { means: new Map(), forms: new Map() };

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
    return [stemmed, ...(meansOf([lower]).means.get(stemmed) ?? [])].some(inIndex);
  };

  // zh_search.js's splitQuery (Chinese) or Sphinx's default, then the known words.
  const split = typeof splitQuery === "function" ? splitQuery : SearchQuery.defaultSplit;
  globalThis.splitQuery = (query) => SearchQuery.keepKnown(split(query), isKnown);

  let phrases = null; // the stemmed words of each index entry of two Latin words or more
  const phrasesOf = () => {
    phrases ??= Object.keys(Search._index.indexentries)
      .map((entry) => entry.toLowerCase().split(/\s+/))
      .filter((entry) => entry.length > 1 && entry.every((word) => /^[\p{Script=Latin}\d_]+$/u.test(word)))
      .map((entry) => entry.map(stem));
    return phrases;
  };

  let sections = null; // page number -> its section titles, lower case, one a line
  const sectionsOf = (file) => {
    if (sections === null) {
      sections = new Map();
      for (const [title, places] of Object.entries(Search._index.alltitles))
        for (const [at] of places) sections.set(at, `${sections.get(at) ?? ""}${title.toLowerCase()}\n`);
    }
    return sections.get(file) ?? "";
  };

  const pages = new Map(); // page -> {text, title, sections}, lower case, for scorePages
  const pageOf = (doc) => {
    const texts = SearchSnippets.texts();
    if (!pages.has(doc) || (texts && pages.get(doc).text == null)) {
      const index = Search._index;
      const file = index.docnames.indexOf(doc);
      const text = texts?.[doc]?.[0].toLowerCase() ?? null;
      pages.set(doc, { text, title: (index.titles[file] ?? "").toLowerCase(), sections: sectionsOf(file) });
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
      queryMeans = meansOf([...parsed[3]]);
      const subject = SearchQuery.subjectOf(query, words.define ?? []);
      if (subject !== null) parsed[0] = SearchQuery.topicOf(subject, split, (word) => stopwords.has(word));
      return parsed;
    };
    const termsSearch = Search.performTermsSearch;
    Search.performTermsSearch = (searchTerms, excludedTerms) => {
      const groups = SearchQuery.groupsOf(SearchQuery.phrasesIn([...searchTerms], phrasesOf()), queryMeans.means);
      SearchSnippets.setWords(
        groups.flat().flatMap((word) => word.split(" ")),
        true,
      ); // 时刻's snippet shows 时间步
      const results = new Map(); // page -> a result of Sphinx's for it
      /** Page -> Sphinx's best score for the word; for a phrase, the pages with each of its words. */
      const holding = (word) => {
        let pages = null;
        for (const part of word.split(" ")) {
          const scores = new Map();
          for (const result of termsSearch(new Set([part]), excludedTerms)) {
            scores.set(result[0], Math.max(scores.get(result[0]) ?? 0, result[4]));
            results.set(result[0], result);
          }
          pages = pages === null ? scores : new Map([...pages].filter(([doc]) => scores.has(doc)));
        }
        return pages;
      };
      const found = groups.map((group) => group.map(holding));
      if (!groups.length) return [];
      const docs = [...results.keys()];
      // A page's text is searched for the reader's word as its means key is written.
      const counted = groups.map(([word, ...others]) => [queryMeans.forms.get(word) ?? word, ...others]);
      const scores = SearchQuery.scorePages(
        counted,
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
