// The lessons' shape questions: how a reader's shape is read and judged (the expected shape
// comes from the explorer's model: tests/test_exercises.py checks it against torch).
// Run: node --test tests/js/   (tests/test_js.py runs it under pytest)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const ShapeCheck = require(
  path.join(__dirname, "../../conf/lstmdocs/widgets/exercises/static/exercises/shape-check.js"),
);

test("a shape is read as readers write it, in either language's keyboard", () => {
  for (const text of [
    "(2, 5, 3)",
    "2,5,3",
    " 2 5 3 ",
    "[2, 5, 3]",
    "torch.Size([2, 5, 3])",
    "（2，5，3）",
    "2、5、3",
    "(2,5,3,)",
  ]) {
    assert.deepEqual(ShapeCheck.parseShape(text), [2, 5, 3], text);
  }
  assert.deepEqual(ShapeCheck.parseShape("(3,)"), [3]);
  assert.deepEqual(ShapeCheck.parseShape("１２, 4"), [12, 4]);
});

test("what is not a shape is unreadable, not wrong", () => {
  for (const text of ["", "  ", "()", "(2, , 3)", "(2, -5, 3)", "(2.5, 3)", "two, three", "N, L, H", "(2, 5, 3"]) {
    assert.equal(ShapeCheck.parseShape(text), null, text);
    assert.deepEqual(ShapeCheck.judge(text, [2, 5, 3]), { verdict: "unreadable", shape: null }, text);
  }
});

test("right only for the same sizes on the same axes", () => {
  assert.deepEqual(ShapeCheck.judge("(2, 5, 3)", [2, 5, 3]), { verdict: "right", shape: "(2, 5, 3)" });
  assert.deepEqual(ShapeCheck.judge("（2，5，3）", [2, 5, 3]), { verdict: "right", shape: "(2, 5, 3)" });
  for (const text of ["(5, 2, 3)", "(2, 5)", "(2, 5, 3, 1)", "(1, 2, 5, 3)", "(2, 5, 4)", "3, 5, 2"]) {
    assert.equal(ShapeCheck.judge(text, [2, 5, 3]).verdict, "wrong", text);
  }
  assert.deepEqual(ShapeCheck.judge("5 2 3", [2, 5, 3]), { verdict: "wrong", shape: "(5, 2, 3)" });
  assert.deepEqual(ShapeCheck.judge("(7)", [7]), { verdict: "right", shape: "(7,)" });
});
