// The explorer's logic against what torch did (tests/fixtures/lstm_shapes.json).
// Run: node --test tests/js/   (tests/test_js.py runs it under pytest)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const LstmShapes = require(path.join(__dirname, "../../conf/lstmdocs/widgets/explorer/static/explorer/lstm-shapes.js"));
const fixture = require(path.join(__dirname, "../fixtures/lstm_shapes.json"));

const label = (config) => JSON.stringify(config);
const pairKey = (pair) => pair.join(" == ");

test("the fixture comes from PyTorch 2.13 and is large enough", () => {
  assert.equal(fixture.torch, "2.13.0");
  assert.ok(fixture.cases.length >= 500, `${fixture.cases.length} cases`);
  assert.ok(fixture.cases.filter((c) => c.error === null).length >= 200, "too few valid cases");
});

test("errors: the same message as torch, raised at the same step", () => {
  for (const { config, error, stage } of fixture.cases) {
    const result = LstmShapes.explore(config);
    assert.deepEqual(result.invalid, [], label(config));
    assert.equal(result.error, error, label(config));
    assert.equal(result.stage, stage, label(config));
  }
});

test("shapes: every tensor passed and returned", () => {
  for (const { config, shapes } of fixture.cases) {
    assert.deepEqual(LstmShapes.explore(config).shapes, shapes, label(config));
  }
});

test("equal slices: exactly the pairs torch.equal found", () => {
  for (const { config, pairs } of fixture.cases.filter((c) => c.error === null)) {
    const found = LstmShapes.explore(config).pairs.map(pairKey).sort();
    assert.deepEqual(found, pairs.map(pairKey).sort(), label(config));
  }
});

test("identities shown hold; look-alikes shown do not", () => {
  let shown = 0;
  for (const { config, pairs } of fixture.cases.filter((c) => c.error === null)) {
    const holds = new Set(pairs.map(pairKey));
    const { identities, traps } = LstmShapes.explore(config);
    for (const item of identities) assert.ok(holds.has(`${item.h} == ${item.out}`), `${item.code} ${label(config)}`);
    for (const item of traps) assert.ok(!holds.has(`${item.h} == ${item.out}`), `${item.code} ${label(config)}`);
    assert.ok(identities.length >= 1, `no identity shown for ${label(config)}`);
    shown += identities.length;
  }
  assert.ok(shown > 200);
});

test("the h0 layout warning: exactly where torch ran batch-first states and the layout changed the results", () => {
  let warned = 0;
  for (const { config, error, h0_layout_changes_result: changes } of fixture.cases) {
    const shown = LstmShapes.explore(config).warnings.includes("h0_layout");
    assert.equal(shown, error === null && changes === true, label(config));
    warned += shown;
  }
  assert.ok(warned >= 5, `the fixture has ${warned} silently accepted h0 layouts`);
  const silent = fixture.cases.filter((c) => c.error === null && c.h0_layout_changes_result === false);
  assert.ok(silent.length >= 1, "no accepted batch-first h0 where the layout does not matter (N == 1)");
});

test("the documented identities, written for each layout", () => {
  const explore = (changes) => LstmShapes.explore({ ...LstmShapes.DEFAULTS, ...changes });
  const codes = (changes) => explore(changes).identities.map((item) => item.code);
  assert.deepEqual(codes({ bidirectional: false }), ["torch.equal(h_n[-1], output[:, -1, :])"]);
  assert.deepEqual(codes({}), ["torch.equal(h_n[-2], output[:, -1, :20])", "torch.equal(h_n[-1], output[:, 0, 20:])"]);
  assert.deepEqual(codes({ proj_size: 5 }), [
    "torch.equal(h_n[-2], output[:, -1, :5])",
    "torch.equal(h_n[-1], output[:, 0, 5:])",
  ]);
  assert.deepEqual(codes({ batch_first: false, bidirectional: false }), ["torch.equal(h_n[-1], output[-1, :, :])"]);
  assert.deepEqual(codes({ input_dims: 2 }), [
    "torch.equal(h_n[-2], output[-1, :20])",
    "torch.equal(h_n[-1], output[0, 20:])",
  ]);
  assert.deepEqual(
    explore({ bidirectional: false }).traps.map((item) => item.code),
    ["torch.equal(h_n[-1], output[-1])"],
  );
});

test("the URL query keeps every setting", () => {
  const config = {
    ...LstmShapes.DEFAULTS,
    hidden_size: 7,
    bidirectional: false,
    input_dims: 2,
    features: 4,
    h0: "correct",
  };
  assert.deepEqual(LstmShapes.fromQuery(LstmShapes.toQuery(config)), config);
  assert.deepEqual(LstmShapes.fromQuery(""), { ...LstmShapes.DEFAULTS });
  assert.deepEqual(LstmShapes.fromQuery("h0=bogus&input_dims=7"), { ...LstmShapes.DEFAULTS });
});

test("what is not a whole number is reported, not passed to the rules", () => {
  const config = LstmShapes.fromQuery("hidden_size=2.5&N=-1&L=x&proj_size=-1");
  const result = LstmShapes.explore(config);
  assert.deepEqual(result.invalid, ["hidden_size", "N", "L"]);
  assert.equal(result.error, null);
});

test("elide keeps both ends of long ranges", () => {
  assert.deepEqual(LstmShapes.elide(4, 6), [0, 1, 2, 3]);
  assert.deepEqual(LstmShapes.elide(10, 6), [0, 1, 2, null, 8, 9]);
});
