"""Translate display math of MyST pages (``$$ ... $$`` with translated ``\\text{}``).

Sphinx treats a math block like a literal block when it translates one: it parses
``"::\\n\\n" + indented msgstr`` with the page's own parser, expecting reST's literal
block notation. MyST reads that as a paragraph "::", so the Chinese page showed
``\\[::\\]`` where the equations were (MyST-Parser issue #444). This transform runs
just before Sphinx's Locale and puts the translated LaTeX in place itself; a node it
translated is no longer offered to Locale. Untranslated blocks are left alone, and
the gettext build (which has no catalogue) extracts them as before.
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale
from sphinx.util.i18n import docname_to_domain


class TranslateMystMath(SphinxTransform):
    default_priority = Locale.default_priority - 1

    def apply(self, **kwargs) -> None:
        if not str(self.document.get("source", "")).endswith(".md"):
            return
        domain = docname_to_domain(self.env.current_document.docname, self.config.gettext_compact)
        directories = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, found = init_locale(directories, self.config.language, domain)
        if not found:
            return
        for node in self.document.findall(nodes.math_block):
            message = node.rawsource or node.astext()
            translated = catalog.gettext(message)
            if translated and translated != message:
                node.children = [nodes.Text(translated)]
                node.rawsource = translated
                node["translatable"] = False  # done: Locale would turn it into "::"


def setup(app: Sphinx) -> dict:
    app.add_transform(TranslateMystMath)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
