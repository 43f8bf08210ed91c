"""lstmdocs.running.page_doctests: a wrong doctest fails the build, naming the page and the line."""

import json

import pytest

from lstmdocs.running.page_doctests import PASSED_FILE


@pytest.mark.sphinx("html", testroot="page-doctests", freshenv=True)
def test_a_wrong_doctest_fails_the_build_at_its_line(app, warning):
    app.build()
    errors = warning.getvalue()
    assert "wrong.md:12: ERROR: a doctest or code block of this page failed" in errors, errors
    assert "Expected:\n    3\nGot:\n    1" in errors, errors
    assert errors.count("ERROR") == 1, errors  # the page without doctests ran nothing
    record = json.loads((app.doctreedir.parent / PASSED_FILE).read_text(encoding="utf-8"))
    assert record["failed"] == ["wrong"] and record["passed"] == []
    warning.truncate(0)
    warning.seek(0)
    app.build()  # Sphinx kept the page's doctree, yet the failed page is read and run again
    assert "wrong.md:12: ERROR" in warning.getvalue()


@pytest.mark.sphinx("html", testroot="page-doctests", freshenv=True)
def test_a_failed_page_runs_again_and_a_passed_one_does_not(app, warning, monkeypatch):
    app.build()
    wrong = app.srcdir / "wrong.md"
    wrong.write_text(wrong.read_text(encoding="utf-8").replace(">>> x[0]\n3", ">>> x[0]\n1"), encoding="utf-8")
    app.build()  # only the edited page is read, and its doctests pass now
    record = json.loads((app.doctreedir.parent / PASSED_FILE).read_text(encoding="utf-8"))
    assert record["failed"] == [] and len(record["passed"]) == 1
    warning.truncate(0)
    warning.seek(0)
    from lstmdocs.running import page_doctests

    monkeypatch.setattr(page_doctests, "run_page_alone", lambda path: pytest.fail(f"{path} ran again"))
    app.env.all_docs.pop("wrong")  # read it again, with the text that already passed
    app.build()
    assert "ERROR" not in warning.getvalue()


@pytest.mark.sphinx("html", testroot="page-doctests", freshenv=True)
def test_a_failing_code_block_names_its_line(app, warning):
    wrong = app.srcdir / "wrong.md"
    wrong.write_text(
        "# Broken\n\n```{code-cell} python\nx = 1\nundefined_name\n```\n\n```pycon\n>>> x\n1\n```\n", encoding="utf-8"
    )
    app.build()
    errors = warning.getvalue()
    assert "wrong.md:5: ERROR" in errors and "NameError: name 'undefined_name' is not defined" in errors, errors
