"""Give every page a "Report a problem with this page" link and an "Edit this page" link.

Both point into the site's repository, so they appear only when its address is
configured (``page_feedback_repository``, which ``conf.py`` reads from ``REPO_URL``);
without it a page has neither, rather than a broken one.

- The report link opens a new GitHub issue, prefilled with the page's path and
  language, the PyTorch version and device the build used (``lstmdocs.running.device``) and a
  short template in the page's language (``page-feedback-issue-*.html``).
- The edit link leads to what a fix changes: the English source (a gallery page's
  example script, not its generated reST), or on a translated page that page's ``.po``.

The links are rendered by ``page-feedback.html`` at the end of the page's body.
"""

import os
from pathlib import Path
from urllib.parse import urlencode

from sphinx.application import Sphinx
from sphinx.config import Config

from lstmdocs import add_template_folder
from lstmdocs.i18n.catalogues import catalogue_of
from lstmdocs.running import device

TEMPLATES = Path(__file__).resolve().parent / "templates"
GALLERY_HEADERS = ("GALLERY_HEADER.rst", "README.rst", "README.txt")


def _gallery_dirs(config: Config, srcdir: Path) -> list[tuple[Path, Path]]:
    """(generated folder, example scripts' folder) pairs of sphinx-gallery, if it is used."""
    gallery = getattr(config, "sphinx_gallery_conf", None) or {}
    examples, generated = gallery.get("examples_dirs", []), gallery.get("gallery_dirs", [])
    examples = [examples] if isinstance(examples, str) else examples
    generated = [generated] if isinstance(generated, str) else generated
    return [(srcdir / out, srcdir / src) for src, out in zip(examples, generated, strict=False)]


def english_source(app: Sphinx, pagename: str) -> Path:
    """The file an English fix changes: a generated gallery page maps to its example script."""
    source = Path(app.env.doc2path(pagename))
    for generated, examples in _gallery_dirs(app.config, Path(app.srcdir)):
        if source.is_relative_to(generated):
            relative = source.relative_to(generated)
            if relative.stem == "index":
                headers = [examples / relative.parent / name for name in GALLERY_HEADERS]
                return next((header for header in headers if header.is_file()), source)
            script = (examples / relative).with_suffix(".py")
            return script if script.is_file() else source
    return source


def edited_file(app: Sphinx, pagename: str) -> Path:
    """The English source, or on a translated page its catalogue (one .po per page)."""
    catalogue = catalogue_of(app, pagename) if app.config.language != "en" else None
    return catalogue or english_source(app, pagename)


def _links(app: Sphinx, pagename: str) -> dict[str, str]:
    config = app.config
    repository = config.page_feedback_repository.rstrip("/")
    root = Path(config.page_feedback_root)
    fields = {
        "page": f"{config.language}/{pagename}{app.builder.link_suffix}",
        "language": config.language,
        "torch_version": device.torch_version(),
        "device": device.describe(device.chosen()),
        "source": Path(os.path.relpath(edited_file(app, pagename), root)).as_posix(),
    }
    render = app.builder.templates.render
    title = render("page-feedback-issue-title.html", fields).strip()
    body = render("page-feedback-issue-body.html", fields).strip() + "\n"
    return {
        "report_url": f"{repository}/issues/new?{urlencode({'title': title, 'body': body})}",
        "edit_url": f"{repository}/edit/{config.page_feedback_branch}/{fields['source']}",
        "translated": config.language != "en",
    }


def _add_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.config.page_feedback_repository and doctree is not None and "body" in context:
        context["body"] += app.builder.templates.render("page-feedback.html", _links(app, pagename))


def setup(app: Sphinx) -> dict:
    app.add_config_value("page_feedback_repository", "", "html", types=[str])
    app.add_config_value("page_feedback_branch", "main", "html", types=[str])
    app.add_config_value("page_feedback_root", "", "html", types=[str])  # repository root, for file paths
    add_template_folder(app, TEMPLATES)
    app.connect("html-page-context", _add_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
