"""Code runs once: a rebuild with nothing changed executes no example and no notebook."""

import pytest

from built import LANGUAGES, require, sphinx_build
from tools.build_site import html_dir

# Both rebuild or read _build/html: one worker runs them one after the other (pytest -n, --dist loadgroup).
pytestmark = [pytest.mark.xdist_group("_build/html"), pytest.mark.usefixtures("built_site")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_rebuild_without_changes_executes_nothing(language):
    log = sphinx_build(language, require(html_dir(language) / "index.html").parent)
    assert "successfully executed 0 out of 0 file" in log, log
    assert "no targets are out of date" in log, log
