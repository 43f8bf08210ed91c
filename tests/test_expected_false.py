"""A doctest that checks a claim shows ``True``; an expected ``False`` only where the prose says "not".

Flipping a claim and its doctest's expected value together (``torch.equal(h_n[-1], output[:, -1])``
with ``False`` below it, and a sentence that agrees) would leave every check green. So an expected
``False`` must stand where the words before it say the relationship does not hold: a "not", "no",
"never", "nowhere", "n't", "differ", "different", "other numbers", "another number", "wrong", "trap" or "≠" in
the paragraph before the code block, in the lines of the block above the example (a comment), or in
the example's own comment.
"""

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md"))
FENCE = re.compile(r"^(`{3,})(?P<info>.*)$")
DOCTEST_INFO = {"pycon", "{code-block} pycon"}
NEGATION = re.compile(
    r"\bnot\b|n't\b|\bnever\b|\bno\b|\bnowhere\b|\bdiffer(s|ent)?\b|\bother numbers\b|\banother number\b|\bnumbers are others\b"
    r"|\bwrong\b|\btrap\b|≠|!=",
    re.I,
)
PARSER = doctest.DocTestParser()


def expected_falses(text: str) -> list[tuple[int, str, str]]:
    """(line, example, what precedes it) for each doctest example whose expected output shows False."""
    found, lines = [], text.splitlines()
    paragraph, prose = [], []  # the paragraph being read; the last one read (the one before a block)
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            if lines[i].strip() == "":
                prose, paragraph = (paragraph or prose), []
            elif not lines[i].startswith(("```", ":::")):
                paragraph.append(lines[i])
            i += 1
            continue
        prose = paragraph or prose
        end = next(
            j
            for j in range(i + 1, len(lines))
            if lines[j].startswith(fence.group(1)) and lines[j].strip() == fence.group(1)
        )
        block = "\n".join(lines[i + 1 : end]) + "\n"
        if (
            fence["info"].strip() not in DOCTEST_INFO
        ):  # a code cell between the words and the doctest: its comments count
            prose = [*prose, *re.findall(r"#(.*)", block)]
            i = end + 1
            continue
        for example in PARSER.get_examples(block):
            if re.search(r"\bFalse\b", example.want):
                above = block.split(example.source.splitlines()[0], 1)[0]
                comments = " ".join(re.findall(r"#(.*)", above + example.source))
                found.append((i + 2 + example.lineno, example.source.strip(), " ".join(prose) + " " + comments))
        paragraph, prose = [], []
        i = end + 1
    return found


def unexplained(text: str) -> list[str]:
    return [f"line {line}: {source!r}" for line, source, before in expected_falses(text) if not NEGATION.search(before)]


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_an_expected_false_stands_where_the_prose_says_not(page):
    problems = unexplained(page.read_text(encoding="utf-8"))
    assert not problems, (
        f"{page.relative_to(ROOT)}: an expected False the words before it do not announce:\n" + "\n".join(problems)
    )


def test_a_flipped_claim_is_found_and_a_stated_not_is_accepted():
    flipped = "The top layer's state is the last time step:\n\n```pycon\n>>> torch.equal(h_n[-1], output[:, -1])\nFalse\n\n```\n"
    assert unexplained(flipped) == ["line 4: 'torch.equal(h_n[-1], output[:, -1])'"]
    stated = flipped.replace("is the last", "is not the last")
    assert unexplained(stated) == []
    commented = flipped.replace("output[:, -1])\n", "output[:, -1])  # not the same\n")
    assert unexplained(commented) == []
    assert unexplained(flipped.replace("False", "True")) == []
