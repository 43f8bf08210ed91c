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

// Every configuration the page offers: tests/test_explainer_expressions.py holds the fixture to what
// tests/fixtures/make_explainer_cells.py makes from the page's list (trace.CONFIGS).
test("the fixture is torch's, one entry per configuration, under its own name", () => {
  assert.equal(fixture.torch, "2.13.0");
  for (const [name, { trace }] of Object.entries(fixture.configs)) assert.equal(trace.config.name, name);
  assert.ok(configs.length > 0, "no configuration in the fixture: every test below would pass on nothing");
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

// ---- the picture's decisions against the numbers torch computed ------------------------------

const near = (a, b) => a.length === b.length && a.every((value, i) => Math.abs(value - b[i]) <= ATOL);
const at = (trace, [tensor, index]) => index.reduce((value, i) => value[i], trace[tensor]);

/**
 * Throws where what the page decides disagrees with the trace's numbers: which boxes each step
 * computes (each computed step exactly once, after the steps it reads), where each lane's h_n and
 * c_n are taken, which values a box produced, and what the status line says a direction does.
 */
function checkAgainstTrace(trace) {
  const config = trace.config;
  const { L, N, D, P, layers } = Core.dims(config);
  const name = config.name;
  const box = (layer, direction, t, n) => trace.steps[layer][direction][t][n];
  for (let n = 0; n < N; n++) {
    const seen = new Set();
    for (let s = 0; s <= Core.lastStep(config); s++) {
      const info = Core.stepInfo(config, s);
      const boxes = Core.active(config, s, n);
      // exactly the trace's computed (layer, direction, t) at this step's time steps
      const expected = info.times
        .map((t, direction) => ({ layer: info.layer, direction, t }))
        .filter(({ layer, direction, t }) => box(layer, direction, t, n) !== null);
      assert.deepEqual(boxes, expected, `${name} n=${n} step ${s}: active boxes`);
      for (const { layer, direction, t } of boxes) {
        const where = `${name} n=${n} step ${s}: layer ${layer} direction ${direction} t=${t}`;
        seen.add(`${layer},${direction},${t}`);
        assert.equal(Core.boxState(config, s, n, layer, direction, t), "current", where);
        // It reads what earlier steps made: the lane's previous state, and the layer below at t.
        const before = direction === 0 ? t - 1 : t + 1;
        if (before >= 0 && before < L && box(layer, direction, before, n) !== null) {
          assert.ok(Core.stepOf(config, layer, direction, before) < s, `${where}: previous state not yet made`);
        }
        if (layer > 0) {
          const below = [];
          for (let d = 0; d < D; d++) {
            assert.ok(Core.stepOf(config, layer - 1, d, t) < s, `${where}: its input not yet made`);
            below.push(...box(layer - 1, d, t, n).h);
          }
          assert.ok(near(box(layer, direction, t, n).x, below), `${where}: x is not [h forward, h backward] below`);
        }
        // The values it produced hold its h_t and c_t.
        for (const [tensor, index] of Core.produced(config, layer, direction, t, n)) {
          const state = tensor === "c_n" ? "c" : "h";
          const k = tensor === "output" ? index[2] - direction * P : index[2];
          const value = at(trace, [tensor, index]);
          assert.ok(
            Math.abs(value - box(layer, direction, t, n)[state][k]) <= ATOL,
            `${where}: ${key([tensor, index])}`,
          );
        }
      }
    }
    const computed = trace.steps.flatMap((directions, layer) =>
      directions.flatMap((rows, direction) =>
        rows.flatMap((row, t) => (row[n] === null ? [] : [`${layer},${direction},${t}`])),
      ),
    );
    assert.deepEqual([...seen].sort(), computed.sort(), `${name} n=${n}: every computed step exactly once`);
    // h_n and c_n: each lane's state at its end, and the end is the lane's last computed step.
    const ends = Core.laneEnds(config, n);
    assert.equal(ends.length, layers * D);
    for (const { layer, direction, t, row } of ends) {
      const where = `${name} n=${n} lane ${row} (layer ${layer}, direction ${direction}) ends at t=${t}`;
      const step = box(layer, direction, t, n);
      assert.ok(step !== null, `${where}: no step there`);
      assert.ok(near(step.h, trace.h_n[row][n]) && near(step.c, trace.c_n[row][n]), `${where}: not h_n/c_n`);
      const after = direction === 0 ? t + 1 : t - 1;
      assert.ok(after < 0 || after >= L || box(layer, direction, after, n) === null, `${where}: the lane goes on`);
    }
    // The status line says what each direction does, as the trace shows it.
    for (let s = 0; s < Core.lastStep(config); s++) {
      const { values } = Core.status(config, s, n);
      const info = Core.stepInfo(config, s);
      const parts = [values.forward, values.backward].slice(0, D);
      parts.forEach((part, direction) => {
        const t = info.times[direction];
        const step = box(info.layer, direction, t, n);
        const where = `${name} n=${n} step ${s} direction ${direction}: ${part.key}`;
        const lane = trace.steps[info.layer][direction].map((row) => row[n]);
        if (part.key === "reads") assert.ok(step !== null && t < config.lengths[n] && part.values.t === t, where);
        else if (part.key === "reads-padding")
          assert.ok(step !== null && t >= config.lengths[n] && part.values.t === t, where);
        else if (part.key === "finished") {
          assert.ok(step === null && direction === 0, where);
          assert.equal(part.values.length, lane.filter((v) => v !== null).length, where);
        } else if (part.key === "waiting") {
          assert.ok(step === null && direction === 1, where);
          assert.equal(
            part.values.t,
            lane.findLastIndex((v) => v !== null),
            where,
          );
        } else assert.fail(where);
      });
    }
  }
}

test("the picture's boxes, lane ends, produced values and status line agree with every trace", () => {
  for (const { trace } of configs) checkAgainstTrace(trace);
});

test("a trace whose backward final state is moved to the last step fails the check", () => {
  for (const name of ["bi-2-layer", "packed-bi-2-layer", "padded-bi-2-layer", "proj-bi"]) {
    const trace = structuredClone(fixture.configs[name].trace);
    const { L, D, N, layers } = Core.dims(trace.config);
    for (let layer = 0; layer < layers; layer++) {
      for (let n = 0; n < N; n++) {
        const last = trace.steps[layer][1][L - 1][n] ?? trace.steps[layer][1][trace.config.lengths[n] - 1][n];
        trace.h_n[layer * D + 1][n] = last.h;
        trace.c_n[layer * D + 1][n] = last.c;
      }
    }
    assert.throws(() => checkAgainstTrace(trace), assert.AssertionError, name);
  }
});

test("a trace whose lanes are swapped fails the check", () => {
  for (const name of ["bi-2-layer", "packed-bi-2-layer", "padded-bi-2-layer", "bi"]) {
    for (let layer = 0; layer < fixture.configs[name].trace.config.num_layers; layer++) {
      const trace = structuredClone(fixture.configs[name].trace);
      const steps = trace.steps[layer];
      [steps[0], steps[1]] = [steps[1], steps[0]];
      assert.throws(() => checkAgainstTrace(trace), assert.AssertionError, `${name} layer ${layer}`);
    }
  }
});

test("status: a sequence of length 2 in a packed batch does not read time step 3", () => {
  const packed = fixture.configs["packed-bi-2-layer"].trace.config;
  assert.deepEqual(Core.status(packed, 3, 1), {
    key: "status-bi",
    values: {
      step: 4,
      total: 9,
      layer: 0,
      forward: { key: "finished", values: { n: 1, length: 2 } },
      backward: { key: "reads", values: { t: 0 } },
    },
  });
  assert.deepEqual(Core.status(packed, 0, 1).values.backward, { key: "waiting", values: { n: 1, t: 1 } });
  assert.deepEqual(Core.status(packed, 0, 0).values.backward, { key: "reads", values: { t: 3 } });
  // Padded, not packed: the backward direction reads the padding first.
  const padded = fixture.configs["padded-bi-2-layer"].trace.config;
  assert.deepEqual(Core.status(padded, 0, 1).values.backward, { key: "reads-padding", values: { t: 3 } });
  assert.deepEqual(Core.status(padded, 3, 1).values.forward, { key: "reads-padding", values: { t: 3 } });
  assert.equal(Core.status(packed, 8, 1).key, "status-end");
  const one = fixture.configs.packed.trace.config;
  assert.deepEqual(Core.status(one, 2, 1), {
    key: "status",
    values: { step: 3, total: 5, layer: 0, forward: { key: "finished", values: { n: 1, length: 2 } } },
  });
});

test("lane ends: forward at each sequence's last real step when packed, at the last step when padded; backward at 0", () => {
  const ends = (name, n) => Core.laneEnds(fixture.configs[name].trace.config, n).map(({ row, t }) => [row, t]);
  assert.deepEqual(ends("packed-bi-2-layer", 1), [
    [0, 1],
    [1, 0],
    [2, 1],
    [3, 0],
  ]);
  assert.deepEqual(ends("padded-bi-2-layer", 1), [
    [0, 3],
    [1, 0],
    [2, 3],
    [3, 0],
  ]);
  assert.deepEqual(ends("packed", 2), [[0, 2]]);
});

test("boxes: a packed run skips padding; a padded run computes it; the clock fills each lane in order", () => {
  const packed = fixture.configs["packed-bi-2-layer"].trace.config;
  const padded = fixture.configs["padded-bi-2-layer"].trace.config;
  assert.equal(Core.boxState(packed, 8, 1, 0, 1, 3), "skipped");
  assert.equal(Core.boxState(padded, 8, 1, 0, 1, 3), "done");
  assert.equal(Core.boxState(padded, 0, 1, 0, 1, 3), "current");
  assert.equal(Core.boxState(padded, 0, 1, 0, 0, 1), "pending");
  assert.deepEqual(Core.active(packed, 0, 1), [{ layer: 0, direction: 0, t: 0 }]);
  for (const { trace } of configs) {
    const { L, D, layers } = Core.dims(trace.config);
    for (let layer = 0; layer < layers; layer++)
      for (let d = 0; d < D; d++)
        for (let t = 0; t < L; t++) {
          const s = Core.stepOf(trace.config, layer, d, t);
          assert.equal(Core.stepInfo(trace.config, s).layer, layer);
          assert.equal(Core.stepInfo(trace.config, s).times[d], t);
        }
  }
});

test("isKnown: a value shows from the step that computes its source on", () => {
  for (const { trace, cells } of configs) {
    for (const { tensor, index, origin } of cells) {
      const [layer, direction, t] = origin;
      const made = Core.stepOf(trace.config, layer, direction, t);
      for (let s = 0; s <= Core.lastStep(trace.config); s++) {
        assert.equal(
          Core.isKnown(trace.config, s, tensor, index),
          s >= made,
          `${trace.config.name} ${key([tensor, index])} step ${s}`,
        );
      }
    }
  }
});
