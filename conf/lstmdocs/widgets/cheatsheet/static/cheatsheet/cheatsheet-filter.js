/* The cheat sheet's filter by arguments (docs/reference/cheatsheet.md): one menu per
 * argument of nn.LSTM; rows of every table that do not match are hidden. A row's
 * configuration is in its first cell's classes (lstm-cs-<argument>-<value>, written by
 * conf/lstmdocs/widgets/cheatsheet/__init__.py); the words are the page's own translated paragraphs.
 */
(() => {
  "use strict";
  const box = document.querySelector(".lstm-cheatsheet-filter");
  const rows = Array.from(document.querySelectorAll("table.lstm-cheatsheet tbody tr"));
  if (!box || rows.length === 0) return;
  const ARGUMENTS = {
    batch_first: ["True", "False"],
    num_layers: ["1", "2"],
    bidirectional: ["True", "False"],
    proj_size: ["0", "P"],
  };

  function words(key) {
    const paragraph = box.querySelector(`.lstm-cheatsheet-filter__${key}`);
    if (!paragraph) throw new Error(`cheat sheet filter: the page has no text for "${key}"`);
    return paragraph.textContent.trim();
  }
  const legendText = words("legend");
  const anyText = words("any");
  const countText = words("count");

  function configuration(row) {
    const found = {};
    for (const name of row.cells[0].classList) {
      const match = /^lstm-cs-(.+)-([^-]+)$/.exec(name);
      if (match) found[match[1]] = match[2];
    }
    return found;
  }
  const configurations = new Map(rows.map((row) => [row, configuration(row)]));

  const form = document.createElement("form");
  form.className = "lstm-cheatsheet-filter__form";
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = legendText;
  fieldset.append(legend);
  for (const [name, values] of Object.entries(ARGUMENTS)) {
    const label = document.createElement("label");
    const code = document.createElement("code");
    code.textContent = name;
    const select = document.createElement("select");
    select.name = name;
    select.append(new Option(anyText, ""));
    for (const value of values) select.append(new Option(value, value.toLowerCase()));
    label.append(code, " ", select);
    fieldset.append(label);
  }
  const status = document.createElement("p");
  status.className = "lstm-cheatsheet-filter__status";
  status.setAttribute("role", "status");
  form.append(fieldset, status);

  function apply() {
    const chosen = Object.fromEntries(new FormData(form));
    let shown = 0;
    for (const [row, values] of configurations) {
      const matches = Object.entries(chosen).every(([name, value]) => value === "" || values[name] === value);
      row.hidden = !matches;
      if (matches) shown += 1;
    }
    status.textContent = countText.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  box.replaceChildren(form);
  box.classList.add("lstm-cheatsheet-filter--ready");
  apply();
})();
