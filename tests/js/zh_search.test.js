// Unit tests for conf/lstmdocs/search/static/zh_search.js; run by tests/test_zh_search.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { segmentRun, splitQuery } = require(
  path.join(__dirname, "..", "..", "conf", "lstmdocs", "search", "static", "zh_search.js"),
);

const vocabulary = (...words) => {
  const known = new Set(words);
  return (word) => known.has(word);
};
const INDEX = vocabulary("隐藏", "状态", "细胞", "细胞状态", "双向", "形状", "output", "h_n");

test("a known word stays whole", () => {
  assert.deepEqual(segmentRun("细胞状态", INDEX), ["细胞状态"]);
});

test("a phrase without spaces is cut into indexed words", () => {
  assert.deepEqual(segmentRun("隐藏状态", INDEX), ["隐藏", "状态"]);
});

test("the longest known word wins over shorter ones", () => {
  assert.deepEqual(segmentRun("双向细胞状态", INDEX), ["双向", "细胞状态"]);
});

test("fewest unknown characters beats fewest pieces", () => {
  const index = vocabulary("ab", "abc", "cd");
  // "abc|d" leaves d unknown; "ab|cd" covers everything.
  assert.deepEqual(segmentRun("abcd", index), ["ab", "cd"]);
});

test("a lone unknown character is dropped: the index has no one-character words", () => {
  assert.deepEqual(segmentRun("隐藏状态的形状", INDEX), ["隐藏", "状态", "形状"]);
});

test("unknown runs of two or more characters are kept, so the search stays strict", () => {
  assert.deepEqual(segmentRun("隐藏龙虎状态", INDEX), ["隐藏", "龙虎", "状态"]);
  assert.deepEqual(segmentRun("龙虎", INDEX), ["龙虎"]);
});

test("splitQuery splits Latin text exactly like Sphinx's default", () => {
  const sphinxDefault = (query) => query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((t) => t);
  for (const query of ["h_n output[-1]", "  batch_first=True ", "LSTM, GRU; 2 layers", ""]) {
    assert.deepEqual(splitQuery(query, INDEX), sphinxDefault(query));
  }
});

test("splitQuery cuts Chinese runs and keeps Latin words beside them", () => {
  assert.deepEqual(splitQuery("h_n的形状", INDEX), ["h_n", "形状"]);
  assert.deepEqual(splitQuery("隐藏状态 output", INDEX), ["隐藏", "状态", "output"]);
  assert.deepEqual(splitQuery("隐藏状态，细胞状态", INDEX), ["隐藏", "状态", "细胞状态"]);
});

test("with an empty index nothing is known and Chinese runs stay whole", () => {
  assert.deepEqual(
    splitQuery("隐藏状态", () => false),
    ["隐藏状态"],
  );
});
