// The step-through explainer (docs/reference/explainer.md): draws a trace made by torch
// (_static/explainer/traces/<name>.js, loaded when chosen) one step at a time.
// Logic that decides anything lives in explainer-core.js (tested); this file only draws.
"use strict";
(() => {
  const Core = window.LstmExplainerCore;
  const root = document.getElementById("lstm-explainer");
  if (!root || !Core) return;
  const words = JSON.parse(root.dataset.strings);
  const traceFolder = new URL("traces/", document.currentScript.src);
  const CONFIGS = JSON.parse(root.dataset.configs); // trace.CONFIGS' names, in order, from the build
  const ROWS = ["x", "i", "f", "g", "o", "c", "h"];
  const traces = {};
  const pending = {};
  const state = { config: CONFIGS[0], step: 0, n: 0, batchFirst: false, row: null, cell: null };

  const say = (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const number = (value) => value.toFixed(3);
  const vector = (values) => `[${values.map(number).join(", ")}]`;
  const escapeHtml = (text) =>
    text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const el = (tag, attributes = {}, html = "") => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.innerHTML = html;
    return node;
  };

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
  root.innerHTML = "";
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

  const stepper = el("div", { class: "lstm-explainer__stepper", role: "group", "aria-label": words.step });
  const previousButton = el("button", { type: "button", "aria-label": words.previous, "data-action": "previous" }, "◀");
  const nextButton = el("button", { type: "button", "aria-label": words.next, "data-action": "next" }, "▶");
  const slider = el("input", { type: "range", min: "0", step: "1", "aria-label": words.step, name: "step" });
  stepper.append(previousButton, slider, nextButton);
  const status = el("p", { class: "lstm-explainer__status", "aria-live": "polite", "aria-atomic": "true" });

  const now = el("section", { class: "lstm-explainer__now" });
  const equation = el("section", { class: "lstm-explainer__equation", "aria-live": "polite" });
  const tensors = el("div", { class: "lstm-explainer__tensors" });
  const provenance = el("section", { class: "lstm-explainer__provenance", "aria-live": "polite" });
  root.append(controls, stepper, status, now, equation, tensors, provenance);

  // ---- state in the address bar and the language switch --------------------------------------
  function fromQuery() {
    const query = new URLSearchParams(location.search);
    if (CONFIGS.includes(query.get("config"))) state.config = query.get("config");
    state.step = Number.parseInt(query.get("step"), 10) || 0;
    state.n = Number.parseInt(query.get("n"), 10) || 0;
    state.batchFirst = query.get("batch_first") === "1";
  }
  function remember() {
    const query = new URLSearchParams({ config: state.config, step: state.step, n: state.n });
    if (state.batchFirst) query.set("batch_first", "1");
    history.replaceState(null, "", `?${query}${location.hash}`); // the language switch carries it along
  }

  // ---- drawing -------------------------------------------------------------------------------
  function stepText(trace) {
    const info = Core.stepInfo(trace.config, state.step);
    const values = { step: state.step + 1, total: Core.lastStep(trace.config) + 1 };
    if (info.end) return say("status-end", values);
    if (info.times.length === 1) return say("status", { ...values, layer: info.layer, t: info.times[0] });
    return say("status-bi", { ...values, layer: info.layer, forward: info.times[0], backward: info.times[1] });
  }

  function drawNow(trace) {
    const info = Core.stepInfo(trace.config, state.step);
    now.innerHTML = "";
    if (info.end) return;
    const directions = info.times.map((t, d) => ({ d, t, step: trace.steps[info.layer][d][t][state.n] }));
    const table = el("table", { class: "lstm-explainer__table" });
    table.append(el("caption", {}, escapeHtml(say("now", { n: state.n }))));
    const head = el("tr", {}, "<td></td>");
    for (const { d, t } of directions) {
      head.append(el("th", { scope: "col" }, `${escapeHtml(words[d ? "backward" : "forward"])}, t = ${t}`));
    }
    table.appendChild(el("thead")).append(head);
    const body = table.appendChild(el("tbody"));
    for (const row of ROWS) {
      const tr = el("tr", { "data-row": row });
      const header = el("th", { scope: "row" });
      const button = el(
        "button",
        { type: "button", "aria-pressed": String(state.row === row) },
        escapeHtml(words[`row-${row}`]),
      );
      button.addEventListener("click", () => {
        state.row = state.row === row ? null : row;
        draw();
        now.querySelector(`[data-row="${row}"] button`)?.focus();
      });
      header.append(button);
      tr.append(header);
      for (const { step } of directions) {
        tr.append(el("td", { class: step ? "" : "is-padding" }, step ? vector(step[row]) : escapeHtml(words.padding)));
      }
      body.append(tr);
    }
    now.append(table);
  }

  const sub = (symbol, index) => `${symbol}<sub>${index}</sub>`;
  function drawEquation(trace) {
    const info = Core.stepInfo(trace.config, state.step);
    equation.innerHTML = `<h3>${escapeHtml(words.equation)}</h3>`;
    if (info.end || !state.row) {
      equation.append(el("p", {}, escapeHtml(words["equation-hint"])));
      return;
    }
    const { H } = Core.dims(trace.config);
    for (const [d, t] of info.times.entries()) {
      const step = trace.steps[info.layer][d][t][state.n];
      const line = el("p", { class: "lstm-explainer__formula", "data-direction": String(d) });
      const name = `${escapeHtml(words[d ? "backward" : "forward"])}, t = ${t}: `;
      if (!step) {
        line.innerHTML = name + escapeHtml(words.idle);
      } else if (state.row === "x") {
        line.innerHTML = `${name}${sub("x", "t")} = ${vector(step.x)}`;
      } else if (state.row === "c") {
        const previous = Core.previous(trace, info.layer, d, t, state.n);
        line.innerHTML = `${name}${sub("c", "t")} = ${sub("f", "t")} ⊙ ${sub("c", "t−1")} + ${sub("i", "t")} ⊙ ${sub("g", "t")}
          = ${vector(step.f)} ⊙ ${vector(previous.c)} + ${vector(step.i)} ⊙ ${vector(step.g)} = ${vector(step.c)}`;
      } else if (state.row === "h") {
        const projected = trace.config.proj_size ? `${sub("W", "hr")} (${sub("o", "t")} ⊙ tanh ${sub("c", "t")})` : "";
        line.innerHTML = `${name}${sub("h", "t")} = ${projected || `${sub("o", "t")} ⊙ tanh ${sub("c", "t")}`}
          = ${vector(step.h)}`;
      } else {
        const gate = state.row;
        const parts = Core.gateParts(trace, info.layer, d, t, state.n, gate);
        const activation = gate === "g" ? "tanh" : "σ";
        const suffix = `_l${info.layer}${d ? "_reverse" : ""}`;
        const rows = `${Core.GATES.indexOf(gate) * H}:${(Core.GATES.indexOf(gate) + 1) * H}`;
        line.innerHTML = `${name}${sub(gate, "t")} = ${activation}(${sub("W", `i${gate}`)} ${sub("x", "t")}
          + ${sub("W", `h${gate}`)} ${sub("h", "t−1")} + ${sub("b", gate)})
          = ${activation}(${vector(parts.wx)} + ${vector(parts.wh)} + ${vector(parts.b)})
          = ${activation}(${vector(parts.pre)}) = ${vector(step[gate])}
          <small>${escapeHtml(say("rows-of", { rows, name: `weight_ih${suffix}, weight_hh${suffix}` }))}</small>`;
      }
      equation.append(line);
    }
  }

  /** A tensor shown as a grid of cells, each the vector at (row, column); f(row, column) says what. */
  function grid(caption, rowLabel, columnLabel, rows, columns, cell) {
    const table = el("table", { class: "lstm-explainer__grid" });
    table.append(el("caption", {}, caption));
    const head = el("tr", {}, `<th scope="col">${escapeHtml(rowLabel)} \\ ${escapeHtml(columnLabel)}</th>`);
    for (let c = 0; c < columns; c++) head.append(el("th", { scope: "col" }, String(c)));
    table.appendChild(el("thead")).append(head);
    const body = table.appendChild(el("tbody"));
    for (let r = 0; r < rows; r++) {
      const tr = el("tr", {}, `<th scope="row">${r}</th>`);
      for (let c = 0; c < columns; c++) tr.append(cell(r, c));
      body.append(tr);
    }
    return table;
  }

  function valueButton(trace, tensor, index, value, shown) {
    const label = `${Core.expressions(trace.config, state.batchFirst, tensor, index)[0]}`;
    const button = el("button", { type: "button", class: "lstm-explainer__value", "data-cell": `${tensor}:${index}` });
    button.textContent = shown ? number(value) : "·";
    button.setAttribute("aria-label", shown ? `${label} = ${number(value)}` : label);
    const key = state.cell && `${state.cell.tensor}:${state.cell.index}`;
    if (key === `${tensor}:${index}`) button.classList.add("is-selected");
    // One Tab stop per tensor (the selected value, else its first); arrow keys move within it.
    const entry = state.cell?.tensor === tensor ? key === `${tensor}:${index}` : index.every((i) => i === 0);
    button.tabIndex = entry ? 0 : -1;
    if (
      state.cell &&
      Core.same(traces[state.config].config, state.cell.tensor, state.cell.index).some(
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
    const info = Core.stepInfo(config, state.step);
    const source = state.cell && Core.origin(config, state.cell.tensor, state.cell.index);
    tensors.innerHTML = "";
    const [rowLabel, columnLabel] = state.batchFirst ? [words.batch, words.time] : [words.time, words.batch];
    const timeMajor = (r, c) => (state.batchFirst ? [c, r] : [r, c]);
    const [rows, columns] = state.batchFirst ? [N, L] : [L, N];
    tensors.append(
      grid(escapeHtml(words.input), rowLabel, columnLabel, rows, columns, (r, c) => {
        const [t, n] = timeMajor(r, c);
        const current = !info.end && info.layer === 0 && info.times.includes(t);
        const td = el("td", {
          class: `${Core.isPadding(config, t, n) ? "is-padding" : ""} ${current ? "is-current" : ""}`,
        });
        td.textContent = trace.input[t][n].map(number).join("\n");
        return td;
      }),
    );
    for (let layer = 0; layer < layers; layer++) {
      const top = layer === layers - 1;
      const caption = top ? say("output", { layer }) : say("layer", { layer, next: layer + 1 });
      tensors.append(
        grid(
          top ? `<code>output</code>: ${escapeHtml(caption)}` : escapeHtml(caption),
          rowLabel,
          columnLabel,
          rows,
          columns,
          (r, c) => {
            const [t, n] = timeMajor(r, c);
            const td = el("td");
            if (Core.isPadding(config, t, n)) td.classList.add("is-padding");
            for (let d = 0; d < D; d++) {
              const done = Core.isComputed(config, state.step, layer, d, t) && !Core.isPadding(config, t, n);
              const current = !info.end && info.layer === layer && info.times[d] === t;
              const origin =
                source && source.layer === layer && source.direction === d && source.t === t && source.n === n;
              // At the end, each direction's last step (each sequence's own, when packed) is what h_n and c_n hold.
              const final = info.end && !Core.isPadding(config, t, n) && t === Core.finalTime(config, d, n);
              const marks = `${current ? " is-current" : ""}${origin ? " is-origin" : ""}${final ? " is-final" : ""}`;
              const stack = el("div", { class: `lstm-explainer__half${marks}` });
              for (let k = 0; k < P; k++) {
                const value = Core.isPadding(config, t, n)
                  ? 0
                  : top
                    ? trace.output[t][n][d * P + k]
                    : trace.steps[layer][d][t][n].h[k];
                if (top)
                  stack.append(
                    valueButton(trace, "output", [t, n, d * P + k], value, done || Core.isPadding(config, t, n)),
                  );
                else stack.append(el("span", {}, done ? number(value) : "·"));
              }
              td.append(stack);
            }
            return td;
          },
        ),
      );
    }
    const states = el("div", { class: "lstm-explainer__states" });
    if (!info.end) states.append(el("p", {}, escapeHtml(words["states-later"])));
    for (const [name, width] of [
      ["h_n", P],
      ["c_n", H],
    ]) {
      states.append(
        grid(`<code>${name}</code>`, "D·layer + d", words.batch, layers * D, N, (row, n) => {
          const td = el("td");
          const stack = el("div", { class: "lstm-explainer__half" });
          for (let k = 0; k < width; k++)
            stack.append(valueButton(trace, name, [row, n, k], trace[name][row][n][k], info.end));
          td.append(stack);
          return td;
        }),
      );
    }
    tensors.append(states);
  }

  function drawProvenance(trace) {
    provenance.innerHTML = `<h3>${escapeHtml(words.provenance)}</h3>`;
    if (!state.cell) {
      provenance.append(el("p", {}, escapeHtml(words["provenance-hint"])));
      return;
    }
    const { tensor, index } = state.cell;
    const source = Core.origin(trace.config, tensor, index);
    const direction = source && words[source.direction ? "backward" : "forward"];
    const text = source ? say(`origin-${source.state}`, { ...source, direction }) : words["origin-padding"];
    provenance.append(el("p", { class: "lstm-explainer__origin" }, escapeHtml(text)));
    const equal = Core.same(trace.config, tensor, index);
    provenance.append(el("p", {}, escapeHtml(equal.length ? words.same : words.alone)));
    const copy = Core.copyText(trace.config, state.batchFirst, tensor, index);
    const line = el("p", { class: "lstm-explainer__expression" });
    line.append(el("code", {}, escapeHtml(copy)));
    const button = el("button", { type: "button", class: "lstm-explainer__copy" }, escapeHtml(words.copy));
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(copy);
      button.textContent = words.copied;
    });
    line.append(button);
    provenance.append(line);
  }

  function draw() {
    const trace = traces[state.config];
    const last = Core.lastStep(trace.config);
    state.step = Math.min(Math.max(state.step, 0), last);
    state.n = Math.min(Math.max(state.n, 0), trace.config.batch - 1);
    configSelect.value = state.config;
    layoutBox.checked = state.batchFirst;
    sequenceSelect.innerHTML = "";
    trace.config.lengths.forEach((length, n) => {
      sequenceSelect.append(el("option", { value: String(n) }, escapeHtml(say("sequence-option", { n, length }))));
    });
    sequenceSelect.value = String(state.n);
    slider.max = String(last);
    slider.value = String(state.step);
    slider.setAttribute("aria-valuetext", stepText(trace));
    previousButton.disabled = state.step === 0;
    nextButton.disabled = state.step === last;
    status.textContent = stepText(trace);
    drawNow(trace);
    drawEquation(trace);
    drawTensors(trace);
    drawProvenance(trace);
    root.dataset.config = state.config;
    root.dataset.step = String(state.step);
    remember();
  }

  async function choose(name) {
    state.config = name;
    state.cell = null;
    await load(name);
    draw();
  }

  const move = (by) => {
    state.step += by;
    draw();
  };
  previousButton.addEventListener("click", () => move(-1));
  nextButton.addEventListener("click", () => move(1));
  slider.addEventListener("input", () => {
    state.step = Number(slider.value);
    draw();
  });
  configSelect.addEventListener("change", () => choose(configSelect.value));
  sequenceSelect.addEventListener("change", () => {
    state.n = Number(sequenceSelect.value);
    draw();
  });
  layoutBox.addEventListener("change", () => {
    state.batchFirst = layoutBox.checked;
    draw();
  });
  // Arrow keys step through time anywhere in the widget except where they already mean something.
  root.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target.matches("select, input[type=range], input[type=checkbox]") || event.altKey || event.ctrlKey) return;
    if (target.matches(".lstm-explainer__value")) {
      const cells = [...root.querySelectorAll(`[data-cell^="${target.dataset.cell.split(":")[0]}:"]`)];
      const at = cells.indexOf(target);
      const to = { ArrowLeft: at - 1, ArrowUp: at - 1, ArrowRight: at + 1, ArrowDown: at + 1 }[event.key];
      if (to !== undefined && cells[to]) {
        event.preventDefault();
        cells[to].focus();
      }
      return;
    }
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      move(event.key === "ArrowLeft" ? -1 : 1);
    }
  });

  fromQuery();
  choose(state.config);
})();
