"""Translate display math and raw HTML blocks of MyST pages.

Sphinx translates these blocks as it does literal blocks: it parses
``"::\\n\\n" + indented msgstr`` with the page's own parser, expecting reST's literal
block notation. MyST reads that as a paragraph "::", so a translated MyST page showed
``\\[::\\]`` where its equations were, and lost its HTML (MyST-Parser issue #444). This
transform runs just before Sphinx's Locale and puts the translated text in place
itself: ``$$`` blocks (with translated ``\\text{}``) and raw HTML that
``gettext_additional_targets = ["raw"]`` marks translatable. A node it translated is no
longer offered to Locale; untranslated nodes are left alone, and the gettext build
(which has no catalogue) extracts them as before.
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale
from sphinx.util.i18n import docname_to_domain


def translatable_blocks(document: nodes.document):
    yield from document.findall(nodes.math_block)
    yield from (node for node in document.findall(nodes.raw) if node.get("translatable"))


class TranslateMystBlocks(SphinxTransform):
    default_priority = Locale.default_priority - 1

    def apply(self, **kwargs) -> None:
        if not str(self.document.get("source", "")).endswith(".md"):
            return
        domain = docname_to_domain(self.env.current_document.docname, self.config.gettext_compact)
        directories = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, found = init_locale(directories, self.config.language, domain)
        if not found:
            return
        for node in list(translatable_blocks(self.document)):
            message = node.rawsource or node.astext()
            translated = catalog.gettext(message)
            if translated and translated != message:
                node.children = [nodes.Text(translated)]
                node.rawsource = translated
                node["translatable"] = False  # done: Locale would turn it into "::"


def setup(app: Sphinx) -> dict:
    app.add_transform(TranslateMystBlocks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
