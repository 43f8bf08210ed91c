// Render TeX to MathML with temml, for conf/lstmdocs/html/mathml.py.
// stdin: JSON [[tex, display], ...]; stdout: JSON [{mathml} | {error}, ...] in the same order.
const temml = require("temml");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(([tex, display]) => {
    try {
      return { mathml: temml.renderToString(tex, { displayMode: display, throwOnError: true }) };
    } catch (error) {
      return { error: error.message };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
