"""Link every page to the same page in the site's other languages.

The deployed site keeps one tree per language side by side (``en/``, ``zh_CN/``),
so the same page in another language is ``<root>/../<lang>/<page>.html``.
The sidebar template ``sidebar/language-switch.html`` (shipped beside this module)
renders the links; list it in ``html_sidebars``. Without JavaScript a link opens the
other page at its top; ``_static/language-switch.js`` makes it keep the reader's place
(the section, the search query, the widgets' state): see its header.
"""

import posixpath
from pathlib import Path

from sphinx.application import Sphinx

from lstmdocs import add_static, add_template_folder

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
SCRIPT = HERE / "static" / "language-switch.js"


def _add_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    root = context["pathto"]("", 1)  # relative path to this language's root
    suffix = app.builder.link_suffix
    context["language_links"] = [
        {
            "code": code,
            "label": label,
            "href": posixpath.normpath(f"{root}/../{code}/{pagename}{suffix}"),
            "current": code == app.config.language,
        }
        for code, label in app.config.language_switch_languages.items()
    ]


def setup(app: Sphinx) -> dict:
    app.add_config_value("language_switch_languages", {}, "html", types=[dict])
    add_template_folder(app, TEMPLATES)
    add_static(app, SCRIPT)
    app.add_js_file(SCRIPT.name, loading_method="defer")
    app.connect("html-page-context", _add_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
