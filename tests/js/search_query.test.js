// Unit tests for conf/lstmdocs/search/static/search_query.js; run by tests/test_js.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { keepKnown, groupsOf, occurrences, answering, scorePages } = require(
  path.join(__dirname, "..", "..", "conf", "lstmdocs", "search", "static", "search_query.js"),
);

const known = (...words) => {
  const set = new Set(words);
  return (word) => set.has(word);
};
/** found[g] as scorePages takes it: page -> Sphinx's score (5: in the text, 15: in a title). */
const found = (...groups) => groups.map((pages) => new Map(Object.entries(pages)));
const page = (text, title = "") => ({ text, title });

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
  const pages = new Map([
    ["a", page("rare rare rare common")],
    ["b", page("rare common common common")],
  ]);
  const common = Object.fromEntries(["a", "b", "c", "d", "e", "f", "g", "h"].map((doc) => [doc, 5]));
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
