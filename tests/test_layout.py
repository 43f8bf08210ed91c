"""The extensions' layout: groups by job, wired from conf.py, with no import cycle.

What a newcomer relies on when entering ``conf/lstmdocs/``: every module sits in a group,
every extension is loaded through its group's ``MEMBERS`` (an extension added but never
wired would silently do nothing), conf.py lists the groups, and modules import one another
in one direction only.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "conf" / "lstmdocs"
MAX_OWN_EXTENSIONS_IN_CONF = 10  # this site's entries; there were 29 before the groups


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def conf_extensions() -> list[str]:
    tree = ast.parse((ROOT / "conf" / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "extensions" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("conf/conf.py assigns no `extensions` list")


def imports_of(name: str) -> set[str]:
    """The lstmdocs modules a module imports (``from lstmdocs.x import y`` counts y when y is a module)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    # Importing lstmdocs.a.b runs lstmdocs/__init__ and lstmdocs/a/__init__ too, but those only wire
    # members by name (setup_extension), which is not an import: count the module itself.
    return {module for module in found if module in MODULES and module != name}


def loaded_extensions(name: str) -> set[str]:
    """What a module's setup() loads: its group's MEMBERS, or app.setup_extension("...") calls."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    loaded = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "MEMBERS" for t in node.targets):
            loaded |= {f"{name}.{member}" for member in ast.literal_eval(node.value)}
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "setup_extension":
            argument = node.args[0]
            if isinstance(argument, ast.Constant):
                loaded.add(argument.value)
    return loaded


def has_setup(name: str) -> bool:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    return any(isinstance(node, ast.FunctionDef) and node.name == "setup" for node in tree.body)


def test_every_module_lives_in_a_group():
    loose = sorted(path.name for path in PACKAGE.iterdir() if path.is_file() and path.name != "__init__.py")
    assert not loose, f"conf/lstmdocs/ holds modules outside its groups: {loose}; give each a subpackage"


def test_conf_lists_the_groups_not_their_members():
    ours = [name for name in conf_extensions() if name.split(".")[0] == "lstmdocs"]
    assert len(ours) <= MAX_OWN_EXTENSIONS_IN_CONF, f"conf.py lists {len(ours)} of this site's extensions: {ours}"
    members = [name for name in ours if name.count(".") != 1]
    assert not members, f"conf.py should list groups (lstmdocs.<group>), not their members: {members}"


THIRD_PARTY = {"sphinxext.opengraph", "sphinx_markdown_builder"}  # loaded by a member, not ours to check


def test_every_extension_is_loaded_from_conf():
    """An extension (a module with setup()) that nothing loads would silently do nothing."""
    reached, todo = set(), [name for name in conf_extensions() if name in MODULES]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo += sorted(loaded_extensions(name) - reached - THIRD_PARTY)
    unknown = sorted(name for name in reached if name not in MODULES)
    assert not unknown, f"MEMBERS or setup_extension name modules that do not exist: {unknown}"
    orphans = sorted(name for name in MODULES if has_setup(name) and name not in reached)
    assert not orphans, f"extensions that conf.py never loads (add them to their group's MEMBERS): {orphans}"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle():
    graph = {name: imports_of(name) for name in MODULES}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None
