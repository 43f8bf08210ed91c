// The step-through explainer (docs/reference/explainer.md): draws a trace made by torch
// (_static/explainer/traces/<name>.js, loaded when chosen) one step at a time: the LSTM unrolled
// over time, the cell of the step, and output, h_n and c_n with where each value comes from.
// Logic that decides anything lives in explainer-core.js (tested); this file only draws.
"use strict";
(() => {
  const Core = window.LstmExplainerCore;
  const root = document.getElementById("lstm-explainer");
  const cellTemplate = document.getElementById("lstm-explainer-cell");
  if (!root || !Core || !cellTemplate) return;
  const words = JSON.parse(root.dataset.strings);
  const traceFolder = new URL("traces/", document.currentScript.src);
  const CONFIGS = JSON.parse(root.dataset.configs); // trace.CONFIGS' names, in order, from the build
  const ROWS = ["x", "i", "f", "g", "o", "c", "h"];
  const SVG = "http://www.w3.org/2000/svg";
  const MATHML = "http://www.w3.org/1998/Math/MathML";
  const NARROW = 560; // below this width the picture runs time down the screen
  const traces = {};
  const pending = {};
  const state = { config: CONFIGS[0], step: 0, n: 0, batchFirst: false, cell: null, direction: 0, row: "c" };

  const say = (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const number = (value) => value.toFixed(3);
  const escapeHtml = (text) =>
    text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const el = (tag, attributes = {}, html = "") => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.innerHTML = html;
    return node;
  };
  const svg = (tag, attributes = {}, text = null) => {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== null) node.textContent = text;
    return node;
  };
  const arrow = (d) => (d ? "←" : "→");
  const directionWord = (d) => words[d ? "backward" : "forward"];

  // ---- data: one script per configuration, loaded on first use -------------------------------
  window.lstmExplainerTrace = (trace) => {
    traces[trace.config.name] = trace;
    pending[trace.config.name]?.(trace);
  };
  function load(name) {
    if (traces[name]) return Promise.resolve(traces[name]);
    return new Promise((resolve, reject) => {
      pending[name] = resolve;
      const script = el("script", { src: new URL(`${name}.js`, traceFolder).href });
      script.onerror = reject;
      document.head.append(script);
    });
  }

  // ---- controls (made once) --------------------------------------------------------------------
  const controls = el("div", { class: "lstm-explainer__controls" });
  const configField = el(
    "label",
    { class: "lstm-explainer__field" },
    `<span>${escapeHtml(words.configuration)}</span>`,
  );
  const configSelect = el("select", { name: "config" });
  for (const name of CONFIGS) configSelect.append(el("option", { value: name }, escapeHtml(words[`cfg-${name}`])));
  configField.append(configSelect);
  const sequenceField = el("label", { class: "lstm-explainer__field" }, `<span>${escapeHtml(words.sequence)}</span>`);
  const sequenceSelect = el("select", { name: "n" });
  sequenceField.append(sequenceSelect);
  const layoutField = el("label", { class: "lstm-explainer__field lstm-explainer__field--check" });
  const layoutBox = el("input", { type: "checkbox", name: "batch_first" });
  layoutField.append(layoutBox, el("code", {}, "batch_first=True"));
  controls.append(configField, sequenceField, layoutField);

  // The step buttons stay focusable at either end (aria-disabled): focus never falls to the page.
  const stepper = el("div", { class: "lstm-explainer__stepper", role: "group", "aria-label": words.step });
  const icon = (path) =>
    `<svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14"><path d="${path}" fill="currentColor"/></svg>`;
  const stepButton = (action, path) =>
    el("button", { type: "button", "aria-label": words[action], "data-action": action }, icon(path));
  const firstButton = stepButton("first", "M2 2h2v10H2zM12 2v10L5 7z");
  const previousButton = stepButton("previous", "M11 2v10L4 7z");
  const nextButton = stepButton("next", "M3 2v10l7-5z");
  const lastButton = stepButton("last", "M10 2h2v10h-2zM2 2v10l7-5z");
  const slider = el("input", { type: "range", min: "0", step: "1", "aria-label": words.step, name: "step" });
  stepper.append(firstButton, previousButton, slider, nextButton, lastButton);
  const status = el("p", { class: "lstm-explainer__status", "aria-live": "polite", "aria-atomic": "true" });

  const stage = el("div", { class: "lstm-explainer__stage" });
  const figure = el("figure", { class: "lstm-explainer__picture" });
  const caption = el("figcaption", { class: "lstm-explainer__caption" });
  const summary = el("p", { class: "lstm-explainer__summary", id: "lstm-explainer-summary" });
  const picture = svg("svg", { role: "group", "aria-describedby": "lstm-explainer-summary" });
  figure.append(caption, picture, summary);
  const tensors = el("div", { class: "lstm-explainer__tensors" });
  const provenance = el("section", { class: "lstm-explainer__provenance", "aria-live": "polite" });
  const legend = el("section", { class: "lstm-explainer__legend" });
  stage.append(figure, legend, tensors, provenance);
  const cell = el("section", { class: "lstm-explainer__cell", id: "lstm-explainer-cell-panel" });
  // Shown with the first drawing, in one frame (the line "needs JavaScript" until then).
  const parts = [controls, stepper, status, stage, cell];

  // ---- state in the address bar and the language switch --------------------------------------
  function fromQuery() {
    const query = new URLSearchParams(location.search);
    if (CONFIGS.includes(query.get("config"))) state.config = query.get("config");
    state.step = Number.parseInt(query.get("step"), 10) || 0;
    state.n = Number.parseInt(query.get("n"), 10) || 0;
    state.direction = query.get("d") === "1" ? 1 : 0;
    state.batchFirst = query.get("batch_first") === "1";
  }
  function remember() {
    const query = new URLSearchParams({ config: state.config, step: state.step, n: state.n });
    if (state.direction) query.set("d", "1");
    if (state.batchFirst) query.set("batch_first", "1");
    history.replaceState(null, "", `?${query}${location.hash}`); // the language switch carries it along
  }

  // ---- the picture: the LSTM unrolled over time, for one sequence ------------------------------
  // Positions are "along" (time) and "across" (input, each layer's directions, output); a wide
  // screen draws time left to right with the input at the bottom, a narrow one time running down
  // with the input on the left.
  function geometry(config, narrow) {
    const { L, D, layers } = Core.dims(config);
    const g = narrow
      ? {
          pitch: 92,
          shift: D === 2 ? 17 : 0,
          boxAlong: 26,
          boxAcross: 36,
          input: 48,
          output: 30,
          gap: 10, // two bidirectional layers fit a 360 px phone's 328 px column: numbers drawn at 11 px, not scaled down
          head: 78,
          side: 34,
        }
      : {
          pitch: 112,
          shift: D === 2 ? 28 : 0,
          boxAlong: 44,
          boxAcross: 26,
          input: 30,
          output: 24,
          gap: 16,
          head: 22,
          side: 84,
        };
    g.narrow = narrow;
    g.tag = narrow ? 30 : 46; // room for an h_n / c_n tag after a lane's last box
    g.start = narrow ? g.head + 28 : g.side + 48;
    g.center = (t) => g.start + t * g.pitch;
    g.boxCenter = (d, t) => g.center(t) + (D === 2 ? (d === 0 ? -g.shift : g.shift) : 0);
    // Bands across, from the input outwards.
    const bands = [];
    let across = 0;
    const band = (kind, size, gap, extra = {}) => {
      across += gap;
      bands.push({ kind, from: across, size, center: across + size / 2, ...extra });
      across += size;
    };
    band("input", g.input, 0);
    for (let layer = 0; layer < layers; layer++) {
      if (layer > 0 && D === 2) band("concat", 12, g.gap, { layer });
      for (let d = 0; d < D; d++) {
        band("lane", g.boxAcross, d === 0 ? g.gap : 8, { layer, direction: d });
      }
    }
    band("output", g.output, g.gap);
    g.bands = bands;
    g.across = across;
    g.alongEnd = g.center(L - 1) + g.shift + g.boxAlong / 2 + (D === 2 ? 6 : g.tag);
    g.lane = (layer, d) => bands.find((b) => b.kind === "lane" && b.layer === layer && b.direction === d);
    // (along, across) -> (x, y)
    g.at = narrow ? (a, c) => [g.side + c, a] : (a, c) => [a, g.head + g.across - c];
    g.width = narrow ? g.side + across + 4 : g.alongEnd;
    g.height = narrow ? g.alongEnd : g.head + across + 4;
    return g;
  }

  /** A rectangle given by its along and across extents. */
  function rect(g, along, across, attributes = {}) {
    const [x1, y1] = g.at(along[0], across[0]);
    const [x2, y2] = g.at(along[1], across[1]);
    return svg("rect", {
      x: Math.min(x1, x2),
      y: Math.min(y1, y2),
      width: Math.abs(x2 - x1),
      height: Math.abs(y2 - y1),
      ...attributes,
    });
  }

  function line(g, from, to, attributes = {}) {
    const [x1, y1] = g.at(...from);
    const [x2, y2] = g.at(...to);
    return svg("line", { x1, y1, x2, y2, ...attributes });
  }

  function label(g, along, across, text, attributes = {}) {
    const [x, y] = g.at(along, across);
    return svg("text", { x, y, ...attributes }, text);
  }

  function defs() {
    const node = svg("defs");
    for (const [name, fill] of [
      ["h0", "var(--lstm-explainer-forward)"],
      ["h1", "var(--lstm-explainer-backward)"],
      ["c", "var(--lstm-explainer-c)"],
      ["x", "currentColor"],
    ]) {
      const marker = svg("marker", {
        id: `lstm-explainer-arrow-${name}`,
        viewBox: "0 0 10 10",
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        markerUnits: "userSpaceOnUse",
        orient: "auto-start-reverse",
      });
      marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", style: `fill: ${fill}` }));
      node.append(marker);
    }
    for (const name of ["skipped", "read"]) {
      const pattern = svg("pattern", {
        id: `lstm-explainer-hatch-${name}`,
        width: 6,
        height: 6,
        patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)",
      });
      pattern.append(svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: `lstm-explainer__hatch--${name}` }));
      node.append(pattern);
    }
    return node;
  }

  function boxName(config, layer, d, t) {
    const where = say("box", { layer, direction: directionWord(d), t });
    return config.bidirectional ? where : say("box-one", { layer, t });
  }

  function drawPicture(trace, animate) {
    const config = trace.config;
    const { L, D, layers } = Core.dims(config);
    const n = state.n;
    const narrow = root.clientWidth < NARROW;
    const g = geometry(config, narrow);
    const s = state.step;
    const focused = document.activeElement?.closest?.("[data-box]")?.dataset.box;
    const selected = openBox(trace);
    const source = state.cell && Core.origin(config, state.cell.tensor, state.cell.index);
    picture.replaceChildren(defs());
    picture.setAttribute("viewBox", `0 0 ${g.width} ${g.height}`);
    picture.setAttribute("width", g.width);
    picture.setAttribute("height", g.height);
    picture.setAttribute("aria-label", say("picture", { n }));
    picture.classList.toggle("is-narrow", narrow);
    caption.textContent = say("picture", { n });
    const layer = (name) => picture.appendChild(svg("g", { class: `lstm-explainer__${name}` }));
    const [wires, shapes, texts] = [layer("wires"), layer("shapes"), layer("texts")];
    const boxAlong = (d, t) => [g.boxCenter(d, t) - g.boxAlong / 2, g.boxCenter(d, t) + g.boxAlong / 2];
    const current = new Set(Core.active(config, s, n).map((b) => `${b.layer},${b.direction},${b.t}`));

    // Time steps, and what each band is.
    for (let t = 0; t < L; t++) {
      const where = narrow ? [g.center(t), -g.side + 4] : [g.center(t), g.across + 6];
      texts.append(
        label(g, ...where, `t = ${t}`, {
          class: "lstm-explainer__time",
          "text-anchor": narrow ? "start" : "middle",
          dy: narrow ? "0.35em" : "0",
        }),
      );
    }
    for (const b of g.bands) {
      const text =
        b.kind === "lane"
          ? say("lane", { layer: b.layer, arrow: arrow(b.direction) })
          : b.kind === "concat"
            ? say("concat", { layer: b.layer - 1 })
            : words[`band-${b.kind}`];
      const node = narrow
        ? svg("text", {
            transform: `translate(${g.side + b.center + 4}, ${g.head - 6}) rotate(-90)`,
            class: "lstm-explainer__band",
          })
        : svg("text", {
            x: g.side - 10,
            y: g.head + g.across - b.center + 4,
            "text-anchor": "end",
            class: "lstm-explainer__band",
          });
      node.textContent = text;
      texts.append(node);
    }

    // The input row (layer 0 reads it), padding drawn as padding.
    const inputBand = g.bands[0];
    for (let t = 0; t < L; t++) {
      const padding = Core.isPadding(config, t, n);
      const along = [g.center(t) - (narrow ? 20 : 30), g.center(t) + (narrow ? 20 : 30)];
      const box = rect(g, along, [inputBand.from, inputBand.from + inputBand.size], {
        class: `lstm-explainer__input${padding ? " is-padding" : ""}`,
        rx: 3,
      });
      shapes.append(box);
      const values = trace.input[t][n];
      values.forEach((value, k) => {
        const [x, y] = g.at(g.center(t), inputBand.center);
        texts.append(
          svg(
            "text",
            {
              x,
              y: y + (k - (values.length - 1) / 2) * 13 + 4,
              class: "lstm-explainer__number",
              "text-anchor": "middle",
            },
            number(value),
          ),
        );
      });
    }

    // The lanes: one box per (layer, direction, t); h and c along each lane.
    for (let l = 0; l < layers; l++) {
      for (let d = 0; d < D; d++) {
        const b = g.lane(l, d);
        const across = [b.from, b.from + b.size];
        for (let t = 0; t < L; t++) {
          const boxState = Core.boxState(config, s, n, l, d, t);
          const key = `${l},${d},${t}`;
          // Computed from padding (padded, not packed): hatched once computed.
          const readsPadding = (boxState === "done" || boxState === "current") && Core.isPadding(config, t, n);
          const classes = [
            "lstm-explainer__box",
            `is-${boxState}`,
            d ? "is-backward" : "is-forward",
            readsPadding ? "is-reads-padding" : "",
            selected && selected.key === key ? "is-selected" : "",
            source && `${source.layer},${source.direction},${source.t}` === key && source.n === n ? "is-origin" : "",
          ].filter(Boolean);
          const group = svg("g", { class: classes.join(" "), "data-box": key });
          group.append(rect(g, boxAlong(d, t), across, { rx: 4, class: "lstm-explainer__box-fill" }));
          if (boxState === "skipped" || readsPadding) {
            group.append(rect(g, boxAlong(d, t), across, { rx: 4, class: "lstm-explainer__box-hatch" }));
          }
          const stateWord = readsPadding ? "state-reads-padding" : `state-${boxState}`;
          const name = `${boxName(config, l, d, t)}: ${words[stateWord]}`;
          if (boxState === "skipped") {
            group.setAttribute("role", "img");
            group.setAttribute("aria-label", name);
          } else {
            group.setAttribute("role", "button");
            group.setAttribute("aria-label", name);
            group.setAttribute("tabindex", "-1");
          }
          shapes.append(group);

          // h and c from the previous box of the lane.
          const before = d === 0 ? t - 1 : t + 1;
          if (boxState !== "skipped" && before >= 0 && before < L && Core.runs(config, before, n)) {
            const from = d === 0 ? boxAlong(d, before)[1] : boxAlong(d, before)[0];
            const to = d === 0 ? boxAlong(d, t)[0] : boxAlong(d, t)[1];
            const feeding = current.has(key);
            for (const [state_, offset] of [
              ["c", 0.22], // the cell state on the output's side, as in the cell picture
              [`h${d}`, -0.22],
            ]) {
              const across_ = b.center + offset * b.size;
              wires.append(
                line(g, [from, across_], [to - (d === 0 ? 2 : -2), across_], {
                  class: `lstm-explainer__wire is-${state_[0]}${d ? " is-back" : ""}${feeding ? " is-feeding" : ""}${feeding && animate ? " is-moving" : ""}`,
                  "marker-end": `url(#lstm-explainer-arrow-${state_})`,
                  pathLength: 1,
                }),
              );
            }
          }
          // Its input from below: x_t, or layer l-1 at t (both directions side by side).
          if (boxState !== "skipped") {
            const feeding = current.has(key);
            const below =
              l === 0
                ? inputBand
                : D === 2
                  ? g.bands.find((x) => x.kind === "concat" && x.layer === l)
                  : g.lane(l - 1, 0);
            const a = g.boxCenter(d, t);
            wires.append(
              line(g, [a, below.from + below.size], [a, b.from - 1], {
                class: `lstm-explainer__wire is-x${feeding ? " is-feeding" : ""}${feeding && animate ? " is-moving" : ""}`,
                "marker-end": "url(#lstm-explainer-arrow-x)",
                pathLength: 1,
              }),
            );
          }
        }
      }
      // Layer l's two directions, side by side: the input of layer l + 1.
      if (l < layers - 1 && D === 2) {
        const b = g.bands.find((x) => x.kind === "concat" && x.layer === l + 1);
        for (let t = 0; t < L; t++) {
          for (let d = 0; d < D; d++) {
            const state_ = Core.boxState(config, s, n, l, d, t);
            const along = d === 0 ? [g.center(t) - 36, g.center(t)] : [g.center(t), g.center(t) + 36];
            shapes.append(
              rect(g, along, [b.from, b.from + b.size], {
                class: `lstm-explainer__half is-${d ? "backward" : "forward"} is-${state_}`,
              }),
            );
            const from = g.lane(l, d);
            if (state_ !== "skipped")
              wires.append(
                line(g, [g.boxCenter(d, t), from.from + from.size], [g.boxCenter(d, t), b.from - 1], {
                  class: "lstm-explainer__wire is-x",
                  "marker-end": "url(#lstm-explainer-arrow-x)",
                }),
              );
          }
        }
      }
    }

    // output: the top layer's h_t at every time step, one half per direction.
    const out = g.bands.at(-1);
    for (let t = 0; t < L; t++) {
      for (let d = 0; d < D; d++) {
        const state_ = Core.boxState(config, s, n, layers - 1, d, t);
        const half =
          D === 2
            ? d === 0
              ? [g.center(t) - 36, g.center(t)]
              : [g.center(t), g.center(t) + 36]
            : [g.center(t) - 30, g.center(t) + 30];
        const readsPadding = (state_ === "done" || state_ === "current") && Core.isPadding(config, t, n);
        shapes.append(
          rect(g, half, [out.from, out.from + out.size], {
            class: `lstm-explainer__half is-${d ? "backward" : "forward"} is-${state_}${readsPadding ? " is-reads-padding" : ""}`,
          }),
        );
        if (state_ === "skipped" || readsPadding) {
          shapes.append(rect(g, half, [out.from, out.from + out.size], { class: "lstm-explainer__box-hatch" }));
        }
        if (D === 2) {
          texts.append(
            label(g, (half[0] + half[1]) / 2, out.center, arrow(d), {
              class: "lstm-explainer__glyph",
              "text-anchor": "middle",
              dy: "0.35em",
            }),
          );
        }
        const top = g.lane(layers - 1, d);
        if (state_ !== "skipped") {
          wires.append(
            line(g, [g.boxCenter(d, t), top.from + top.size], [g.boxCenter(d, t), out.from - 1], {
              class: "lstm-explainer__wire is-x",
              "marker-end": "url(#lstm-explainer-arrow-x)",
            }),
          );
        }
      }
    }

    // h_n and c_n: at the end of each lane, for this sequence's length.
    for (const { layer: l, direction: d, t, row } of Core.laneEnds(config, n)) {
      const b = g.lane(l, d);
      const edge = d === 0 ? boxAlong(d, t)[1] : boxAlong(d, t)[0];
      const along = d === 0 ? [edge + 4, edge + g.tag - 2] : [edge - g.tag + 2, edge - 4];
      const done =
        Core.boxState(config, s, n, l, d, t) === "done" || Core.boxState(config, s, n, l, d, t) === "current";
      const tag = svg("g", {
        class: `lstm-explainer__tag${done ? " is-done" : ""}`,
        "data-tag": `${l},${d}`,
        "data-t": t,
        "data-row": row,
      });
      tag.append(rect(g, along, [b.from, b.from + b.size], { rx: 3 }));
      const [x, y] = g.at((along[0] + along[1]) / 2, b.center);
      tag.append(svg("text", { x, y: y - 2, "text-anchor": "middle" }, `h_n[${row}]`));
      tag.append(svg("text", { x, y: y + 11, "text-anchor": "middle" }, `c_n[${row}]`));
      texts.append(tag);
    }

    // Keyboard: one Tab stop in the picture (the open box, else the first), ↑/↓ move between boxes.
    const boxes = [...picture.querySelectorAll("[data-box][role=button]")];
    const stop =
      boxes.find((b) => b.dataset.box === focused) ??
      boxes.find((b) => b.classList.contains("is-selected")) ??
      boxes[0];
    if (stop) stop.setAttribute("tabindex", "0");
    if (focused) picture.querySelector(`[data-box="${focused}"]`)?.focus();

    // The text alternative: what the picture shows.
    const all = [];
    for (let l = 0; l < layers; l++)
      for (let d = 0; d < D; d++) for (let t = 0; t < L; t++) all.push(Core.boxState(config, s, n, l, d, t));
    const now = Core.active(config, s, n).map((b) => boxName(config, b.layer, b.direction, b.t));
    summary.textContent = say("summary", {
      n,
      length: config.lengths[n],
      done: all.filter((x) => x === "done" || x === "current").length,
      total: all.filter((x) => x !== "skipped").length,
      now: now.length === 2 ? say("now-two", { first: now[0], second: now[1] }) : (now[0] ?? words.nothing),
    });
  }

  /** What a direction does at step s for sequence n, in words (explainer-core decides which). */
  function statusPart(config, s, n, d) {
    const { key, values } = Core.status(config, s, n);
    const part = values[d ? "backward" : "forward"];
    const who = config.bidirectional ? (d ? "backward" : "forward") : "lstm";
    return key === "status-end" || !part ? "" : say(`${who}-${part.key}`, part.values);
  }

  function statusLine(config, s, n) {
    const { key, values } = Core.status(config, s, n);
    const parts = { forward: statusPart(config, s, n, 0), backward: statusPart(config, s, n, 1) };
    return say(key, { ...values, ...parts });
  }

  /** The box whose cell is open: the one computed now in the chosen direction (null: none). */
  function openBox(trace) {
    const box = Core.active(trace.config, state.step, state.n).find((b) => b.direction === state.direction);
    return box ? { ...box, key: `${box.layer},${box.direction},${box.t}` } : null;
  }

  // ---- the cell of the open box -----------------------------------------------------------------
  const math = (tag, ...children) => {
    const node = document.createElementNS(MATHML, tag);
    for (const child of children) node.append(typeof child === "string" ? document.createTextNode(child) : child);
    return node;
  };
  const mi = (text) => math("mi", text);
  const mo = (text) => math("mo", text);
  const msub = (base, script) => math("msub", mi(base), typeof script === "string" ? mi(script) : script);
  const tMinus1 = () => math("mrow", mi("t"), mo("−"), math("mn", "1"));
  const column = (values) => {
    const minus = (value) => number(value).replace("-", "−"); // a true minus sign in math
    const table = math("mtable", ...values.map((value) => math("mtr", math("mtd", math("mn", minus(value))))));
    table.setAttribute("class", "lstm-explainer__vector");
    return math("mrow", mo("["), table, mo("]"));
  };
  const applied = (name, ...inner) => math("mrow", mi(name), mo("("), ...inner, mo(")"));
  /** One line of an equation: inline math in display style, so that the lines align on the left. */
  function block(...children) {
    const line_ = el("div", { class: "lstm-explainer__line" });
    line_.append(math("math", math("mrow", ...children)));
    return line_;
  }

  function equation(trace, box, row) {
    const { layer, direction, t } = box;
    const n = state.n;
    const step = trace.steps[layer][direction][t][n];
    const before = Core.previous(trace, layer, direction, t, n);
    const lines = [];
    if (row === "x") {
      lines.push(block(msub("x", "t"), mo("="), column(step.x)));
    } else if (row === "c") {
      const product = (a, b) => [a, mo("⊙"), b];
      lines.push(
        block(
          msub("c", "t"),
          mo("="),
          ...product(msub("f", "t"), msub("c", tMinus1())),
          mo("+"),
          ...product(msub("i", "t"), msub("g", "t")),
        ),
      );
      lines.push(
        block(
          mo("="),
          ...product(column(step.f), column(before.c)),
          mo("+"),
          ...product(column(step.i), column(step.g)),
        ),
      );
      lines.push(block(mo("="), column(step.c)));
    } else if (row === "h") {
      const inner = [msub("o", "t"), mo("⊙"), mi("tanh"), mo("\u2061"), msub("c", "t")];
      const projected = trace.config.proj_size ? [msub("W", "hr"), mo("("), ...inner, mo(")")] : inner;
      lines.push(block(msub("h", "t"), mo("="), ...projected));
      if (!trace.config.proj_size) lines.push(block(mo("="), column(step.o), mo("⊙"), applied("tanh", column(step.c))));
      lines.push(block(mo("="), column(step.h)));
    } else {
      const gate = row;
      const parts = Core.gateParts(trace, layer, direction, t, n, gate);
      const squash = gate === "g" ? "tanh" : "σ";
      lines.push(
        block(
          msub(gate, "t"),
          mo("="),
          applied(
            squash,
            msub("W", `i${gate}`),
            msub("x", "t"),
            mo("+"),
            msub("W", `h${gate}`),
            msub("h", tMinus1()),
            mo("+"),
            msub("b", `i${gate}`),
            mo("+"),
            msub("b", `h${gate}`),
          ),
        ),
      );
      lines.push(
        block(mo("="), applied(squash, column(parts.wx), mo("+"), column(parts.wh), mo("+"), column(parts.b))),
      );
      lines.push(block(mo("="), applied(squash, column(parts.pre)), mo("="), column(step[gate])));
    }
    return lines;
  }

  function fillCell(picture_, trace, box) {
    const { layer, direction, t } = box;
    const n = state.n;
    const step = trace.steps[layer][direction][t][n];
    const before = Core.previous(trace, layer, direction, t, n);
    const values = { c_prev: before.c, c: step.c, h: step.h, h_prev: before.h, x: step.x };
    for (const gate of Core.GATES) values[gate] = step[gate];
    for (const slot of picture_.querySelectorAll("[data-slot]")) {
      const list = values[slot.dataset.slot];
      const x = Number(slot.getAttribute("x"));
      slot.replaceChildren(
        ...list.map((value, k) =>
          svg(
            "tspan",
            {
              x: x + Math.floor(k / 3) * 46,
              dy: k === 0 ? 0 : k % 3 === 0 ? -24 : 12,
              class: "lstm-explainer__number",
            },
            number(value),
          ),
        ),
      );
    }
    picture_.querySelector("title").textContent =
      `${words.cell} ${say("cell-title", { layer, direction: directionWord(direction), t, n })}`;
  }

  let cellPicture = null;
  function drawCell(trace) {
    const config = trace.config;
    const box = openBox(trace);
    // Without a box to show, the panel keeps its height: what follows the widget does not jump.
    const height = cell.dataset.config === state.config ? cell.getBoundingClientRect().height : 0;
    cell.style.minHeight = box ? "" : `${height}px`;
    cell.dataset.config = state.config;
    cell.replaceChildren(el("h3", {}, escapeHtml(words["cell-heading"])));
    if (config.bidirectional) {
      const choice = el("div", { class: "lstm-explainer__directions", role: "group", "aria-label": words.direction });
      for (const d of [0, 1]) {
        const button = el(
          "button",
          { type: "button", "aria-pressed": String(state.direction === d), "data-direction": String(d) },
          `${escapeHtml(directionWord(d))} ${arrow(d)}`,
        );
        button.addEventListener("click", () => {
          state.direction = d;
          draw();
          cell.querySelector(`[data-direction="${d}"]`)?.focus();
        });
        choice.append(button);
      }
      cell.append(choice);
    }
    const info = Core.stepInfo(config, state.step);
    if (!box) {
      const text = info.end
        ? words["cell-end"]
        : say("cell-idle", { part: statusPart(config, state.step, state.n, state.direction) });
      cell.append(el("p", { class: "lstm-explainer__cell-hint" }, escapeHtml(text)));
      return;
    }
    cell.append(
      el(
        "p",
        { class: "lstm-explainer__cell-title" },
        escapeHtml(
          say("cell-title", { layer: box.layer, direction: directionWord(box.direction), t: box.t, n: state.n }),
        ),
      ),
    );
    cellPicture ??= cellTemplate.content.firstElementChild.cloneNode(true);
    fillCell(cellPicture, trace, box);
    const wrap = el("div", { class: "lstm-explainer__cell-picture" });
    wrap.append(cellPicture);
    cell.append(wrap);
    const tabs = el("div", { class: "lstm-explainer__rows", role: "group", "aria-label": words.equation });
    for (const row of ROWS) {
      const button = el(
        "button",
        { type: "button", "aria-pressed": String(state.row === row), "data-row": row },
        escapeHtml(words[`row-${row}`]),
      );
      button.addEventListener("click", () => {
        state.row = row;
        draw();
        cell.querySelector(`[data-row="${row}"]`)?.focus();
      });
      tabs.append(button);
    }
    cell.append(tabs);
    const formula = el("div", { class: "lstm-explainer__formula", "data-row": state.row });
    formula.append(...equation(trace, box, state.row));
    if (Core.GATES.includes(state.row)) {
      const { H } = Core.dims(config);
      const index = Core.GATES.indexOf(state.row);
      const suffix = `_l${box.layer}${box.direction ? "_reverse" : ""}`;
      formula.append(
        el(
          "p",
          { class: "lstm-explainer__note" },
          escapeHtml(
            say("rows-of", { rows: `${index * H}:${(index + 1) * H}`, name: `weight_ih${suffix}, weight_hh${suffix}` }),
          ),
        ),
      );
    }
    cell.append(formula);
    if (formula.scrollWidth > formula.clientWidth) {
      // Too wide for the screen: it scrolls, and takes the keyboard's focus to be scrolled.
      formula.tabIndex = 0;
      formula.setAttribute("role", "group");
      formula.setAttribute("aria-label", words.equation);
    }
  }

  // ---- output, h_n and c_n ------------------------------------------------------------------------
  /**
   * Tensors shown as one grid: rows, then for each tensor a group of columns; cellOf(tensor,
   * row, column) makes a cell. The axes are named in the caption (and, for screen readers, the corner).
   */
  function grid(captionHtml, axes, rowHeads, groups, columns, cellOf, className) {
    const table = el("table", { class: `lstm-explainer__grid ${className}` });
    table.append(
      el(
        "caption",
        {},
        `${captionHtml} <span class="lstm-explainer__axes">${escapeHtml(axes[0])} ↓ ${escapeHtml(axes[1])} →</span>`,
      ),
    );
    const corner = `<td class="lstm-explainer__corner"${groups.length > 1 ? ' rowspan="2"' : ""}><span>${escapeHtml(`${axes[0]} \\ ${axes[1]}`)}</span></td>`;
    const thead = table.appendChild(el("thead"));
    const head = el("tr", {}, corner);
    if (groups.length > 1) {
      for (const group of groups)
        head.append(el("th", { scope: "colgroup", colspan: String(columns) }, `<code>${group}</code>`));
      thead.append(head);
    }
    const numbers = groups.length > 1 ? el("tr") : head;
    for (const _ of groups) for (let c = 0; c < columns; c++) numbers.append(el("th", { scope: "col" }, String(c)));
    thead.append(numbers);
    const body = table.appendChild(el("tbody"));
    rowHeads.forEach((rowHead, r) => {
      const tr = el("tr", {}, `<th scope="row">${rowHead}</th>`);
      for (const group of groups) for (let c = 0; c < columns; c++) tr.append(cellOf(group, r, c));
      body.append(tr);
    });
    return table;
  }

  function valueButton(trace, tensor, index, value, shown, produced) {
    const label_ = `${Core.expressions(trace.config, state.batchFirst, tensor, index)[0]}`;
    const button = el("button", { type: "button", class: "lstm-explainer__value", "data-cell": `${tensor}:${index}` });
    button.textContent = shown ? number(value) : "·";
    button.setAttribute("aria-label", shown ? `${label_} = ${number(value)}` : label_);
    const key = state.cell && `${state.cell.tensor}:${state.cell.index}`;
    if (key === `${tensor}:${index}`) button.classList.add("is-selected");
    if (produced.has(`${tensor}:${index}`)) button.classList.add("is-produced");
    // One Tab stop per tensor (the selected value, else its first); arrow keys move within it.
    const entry = state.cell?.tensor === tensor ? key === `${tensor}:${index}` : index.every((i) => i === 0);
    button.tabIndex = entry ? 0 : -1;
    if (
      state.cell &&
      Core.same(trace.config, state.cell.tensor, state.cell.index).some(
        ([name, at]) => name === tensor && String(at) === String(index),
      )
    )
      button.classList.add("is-same");
    const select = () => {
      if (key === `${tensor}:${index}`) return; // already shown: focusing it again redraws nothing
      state.cell = { tensor, index };
      state.n = index[1];
      draw();
      root.querySelector(`[data-cell="${tensor}:${index}"]`)?.focus();
    };
    button.addEventListener("click", select);
    button.addEventListener("focus", select);
    return button;
  }

  function drawTensors(trace) {
    const config = trace.config;
    const { L, N, P, H, D, layers } = Core.dims(config);
    const s = state.step;
    const box = openBox(trace);
    const produced = new Set(
      box ? Core.produced(config, box.layer, box.direction, box.t, state.n).map(([name, at]) => `${name}:${at}`) : [],
    );
    tensors.replaceChildren();
    const [rowLabel, columnLabel] = state.batchFirst ? [words.batch, words.time] : [words.time, words.batch];
    const [rows, columns] = state.batchFirst ? [N, L] : [L, N];
    const timeMajor = (r, c) => (state.batchFirst ? [c, r] : [r, c]);
    tensors.append(
      grid(
        "<code>output</code>",
        [rowLabel, columnLabel],
        Array.from({ length: rows }, (_, r) => String(r)),
        ["output"],
        columns,
        (_, r, c) => {
          const [t, n] = timeMajor(r, c);
          const td = el("td", { class: Core.runs(config, t, n) ? "" : "is-padding" });
          for (let d = 0; d < D; d++) {
            const stack = el("div", { class: `lstm-explainer__stack is-${d ? "backward" : "forward"}` });
            for (let k = 0; k < P; k++) {
              const index = [t, n, d * P + k];
              const known = Core.isKnown(config, s, "output", index);
              stack.append(valueButton(trace, "output", index, trace.output[t][n][d * P + k], known, produced));
            }
            td.append(stack);
          }
          return td;
        },
        `is-output${D === 2 ? " is-halves" : ""}${state.batchFirst ? " is-batch-first" : ""}`,
      ),
    );
    // h_n and c_n side by side: their rows are the same lanes, labelled by index, layer and direction.
    const laneHeads = [];
    for (let l = 0; l < layers; l++) {
      for (let d = 0; d < D; d++) {
        const lane = say("lane", { layer: l, arrow: D === 2 ? arrow(d) : "" }).trim();
        laneHeads.push(`${l * D + d}<small>${escapeHtml(lane)}</small>`);
      }
    }
    const stateCell = (name, row, n) => {
      const td = el("td", { class: name === "c_n" && n === 0 ? "is-group-start" : "" });
      const stack = el("div", { class: "lstm-explainer__stack" });
      for (let k = 0; k < (name === "h_n" ? P : H); k++) {
        const index = [row, n, k];
        const known = Core.isKnown(config, s, name, index);
        stack.append(valueButton(trace, name, index, trace[name][row][n][k], known, produced));
      }
      td.append(stack);
      return td;
    };
    // One grid where it fits (the rows are the same lanes), else one each.
    const groups = root.clientWidth < 640 ? [["h_n"], ["c_n"]] : [["h_n", "c_n"]];
    for (const names of groups) {
      const captionHtml = names.map((name) => `<code>${name}</code>`).join(", ");
      tensors.append(grid(captionHtml, [words.row, words.batch], laneHeads, names, N, stateCell, "is-state"));
    }
  }

  function drawProvenance(trace) {
    provenance.innerHTML = `<h3>${escapeHtml(words.provenance)}</h3>`;
    if (!state.cell) {
      provenance.append(el("p", {}, escapeHtml(words["provenance-hint"])));
      return;
    }
    const { tensor, index } = state.cell;
    const source = Core.origin(trace.config, tensor, index);
    const direction = source && directionWord(source.direction);
    const text = source ? say(`origin-${source.state}`, { ...source, direction }) : words["origin-padding"];
    provenance.append(el("p", { class: "lstm-explainer__origin" }, escapeHtml(text)));
    const equal = Core.same(trace.config, tensor, index);
    provenance.append(el("p", {}, escapeHtml(equal.length ? words.same : words.alone)));
    const copy = Core.copyText(trace.config, state.batchFirst, tensor, index);
    const row = el("p", { class: "lstm-explainer__expression" });
    row.append(el("code", {}, escapeHtml(copy)));
    const button = el("button", { type: "button", class: "lstm-explainer__copy" }, escapeHtml(words.copy));
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(copy);
      button.textContent = words.copied;
    });
    row.append(button);
    provenance.append(row);
  }

  // ---- the legend: every colour, outline and hatch of the picture -----------------------------
  function drawLegend(config) {
    const items = [
      [
        "forward",
        '<rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__box-fill"/>',
        "is-done is-forward",
      ],
      ...(config.bidirectional
        ? [
            [
              "backward",
              '<rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__box-fill"/>',
              "is-done is-backward",
            ],
          ]
        : []),
      [
        "current",
        '<rect x="2" y="3" width="20" height="14" rx="3" class="lstm-explainer__box-fill"/>',
        "is-current is-forward",
      ],
      ["pending", '<rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__box-fill"/>', "is-pending"],
      ...(config.packed
        ? [
            [
              "skipped",
              '<rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__box-fill"/><rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__box-hatch"/>',
              "is-skipped",
            ],
          ]
        : []),
      ...(config.lengths.some((length) => length < config.steps) && !config.packed
        ? [
            [
              "reads-padding",
              '<rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__box-fill"/><rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__box-hatch"/>',
              "is-done is-forward is-reads-padding",
            ],
          ]
        : []),
      ...(config.lengths.some((length) => length < config.steps)
        ? [
            [
              "input-padding",
              '<rect x="1" y="3" width="22" height="14" rx="3" class="lstm-explainer__input is-padding"/>',
              "",
            ],
          ]
        : []),
      ...(config.bidirectional && config.num_layers > 1
        ? [
            [
              "concat",
              '<rect x="1" y="6" width="11" height="8" class="lstm-explainer__half is-forward is-done"/><rect x="12" y="6" width="11" height="8" class="lstm-explainer__half is-backward is-done"/>',
              "",
            ],
          ]
        : []),
      [
        "wire-c",
        '<line x1="1" y1="10" x2="21" y2="10" class="lstm-explainer__wire is-c" marker-end="url(#lstm-explainer-arrow-c)"/>',
        "",
      ],
      [
        "wire-h",
        '<line x1="1" y1="10" x2="21" y2="10" class="lstm-explainer__wire is-h" marker-end="url(#lstm-explainer-arrow-h0)"/>',
        "",
      ],
      [
        "wire-x",
        '<line x1="1" y1="10" x2="21" y2="10" class="lstm-explainer__wire is-x is-feeding" marker-end="url(#lstm-explainer-arrow-x)"/>',
        "",
      ],
      ["tag", '<rect x="1" y="2" width="22" height="16" rx="3"/>', "lstm-explainer__tag is-done"],
      [
        "selected",
        '<rect x="3" y="4" width="18" height="12" rx="3" class="lstm-explainer__box-fill"/>',
        "is-done is-forward is-selected",
      ],
      [
        "origin",
        '<rect x="3" y="4" width="18" height="12" rx="3" class="lstm-explainer__box-fill"/>',
        "is-done is-forward is-origin",
      ],
    ];
    legend.replaceChildren(el("h3", {}, escapeHtml(words.legend)));
    const list = el("ul", {});
    for (const [key, shape, classes] of items) {
      const item = el("li", {});
      const sample = svg("svg", { width: 24, height: 20, viewBox: "0 0 24 20", "aria-hidden": "true" });
      sample.innerHTML = `<g class="lstm-explainer__box ${classes}">${shape}</g>`;
      item.append(sample, el("span", {}, escapeHtml(words[`legend-${key}`])));
      list.append(item);
    }
    legend.append(list);
  }

  function draw(animate = false) {
    const trace = traces[state.config];
    const config = trace.config;
    const last = Core.lastStep(config);
    state.step = Math.min(Math.max(state.step, 0), last);
    state.n = Math.min(Math.max(state.n, 0), config.batch - 1);
    if (!config.bidirectional) state.direction = 0;
    configSelect.value = state.config;
    layoutBox.checked = state.batchFirst;
    sequenceSelect.replaceChildren();
    config.lengths.forEach((length, n) => {
      sequenceSelect.append(el("option", { value: String(n) }, escapeHtml(say("sequence-option", { n, length }))));
    });
    sequenceSelect.value = String(state.n);
    slider.max = String(last);
    slider.value = String(state.step);
    const line_ = statusLine(config, state.step, state.n);
    slider.setAttribute("aria-valuetext", line_);
    for (const [button, disabled] of [
      [firstButton, state.step === 0],
      [previousButton, state.step === 0],
      [nextButton, state.step === last],
      [lastButton, state.step === last],
    ])
      button.setAttribute("aria-disabled", String(disabled));
    status.textContent = line_;
    drawPicture(trace, animate);
    drawTensors(trace);
    drawProvenance(trace);
    drawCell(trace);
    if (legend.dataset.config !== state.config) {
      drawLegend(config);
      legend.dataset.config = state.config;
    }
    root.dataset.config = state.config;
    root.dataset.step = String(state.step);
    root.dataset.n = String(state.n);
    remember();
  }

  async function choose(name) {
    state.config = name;
    state.cell = null;
    await load(name);
    if (!root.classList.contains("is-ready")) {
      root.replaceChildren(...parts);
      root.classList.add("is-ready");
    }
    draw();
  }

  const move = (to) => {
    const last = Core.lastStep(traces[state.config].config);
    const next = Math.min(Math.max(to, 0), last);
    if (next === state.step) return;
    const forward = next === state.step + 1;
    state.step = next;
    draw(forward);
  };
  firstButton.addEventListener("click", () => move(0));
  previousButton.addEventListener("click", () => move(state.step - 1));
  nextButton.addEventListener("click", () => move(state.step + 1));
  lastButton.addEventListener("click", () => move(Number.POSITIVE_INFINITY));
  slider.addEventListener("input", () => move(Number(slider.value)));
  configSelect.addEventListener("change", () => choose(configSelect.value));
  sequenceSelect.addEventListener("change", () => {
    state.n = Number(sequenceSelect.value);
    draw();
  });
  layoutBox.addEventListener("change", () => {
    state.batchFirst = layoutBox.checked;
    draw();
  });

  /** Selecting a box opens its cell: the explainer goes to the step that computes it. */
  function openCell(key) {
    const [layer, direction, t] = key.split(",").map(Number);
    state.step = Core.stepOf(traces[state.config].config, layer, direction, t);
    state.direction = direction;
    draw();
    picture.querySelector(`[data-box="${key}"]`)?.focus();
    cell.scrollIntoView({
      block: "nearest",
      behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth",
    });
  }
  picture.addEventListener("click", (event) => {
    const box = event.target.closest("[data-box][role=button]");
    if (box) openCell(box.dataset.box);
  });

  // ←/→ step anywhere in the widget except where they already mean something; Home/End go to
  // the first and the last step. In the picture ↑/↓ move between boxes; in a tensor the arrow
  // keys move between its values.
  root.addEventListener("keydown", (event) => {
    const target = event.target;
    if (
      target.matches("select, input[type=range], input[type=checkbox]") ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey
    )
      return;
    if (target.matches(".lstm-explainer__value")) {
      const cells = [...root.querySelectorAll(`[data-cell^="${target.dataset.cell.split(":")[0]}:"]`)];
      const at = cells.indexOf(target);
      const to = { ArrowLeft: at - 1, ArrowUp: at - 1, ArrowRight: at + 1, ArrowDown: at + 1 }[event.key];
      if (to !== undefined) {
        event.preventDefault();
        cells[to]?.focus();
        return;
      }
    }
    const box = target.closest?.("[data-box]");
    if (box && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openCell(box.dataset.box);
      return;
    }
    if (box && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      const boxes = [...picture.querySelectorAll("[data-box][role=button]")];
      const to = boxes[boxes.indexOf(box) + (event.key === "ArrowDown" ? 1 : -1)];
      event.preventDefault();
      if (to) {
        box.setAttribute("tabindex", "-1");
        to.setAttribute("tabindex", "0");
        to.focus();
      }
      return;
    }
    const to = { ArrowLeft: state.step - 1, ArrowRight: state.step + 1, Home: 0, End: Number.POSITIVE_INFINITY }[
      event.key
    ];
    if (to !== undefined) {
      event.preventDefault();
      move(to);
    }
  });

  // The picture's layout follows the widget's width (time across or down).
  let narrowNow = null;
  new ResizeObserver(() => {
    const narrow = root.clientWidth < NARROW;
    if (narrowNow !== null && narrow !== narrowNow && traces[state.config]) draw();
    narrowNow = narrow;
  }).observe(root);

  fromQuery();
  choose(state.config);
})();
