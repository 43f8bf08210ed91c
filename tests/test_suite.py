"""The test suite's own rules (tests/conftest.py): a test module imports helpers, never another test module."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of every absolute import, those inside functions included."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_no_module_of_the_tests_imports_a_test_module():
    test_modules = {path.stem for path in TESTS.glob("test_*.py")}
    found = [
        f"{path.name}:{line}: {module}"
        for path in sorted(TESTS.glob("*.py"))
        for line, module in imported(ast.parse(path.read_text(encoding="utf-8")))
        if module.split(".")[0] in test_modules
    ]
    assert not found, "move what they share into a helper module (tests/*.py not named test_*):\n" + "\n".join(found)
