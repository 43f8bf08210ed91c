/* What nn.LSTM (PyTorch 2.13) does with one configuration: shapes, the slices of
 * `output` that equal rows of `h_n`, and the error PyTorch raises, in PyTorch's words.
 *
 * Pure functions, no DOM: the page's explorer.js draws the results, and
 * tests/js/ checks them against tests/fixtures/lstm_shapes.json, which torch made.
 * A classic script (not an ES module) so that the site also works from file://;
 * under node it is a CommonJS module.
 */
((root, factory) => {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.LstmShapes = api;
})(typeof self !== "undefined" ? self : this, () => {
  "use strict";

  const DEFAULTS = Object.freeze({
    input_size: 10,
    hidden_size: 20,
    num_layers: 2,
    bidirectional: true,
    proj_size: 0,
    batch_first: true,
    input_dims: 3, // 3: batched, 2: unbatched; 1 and 4 are what PyTorch rejects
    N: 3,
    L: 5,
    features: null, // input.size(-1); null: the same as input_size
    h0: "none", // "none" | "correct" | "batch_first" (batch dimension first: a common mistake)
  });
  const INTEGER_KEYS = ["input_size", "hidden_size", "num_layers", "proj_size", "N", "L", "features"];
  const BOOLEAN_KEYS = ["bidirectional", "batch_first"];
  const INPUT_DIMS = [3, 2, 1, 4];
  const H0_CHOICES = ["none", "correct", "batch_first"];
  // Sizes of tensors we create ourselves: negative ones are not an nn.LSTM question.
  const NON_NEGATIVE_KEYS = ["N", "L", "features"];

  /** Parse "12" as 12; anything but a whole number (in safe range) gives NaN. */
  function parseInteger(text) {
    const trimmed = String(text).trim();
    return /^[+-]?\d{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
  }

  /** A configuration from string values (a form or a URL query); missing keys take defaults. */
  function fromStrings(get) {
    const config = { ...DEFAULTS };
    for (const key of INTEGER_KEYS) {
      const text = get(key);
      if (text === null || text === undefined) continue;
      config[key] = key === "features" && String(text).trim() === "" ? null : parseInteger(text);
    }
    for (const key of BOOLEAN_KEYS) {
      const text = get(key);
      if (text !== null && text !== undefined) config[key] = text === "true" || text === "1" || text === "on";
    }
    const dims = get("input_dims");
    if (dims !== null && dims !== undefined && INPUT_DIMS.includes(Number(dims))) config.input_dims = Number(dims);
    const h0 = get("h0");
    if (H0_CHOICES.includes(h0)) config.h0 = h0;
    return config;
  }

  function fromQuery(search) {
    const params = new URLSearchParams(search);
    return fromStrings((key) => params.get(key));
  }

  function toQuery(config) {
    const params = new URLSearchParams();
    for (const key of Object.keys(DEFAULTS)) {
      const value = config[key];
      params.set(key, value === null ? "" : String(value));
    }
    return params.toString();
  }

  /** Keys whose value is not a usable whole number (the widget asks for one instead). */
  function invalidFields(config) {
    return INTEGER_KEYS.filter((key) => {
      const value = config[key];
      if (key === "features" && value === null) return false;
      return !Number.isInteger(value) || (NON_NEGATIVE_KEYS.includes(key) && value < 0);
    });
  }

  function pythonTuple(shape) {
    return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  }

  /** The tensors the reader passes, by the page's rules (1-D and 4-D only to show the error). */
  function inputShapes(config) {
    const { N, L, input_dims, batch_first } = config;
    const F = config.features === null ? config.input_size : config.features;
    const D = config.bidirectional ? 2 : 1;
    const batched = batch_first ? [N, L, F] : [L, N, F];
    const input = { 1: [F], 2: [L, F], 3: batched, 4: [1, ...batched] }[input_dims];
    const shapes = { input };
    if (config.h0 !== "none") {
      const rows = D * config.num_layers;
      const hOut = config.proj_size > 0 ? config.proj_size : config.hidden_size;
      const order =
        config.h0 === "batch_first" ? (H) => [N, rows, H] : input_dims === 2 ? (H) => [rows, H] : (H) => [rows, N, H];
      shapes.h0 = order(hOut);
      shapes.c0 = order(config.hidden_size);
    }
    return { shapes, F };
  }

  /** The exception nn.LSTM(...) raises, checked in PyTorch's order; null when it builds. */
  function constructorError(config) {
    const { input_size, hidden_size, num_layers, proj_size } = config;
    if (input_size <= 0) return "ValueError: input_size must be greater than zero";
    if (hidden_size <= 0) return "ValueError: hidden_size must be greater than zero";
    if (num_layers <= 0) return "ValueError: num_layers must be greater than zero";
    if (proj_size < 0) return "ValueError: proj_size should be a positive integer or zero to disable projections";
    if (proj_size >= hidden_size) return "ValueError: proj_size has to be smaller than hidden_size";
    return null;
  }

  /** The exception rnn(input[, (h0, c0)]) raises, in LSTM.forward's order; null when it runs. */
  function callError(config, shapes, F) {
    const { input_dims } = config;
    if (input_dims !== 2 && input_dims !== 3) {
      return `ValueError: LSTM: Expected input to be 2D or 3D, got ${input_dims}D instead`;
    }
    if (shapes.h0) {
      const [hDims, cDims] = [shapes.h0.length, shapes.c0.length];
      if (input_dims === 3 && (hDims !== 3 || cDims !== 3)) {
        return `RuntimeError: For batched 3-D input, hx and cx should also be 3-D but got (${hDims}-D, ${cDims}-D) tensors`;
      }
      if (input_dims === 2 && (hDims !== 2 || cDims !== 2)) {
        return `RuntimeError: For unbatched 2-D input, hx and cx should also be 2-D but got (${hDims}-D, ${cDims}-D) tensors`;
      }
    }
    if (F !== config.input_size) {
      return `RuntimeError: input.size(-1) must be equal to input_size. Expected ${config.input_size}, got ${F}`;
    }
    if (shapes.h0) {
      const expected = expectedStates(config);
      // Unbatched states are checked after PyTorch adds the batch dimension of 1.
      const given = (shape) => (input_dims === 2 ? [shape[0], 1, shape[1]] : shape);
      const checks = [
        ["hidden[0]", expected.h, given(shapes.h0)],
        ["hidden[1]", expected.c, given(shapes.c0)],
      ];
      for (const [name, want, got] of checks) {
        if (want.join() !== got.join()) {
          return `RuntimeError: Expected ${name} size ${pythonTuple(want)}, got [${got.join(", ")}]`;
        }
      }
    }
    if (config.L === 0) return "RuntimeError: Expected sequence length to be larger than 0 in RNN";
    return null;
  }

  function sizes(config) {
    return {
      D: config.bidirectional ? 2 : 1,
      hOut: config.proj_size > 0 ? config.proj_size : config.hidden_size,
      rows: (config.bidirectional ? 2 : 1) * config.num_layers,
      batch: config.input_dims === 3 ? config.N : 1,
    };
  }

  /** h0/c0 as LSTM.forward expects them once the input is batched (3-D). */
  function expectedStates(config) {
    const { hOut, rows, batch } = sizes(config);
    return { h: [rows, batch, hOut], c: [rows, batch, config.hidden_size] };
  }

  function outputShapes(config) {
    const { D, hOut, rows } = sizes(config);
    const { N, L } = config;
    if (config.input_dims === 2) {
      return { output: [L, D * hOut], h_n: [rows, hOut], c_n: [rows, config.hidden_size] };
    }
    return {
      output: config.batch_first ? [N, L, D * hOut] : [L, N, D * hOut],
      h_n: [rows, N, hOut],
      c_n: [rows, N, config.hidden_size],
    };
  }

  // ---- Identities: which slices of `output` equal which rows of `h_n` ---------------------
  //
  // A slice is modelled by what it holds: (layer, direction, time step) for every sequence.
  // h_n[k] holds layer k // D, direction k % D, at the step where that direction ends.
  // Two slices are equal exactly when they hold the same thing, or when they are empty
  // tensors of the same shape (a batch of 0 sequences), which torch.equal calls equal.

  const H_INDICES = [-1, -2];
  const TIMES = [0, -1];

  /** Python-style slice a:b on n elements -> [start, stop) with stop >= start. */
  function sliceRange(spec, n) {
    const clamp = (i, fallback) => {
      if (i === null) return fallback;
      const j = i < 0 ? i + n : i;
      return Math.min(Math.max(j, 0), n);
    };
    const start = clamp(spec[0], 0);
    return [start, Math.max(start, clamp(spec[1], n))];
  }

  /** The output expressions we compare, as code for this layout. */
  function outputExpressions(config) {
    const { hOut } = sizes(config);
    const features = [
      [":", [null, null]],
      [`:${hOut}`, [null, hOut]],
      [`${hOut}:`, [hOut, null]],
    ];
    const found = [];
    for (const t of TIMES) {
      for (const [text, spec] of features) {
        let code;
        if (config.input_dims === 2) code = `output[${t}, ${text}]`;
        else if (config.batch_first) code = `output[:, ${t}, ${text}]`;
        else code = `output[${t}, :, ${text}]`;
        found.push({ code, time: t, features: spec, whole: false });
      }
      found.push({ code: `output[${t}]`, time: t, features: [null, null], whole: true });
    }
    return found;
  }

  /**
   * What a tensor holds from the last layer's output: sequences [a, b), time steps [a, b)
   * and features [a, b), with its shape. Equal sets in the same shape are equal tensors.
   */
  function outputSlice(config, expression) {
    const { D, hOut } = sizes(config);
    const { L } = config;
    const width = D * hOut;
    const batch = config.input_dims === 2 ? 1 : config.N;
    // output[i] indexes the first dimension: time, unless batch_first and batched.
    if (expression.whole && config.input_dims === 3 && config.batch_first) {
      const n = expression.time < 0 ? expression.time + batch : expression.time;
      if (n < 0 || n >= batch) return null; // IndexError
      return { shape: [L, width], sequences: [n, n + 1], steps: [0, L], features: [0, width] };
    }
    const time = expression.time < 0 ? expression.time + L : expression.time;
    if (time < 0 || time >= L) return null;
    const features = sliceRange(expression.features, width);
    const count = features[1] - features[0];
    const shape = config.input_dims === 2 ? [count] : [batch, count];
    return { shape, sequences: [0, batch], steps: [time, time + 1], features };
  }

  /** What h_n[k] holds, in the same terms (its layer too: only the last reaches output). */
  function stateSlice(config, k) {
    const { D, hOut, rows, batch } = sizes(config);
    const row = k < 0 ? k + rows : k;
    if (row < 0 || row >= rows) return null; // IndexError
    const direction = row % D;
    const time = direction === 0 ? config.L - 1 : 0; // where this direction's pass ends
    return {
      shape: config.input_dims === 2 ? [hOut] : [batch, hOut],
      layer: Math.floor(row / D),
      sequences: [0, batch],
      steps: [time, time + 1],
      features: [direction * hOut, (direction + 1) * hOut],
    };
  }

  function sameData(config, state, slice) {
    if (state.shape.join() !== slice.shape.join()) return false;
    if (state.shape.includes(0)) return true; // empty tensors of equal shape
    return (
      state.layer === config.num_layers - 1 &&
      ["sequences", "steps", "features"].every((axis) => state[axis].join() === slice[axis].join())
    );
  }

  /** Every pair [h_n expression, output expression] among those compared whose tensors are equal. */
  function equalPairs(config) {
    const pairs = [];
    for (const k of H_INDICES) {
      const state = stateSlice(config, k);
      if (!state) continue;
      for (const expression of outputExpressions(config)) {
        const slice = outputSlice(config, expression);
        if (slice && sameData(config, state, slice)) pairs.push([`h_n[${k}]`, expression.code]);
      }
    }
    return pairs;
  }

  function outputCode(config, time, features) {
    if (config.input_dims === 2) return `output[${time}, ${features}]`;
    return config.batch_first ? `output[:, ${time}, ${features}]` : `output[${time}, :, ${features}]`;
  }

  /** The identities a reader relies on, and the look-alikes that fail, for this configuration. */
  function identities(config) {
    const { hOut } = sizes(config);
    const holds = new Set(equalPairs(config).map((pair) => pair.join(" == ")));
    const make = (key, h, out) => ({
      key,
      h,
      out,
      code: `torch.equal(${h}, ${out})`,
      holds: holds.has(`${h} == ${out}`),
    });
    const wanted = config.bidirectional
      ? [
          make("forward_last", "h_n[-2]", outputCode(config, -1, `:${hOut}`)),
          make("backward_first", "h_n[-1]", outputCode(config, 0, `${hOut}:`)),
        ]
      : [make("last", "h_n[-1]", outputCode(config, -1, ":"))];
    const lookalikes = config.bidirectional
      ? [make("backward_last", "h_n[-1]", outputCode(config, -1, `${hOut}:`))]
      : [];
    // output[-1] needs a batch to index (else IndexError, not False).
    if (config.input_dims === 3 && config.batch_first && config.N > 0)
      lookalikes.push(make("first_axis", "h_n[-1]", "output[-1]"));
    return {
      identities: wanted.filter((item) => item.holds),
      traps: lookalikes.filter((item) => !item.holds),
    };
  }

  /** The code that makes this configuration's tensors. */
  function code(config, shapes) {
    const args = [`input_size=${config.input_size}`, `hidden_size=${config.hidden_size}`];
    if (config.num_layers !== 1) args.push(`num_layers=${config.num_layers}`);
    if (config.bidirectional) args.push("bidirectional=True");
    if (config.proj_size !== 0) args.push(`proj_size=${config.proj_size}`);
    if (config.batch_first) args.push("batch_first=True");
    const oneLine = `rnn = nn.LSTM(${args.join(", ")})`;
    // Long calls one argument a line, as black would: the code box stays narrow.
    const construct =
      oneLine.length <= 64 ? oneLine : `rnn = nn.LSTM(\n${args.map((arg) => `    ${arg},\n`).join("")})`;
    const lines = [construct, `input = torch.randn${pythonTuple(shapes.input)}`];
    if (shapes.h0) {
      lines.push(`h0 = torch.randn${pythonTuple(shapes.h0)}`, `c0 = torch.randn${pythonTuple(shapes.c0)}`);
      lines.push("output, (h_n, c_n) = rnn(input, (h0, c0))");
    } else {
      lines.push("output, (h_n, c_n) = rnn(input)");
    }
    return lines.join("\n");
  }

  /**
   * Everything the page shows for one configuration:
   * {invalid: [keys], shapes, error: "Type: message" | null, stage: "construct" | "call" | null,
   *  identities, traps, pairs, code, sizes, warnings: ["h0_layout"] | []}
   */
  function explore(config) {
    const invalid = invalidFields(config);
    const empty = { error: null, stage: null, identities: [], traps: [], pairs: [], warnings: [] };
    if (invalid.length) return { invalid, shapes: {}, ...empty };
    const { shapes, F } = inputShapes(config);
    const result = { invalid, shapes, ...empty };
    result.code = code(config, shapes);
    const built = constructorError(config);
    if (built) return { ...result, error: built, stage: "construct" };
    const called = callError(config, shapes, F);
    if (called) return { ...result, error: called, stage: "call" };
    Object.assign(shapes, outputShapes(config));
    const more = { pairs: equalPairs(config), sizes: sizes(config), warnings: warnings(config) };
    return { ...result, ...identities(config), ...more };
  }

  /**
   * Mistakes PyTorch runs without a word (called once the call succeeded). "h0_layout":
   * h0 and c0 made batch first, (N, D·num_layers, H), pass the shape check when
   * N == D·num_layers, and each sequence then starts from the wrong states; with
   * N == D·num_layers == 1 the two layouts are the same tensor.
   */
  function warnings(config) {
    return config.h0 === "batch_first" && sizes(config).rows > 1 ? ["h0_layout"] : [];
  }

  /** Indices 0..n-1 with the middle left out when n > limit (null marks the gap). */
  function elide(n, limit) {
    const all = Array.from({ length: n }, (_, i) => i);
    if (n <= limit) return all;
    const head = Math.ceil((limit - 1) / 2);
    const tail = limit - 1 - head;
    return [...all.slice(0, head), null, ...all.slice(n - tail)];
  }

  return { DEFAULTS, fromStrings, fromQuery, toQuery, explore, equalPairs, elide, pythonTuple };
});
