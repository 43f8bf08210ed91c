// Unit tests for conf/lstmdocs/search/static/search_snippets.js; run by tests/test_js.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { plainTex } = require(
  path.join(__dirname, "..", "..", "conf", "lstmdocs", "search", "static", "search_snippets.js"),
);

test("simple inline formulas read as their symbols", () => {
  assert.equal(plainTex("\\(N\\)"), "N");
  assert.equal(plainTex("\\(H_{in}\\)"), "H_in");
  assert.equal(plainTex("\\(D = 2\\)"), "D = 2");
});

test("formulas with LaTeX commands become an ellipsis, never their source", () => {
  assert.equal(plainTex("\\(h_t = o_t \\odot \\tanh(c_t)\\)"), "…");
  assert.equal(plainTex("\\((D \\cdot \\mathrm{num\\_layers}, N, H)\\)"), "…");
});
