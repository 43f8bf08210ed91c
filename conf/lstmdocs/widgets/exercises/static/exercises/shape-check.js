/* The lessons' shape questions (conf/lstmdocs/widgets/exercises): the reader types a shape,
 * and the shape explorer's model (explorer/lstm-shapes.js, loaded first) says whether it is
 * what nn.LSTM returns for the question's code, whose configuration the build wrote into
 * data-config. No answer is written into the page: the model computes it.
 *
 * The words are the question's own paragraphs (lstm-shape-check__<key>), translated with the
 * page; without this script they stay hidden, and the answer is in the folded section.
 * A classic script; under node a CommonJS module (tests/js/shape-check.test.js).
 */
((root, factory) => {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else api.attachAll(root.document, root.LstmShapes);
})(typeof self !== "undefined" ? self : this, () => {
  "use strict";

  /** Full-width digits, commas and brackets (a Chinese keyboard's) as their ASCII twins. */
  function halfWidth(text) {
    return String(text)
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[、，]/g, ",");
  }

  /**
   * A shape as readers write it: "(2, 5, 3)", "2,5,3", "2 5 3", "[2, 5, 3]", "torch.Size([2, 5, 3])",
   * "(3,)", "（2，5，3）"; null when it is not one (a word, an empty part, a negative size).
   */
  function parseShape(text) {
    let inner = halfWidth(text).trim();
    const size = /^torch\.Size\s*\(\s*(.*)\)$/s.exec(inner);
    if (size) inner = size[1].trim();
    const bracketed = /^[([](.*)[)\]]$/s.exec(inner);
    if (bracketed) inner = bracketed[1].trim();
    inner = inner.replace(/,\s*$/, ""); // (3,) is Python's one-element tuple
    if (inner === "") return null;
    const parts = inner.split(/\s*,\s*|\s+/);
    if (!parts.every((part) => /^\d{1,9}$/.test(part))) return null;
    return parts.map(Number);
  }

  function pythonTuple(shape) {
    return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  }

  /** {verdict: "right" | "wrong" | "unreadable", shape: the reader's shape as a tuple, or null}. */
  function judge(text, expected) {
    const shape = parseShape(text);
    if (shape === null) return { verdict: "unreadable", shape: null };
    const right = shape.length === expected.length && shape.every((size, axis) => size === expected[axis]);
    return { verdict: right ? "right" : "wrong", shape: pythonTuple(shape) };
  }

  /** The expected shape of the box's tensor for its configuration, by the explorer's model; null if none. */
  function expectedShape(box, LstmShapes) {
    const result = LstmShapes.explore(LstmShapes.fromQuery(box.dataset.config));
    if (result.error || result.invalid.length) return null;
    return result.shapes[box.dataset.tensor] || null;
  }

  function attach(box, LstmShapes) {
    const expected = expectedShape(box, LstmShapes);
    if (!expected) return; // stays hidden: the folded answer is all the reader gets
    const words = {};
    for (const key of ["label", "check", "right", "wrong", "unreadable"]) {
      const paragraph = box.querySelector(`.lstm-shape-check__${key}`);
      if (!paragraph) throw new Error(`shape check ${box.id}: the page has no text for "${key}"`);
      words[key] = paragraph.innerHTML.trim(); // the page's own HTML: code stays code
    }
    const document = box.ownerDocument;
    const form = document.createElement("form");
    const label = document.createElement("label");
    const input = document.createElement("input");
    const button = document.createElement("button");
    const status = document.createElement("p");
    input.id = `${box.id}-answer`;
    status.id = `${box.id}-status`;
    label.htmlFor = input.id;
    label.innerHTML = words.label;
    Object.assign(input, { type: "text", autocomplete: "off", spellcheck: false, placeholder: "(…, …)" });
    input.setAttribute("autocapitalize", "off");
    input.setAttribute("aria-describedby", status.id);
    button.type = "submit";
    button.innerHTML = words.check;
    status.className = "lstm-shape-check__status";
    status.setAttribute("role", "status"); // a live region: the verdict is read out when it changes
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const { verdict, shape } = judge(input.value, expected);
      status.innerHTML = words[verdict].replaceAll("{shape}", shape || "");
      status.dataset.verdict = verdict;
      input.setAttribute("aria-invalid", String(verdict !== "right"));
    });
    form.append(label, input, button, status);
    for (const paragraph of box.querySelectorAll("[class*='lstm-shape-check__']")) paragraph.hidden = true;
    box.append(form);
    box.classList.add("lstm-shape-check--ready");
  }

  function attachAll(document, LstmShapes) {
    if (!document || !LstmShapes) return;
    for (const box of document.querySelectorAll(".lstm-shape-check[data-config]")) attach(box, LstmShapes);
  }

  return { parseShape, judge, pythonTuple, attachAll };
});
