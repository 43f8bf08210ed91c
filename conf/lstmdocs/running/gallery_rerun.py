"""Run every gallery example again when the hooks that shape their output change.

sphinx-gallery runs an example again only when the MD5 of the example's own file
changes (``docs/gallery/<example>.py.md5``). The resetter and scraper of
``lstmdocs.running.gallery`` and the device choice of ``lstmdocs.running.device`` shape every
example's page too (figure format and container, device, threads): after a change
to them, an incremental build kept pages made by the old hooks. This extension
keeps the MD5 of those files in ``docs/gallery/hooks.md5``; when it differs, it
removes the examples' MD5 files before sphinx-gallery reads them, so every example
runs again.
"""

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from lstmdocs.running import device, gallery

HOOKS = (Path(gallery.__file__), Path(device.__file__))
STAMP = "hooks.md5"


def hooks_md5(hooks: tuple[Path, ...] = HOOKS) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    for path in hooks:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def forget_runs_of_other_hooks(gallery_dir: Path, hooks: tuple[Path, ...] = HOOKS) -> bool:
    """Remove the examples' MD5 files unless they were made with these hooks; True if removed."""
    stamp = gallery_dir / STAMP
    current = hooks_md5(hooks)
    if stamp.is_file() and stamp.read_text(encoding="ascii") == current:
        return False
    for md5 in gallery_dir.glob("*.py.md5"):
        md5.unlink()
    gallery_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current, encoding="ascii")
    return True


def _forget(app: Sphinx) -> None:
    gallery_dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    for gallery_dir in [gallery_dirs] if isinstance(gallery_dirs, str) else gallery_dirs:
        forget_runs_of_other_hooks(Path(app.srcdir, gallery_dir))  # an absolute gallery_dir stays as it is


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _forget, priority=400)  # before sphinx-gallery runs the examples (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
