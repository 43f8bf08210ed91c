// Unit tests for conf/lstmdocs/search/static/search_query.js; run by tests/test_js.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {
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
} = require(path.join(__dirname, "..", "..", "conf", "lstmdocs", "search", "static", "search_query.js"));

const known = (...words) => {
  const set = new Set(words);
  return (word) => set.has(word);
};
/**
 * found[g][w] as scorePages takes it: page -> Sphinx's score (5: in the text, 15: in a title),
 * for each word of a group (an object: a group of one word; an array: one object per word).
 */
const found = (...groups) => groups.map((group) => [group].flat().map((pages) => new Map(Object.entries(pages))));
const page = (text, title = "") => ({ text, title });

const EN_DEFINE = ["what is *", "what are *", "what does * mean", "* meaning"];
const ZH_DEFINE = ["什么是*", "*是什么", "*是什么意思", "*什么意思"];

test("a definition question's subject is what it asks about, in both languages", () => {
  assert.equal(subjectOf("What is a hidden state?", EN_DEFINE), "a hidden state");
  assert.equal(subjectOf("what does  h_n mean", EN_DEFINE), "h_n");
  assert.equal(subjectOf("门控是什么", ZH_DEFINE), "门控");
  assert.equal(subjectOf("什么是时间步？", ZH_DEFINE), "时间步");
  assert.equal(subjectOf("h_n 是什么", ZH_DEFINE), "h_n");
  // Of two patterns that fit, the shorter subject: not "门控是" of "*什么意思".
  assert.equal(subjectOf("门控是什么意思", ZH_DEFINE), "门控");
});

test("other queries have no subject; a pattern's words stand apart from Latin words", () => {
  assert.equal(subjectOf("why is there a c_n", EN_DEFINE), null);
  assert.equal(subjectOf("what isolation", EN_DEFINE), null);
  assert.equal(subjectOf("what is", EN_DEFINE), null);
  assert.equal(subjectOf("门控", ZH_DEFINE), null);
});

test("a subject's topic leaves out the words that name no topic", () => {
  const skipped =
    (...words) =>
    (word) =>
      words.includes(word);
  assert.equal(topicOf("the shape of h_n", defaultSplit, skipped("the", "of")), "shape h_n");
  assert.equal(topicOf("a Hidden state", defaultSplit, skipped("a")), "Hidden state");
  const cut = (text) => text.split(/\s+|(?<=的)|(?=的)/u).filter(Boolean); // as zh_search.js would cut these
  assert.equal(topicOf("h_n 的 形状", cut, skipped("的")), "h_n 形状");
  assert.equal(topicOf("隐藏状态 的 形状", cut, skipped("的")), "隐藏状态形状");
  assert.equal(topicOf("the", defaultSplit, skipped("the")), "the");
});

test("words the index lacks are left out", () => {
  assert.deepEqual(keepKnown(["最后", "时刻", "双向"], known("最后", "双向")), ["最后", "双向"]);
  assert.deepEqual(keepKnown(["truncated", "bptt"], known("truncated")), ["truncated"]);
});

test("a query of unknown words only keeps them, and finds nothing", () => {
  assert.deepEqual(keepKnown(["龙虎豹"], known("双向")), ["龙虎豹"]);
});

test("each word is answered by itself or its means words", () => {
  const means = new Map([
    ["时刻", ["时间步"]],
    ["变长", ["打包", "填充"]],
  ]);
  assert.deepEqual(groupsOf(["时刻", "双向", "变长"], means), [["时刻", "时间步"], ["双向"], ["变长", "打包", "填充"]]);
  assert.deepEqual(groupsOf(["门控"], new Map([["门控", ["门", "门控"]]])), [["门控", "门"]]);
});

test("occurrences counts non-overlapping places", () => {
  assert.equal(occurrences("h_n and h_n[-1] and bi_h_n", "h_n"), 3);
  assert.equal(occurrences("时间步时间步", "时间步"), 2);
  assert.equal(occurrences("output", "时间步"), 0);
});

test("every word is required, two-character Chinese words too", () => {
  // Sphinx let pages with only the longer words through when a word had fewer than 3 characters.
  const groups = [["时间步"], ["双向"]];
  const pages = new Map([
    ["a", page("时间步 双向")],
    ["b", page("时间步 时间步")],
  ]);
  const scores = scorePages(groups, found({ a: 5, b: 5 }, { a: 5 }), pages, 10);
  assert.deepEqual([...scores.keys()], ["a"]);
});

test("when no page has every word, the pages missing the fewest answer", () => {
  assert.deepEqual(answering(found({ a: 5, b: 5 }, { b: 5 }, { c: 5 })), ["b"]);
  assert.deepEqual(answering(found({ a: 5 }, { b: 5 })).sort(), ["a", "b"]);
  assert.deepEqual(answering([]), []);
});

test("the page whose title has the words ranks first, below Sphinx's title and index results", () => {
  const groups = [["classif"], ["output"]];
  const pages = new Map([
    ["classifier", page("classifier output", "a sequence classifier on h_n")],
    ["mistakes", page("classifier output output classifier", "common mistakes")],
  ]);
  const scores = scorePages(groups, found({ classifier: 15, mistakes: 5 }, { classifier: 5, mistakes: 5 }), pages, 21);
  assert.ok(scores.get("classifier") > scores.get("mistakes"), [...scores]);
  assert.equal(Math.max(...scores.values()), 14);
});

test("a rare word weighs more than a common one", () => {
  const groups = [["rare"], ["common"]];
  const others = ["c", "d", "e", "f", "g", "h"];
  const pages = new Map([
    ["a", page("rare rare rare common")],
    ["b", page("rare common common common")],
    ...others.map((doc) => [doc, page("common")]),
  ]);
  const common = Object.fromEntries(["a", "b", ...others].map((doc) => [doc, 5]));
  const scores = scorePages(groups, found({ a: 5, b: 5 }, common), pages, 10);
  assert.ok(scores.get("a") > scores.get("b"), [...scores]);
});

test("without page texts, Sphinx's scores add up", () => {
  const scores = scorePages([["x"], ["y"]], found({ a: 15, b: 5 }, { a: 5, b: 5 }), new Map(), 10);
  assert.deepEqual(
    [...scores],
    [
      ["a", 14],
      ["b", 7],
    ],
  );
});

test("a word means the words of the key it is or inflects, not of a longer key its stem is", () => {
  const stems = { stateful: "state", states: "state", variables: "variabl", variable: "variabl" };
  const stem = (word) => stems[word] ?? word;
  const means = [
    ["stateful", ["carrying", "chunks"]],
    ["variable", ["packing"]],
  ];
  assert.deepEqual([...meansFor(["stateful"], means, stem).means], [["state", ["carrying", "chunks"]]]);
  assert.deepEqual([...meansFor(["stateful"], means, stem).forms], [["state", "stateful"]]);
  assert.equal(meansFor(["state"], means, stem).means.size, 0); // "hidden state" is not about chunks
  assert.equal(meansFor(["states"], means, stem).means.size, 0);
  assert.deepEqual([...meansFor(["variables"], means, stem).means], [["variabl", ["packing"]]]);
  assert.deepEqual([...meansFor(["时刻"], [["时刻", ["时间步"]]], stem).means], [["时刻", ["时间步"]]]);
});

test("words of the query that make a phrase of the site are read as one word", () => {
  const phrases = [
    ["time", "step"],
    ["hidden", "state", "size"],
    ["hidden", "state"],
  ];
  assert.deepEqual(phrasesIn(["last", "time", "step"], phrases), ["last", "time step"]);
  assert.deepEqual(phrasesIn(["step", "time"], phrases), ["step", "time"]);
  assert.deepEqual(phrasesIn(["hidden", "state", "size"], phrases), ["hidden state size"]);
  assert.deepEqual(phrasesIn(["hidden", "state", "shape"], phrases), ["hidden state", "shape"]);
  assert.deepEqual(phrasesIn(["时间步", "双向"], phrases), ["时间步", "双向"]);
  // A phrase is counted with its words' endings: stems ("sequenc") and plurals.
  assert.equal(occurrences("the time steps, one time step, a time of steps", "time step"), 2);
  assert.equal(occurrences("sequence length and sequence  lengths", "sequenc length"), 2);
});

/** Ten pages: ``pages`` as given, the rest with ``filler`` as their text. */
const tenPages = (pages, filler) => {
  const all = new Map(Object.entries(pages).map(([doc, [text, title]]) => [doc, page(text, title)]));
  for (let i = all.size; i < 10; i++) all.set(`filler${i}`, page(filler));
  return all;
};
const holding = (pages, word) =>
  Object.fromEntries([...pages].filter(([, { text }]) => occurrences(text, word) > 0).map(([doc]) => [doc, 5]));

test("a word that answers for the reader's word weighs at most what that word weighs", () => {
  // "final" answers for "last"; fewer pages say final, but the reader asked about a common word.
  const pages = tenPages(
    {
      bidirectional: ["final final final final last time step", "where the final state is"],
      outputs: ["last last time step time step and more words", "what it returns"],
      other: ["final last", ""],
    },
    "last",
  );
  const groups = [["last", "final"], ["time step"]];
  const scores = scorePages(
    groups,
    found([holding(pages, "last"), holding(pages, "final")], holding(pages, "time step")),
    pages,
    10,
  );
  assert.ok(scores.get("outputs") > scores.get("bidirectional"), [...scores]);
});

test("a title counts as much as it holds the query's topic, not a common word beside it", () => {
  const pages = tenPages(
    {
      gradients: ["last time step and some other words", "how far back the last output reaches"],
      outputs: ["last time step time step last words", "what it returns"],
      other: ["time step", ""],
      more: ["last", ""],
    },
    "words",
  );
  for (const filler of ["filler4", "filler5", "filler6"]) pages.set(filler, page("last words"));
  const groups = [["last"], ["time step"]];
  const scores = scorePages(groups, found(holding(pages, "last"), holding(pages, "time step")), pages, 10);
  assert.ok(scores.get("outputs") > scores.get("gradients"), [...scores]);
  // The topic in the title still counts in full.
  pages.set("gradients", page("last time step and some other words", "the last time step"));
  const again = scorePages(groups, found(holding(pages, "last"), holding(pages, "time step")), pages, 10);
  assert.ok(again.get("gradients") > again.get("outputs"), [...again]);
});

test("the topic is the rarest word that pages have, not a reader's word that none has", () => {
  // 时刻 is on no page (it means 时间步): the title with 双向, the rarest word pages have, counts.
  const pages = tenPages(
    {
      bidirectional: ["时间步 双向", "双向"],
      explainer: ["时间步 双向双向双向", ""],
      ...Object.fromEntries(["a", "b", "c", "d"].map((doc) => [doc, ["时间步 双向", ""]])),
    },
    "时间步",
  );
  const groups = [["时刻", "时间步"], ["双向"]];
  const scores = scorePages(groups, found([{}, holding(pages, "时间步")], holding(pages, "双向")), pages, 10);
  assert.ok(scores.get("bidirectional") > scores.get("explainer"), [...scores]);
});

test("a phrase counts in a section title only where one title has it whole", () => {
  // Sphinx says a title of the page has "time" and one has "step": not the phrase "time step".
  const pages = new Map([
    ["gradients", { ...page("time step words words", ""), sections: "through time\none step back\n" }],
    ["outputs", { ...page("time step time step", ""), sections: "shapes\n" }],
    ["glossary", { ...page("time step", ""), sections: "time step\n" }],
  ]);
  for (const doc of ["a", "b", "c", "d", "e", "f", "g"]) pages.set(doc, { ...page("words"), sections: "" });
  const scores = scorePages([["time step"]], found({ gradients: 15, outputs: 5, glossary: 15 }), pages, 10);
  assert.ok(scores.get("outputs") > scores.get("gradients"), [...scores]);
  assert.ok(scores.get("glossary") > scores.get("outputs"), [...scores]);
});

test("a reader's word weighs by the pages that say it, not by those that have its stem", () => {
  // "stateful" stems to "state", which every page has: Sphinx finds it everywhere. It weighs as
  // the one page that says "stateful", and its means word "carrying" keeps its weight.
  const pages = tenPages(
    {
      whichTensor: ["stateful carrying lstm", ""],
      carryState: ["carrying lstm", ""],
      fromD2l: ["state lstm lstm lstm", ""],
    },
    "state",
  );
  const everywhere = Object.fromEntries([...pages.keys()].map((doc) => [doc, 5]));
  const scores = scorePages(
    [["stateful", "carrying"], ["lstm"]],
    found([everywhere, holding(pages, "carrying")], holding(pages, "lstm")),
    pages,
    10,
  );
  assert.ok(scores.get("whichTensor") > scores.get("fromD2l"), [...scores]);
  assert.ok(scores.get("carryState") > scores.get("fromD2l"), [...scores]);
});

test("the site's words for one reader's word count as that one word, at the best of them", () => {
  // 变长 means 打包 or 填充: a page that says both is not about two of the query's words.
  const pages = tenPages(
    {
      packed: ["打包 打包 打包 序列", ""],
      mixed: ["打包 填充 序列 序列", ""],
    },
    "序列",
  );
  const scores = scorePages(
    [["变长", "打包", "填充"], ["序列"]],
    found([{}, holding(pages, "打包"), holding(pages, "填充")], holding(pages, "序列")),
    pages,
    10,
  );
  assert.ok(scores.get("packed") > scores.get("mixed"), [...scores]);
});
