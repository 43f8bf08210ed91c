"""A change to this site's extensions reads and writes every page again.

Sphinx reads again only the pages whose source changed, and writes those and the
pages that list them: after an edit to an extension's code (a directive, a
translator, a transform), an incremental build kept the pages the old code made.
Sphinx starts from a fresh environment when an extension's ``env_version``
changes; this one's is a digest of the code in ``conf/lstmdocs/``. Examples and
notebooks do not run again (their caches are their own; ``lstmdocs.running.gallery_rerun``
handles the gallery's hooks).
"""

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from lstmdocs import PACKAGE

CODE = PACKAGE
SUFFIXES = (".py", ".cjs")


def code_digest(folder: Path = CODE) -> int:
    """A positive int that changes with any code file of ``folder`` (Sphinx compares ints)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return int(digest.hexdigest()[:12], 16) or 1


def setup(app: Sphinx) -> dict:
    return {"env_version": code_digest(), "parallel_read_safe": True, "parallel_write_safe": True}
