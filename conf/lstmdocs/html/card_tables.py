"""Tables shown as cards, each cell labelled with its column's heading.

A table of class ``lstm-cards`` (MyST: ``:class: lstm-cards`` on a ``{list-table}``) compares
several things column by column (the frameworks page: one framework a column). Its columns of code
do not fit furo's content column, on a phone or a wide screen, and a table that scrolls sideways
hides its point: each row is shown as a card (``site.css``), its first cell the card's title, then
one line a column. A line needs its column's name, so this post-transform copies each column's
heading into every cell of that column, as a label. It runs after the translation, so the label is
the heading in the page's language; the headings stay in the table for screen readers.
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

TABLE_CLASS = "lstm-cards"
LABEL_CLASS = "lstm-cards__label"


class CardLabels(SphinxPostTransform):
    default_priority = 100

    def run(self, **kwargs) -> None:
        for table in self.document.findall(nodes.table):
            if TABLE_CLASS not in table["classes"]:
                continue
            headings = [entry.astext() for entry in table.next_node(nodes.thead).next_node(nodes.row).children]
            for row in table.next_node(nodes.tbody).children:
                for heading, entry in list(zip(headings, row.children, strict=True))[1:]:
                    label = nodes.inline(heading, heading, classes=[LABEL_CLASS])
                    first = entry.children[0] if entry.children else None
                    # a space after it: the text reads "Keras 3 batch first", and a Chinese cell keeps
                    # the space between Latin and Chinese
                    if isinstance(first, nodes.paragraph):
                        first[0:0] = [label, nodes.Text(" ")]
                    else:
                        entry.insert(0, nodes.paragraph("", "", label, nodes.Text(" ")))


def setup(app: Sphinx) -> dict:
    app.add_post_transform(CardLabels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
