"""Write a valid BCP 47 ``<html lang>`` (``zh-CN``, not Sphinx's ``zh_CN``).

furo renders ``lang="{{ language }}"`` verbatim; browsers, screen readers and
search engines expect a hyphen.
"""

from sphinx.application import Sphinx


def bcp47(language: str | None) -> str | None:
    return language.replace("_", "-") if language else language


def _set_lang(app: Sphinx, pagename, templatename, context, doctree) -> None:
    context["language"] = bcp47(app.config.language)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _set_lang)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
