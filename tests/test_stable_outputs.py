"""Rebuilds that are fast and give the same bytes: fixed zip timestamps, compiled templates kept."""

import shutil
import zipfile

import jinja2

from lstmdocs.build.stable_zips import stabilise
from lstmdocs.build.template_cache import FOLDER


def test_example_zips_get_fixed_timestamps(tmp_path):
    example = tmp_path / "plot_x.zip"
    with zipfile.ZipFile(example, "w") as archive:
        archive.writestr(zipfile.ZipInfo("plot_x.py", date_time=(2026, 11, 27, 10, 57, 26)), "print(1)\n")
    when = (2026, 1, 1, 0, 0, 0)
    assert stabilise(example, when) is True
    first = example.read_bytes()
    assert stabilise(example, when) is False  # already stable: left alone
    with zipfile.ZipFile(example) as archive:
        assert [(i.filename, i.date_time) for i in archive.infolist()] == [("plot_x.py", when)]
        assert archive.read("plot_x.py") == b"print(1)\n"
    assert example.read_bytes() == first


def _compiled_templates(monkeypatch) -> list[str]:
    """Names of the templates Jinja compiles from source from now on."""
    compiled = []
    compile_source = jinja2.Environment._compile

    def counting(self, source, filename):
        compiled.append(filename)
        return compile_source(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counting)
    return compiled


def test_templates_are_compiled_once_across_builds(make_app, rootdir, tmp_path, monkeypatch):
    srcdir = tmp_path / "template-cache"
    shutil.copytree(rootdir / "test-template-cache", srcdir)
    compiled = _compiled_templates(monkeypatch)
    make_app("html", srcdir=srcdir).build(force_all=True)
    assert any(name.endswith("layout.html") for name in compiled)
    assert list((srcdir / "_build" / "doctrees" / FOLDER).iterdir())

    compiled.clear()
    make_app("html", srcdir=srcdir).build(force_all=True)  # a new process-like app: only the cache remains
    assert [name for name in compiled if name.endswith(".html")] == []

    layout = srcdir / "_templates" / "layout.html"
    layout.write_text(layout.read_text().replace("first version", "second version"))
    make_app("html", srcdir=srcdir).build(force_all=True)
    assert any(name.endswith("layout.html") for name in compiled)
    assert "second version" in (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
