"""Give sphinx-gallery's per-example zip downloads fixed timestamps.

A zip stores each file's modification time, and sphinx-gallery zips the files it
has just written: two cold builds gave different ``plot_*.zip`` bytes. Entries are
rewritten with one fixed date (not the commit's: a new commit alone would change
every zip), and only zips that need it, so an unchanged zip keeps its mtime and does
not make its page out of date.
"""

import zipfile
from pathlib import Path

from sphinx.application import Sphinx

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can store


def stabilise(path: Path, when: tuple[int, ...]) -> bool:
    """Rewrite ``path`` with every entry dated ``when``; return whether it had to."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    if all(info.date_time == when for info, _ in entries):
        return False
    rewritten = path.with_name(path.name + ".stable")
    with zipfile.ZipFile(rewritten, "w") as archive:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type, fixed.external_attr = info.compress_type, info.external_attr
            archive.writestr(fixed, data)
    rewritten.replace(path)
    return True


def _stabilise_gallery(app: Sphinx) -> None:
    conf = getattr(app.config, "sphinx_gallery_conf", {}) or {}
    dirs = conf.get("gallery_dirs", [])
    for gallery in [dirs] if isinstance(dirs, str) else dirs:
        for path in sorted(Path(app.srcdir, gallery).rglob("*.zip")):
            stabilise(path, ZIP_EPOCH)


def setup(app: Sphinx) -> dict:
    # After sphinx-gallery has generated (and zipped) the examples, at the default 500.
    app.connect("builder-inited", _stabilise_gallery, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
