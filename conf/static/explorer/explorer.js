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
  for (const element of document.querySelectorAll("[data-text]")) texts.set(element.dataset.text, element);

  /** A copy of the page's translated text for `key` (may hold <code>/<sub>). */
  function text(key) {
    const source = texts.get(key);
    if (!source) throw new Error(`shape explorer: the page has no text for "${key}"`);
    const span = document.createElement("span");
    span.append(...Array.from(source.childNodes, (node) => node.cloneNode(true)));
    return span;
  }
  const plain = (key, values = {}) => text(key).textContent.replace(/\{(\w+)\}/g, (_, name) => values[name]);

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

  /** The query goes into the address bar and the language switch, so both keep the configuration. */
  function remember(config) {
    const query = `?${toQuery(config)}`;
    history.replaceState(null, "", query + location.hash);
    for (const link of document.querySelectorAll("a.language-switch__link")) {
      const target = new URL(link.getAttribute("href"), location.href);
      target.search = query;
      link.href = target.href;
    }
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
    return element(
      "table",
      { class: "lstm-explorer__shapes" },
      element("thead", {}, head),
      element("tbody", {}, ...body),
    );
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
    return element(
      "section",
      { class: `lstm-explorer__section lstm-explorer__${headingKey}` },
      element("h3", {}, text(headingKey)),
      ...content,
    );
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
    parts.push(section("heading-code", element("pre", { class: "lstm-explorer__code" }, code(result.code))));
    if (result.error) {
      const stage = result.stage === "construct" ? "error-construct" : "error-call";
      parts.push(
        element(
          "div",
          { class: "lstm-explorer__error", role: "alert" },
          element("p", {}, text(stage)),
          element("pre", {}, code(result.error)),
        ),
      );
    }
    parts.push(section("heading-shapes", shapesTable(config, result.shapes)));
    if (!result.error) {
      parts.push(section("heading-identities", equalities(result.identities, "True", "lstm-explorer__identities")));
      if (result.traps.length)
        parts.push(section("heading-traps", equalities(result.traps, "False", "lstm-explorer__traps")));
      parts.push(section("heading-diagram", diagram(config, result)));
    }
    results.replaceChildren(...parts);
    return result;
  }

  // ---- diagram -------------------------------------------------------------------------------

  function svg(tag, attributes = {}, content) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (content !== undefined) node.textContent = content;
    return node;
  }

  /** One box per (layer, direction, time step), last layer on top; h_n rows named at their last step. */
  function diagram(config, result) {
    const { D } = result.sizes;
    const [cellWidth, cellHeight, gapX, gapY] = [46, 24, 22, 14];
    const [left, right, top, bottom] = [170, 96, 34, 44];
    const steps = elide(config.L, 7);
    const layers = elide(config.num_layers, 4).reverse();
    const rows = layers.flatMap((layer) =>
      layer === null ? [null] : Array.from({ length: D }, (_, d) => ({ layer, d })),
    );
    const width = left + steps.length * (cellWidth + gapX) - gapX + right;
    const height = top + rows.length * (cellHeight + gapY) - gapY + bottom;
    const x = (i) => left + i * (cellWidth + gapX);
    const y = (r) => top + r * (cellHeight + gapY);
    const titleId = "lstm-explorer-diagram-title";
    const root = svg("svg", {
      class: "lstm-explorer__diagram",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-labelledby": titleId,
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
    // The output frame: every time step of the last layer, both directions side by side.
    root.append(
      svg("rect", {
        class: "lstm-explorer__output-frame",
        x: left - 6,
        y: top - 6,
        width: x(steps.length - 1) + cellWidth - left + 12,
        height: topRows * (cellHeight + gapY) - gapY + 12,
        rx: 6,
      }),
      svg("text", { class: "lstm-explorer__label", x: left - 6, y: top - 12 }, plain("diagram-output")),
    );

    rows.forEach((row, r) => {
      if (row === null) {
        root.append(
          svg(
            "text",
            { class: "lstm-explorer__label", x: left - 10, y: y(r) + cellHeight * 0.7, "text-anchor": "end" },
            "⋮",
          ),
        );
        return;
      }
      const forward = row.d === 0;
      const hRow = row.layer * D + row.d;
      const rowName = `${plain("diagram-layer", { n: row.layer })} ${forward ? "→" : "←"}`;
      root.append(svg("text", { class: "lstm-explorer__label", x: 4, y: y(r) + cellHeight * 0.7 }, rowName));
      steps.forEach((step, i) => {
        if (step === null) {
          root.append(
            svg(
              "text",
              {
                class: "lstm-explorer__label",
                x: x(i) + cellWidth / 2,
                y: y(r) + cellHeight * 0.7,
                "text-anchor": "middle",
              },
              "…",
            ),
          );
          return;
        }
        const last = forward ? step === config.L - 1 : step === 0;
        const className = `lstm-explorer__cell${last ? " lstm-explorer__cell--final" : ""}${row.layer === lastLayer ? " lstm-explorer__cell--output" : ""}`;
        root.append(svg("rect", { class: className, x: x(i), y: y(r), width: cellWidth, height: cellHeight, rx: 4 }));
        if (i + 1 < steps.length) {
          const [from, to] = forward ? [x(i) + cellWidth, x(i + 1)] : [x(i + 1), x(i) + cellWidth];
          root.append(
            svg("line", {
              class: "lstm-explorer__arrow",
              x1: from,
              y1: y(r) + cellHeight / 2,
              x2: to,
              y2: y(r) + cellHeight / 2,
              "marker-end": "url(#lstm-explorer-arrow)",
            }),
          );
        }
      });
      // h_n[k] is the state where this row's pass ends: right end going forward, left end going back.
      const rowsTotal = D * config.num_layers;
      const name = row.layer === lastLayer ? `h_n[${hRow - rowsTotal}]` : `h_n[${hRow}]`;
      const labelX = forward ? x(steps.length - 1) + cellWidth + 6 : left - 8;
      root.append(
        svg(
          "text",
          {
            class: "lstm-explorer__state",
            x: labelX,
            y: y(r) + cellHeight * 0.7,
            "text-anchor": forward ? "start" : "end",
          },
          name,
        ),
      );
    });

    const axisY = y(rows.length - 1) + cellHeight + 18;
    steps.forEach((step, i) => {
      if (step !== null)
        root.append(
          svg(
            "text",
            { class: "lstm-explorer__label", x: x(i) + cellWidth / 2, y: axisY, "text-anchor": "middle" },
            String(step),
          ),
        );
    });
    root.append(svg("text", { class: "lstm-explorer__label", x: 4, y: axisY }, plain("diagram-time")));
    root.append(
      svg(
        "text",
        { class: "lstm-explorer__label", x: 4, y: axisY + 18 },
        `${plain("diagram-input")}: ${tuple(result.shapes.input)}`,
      ),
    );
    return element(
      "figure",
      { class: "lstm-explorer__figure" },
      root,
      element("figcaption", {}, text("diagram-title")),
    );
  }

  // ---- wiring --------------------------------------------------------------------------------

  function update() {
    const config = readForm();
    render(config);
    remember(config);
  }

  fillForm(fromQuery(location.search));
  update();
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
})();
