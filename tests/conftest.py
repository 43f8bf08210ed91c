"""The tests, sorted by kind; the kind of each test follows from the fixtures it uses.

- ``browser``: drives Chromium through Playwright (the ``page``, ``browser`` or ``site_url``
  fixture, or a fixture made from one, such as a module's shared page);
- ``built``: reads the built site or anything else under ``_build/`` (the ``built_site`` fixture,
  in tests/built.py; `built.require` refuses to read the build for any other test);
- ``unit``: everything else, which needs no build: `nox -s unit` runs these alone.

The markers are registered in pytest.toml and added here, to every test, and nowhere else.
The collection stops on a test marked by hand with another kind than its fixtures give, and on
a unit test whose own code names what points into _build/ (tests/built.py's SITE, require, pages ...).

The modules beside the tests that are not named ``test_*.py`` are the helpers the tests
share (the built site, the browser, axe-core, the explainer's traces ...); a test module
imports helpers, never another test module (tests/test_suite.py checks it).
"""

import sys
import types
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path[:0] = [str(TESTS), str(ROOT), str(ROOT / "conf")]  # helpers, tools/, lstmdocs

# built: the built_site fixture; browser: the browser, page and site_url fixtures
pytest_plugins = ["sphinx.testing.fixtures", "built", "browser"]

KINDS = ("unit", "built", "browser")
BROWSER_FIXTURES = {"browser", "page", "site_url"}
BUILT_FIXTURES = {"built_site"}


def names_the_build(function) -> str:
    """The first name in a test's own code (nested functions too) that is tests/built.py's way into _build/."""
    import built

    readers = (built.BUILD, built.SITE, built.GETTEXT, built.LOGS, built.require, built.pages, built.sphinx_build)
    codes = [function.__code__]
    while codes:
        code = codes.pop()
        codes += [const for const in code.co_consts if isinstance(const, types.CodeType)]
        for name in code.co_names:
            if any(function.__globals__.get(name) is reader for reader in readers):
                return name
    return ""


def parametrized(item: pytest.Item) -> set[str]:
    """The arguments that @pytest.mark.parametrize gives values directly: not fixtures, whatever their name
    (the pages of an edition are parametrized as ``page``)."""
    names = set()
    for mark in item.iter_markers("parametrize"):
        argnames = mark.args[0] if mark.args else mark.kwargs["argnames"]
        argnames = [name.strip() for name in argnames.split(",")] if isinstance(argnames, str) else list(argnames)
        indirect = mark.kwargs.get("indirect", False)
        names |= {name for name in argnames if not (indirect is True or (indirect and name in indirect))}
    return names


def kind(item: pytest.Item) -> str:
    """What a test needs, from the fixtures it uses, those its fixtures use included."""
    fixtures = set(getattr(item, "fixturenames", ())) - parametrized(item)
    if fixtures & BROWSER_FIXTURES:
        return "browser"
    if fixtures & BUILT_FIXTURES:
        return "built"
    return "unit"


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    contradictions = []
    for item in items:
        found = kind(item)
        marked = {mark.name for mark in item.iter_markers() if mark.name in KINDS}
        if marked - {found}:
            contradictions.append(
                f"{item.nodeid}: marked {' and '.join(sorted(marked))}, but its fixtures make it {found}"
            )
        elif found == "unit" and (name := names_the_build(getattr(item, "function", lambda: None))):
            contradictions.append(f"{item.nodeid}: reads the build ({name}), but does not ask for built_site")
        item.add_marker(found)
    if contradictions:
        raise pytest.UsageError(
            "The kind of a test follows from its fixtures (tests/conftest.py): leave out the marker, "
            "or use the fixture that kind needs (built_site; page, browser or site_url).\n" + "\n".join(contradictions)
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    import built  # a plugin (above): imported by then

    built.running = (item.nodeid, kind(item))
    try:
        return (yield)
    finally:
        built.running = None


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture(autouse=True)
def one_torch_thread(request):
    """A unit test runs torch on tiny tensors, a pytest worker to a core: on one thread, as the build
    runs the examples (conf/lstmdocs/running/gallery.py). Two threads only spin on a shared core,
    which tripled the CPU time of the fast lane's torch-heavy tests."""
    if request.node.get_closest_marker("unit") is None:
        yield
        return
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(autouse=True)
def pristine_source_suffix():
    """Sphinx adds an extension's source suffixes to ``config.source_suffix`` in place, and a
    project that does not set it shares Sphinx's default dict: after one test app with myst-nb,
    every later app in the process would map ``.md`` to a parser it never loaded."""
    from sphinx.config import Config

    default = Config.config_values["source_suffix"].default
    saved = dict(default)
    yield
    default.clear()
    default.update(saved)
