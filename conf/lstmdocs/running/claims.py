"""The ``claim`` role: a relationship stated in a sentence is the check that guards it.

In MyST ``{claim}`h_n[-1] == output[:, -1]```, in a gallery example's reST
``:claim:`h_n[-1] == output[:, -1]```. The sentence shows the expression as inline code,
like any other; ``page_doctests`` evaluates it where it stands in the page, after the code
above it, in the page's own namespace, and a false claim stops the build naming the file
and line. ``a == b`` and ``a != b`` of tensors mean ``torch.equal`` (same shape, same values,
bit for bit) and its negation; anything else must be true. A sentence about other names
than the page's (another layout, another configuration) names a dict of the page after the
expression, ``{claim}`output[-1] == h_n[-1] <time_first>```: that part is not shown, and
such a claim is checked once the whole page has run (a glossary states what its checks
show further down), with the dict's entries as its names. The dict is made in a
``{claim-names}`` block: Python that the page runner runs like the page's other code,
which the page does not show (it is bookkeeping for the checks, not code to copy).

A claim is a paragraph's text, so the Chinese catalogue carries the same role verbatim
(``tests/test_zh_translation_facts.py``): the Chinese sentence makes the same, checked claim.
"""

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

NAMES = re.compile(r"\s*<\w+>\s*$")  # the namespace a claim names: not shown


class ClaimRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        shown = NAMES.sub("", self.text)
        return [nodes.literal(self.rawtext, shown, classes=["claim"])], []


class ClaimNames(SphinxDirective):
    """Python run by the page runner (``page_doctests``) to name values for claims; shows nothing."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        return []


def setup(app: Sphinx) -> dict:
    app.add_role("claim", ClaimRole())
    app.add_directive("claim-names", ClaimNames)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
