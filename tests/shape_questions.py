"""The lessons' shape questions as the sources hold them, and torch's answer to each (several tests read them).

A question is a ``{lstm-shape-check} TENSOR`` fence after the ``python`` fence of its code
(``lstmdocs.widgets.exercises``); its answer is the shape of TENSOR once that code has run.
"""

import warnings
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from built import ROOT
from lstmdocs.running.device import PROJECTION_NOTE
from lstmdocs.widgets.exercises import query, question_config

LESSONS = ROOT / "docs" / "basics"


@dataclass(frozen=True)
class ShapeQuestion:
    page: str  # e.g. "basics/outputs"
    line: int  # of the {lstm-shape-check} fence, 1-based
    code: str
    tensor: str

    @property
    def query(self) -> str:
        """The configuration the page hands the explorer's model (the directive's own reading of the code)."""
        return query(question_config(self.code))

    def torch_shape(self) -> list[int]:
        import torch
        from torch import nn

        namespace = {"torch": torch, "nn": nn}
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", PROJECTION_NOTE)  # a question with proj_size: torch's note on CPU
            exec(self.code, namespace)  # noqa: S102  (the page's own code, as the page runner runs it)
        return list(namespace[self.tensor].shape)


def shape_questions(path: Path) -> list[ShapeQuestion]:
    fences = [
        token for token in MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8")) if token.type == "fence"
    ]
    page = f"{path.parent.name}/{path.stem}"
    found = []
    for above, fence in zip(fences, fences[1:], strict=False):
        if fence.info.startswith("{lstm-shape-check}"):
            assert above.info.strip() == "python", f"{path}:{fence.map[0] + 1}: a shape check follows a python fence"
            tensor = fence.info.removeprefix("{lstm-shape-check}").strip()
            found.append(ShapeQuestion(page, fence.map[0] + 1, above.content, tensor))
    return found


def all_shape_questions() -> list[ShapeQuestion]:
    return [question for path in sorted(LESSONS.glob("*.md")) for question in shape_questions(path)]
