"""axe-core (npm, pinned in package.json) run inside a page: serious and critical WCAG 2.1 A/AA violations."""

from built import ROOT, require

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
GRAVE = ("serious", "critical")
# The rules of RULE_TAGS that read colours: all that can change when only the colour scheme does.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
RUN_AXE = """async (only) => {
  const result = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                                        targets: v.nodes.map((n) => n.target.join(" "))}));
}"""


def grave_violations(page, where: str, colours_only: bool = False) -> list[str]:
    """One line per serious or critical violation on the page as it is now: where, rule, element.

    ``colours_only``: only the rules that read colours (the page was checked in full in another scheme).
    """
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(require(AXE)))
    found = []
    only = {"type": "rule", "values": COLOUR_RULES} if colours_only else {"type": "tag", "values": RULE_TAGS}
    for violation in page.evaluate(RUN_AXE, only):
        if violation["impact"] in GRAVE:
            for target in violation["targets"]:
                found.append(f"{where}: {violation['id']} ({violation['impact']}, {violation['help']}): {target}")
    return found
