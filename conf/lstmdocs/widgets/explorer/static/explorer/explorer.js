/* The shape explorer on docs/reference/explorer.md: reads the form, shows what
 * LstmShapes.explore() says, keeps the configuration in the URL query.
 * Every word it shows comes from the page (elements with data-text), so the page's
 * translation translates the widget too.
 */
(() => {
  "use strict";
  const form = document.getElementById("lstm-explorer");
  const results = document.getElementById("lstm-explorer-results");
  if (!form || !results || !window.LstmShapes) return;
  const { explore, fromStrings, fromQuery, toQuery, elide } = window.LstmShapes;
  const SVG = "http://www.w3.org/2000/svg";

  const texts = new Map();
  for (const element of document.querySelectorAll("#lstm-explorer-text [data-text]")) {
    texts.set(element.dataset.text, element);
  }

  /** A copy of the page's translated text for `key` (may hold <code>/<sub>), {name} filled from `values`. */
  function text(key, values = {}) {
    const source = texts.get(key);
    if (!source) throw new Error(`shape explorer: the page has no text for "${key}"`);
    const span = document.createElement("span");
    span.append(...Array.from(source.childNodes, (node) => node.cloneNode(true)));
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      node.data = node.data.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
    }
    return span;
  }
  const plain = (key, values = {}) => text(key, values).textContent;

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }
  const code = (content) => element("code", {}, content);

  // ---- form <-> configuration <-> URL ------------------------------------------------------

  function readForm() {
    return fromStrings((key) => {
      const field = form.elements.namedItem(key);
      if (!field) return null;
      return field.type === "checkbox" ? String(field.checked) : field.value;
    });
  }

  function fillForm(config) {
    for (const [key, value] of Object.entries(config)) {
      const field = form.elements.namedItem(key);
      if (!field) continue;
      if (field.type === "checkbox") field.checked = Boolean(value);
      else field.value = value === null || Number.isNaN(value) ? "" : String(value);
    }
  }

  /** The query goes into the address bar: a shared address, and the language switch, keep the configuration. */
  function remember(config) {
    history.replaceState(null, "", `?${toQuery(config)}${location.hash}`);
  }

  // ---- results -------------------------------------------------------------------------------

  function symbols(config) {
    const batched = config.input_dims !== 2;
    const time = (rest) => (batched ? (config.batch_first ? ["N", "L", rest] : ["L", "N", rest]) : ["L", rest]);
    const states = (size) => (batched ? ["D·num_layers", "N", size] : ["D·num_layers", size]);
    const given = config.h0 === "batch_first" ? (size) => ["N", "D·num_layers", size] : states;
    const input = { 1: ["H_in"], 2: ["L", "H_in"], 3: time("H_in"), 4: ["1", ...time("H_in")] }[config.input_dims];
    return {
      input,
      h0: given("H_out"),
      c0: given("H_cell"),
      output: time("D·H_out"),
      h_n: states("H_out"),
      c_n: states("H_cell"),
    };
  }

  const tuple = (items) => `(${items.join(", ")})`;

  function shapesTable(config, shapes) {
    const names = symbols(config);
    const rows = ["input", "h0", "c0", "output", "h_n", "c_n"].filter((name) => shapes[name]);
    const head = element(
      "tr",
      {},
      ...["column-tensor", "column-shape", "column-symbols"].map((key) => element("th", { scope: "col" }, text(key))),
    );
    const body = rows.map((name) =>
      element(
        "tr",
        { "data-tensor": name },
        element("th", { scope: "row" }, code(name)),
        element("td", { class: "lstm-explorer__shape" }, code(tuple(shapes[name]))),
        element("td", {}, code(tuple(names[name]))),
      ),
    );
    const parts = [element("thead", {}, head), element("tbody", {}, ...body)];
    const table = element("table", { class: "lstm-explorer__shapes" }, ...parts);
    // Tuples never break; a table wider than a phone scrolls inside its own box, reachable by keyboard.
    return [element("div", { class: "lstm-explorer__scroller" }, table), scrollCue()];
  }

  function equalities(items, verdict, className) {
    return element(
      "ul",
      { class: className },
      ...items.map((item) =>
        element(
          "li",
          { "data-identity": item.key },
          code(item.code),
          element("span", { class: "lstm-explorer__verdict" }, ` → ${verdict}`),
          element("br"),
          text(`identity-${item.key}`),
        ),
      ),
    );
  }

  function section(headingKey, ...content) {
    const heading = element("h3", {}, text(headingKey));
    return element("section", { class: `lstm-explorer__section lstm-explorer__${headingKey}` }, heading, ...content);
  }

  // sphinx-copybutton's button: its script copies any .copybtn's target (ClipboardJS listens on the document).
  const COPY_ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" class="icon icon-tabler icon-tabler-copy" width="44" height="44" ' +
    'viewBox="0 0 24 24" stroke-width="1.5" stroke="#000000" fill="none" stroke-linecap="round" ' +
    'stroke-linejoin="round" aria-hidden="true"><path stroke="none" d="M0 0h24v24H0z" fill="none"/>' +
    '<rect x="8" y="8" width="12" height="12" rx="2" />' +
    '<path d="M16 8v-2a2 2 0 0 0 -2 -2h-8a2 2 0 0 0 -2 2v8a2 2 0 0 0 2 2h2" /></svg>';

  function codeBlock(source) {
    const pre = element("pre", { id: "lstm-explorer-code", tabindex: "0" }, code(source)); // it may scroll sideways
    const label = plain("copy");
    const button = element("button", {
      type: "button",
      class: "copybtn o-tooltip--left",
      "data-tooltip": label,
      "aria-label": label,
      "data-clipboard-target": "#lstm-explorer-code",
    });
    button.innerHTML = COPY_ICON;
    return element("div", { class: "lstm-explorer__code" }, pre, button);
  }

  function render(config) {
    const result = explore(config);
    const parts = [];
    if (result.invalid.length) {
      const names = result.invalid.map((key) => code(key));
      const list = names.flatMap((name, i) => (i ? [", ", name] : [name]));
      parts.push(element("p", { class: "lstm-explorer__invalid", role: "alert" }, text("invalid"), " ", ...list));
      results.replaceChildren(...parts);
      return result;
    }
    parts.push(section("heading-code", codeBlock(result.code)));
    if (result.error) {
      const stage = result.stage === "construct" ? "error-construct" : "error-call";
      const error = [element("p", {}, text(stage)), element("pre", {}, code(result.error))];
      parts.push(element("div", { class: "lstm-explorer__error", role: "alert" }, ...error));
    }
    if (result.warnings.includes("h0_layout")) {
      const rows = result.sizes.rows;
      parts.push(element("p", { class: "lstm-explorer__warning", role: "alert" }, text("warning-h0", { rows })));
    }
    parts.push(section("heading-shapes", ...shapesTable(config, result.shapes)));
    if (!result.error) {
      parts.push(section("heading-identities", equalities(result.identities, "True", "lstm-explorer__identities")));
      if (result.traps.length) {
        parts.push(section("heading-traps", equalities(result.traps, "False", "lstm-explorer__traps")));
      }
      parts.push(section("heading-diagram", ...diagramFigure(config, result)));
    }
    results.replaceChildren(...parts);
    showScrollCue();
    return result;
  }

  // ---- diagram -------------------------------------------------------------------------------

  function svg(tag, attributes = {}, content) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // Drawn at its natural size (13 px text), never scaled down: a narrow screen gets fewer time steps.
  const FONT = 13;
  const CHAR = FONT * 0.62; // monospace advance
  const [CELL_W, CELL_H, GAP_X, LABEL_H, GAP_Y, BAR] = [36, 32, 16, FONT + 5, 10, 24];

  /** h_n[k] for row k of D·num_layers: the last layer by negative index, as the identities write it. */
  function stateIndex(row, rows, D) {
    return row >= rows - D ? row - rows : row;
  }

  /**
   * One box per (layer, direction, time step), last layer on top. Where a direction ends, two bars:
   * its row of h_n (H_out features) and of c_n (H_cell), to scale.
   */
  function diagram(config, result, available) {
    const { D, hOut, rows: rowsTotal } = result.sizes;
    const margin = BAR + 6 + CHAR * `c_n[-${rowsTotal}]`.length + 4;
    const [left, right] = [D === 2 ? margin : 4, margin];
    const fit = Math.floor((available - left - right + GAP_X) / (CELL_W + GAP_X));
    const steps = elide(config.L, Math.max(3, Math.min(7, fit)));
    const layers = elide(config.num_layers, 4).reverse();
    const directions = (layer) => Array.from({ length: D }, (_, d) => ({ layer, d }));
    const rows = layers.flatMap((layer) => (layer === null ? [null] : directions(layer)));
    const pitch = LABEL_H + CELL_H + GAP_Y;
    const top = 8;
    const width = Math.ceil(left + steps.length * (CELL_W + GAP_X) - GAP_X + right);
    const height = top + rows.length * pitch + 2 * LABEL_H + 4;
    const x = (i) => left + i * (CELL_W + GAP_X);
    const y = (r) => top + r * pitch + LABEL_H; // the cells' top; the row's name sits above
    const titleId = "lstm-explorer-diagram-title";
    const root = svg("svg", {
      class: "lstm-explorer__diagram",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-labelledby": titleId,
      "font-size": FONT, // the layout is measured in it
    });
    root.append(svg("title", { id: titleId }, plain("diagram-title")));
    const defs = svg("defs");
    const marker = svg("marker", {
      id: "lstm-explorer-arrow",
      viewBox: "0 0 8 8",
      refX: 7,
      refY: 4,
      markerWidth: 6,
      markerHeight: 6,
      orient: "auto",
    });
    marker.append(svg("path", { d: "M0,0 L8,4 L0,8 z", class: "lstm-explorer__arrowhead" }));
    defs.append(marker);
    root.append(defs);

    const lastLayer = config.num_layers - 1;
    const topRows = rows.filter((row) => row && row.layer === lastLayer).length;
    const frameRight = x(steps.length - 1) + CELL_W + 6;
    const frame = { x: left - 6, y: top - 2, width: frameRight - left + 6, height: topRows * pitch - GAP_Y + 6, rx: 6 };
    root.append(svg("rect", { class: "lstm-explorer__output-frame", ...frame }));
    const bar = (value) => Math.max(2, (BAR * value) / Math.max(hOut, config.hidden_size));

    rows.forEach((row, r) => {
      const middle = y(r) + CELL_H / 2 + FONT * 0.35;
      if (row === null) {
        root.append(svg("text", { class: "lstm-explorer__label", x: left, y: middle }, "⋮"));
        return;
      }
      const forward = row.d === 0;
      const rowName = `${plain("diagram-layer", { n: row.layer })} ${forward ? "→" : "←"}`;
      root.append(svg("text", { class: "lstm-explorer__label", x: left, y: y(r) - 5 }, rowName));
      steps.forEach((step, i) => {
        if (step === null) {
          const at = { class: "lstm-explorer__label", x: x(i) + CELL_W / 2, y: middle, "text-anchor": "middle" };
          root.append(svg("text", at, "…"));
          return;
        }
        const last = forward ? step === config.L - 1 : step === 0;
        let className = "lstm-explorer__cell";
        if (row.layer === lastLayer) className += " lstm-explorer__cell--output";
        if (last) className += " lstm-explorer__cell--final";
        root.append(svg("rect", { class: className, x: x(i), y: y(r), width: CELL_W, height: CELL_H, rx: 4 }));
        if (i + 1 < steps.length) {
          const [from, to] = forward ? [x(i) + CELL_W, x(i + 1)] : [x(i + 1), x(i) + CELL_W];
          const line = { x1: from, y1: y(r) + CELL_H / 2, x2: to, y2: y(r) + CELL_H / 2 };
          const arrow = { class: "lstm-explorer__arrow", ...line, "marker-end": "url(#lstm-explorer-arrow)" };
          root.append(svg("line", arrow));
        }
      });
      // This row's final states sit where its pass ends: right going forward, left going back.
      const k = stateIndex(row.layer * D + row.d, rowsTotal, D);
      const edge = forward ? x(steps.length - 1) + CELL_W + 6 : left - 6;
      const sign = forward ? 1 : -1;
      [
        ["h", `h_n[${k}]`, hOut, y(r) + 5],
        ["c", `c_n[${k}]`, config.hidden_size, y(r) + CELL_H - 11],
      ].forEach(([kind, name, features, top]) => {
        const length = bar(features);
        const barX = forward ? edge : edge - length;
        const className = `lstm-explorer__bar lstm-explorer__bar--${kind}`;
        root.append(svg("rect", { class: className, x: barX, y: top, width: length, height: 6 }));
        const labelX = edge + sign * (BAR + 6);
        const anchor = forward ? "start" : "end";
        const label = { class: "lstm-explorer__state", x: labelX, y: top + 6, "text-anchor": anchor };
        root.append(svg("text", label, name));
      });
    });

    const axisY = y(rows.length - 1) + CELL_H + LABEL_H;
    steps.forEach((step, i) => {
      if (step === null) return;
      const at = { class: "lstm-explorer__label", x: x(i) + CELL_W / 2, y: axisY, "text-anchor": "middle" };
      root.append(svg("text", at, String(step)));
    });
    root.append(svg("text", { class: "lstm-explorer__label", x: left, y: axisY + LABEL_H }, plain("diagram-time")));
    return root;
  }

  function swatch(...shapes) {
    const box = svg("svg", { class: "lstm-explorer__swatch", viewBox: "0 0 32 20", width: 32, height: 20 });
    box.setAttribute("aria-hidden", "true");
    box.append(...shapes);
    return box;
  }

  function legend() {
    const box = { x: 6, y: 3, width: 20, height: 14, rx: 3 };
    const cell = (extra) => svg("rect", { class: `lstm-explorer__cell ${extra}`, ...box });
    const frame = svg("rect", { class: "lstm-explorer__output-frame", x: 1, y: 1, width: 30, height: 18, rx: 3 });
    const bars = [
      svg("rect", { class: "lstm-explorer__bar lstm-explorer__bar--h", x: 2, y: 4, width: 14, height: 5 }),
      svg("rect", { class: "lstm-explorer__bar lstm-explorer__bar--c", x: 2, y: 12, width: 28, height: 5 }),
    ];
    const items = [
      [swatch(frame, cell("lstm-explorer__cell--output")), "legend-output"],
      [swatch(cell("lstm-explorer__cell--final")), "legend-final"],
      [swatch(...bars), "legend-bars"],
      [null, "legend-directions"],
    ];
    const entries = items.map(([mark, key]) => element("li", {}, ...(mark ? [mark, " "] : []), text(key)));
    return element("ul", { class: "lstm-explorer__legend" }, ...entries);
  }

  /** The diagram, its legend, and the sentences that say what it cannot: projection, index equivalence. */
  function diagramFigure(config, result) {
    const available = results.clientWidth || 640;
    const figure = element(
      "figure",
      { class: "lstm-explorer__figure" },
      element("div", { class: "lstm-explorer__scroller" }, diagram(config, result, available)),
      scrollCue(),
      element("figcaption", {}, text("diagram-title")),
    );
    const notes = [];
    if (config.proj_size > 0) {
      const values = { p: config.proj_size, h: config.hidden_size };
      notes.push(element("p", { class: "lstm-explorer__note" }, text("note-projection", values)));
    }
    const rows = result.sizes.rows;
    const equivalence = result.sizes.D === 2 ? "equivalence-two" : "equivalence-one";
    notes.push(element("p", { class: "lstm-explorer__note" }, text(equivalence, { last: rows - 1, second: rows - 2 })));
    return [figure, legend(), ...notes];
  }

  const scrollCue = () => element("p", { class: "lstm-explorer__scroll-cue", hidden: "" }, text("scroll-cue"));

  /** A drawing or table wider than the screen scrolls: say so, and let the keyboard scroll it. */
  function showScrollCue() {
    for (const scroller of results.querySelectorAll(".lstm-explorer__scroller")) {
      const overflows = scroller.scrollWidth > scroller.clientWidth + 1;
      for (const [name, value] of [
        ["tabindex", "0"],
        ["role", "region"],
        ["aria-label", plain("scroll-cue")],
      ]) {
        if (overflows) scroller.setAttribute(name, value);
        else scroller.removeAttribute(name);
      }
      const cue = scroller.nextElementSibling;
      if (cue?.classList.contains("lstm-explorer__scroll-cue")) cue.hidden = !overflows;
    }
  }

  // ---- wiring --------------------------------------------------------------------------------

  const status = document.getElementById("lstm-explorer-status");

  /** What a screen reader announces after a change: the returned shapes, in a few words. */
  function announce(result) {
    const names = ["output", "h_n", "c_n"].filter((name) => result.shapes[name]);
    const summary = names.map((name) => `${name} ${tuple(result.shapes[name])}`).join(", ");
    if (status && status.textContent !== summary) status.textContent = summary;
  }

  function update() {
    const config = readForm();
    announce(render(config));
    remember(config);
  }

  fillForm(fromQuery(location.search));
  update();
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  // Redraw for the width there is (a phone turned, a window resized), not on every pixel.
  let drawnFor = results.clientWidth;
  new ResizeObserver(() => {
    if (Math.abs(results.clientWidth - drawnFor) < 24) return;
    drawnFor = results.clientWidth;
    render(readForm());
  }).observe(results);
})();
