"""The lessons' exercises: three to five on each lesson, each answer folded away; every shape question
is judged in the page by the shape explorer's model, which must give the shape torch gives for the
question's code (the answers' doctests and claims run with the page: tests/test_page_doctests.py)."""

import json
import re
import subprocess

import pytest

from built import ROOT, program
from lstmdocs.widgets.exercises import QuestionCodeError, question_config
from shape_questions import LESSONS, all_shape_questions

QUESTIONS = all_shape_questions()
LESSON_PAGES = re.search(r":caption: Lessons\n\n(.*?)```", (ROOT / "docs" / "index.md").read_text(), re.S)[1].split()


def test_every_lesson_ends_with_three_to_five_exercises_one_a_shape_question_at_least():
    assert LESSON_PAGES, "docs/index.md lists no lessons"
    for page in LESSON_PAGES:
        text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
        exercises = text.partition("\n## Exercises\n")[2]
        assert exercises, f"{page}: no '## Exercises' section"
        assert not re.search(r"^## ", exercises, re.M), f"{page}: the exercises are not the page's last section"
        answers = exercises.count(":::{lstm-answer}")
        numbered = re.findall(r"^\*\*(\d+)\.\*\* ", exercises, re.M)
        assert 3 <= answers <= 5 and numbered == [str(n) for n in range(1, answers + 1)], (page, answers, numbered)
        assert any(q.page == page for q in QUESTIONS), f"{page}: no shape question to answer in the page"


# The explorer's model, asked for every question's configuration at once.
MODEL = """
const LstmShapes = require("./conf/lstmdocs/widgets/explorer/static/explorer/lstm-shapes.js");
const questions = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(questions.map(([query, tensor]) => {
  const result = LstmShapes.explore(LstmShapes.fromQuery(query));
  return result.error || result.shapes[tensor];
})));
"""


def test_the_explorers_model_gives_every_shape_question_the_shape_torch_gives():
    assert len(QUESTIONS) >= len(LESSON_PAGES)
    run = subprocess.run(
        [program("node", "apt-get install nodejs"), "-e", MODEL],
        cwd=ROOT,
        input=json.dumps([[q.query, q.tensor] for q in QUESTIONS]),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for question, judged in zip(QUESTIONS, json.loads(run.stdout), strict=True):
        assert judged == question.torch_shape(), f"docs/{question.page}.md:{question.line}: {question.query}"


def test_the_question_code_is_read_as_the_explorer_configures_an_lstm():
    time_first = (
        "rnn = nn.LSTM(2, 3, 2, bidirectional=True, dropout=0.5)\noutput, (h_n, c_n) = rnn(torch.randn(4, 5, 2))"
    )
    assert question_config(time_first) == {
        "input_size": 2,
        "hidden_size": 3,
        "num_layers": 2,
        "bidirectional": True,
        "proj_size": 0,
        "batch_first": False,
        "input_dims": 3,
        "features": 2,
        "N": 5,
        "L": 4,
    }
    batch_first = (
        "x = torch.zeros(5, 4, 2)\nlstm = nn.LSTM(input_size=2, hidden_size=3, batch_first=True, proj_size=1)\nlstm(x)"
    )
    config = question_config(batch_first)
    assert (config["N"], config["L"], config["proj_size"], config["batch_first"]) == (5, 4, 1, True)
    unbatched = question_config("rnn = nn.LSTM(2, 3)\noutput, _ = rnn(torch.randn(7, 2))")
    assert (unbatched["input_dims"], unbatched["L"]) == (2, 7)


@pytest.mark.parametrize(
    "code",
    [
        "output, _ = nn.LSTM(2, 3)(torch.randn(4, 5, 2))",  # no name to call
        "rnn = nn.LSTM(2, 3)\nrnn(torch.randn(4, 5, 2), (h0, c0))",  # states: not a question's form
        "rnn = nn.LSTM(2, 3, device='cpu')\nrnn(torch.randn(4, 5, 2))",  # an argument the model does not know
        "rnn = nn.LSTM(2, 3)\nrnn(x)",  # an input of unknown shape
    ],
)
def test_code_the_check_cannot_read_is_refused(code):
    with pytest.raises(QuestionCodeError):
        question_config(code)


def test_the_lessons_are_where_the_questions_are_read():
    assert {path.stem for path in LESSONS.glob("*.md")} == {page.removeprefix("basics/") for page in LESSON_PAGES}
