// The explainer's logic against traces and cells recorded by torch (tests/fixtures/explainer_cells.json).
// Run: node --test tests/js/   (tests/test_js.py runs it under pytest)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const Core = require(path.join(__dirname, "../../conf/lstmdocs/widgets/explainer/static/explainer/explainer-core.js"));
const fixture = require(path.join(__dirname, "../fixtures/explainer_cells.json"));
const configs = Object.values(fixture.configs);
const ATOL = 1e-6; // the trace's float32 values against the page's float64 arithmetic

const key = ([tensor, index]) => `${tensor}[${index.join(", ")}]`;
const close = (actual, expected, where) =>
  actual.forEach((value, i) => {
    assert.ok(Math.abs(value - expected[i]) <= ATOL, `${where}: ${value} vs ${expected[i]}`);
  });

test("the fixture covers every configuration the page offers", () => {
  assert.equal(fixture.torch, "2.13.0");
  const names = configs.map(({ trace }) => trace.config.name);
  assert.deepEqual(names, ["bi-2-layer", "1-layer", "2-layer", "bi", "packed", "packed-bi-2-layer", "proj", "proj-bi"]);
});

test("origin: the step whose h_t (c_t) torch's value is", () => {
  for (const { trace, cells } of configs) {
    for (const { tensor, index, origin } of cells) {
      const found = Core.origin(trace.config, tensor, index);
      assert.deepEqual([found.layer, found.direction, found.t, found.n, found.unit], origin, key([tensor, index]));
    }
  }
});

test("padding cells of output come from no step", () => {
  const { trace } = fixture.configs.packed;
  assert.equal(Core.origin(trace.config, "output", [3, 1, 0]), null);
  assert.deepEqual(Core.same(trace.config, "output", [3, 1, 0]), []);
});

test("same: exactly the other places holding the very same float", () => {
  for (const { trace, cells } of configs) {
    for (const { tensor, index, same } of cells) {
      const found = Core.same(trace.config, tensor, index).map(key).sort();
      assert.deepEqual(found, same.map(key).sort(), `${trace.config.name} ${key([tensor, index])}`);
    }
  }
});

test("gates: the parts of the pre-activation give the trace's gate values; c_t follows from them", () => {
  for (const { trace } of configs) {
    for (const [layer, directions] of trace.steps.entries()) {
      for (const [direction, rows] of directions.entries()) {
        for (const [t, row] of rows.entries()) {
          for (const [n, step] of row.entries()) {
            if (step === null) continue;
            const where = `${trace.config.name} layer ${layer} direction ${direction} t=${t} n=${n}`;
            for (const gate of Core.GATES) {
              close(
                Core.activate(gate, Core.gateParts(trace, layer, direction, t, n, gate).pre),
                step[gate],
                where + gate,
              );
            }
            const { c } = Core.previous(trace, layer, direction, t, n);
            close(
              step.c,
              c.map((value, k) => step.f[k] * value + step.i[k] * step.g[k]),
              `${where} c`,
            );
          }
        }
      }
    }
  }
});

test("steps: each layer in L steps, the backward direction from the last time step", () => {
  const { config } = fixture.configs["bi-2-layer"].trace;
  assert.equal(Core.lastStep(config), 8);
  assert.deepEqual(Core.stepInfo(config, 5), { end: false, layer: 1, times: [1, 2] });
  assert.ok(Core.stepInfo(config, 8).end);
  assert.ok(Core.isComputed(config, 5, 1, 1, 3) && Core.isComputed(config, 5, 1, 1, 2));
  assert.ok(!Core.isComputed(config, 5, 1, 1, 1) && !Core.isComputed(config, 5, 1, 0, 2));
  assert.ok(Core.isComputed(config, 5, 0, 0, 3));
});

test("expressions: the issue's example, in the batch_first layout", () => {
  const { config } = fixture.configs["bi-2-layer"].trace;
  assert.deepEqual(Core.expressions(config, true, "h_n", [2, 2, 1]), [
    "h_n[2, 2, 1]",
    "h_n.view(2, 2, 3, 3)[1, 0, 2, 1]",
    "output[2, 3, 1]",
    "output.unflatten(-1, (2, 3))[2, 3, 0, 1]",
  ]);
  assert.equal(Core.copyText(config, false, "c_n", [0, 1, 2]), "c_n[0, 1, 2] == c_n.view(2, 2, 3, 3)[0, 0, 1, 2]");
});
