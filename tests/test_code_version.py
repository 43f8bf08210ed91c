"""lstmdocs.build.code_version: the environment version Sphinx compares changes with the extensions' code, and only with it."""

from lstmdocs.build.code_version import code_digest


def test_the_version_follows_the_code_and_nothing_else(tmp_path):
    (tmp_path / "directive.py").write_text("def run(): return []\n")
    (tmp_path / "render.cjs").write_text("process.stdout.write('')\n")
    first = code_digest(tmp_path)
    assert first == code_digest(tmp_path) and first > 0
    (tmp_path / "notes.txt").write_text("not code")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "directive.cpython-311.pyc").write_bytes(b"\0")
    assert code_digest(tmp_path) == first
    (tmp_path / "directive.py").write_text("def run(): return [None]\n")
    assert code_digest(tmp_path) != first
