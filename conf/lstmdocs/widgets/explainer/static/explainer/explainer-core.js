// The step-through explainer's logic, without the page: the order of steps, which boxes of the
// picture each step computes, where each lane's h_n and c_n are taken, the status line, where a
// value of output, h_n or c_n comes from and where else it appears, the Python expressions that
// select it, and the parts of a gate's pre-activation. Tested by tests/js/explainer-core.test.js against
// traces made by torch; its expressions are run by torch in tests/test_explainer_expressions.py.
"use strict";
((root, factory) => {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.LstmExplainerCore = factory();
})(typeof self !== "undefined" ? self : this, () => {
  const GATES = ["i", "f", "g", "o"];

  /** Sizes of a trace's configuration: L, N, H, P (h's width), D, layers. */
  function dims(config) {
    return {
      L: config.steps,
      N: config.batch,
      H: config.hidden_size,
      P: config.proj_size || config.hidden_size,
      D: config.bidirectional ? 2 : 1,
      layers: config.num_layers,
    };
  }

  /** Steps 0 .. last: each layer runs L steps (both directions at once); the last step is the end. */
  function lastStep(config) {
    return config.num_layers * config.steps;
  }

  /** What step s computes: the layer, and the time step of each direction (null at the end). */
  function stepInfo(config, s) {
    const { L } = dims(config);
    if (s >= lastStep(config)) return { end: true, layer: null, times: [] };
    const layer = Math.floor(s / L);
    const k = s % L;
    return { end: false, layer, times: config.bidirectional ? [k, L - 1 - k] : [k] };
  }

  /** The step at which layer/direction computes time step t (for every sequence that reaches t). */
  function stepOf(config, layer, direction, t) {
    return layer * config.steps + (direction === 0 ? t : config.steps - 1 - t);
  }

  /** Is time step t of sequence n padding (beyond its length)? Its input is zeros. */
  function isPadding(config, t, n) {
    return t >= config.lengths[n];
  }

  /** Does a step read time step t of sequence n? Not on padding when packed; always when padded. */
  function runs(config, t, n) {
    return !config.packed || !isPadding(config, t, n);
  }

  /** Has the clock reached layer/direction at time t by step s (for a sequence that reaches t)? */
  function isComputed(config, s, layer, direction, t) {
    return stepOf(config, layer, direction, t) <= s;
  }

  /**
   * A box of the picture, one (layer, direction, t) of sequence n, at step s: "skipped" (a packed
   * run never reads that padding), "pending", "current" (computed at this step) or "done".
   */
  function boxState(config, s, n, layer, direction, t) {
    if (!runs(config, t, n)) return "skipped";
    const at = stepOf(config, layer, direction, t);
    return at === s ? "current" : at < s ? "done" : "pending";
  }

  /** The boxes step s computes for sequence n: {layer, direction, t}, none where a direction idles. */
  function active(config, s, n) {
    const info = stepInfo(config, s);
    return info.times
      .map((t, direction) => ({ layer: info.layer, direction, t }))
      .filter(({ t }) => runs(config, t, n));
  }

  /** The time step at which a direction ends for sequence n: its h_n and c_n are taken there. */
  function finalTime(config, direction, n) {
    if (direction === 1) return 0;
    return (config.packed ? config.lengths[n] : config.steps) - 1;
  }

  /** Where each lane (layer, direction) of sequence n ends: h_n[row] and c_n[row] are its state there. */
  function laneEnds(config, n) {
    const { D, layers } = dims(config);
    const ends = [];
    for (let layer = 0; layer < layers; layer++) {
      for (let direction = 0; direction < D; direction++) {
        ends.push({ layer, direction, t: finalTime(config, direction, n), row: layer * D + direction });
      }
    }
    return ends;
  }

  /**
   * The status line of step s for sequence n: {key, values}; a direction's part is itself
   * {key, values}: "reads" (time step t), "reads-padding" (padded, not packed: the step reads
   * the zeros), "finished" (packed: past the sequence's end) or "waiting" (packed, backward: not
   * yet at the sequence's last time step, where it starts).
   */
  function status(config, s, n) {
    const info = stepInfo(config, s);
    const values = { step: s + 1, total: lastStep(config) + 1 };
    if (info.end) return { key: "status-end", values };
    const part = (direction, t) => {
      if (!isPadding(config, t, n)) return { key: "reads", values: { t } };
      if (!config.packed) return { key: "reads-padding", values: { t } };
      const length = config.lengths[n];
      return direction === 0
        ? { key: "finished", values: { n, length } }
        : { key: "waiting", values: { n, t: length - 1 } };
    };
    const [forward, backward] = info.times.map((t, direction) => part(direction, t));
    if (!config.bidirectional) return { key: "status", values: { ...values, layer: info.layer, forward } };
    return { key: "status-bi", values: { ...values, layer: info.layer, forward, backward } };
  }

  /**
   * The values of output, h_n and c_n that box (layer, direction, t) of sequence n produced:
   * [tensor, index] pairs, time-major; its h_t in output (top layer) and h_n, its c_t in c_n.
   */
  function produced(config, layer, direction, t, n) {
    const { D, P, H, layers } = dims(config);
    if (!runs(config, t, n)) return [];
    const found = [];
    if (layer === layers - 1) {
      for (let k = 0; k < P; k++) found.push(["output", [t, n, direction * P + k]]);
    }
    if (t === finalTime(config, direction, n)) {
      for (let k = 0; k < P; k++) found.push(["h_n", [layer * D + direction, n, k]]);
      for (let k = 0; k < H; k++) found.push(["c_n", [layer * D + direction, n, k]]);
    }
    return found;
  }

  /** Is this value of output, h_n or c_n known at step s? Padding a packed run skips: always (zero). */
  function isKnown(config, s, tensor, index) {
    const source = origin(config, tensor, index);
    return source === null || isComputed(config, s, source.layer, source.direction, source.t);
  }

  /**
   * Where a value comes from: {layer, direction, t, n, unit, state} ("h" or "c"), or null (padding).
   * Indices are time-major: output[t, n, j], h_n[row, n, k], c_n[row, n, k].
   */
  function origin(config, tensor, index) {
    const { D, P, layers } = dims(config);
    if (tensor === "output") {
      const [t, n, j] = index;
      if (!runs(config, t, n)) return null;
      return { layer: layers - 1, direction: Math.floor(j / P), t, n, unit: j % P, state: "h" };
    }
    const [row, n, k] = index;
    const direction = row % D;
    const state = tensor === "h_n" ? "h" : "c";
    return { layer: Math.floor(row / D), direction, t: finalTime(config, direction, n), n, unit: k, state };
  }

  /** Other places of output and h_n that hold the same value (by how nn.LSTM fills them). */
  function same(config, tensor, index) {
    const { D, P, layers } = dims(config);
    const source = origin(config, tensor, index);
    if (source === null || source.state === "c" || source.layer !== layers - 1) return [];
    if (tensor === "output") {
      if (source.t !== finalTime(config, source.direction, source.n)) return [];
      return [["h_n", [(layers - 1) * D + source.direction, source.n, source.unit]]];
    }
    return [["output", [source.t, source.n, source.direction * P + source.unit]]];
  }

  function select(name, indices) {
    return `${name}[${indices.join(", ")}]`;
  }

  /** Python expressions, in the chosen layout, that select the value: the cell's own first. */
  function expressions(config, batchFirst, tensor, index) {
    const { N, P, D, layers } = dims(config);
    const forms = (name, at) => {
      if (name === "output") {
        const [t, n, j] = at;
        const rows = batchFirst ? [n, t] : [t, n];
        const list = [select("output", [...rows, j])];
        if (D === 2) {
          // unflatten, not view: a batch_first output is a transposed, non-contiguous tensor
          list.push(select(`output.unflatten(-1, (2, ${P}))`, [...rows, Math.floor(j / P), j % P]));
        }
        return list;
      }
      const [row, n, k] = at;
      const width = name === "h_n" ? P : config.hidden_size;
      const list = [select(name, [row, n, k])];
      if (D === 2 || layers > 1) {
        list.push(select(`${name}.view(${layers}, ${D}, ${N}, ${width})`, [Math.floor(row / D), row % D, n, k]));
      }
      return list;
    };
    const list = forms(tensor, index);
    for (const [name, at] of same(config, tensor, index)) list.push(...forms(name, at));
    return list;
  }

  /** What the copy button copies: one Python expression, True when the equal places agree. */
  function copyText(config, batchFirst, tensor, index) {
    return expressions(config, batchFirst, tensor, index).join(" == ");
  }

  /** The input a step reads and the state it starts from (zeros before a direction's first step). */
  function previous(trace, layer, direction, t, n) {
    const { H, P } = dims(trace.config);
    const rows = trace.steps[layer][direction];
    const before = direction === 0 ? t - 1 : t + 1;
    const step = before >= 0 && before < trace.config.steps ? rows[before][n] : null;
    return step === null ? { h: new Array(P).fill(0), c: new Array(H).fill(0) } : { h: step.h, c: step.c };
  }

  function matVec(matrix, vector) {
    return matrix.map((row) => row.reduce((sum, w, i) => sum + w * vector[i], 0));
  }

  /** A gate's pre-activation in its parts: W_ih x, W_hh h_{t-1}, b_ih + b_hh and their sum. */
  function gateParts(trace, layer, direction, t, n, gate) {
    const { H } = dims(trace.config);
    const w = trace.weights[layer][direction];
    const rows = (matrix) => matrix.slice(GATES.indexOf(gate) * H, (GATES.indexOf(gate) + 1) * H);
    const x = trace.steps[layer][direction][t][n].x;
    const h = previous(trace, layer, direction, t, n).h;
    const wx = matVec(rows(w.weight_ih), x);
    const wh = matVec(rows(w.weight_hh), h);
    const b = rows(w.bias_ih).map((value, i) => value + rows(w.bias_hh)[i]);
    return { x, h, wx, wh, b, pre: wx.map((value, i) => value + wh[i] + b[i]) };
  }

  const sigmoid = (v) => 1 / (1 + Math.exp(-v));
  /** The gate's activation: tanh for g, the logistic sigmoid for i, f, o. */
  function activate(gate, values) {
    return values.map(gate === "g" ? Math.tanh : sigmoid);
  }

  return {
    GATES,
    dims,
    lastStep,
    stepInfo,
    stepOf,
    isPadding,
    runs,
    isComputed,
    boxState,
    active,
    finalTime,
    laneEnds,
    status,
    produced,
    isKnown,
    origin,
    same,
    expressions,
    copyText,
    previous,
    gateParts,
    activate,
  };
});
