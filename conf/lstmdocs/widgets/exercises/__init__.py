"""The lessons' exercises: a shape question answered in the page, and an answer folded away.

``{lstm-shape-check} h_n`` follows the question's code (a ``python`` fence, which the page
runner runs) and reads the LSTM and the input from it: the reader types the shape of
``h_n`` and ``shape-check.js`` judges it with the shape explorer's own model
(``explorer/lstm-shapes.js``), so the page holds no answer of its own to get wrong;
``tests/test_exercises.py`` checks that model against torch on every question's code.
Its words are the directive's lines (``widgets.words``), translated with the page.
Without JavaScript the question shows no field: its answer is in the folded section.

``{lstm-answer}`` folds its content away (``<details>``); its first paragraph is the line
that opens it. The answer's doctests and claims run like the rest of the page, so a wrong
answer stops the build.
"""

import ast
from pathlib import Path
from urllib.parse import urlencode

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from lstmdocs import add_static
from lstmdocs.widgets.words import WidgetWords, WidgetWordsError

STATIC = Path(__file__).resolve().parent / "static"
TENSORS = ("output", "h_n", "c_n")
# nn.LSTM's arguments in the order it takes them positionally, and those that change no shape.
POSITIONAL = ("input_size", "hidden_size", "num_layers")
SHAPED = {"input_size", "hidden_size", "num_layers", "bidirectional", "proj_size", "batch_first"}
SHAPELESS = {"bias", "dropout"}
NEW_TENSORS = {"randn", "rand", "zeros", "ones"}  # torch.<name>(*shape)


class QuestionCodeError(ValueError):
    """The question's code is not the one form the check reads: an LSTM, made once, called on one tensor."""


def _is_torch_call(node: ast.AST, names: set[str], module: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == module
    )


def _tensor_shape(node: ast.AST, tensors: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    if isinstance(node, ast.Name) and node.id in tensors:
        return tensors[node.id]
    if _is_torch_call(node, NEW_TENSORS, "torch") and not node.keywords:
        return tuple(ast.literal_eval(argument) for argument in node.args)
    raise QuestionCodeError(f"the LSTM's input must be torch.randn(...) or a name made by it, not {ast.unparse(node)}")


def question_config(code: str) -> dict[str, int | bool]:
    """The explorer's configuration for the question's code: ``nn.LSTM(...)`` called on one new tensor.

    ``rnn = nn.LSTM(2, 3, batch_first=True)`` and ``output, (h_n, c_n) = rnn(torch.randn(5, 4, 2))``
    give ``{input_size: 2, hidden_size: 3, batch_first: True, N: 5, L: 4, features: 2, ...}``.
    """
    arguments: dict[str, int | bool] = {}
    lstm = None
    tensors: dict[str, tuple[int, ...]] = {}
    shape = None
    for statement in ast.parse(code).body:
        value = statement.value if isinstance(statement, (ast.Assign, ast.Expr)) else None
        target = statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1 else None
        if _is_torch_call(value, {"LSTM"}, "nn"):
            if lstm is not None or not isinstance(target, ast.Name):
                raise QuestionCodeError("the question's code makes one nn.LSTM, named")
            lstm = target.id
            arguments = dict(zip(POSITIONAL, (ast.literal_eval(a) for a in value.args), strict=False))
            for keyword in value.keywords:
                if keyword.arg not in SHAPED | SHAPELESS:
                    raise QuestionCodeError(f"the shape model does not know nn.LSTM's argument {keyword.arg!r}")
                if keyword.arg in SHAPED:
                    arguments[keyword.arg] = ast.literal_eval(keyword.value)
        elif isinstance(target, ast.Name) and _is_torch_call(value, NEW_TENSORS, "torch"):
            tensors[target.id] = _tensor_shape(value, tensors)
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == lstm:
            if shape is not None or len(value.args) != 1 or value.keywords:
                raise QuestionCodeError("the question's code calls its LSTM once, on the input alone")
            shape = _tensor_shape(value.args[0], tensors)
    if lstm is None or shape is None:
        raise QuestionCodeError("the question's code must make an nn.LSTM and call it on a tensor")
    batch_first = bool(arguments.get("batch_first", False))
    config = {
        "input_size": arguments["input_size"],
        "hidden_size": arguments["hidden_size"],
        "num_layers": arguments.get("num_layers", 1),
        "bidirectional": bool(arguments.get("bidirectional", False)),
        "proj_size": arguments.get("proj_size", 0),
        "batch_first": batch_first,
        "input_dims": len(shape),
        "features": shape[-1],
    }
    if len(shape) == 3:
        config["N"], config["L"] = shape[:2] if batch_first else shape[1::-1]
    elif len(shape) == 2:
        config["N"], config["L"] = 1, shape[0]
    else:
        raise QuestionCodeError(f"the LSTM's input has {len(shape)} dimensions: a question needs 2 or 3")
    return config


def query(config: dict[str, int | bool]) -> str:
    """The configuration as the explorer's model reads it (``LstmShapes.fromQuery``)."""
    return urlencode({key: str(value).lower() if isinstance(value, bool) else value for key, value in config.items()})


class lstm_shape_check(nodes.General, nodes.Element):  # noqa: N801  (docutils names nodes in lower case)
    """A shape question's field; its children are the words, one paragraph each, with a ``key``."""


class lstm_answer(nodes.General, nodes.Element):  # noqa: N801
    """An exercise's answer, folded: the first child opens it."""


class ShapeCheck(WidgetWords):
    """``{lstm-shape-check} TENSOR`` after a ``python`` fence: the reader's shape of TENSOR, judged in the page."""

    required_arguments = 1
    KEYS = frozenset({"label", "check", "right", "wrong", "unreadable"})

    def run(self) -> list[nodes.Node]:
        tensor = self.arguments[0]
        if tensor not in TENSORS:
            raise self.fail(f"a shape check asks for one of {', '.join(TENSORS)}, not {tensor!r}")
        number = self.env.new_serialno("lstm-shape-check")  # ids the same in both editions: same page, same order
        widget = lstm_shape_check(tensor=tensor, ids=[f"shape-check-{number + 1}"])  # its config: read_question_code
        self.set_source_info(widget)
        for paragraph in self.words():
            paragraph["classes"].append(f"lstm-shape-check__{paragraph['key']}")
            widget += paragraph
        return [widget]


def read_question_code(app: Sphinx, doctree: nodes.document) -> None:
    """Each shape check's configuration, from the question's code: the block just above it in the page.

    Read once the page is parsed (a MyST directive cannot see the blocks before it); an error names the page and line.
    """
    for widget in doctree.findall(lstm_shape_check):
        where = f"{widget.source}:{widget.line}"
        position = widget.parent.index(widget)
        above = widget.parent[position - 1] if position > 0 else None
        if not isinstance(above, nodes.literal_block) or above.get("language") != "python":
            raise WidgetWordsError(f"{where}: a shape check follows the question's code, a `python` fence")
        try:
            widget["config"] = query(question_config(above.astext()))
        except (QuestionCodeError, SyntaxError, ValueError, KeyError, TypeError) as error:
            raise WidgetWordsError(
                f"{where}: the question's code above is not one the shape model reads: {error}"
            ) from error


class Answer(SphinxDirective):
    """``{lstm-answer}``: the content folded away, its first paragraph the line that opens it."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        answer = lstm_answer()
        self.set_source_info(answer)
        self.state.nested_parse(self.content, self.content_offset, answer)
        if not answer.children or not isinstance(answer[0], nodes.paragraph) or len(answer.children) < 2:
            raise self.error("an answer opens with one line (`Answer`), then the answer")
        return [answer]


def _visit_shape_check(translator, node: lstm_shape_check) -> None:
    attributes = {"data-config": node["config"], "data-tensor": node["tensor"]}
    translator.body.append(translator.starttag(node, "div", CLASS="lstm-shape-check", **attributes))


def _depart_div(translator, node: nodes.Element) -> None:
    translator.body.append("</div>\n")


def _visit_answer(translator, node: lstm_answer) -> None:
    translator.body.append(translator.starttag(node, "details", CLASS="lstm-answer"))
    translator.body.append("<summary>")
    for child in node[0].children:  # the opening line's text, without a <p> (a summary holds phrasing only)
        child.walkabout(translator)
    translator.body.append("</summary>\n")
    for child in node.children[1:]:
        child.walkabout(translator)
    translator.body.append("</details>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_node(lstm_shape_check, html=(_visit_shape_check, _depart_div))
    app.add_node(lstm_answer, html=(_visit_answer, None))
    app.add_directive("lstm-shape-check", ShapeCheck)
    app.add_directive("lstm-answer", Answer)
    app.connect("doctree-read", read_question_code)
    add_static(app, STATIC)  # exercises/*: linked by page_assets on the lessons
    return {"parallel_read_safe": True, "parallel_write_safe": True}
