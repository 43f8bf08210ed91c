// Unit tests for conf/lstmdocs/search/static/search_snippets.js; run by tests/test_js.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { start, summary, resultText } = require(
  path.join(__dirname, "..", "..", "conf", "lstmdocs", "search", "static", "search_snippets.js"),
);

const filler = (n) => "x".repeat(n);

test("the snippet shows the stretch with the most query words", () => {
  const text = `${filler(300)} output ${filler(300)} output h_n ${filler(300)}`;
  const from = start(text, ["output", "h_n"]);
  assert.ok(text.slice(from, from + 240).includes("output h_n"), from);
});

test("a page without the query words shows its beginning", () => {
  assert.equal(start("abc", ["时间步"]), 0);
  assert.equal(summary("隐藏状态。", ["时间步"]), "隐藏状态。");
});

test("cut text is marked with ..., as Sphinx marks it", () => {
  const text = `${filler(300)} 时间步 ${filler(300)}`;
  const shown = summary(text, ["时间步"]);
  assert.ok(shown.startsWith("...") && shown.endsWith("...") && shown.includes("时间步"), shown);
  assert.ok(shown.length <= 240 + 6);
});

test("an anchored result shows its section or glossary entry", () => {
  const page = [
    "术语表 时间步（time step） 序列中的一个位置。 批次（batch） 一起处理的序列。",
    { "term-batch": [24, 40] },
  ];
  assert.equal(resultText(page, "term-batch"), page[0].slice(24, 40));
  assert.equal(resultText(page, ""), page[0]);
  assert.equal(resultText(page, "gone"), page[0]);
  assert.equal(resultText(undefined, ""), "");
});
