"""axe-core (npm, pinned in package.json) run inside a page: serious and critical WCAG 2.1 A/AA violations."""

from built import ROOT, require

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
GRAVE = ("serious", "critical")
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                                        targets: v.nodes.map((n) => n.target.join(" "))}));
}"""


def grave_violations(page, where: str) -> list[str]:
    """One line per serious or critical violation on the page as it is now: where, rule, element."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(require(AXE)))
    found = []
    for violation in page.evaluate(RUN_AXE, RULE_TAGS):
        if violation["impact"] in GRAVE:
            for target in violation["targets"]:
                found.append(f"{where}: {violation['id']} ({violation['impact']}, {violation['help']}): {target}")
    return found
