"""A widget's words: one line ``key: text`` each, in its directive's content.

Every widget takes its words the same way, in MyST::

    ```{lstm-explorer}
    legend-arguments: Arguments of `nn.LSTM`
    ```

Each text becomes a paragraph of the page, so it is extracted into the page's catalogue
and translated like any other paragraph (code in backticks stays code). The widget reads
the paragraphs by key: as HTML (the explorer's template), as plain text (the explainer's
JSON) or as they are (the cheat sheet's filter). A line that is not ``key: text``, a key
given twice, or a key the widget does not know or misses, stops the build, naming the
page and line.
"""

from docutils import nodes
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective


class WidgetWordsError(SphinxError):
    category = "Widget words error"


class WidgetWords(SphinxDirective):
    """A directive whose content is the widget's words; ``KEYS``: the keys it needs (None: any)."""

    has_content = True
    KEYS: frozenset[str] | None = None

    def fail(self, message: str) -> WidgetWordsError:
        """An error that stops the build, with or without -W, naming the page and line."""
        return WidgetWordsError(f"{self.get_location()}: {message}")

    def words(self) -> list[nodes.paragraph]:
        """The words, one paragraph each with its ``key``, in the order the page gives them."""
        paragraphs = []
        for offset, line in enumerate(self.content):
            if not line.strip():
                continue
            key, separator, text = line.partition(": ")
            if not separator or not key or " " in key:
                raise self.fail(f"line {offset + 1} of the widget's words is not `key: text`: {line!r}")
            if key in (p["key"] for p in paragraphs):
                raise self.fail(f"the widget's words give {key!r} twice")
            parsed = self.parse_text_to_nodes(text, offset=self.content_offset + offset)
            if len(parsed) != 1 or not isinstance(parsed[0], nodes.paragraph):
                raise self.fail(f"the text for {key!r} must be one line of inline markup")
            parsed[0]["key"] = key
            paragraphs.append(parsed[0])
        if self.KEYS is not None:
            given = {p["key"] for p in paragraphs}
            if given != self.KEYS:
                missing, unknown = sorted(self.KEYS - given), sorted(given - self.KEYS)
                raise self.fail(f"the widget's words miss {missing} and give unknown {unknown}")
        return paragraphs


def plain_words(node: nodes.Element) -> dict[str, str]:
    """The words of a widget node, as plain text by key (translated, when the page is)."""
    return {p["key"]: p.astext().strip() for p in node.findall(nodes.paragraph) if "key" in p}
