// What sphinx-copybutton's button puts on the clipboard, computed by the site's own copy of its code.
// Usage: node tools/copy_button.cjs SITE_LANGUAGE_DIR/_static/copybutton.js < texts.json > copied.json
// Runs the formatCopyText function of the built copybutton.js with the arguments the site passes it
// (the prompt regex and options from conf.py), on each block's text (its pre's text without the
// excluded elements, which tools/copied_code.py reads with the excluded selector of the same file).
"use strict";

const fs = require("node:fs");
const vm = require("node:vm");

const script = fs.readFileSync(process.argv[2], "utf8");
const start = script.indexOf("function escapeRegExp");
const end = script.indexOf("var copyTargetText");
const call = script.match(/return (formatCopyText\(text, .*\))\n/);
if (start < 0 || end < start || !call) {
  throw new Error(`${process.argv[2]}: not the copybutton.js this program reads (sphinx-copybutton changed?)`);
}
const context = vm.createContext({ texts: JSON.parse(fs.readFileSync(0, "utf8")) });
vm.runInContext(script.slice(start, end), context);
process.stdout.write(JSON.stringify(vm.runInContext(`texts.map((text) => ${call[1]})`, context)));
