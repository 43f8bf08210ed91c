"""The LSTM runs that the diagrams draw, and the claims the pictures make about them.

A case is run the way docs/basics/outputs.md runs its example (seed 0, then the
module, the input, ``h0`` and ``c0`` in that order), so the default case gives the
very values that page prints. A claim is a pair of index expressions such as
``output[:, -1, :]`` and ``h_n[-1]``: the picture highlights exactly the elements
each expression selects and prints the expressions as labels, and `check` proves
with ``torch.equal`` what the highlight says. A picture cannot claim what is false.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # torch itself is imported where a case runs: a rebuild that draws nothing never needs it
    import torch


class ClaimError(ValueError):
    """A picture would show a relationship that the tensors do not have."""


@dataclass(frozen=True)
class Case:
    layers: int = 1
    bidirectional: bool = False
    lengths: tuple[int, ...] | None = None  # packed variable-length sequences
    steps: int = 4
    batch: int = 5
    input_size: int = 2
    hidden: int = 3
    seed: int = 0

    def __post_init__(self) -> None:
        if self.lengths is not None:  # a packed batch: its lengths decide its shape
            object.__setattr__(self, "batch", len(self.lengths))
            object.__setattr__(self, "steps", max(self.lengths))

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    def length(self, sequence: int) -> int:
        return self.lengths[sequence] if self.lengths else self.steps


@dataclass(frozen=True)
class Claim:
    meaning: str  # "final", "backward", "trap", "padding", "only-in-h_n", "cell"
    left: str  # an index expression on output, h_n or c_n
    right: str = ""  # for "final"/"backward": equal to left; for "trap": not equal


@lru_cache
def run(case: Case) -> dict[str, torch.Tensor]:
    """``output`` (batch first, padded with zeros when packed), ``h_n`` and ``c_n``."""
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    with torch.random.fork_rng(devices=[]):  # leave the build's own random state alone
        torch.manual_seed(case.seed)
        rnn = nn.LSTM(
            input_size=case.input_size,
            hidden_size=case.hidden,
            num_layers=case.layers,
            batch_first=True,
            bidirectional=case.bidirectional,
        )
        input = torch.randn(case.batch, case.steps, case.input_size)
        state_shape = (case.directions * case.layers, case.batch, case.hidden)
        h0, c0 = torch.randn(state_shape), torch.randn(state_shape)
    with torch.no_grad():
        if case.lengths is None:
            output, (h_n, c_n) = rnn(input, (h0, c0))
        else:
            packed = pack_padded_sequence(input, case.lengths, batch_first=True, enforce_sorted=False)
            packed_output, (h_n, c_n) = rnn(packed, (h0, c0))
            output, _ = pad_packed_sequence(packed_output, batch_first=True)
    return {"output": output, "h_n": h_n, "c_n": c_n}


def claims(case: Case) -> list[Claim]:
    """What the pictures of ``case`` highlight, in the order their legends list it."""
    H, top = case.hidden, case.directions * case.layers - case.directions
    found = []
    if case.lengths is not None:
        for i in range(case.batch):
            found.append(Claim("final", f"output[{i}, {case.length(i) - 1}]", f"h_n[-1][{i}]"))
        for i in range(case.batch):
            if case.length(i) < case.steps:
                found.append(Claim("padding", f"output[{i}, {case.length(i)}:]"))
        found.append(Claim("trap", "output[:, -1]", "h_n[-1]"))
    elif case.bidirectional:
        found.append(Claim("final", f"output[:, -1, :{H}]", "h_n[-2]"))
        found.append(Claim("backward", f"output[:, 0, {H}:]", "h_n[-1]"))
        found.append(Claim("trap", f"output[:, -1, {H}:]", "h_n[-1]"))
    else:
        found.append(Claim("final", "output[:, -1, :]", "h_n[-1]"))
        found.append(Claim("trap", "output[-1]", "h_n[-1]"))
    found.extend(Claim("only-in-h_n", f"h_n[{k}]") for k in range(top))
    states = case.directions * case.layers
    # Bidirectional pictures name the directions' states h_n[-2], h_n[-1]: c_n likewise.
    found.extend(Claim("cell", f"c_n[{k - states if case.bidirectional else k}]") for k in range(states))
    return found


def select(expression: str, values: dict[str, torch.Tensor]) -> torch.Tensor:
    # The expressions are this module's own, never page input.
    return eval(expression, {"__builtins__": {}}, values)


def positions(expression: str, shapes: dict[str, torch.Size]) -> set[int]:
    """Flat indices, into the expression's tensor, of the elements it selects."""
    import torch

    indices = {name: torch.arange(shape.numel()).reshape(shape) for name, shape in shapes.items()}
    return set(select(expression, indices).flatten().tolist())


def _nowhere_in_output(vectors: torch.Tensor, output: torch.Tensor) -> bool:
    """No row of ``vectors`` (batch, H) equals any H-wide slice of ``output``."""
    H = vectors.shape[-1]
    for start in range(0, output.shape[-1], H):
        window = output[..., start : start + H]  # (batch, steps, H)
        if (window.unsqueeze(0) == vectors[:, None, None, :]).all(dim=-1).any():
            return False
    return True


def _check_trap(claim: Claim, values: dict[str, torch.Tensor], case: Case) -> None:
    """The trap differs from the right expression in its values, not merely in its shape.

    Tensors of different shapes are never ``torch.equal``, so such a comparison proves
    nothing. ``output[-1]`` with ``batch_first=True`` is (L, H) against ``h_n[-1]``'s
    (N, H): the trap is then checked on the same case with N == L, where the shapes
    agree and a wrong layout would make the two equal.
    """
    import torch

    left, right = select(claim.left, values), select(claim.right, values)
    if left.shape != right.shape and case.lengths is None:
        case = replace(case, batch=case.steps)
        values = run(case)
        left, right = select(claim.left, values), select(claim.right, values)
    if left.shape != right.shape:
        raise ClaimError(
            f"the trap {claim.left} {tuple(left.shape)} and {claim.right} {tuple(right.shape)} differ in shape for {case}: not equal proves nothing"
        )
    if torch.equal(left, right):
        raise ClaimError(f"{claim.left} is drawn as a trap, yet it equals {claim.right} for {case}")


def check(claim: Claim, values: dict[str, torch.Tensor], case: Case) -> None:
    """Raise `ClaimError` unless the tensors have the relationship ``claim`` draws."""
    import torch

    left = select(claim.left, values)
    if claim.meaning in ("final", "backward"):
        if not torch.equal(left, select(claim.right, values)):
            raise ClaimError(f"{claim.left} is drawn equal to {claim.right}, but torch.equal is False for {case}")
    elif claim.meaning == "trap":
        _check_trap(claim, values, case)
    elif claim.meaning == "padding":
        if not bool((left == 0).all()):
            raise ClaimError(f"{claim.left} is drawn as padding, but it is not all zeros for {case}")
    elif claim.meaning in ("only-in-h_n", "cell"):
        if not _nowhere_in_output(left, values["output"]):
            raise ClaimError(f"{claim.left} is drawn as absent from output, but output holds it for {case}")
    else:
        raise ClaimError(f"unknown claim {claim.meaning!r}")


def checked_claims(case: Case) -> list[Claim]:
    """The case's claims, each proven on this build's tensors."""
    values = run(case)
    found = claims(case)
    for claim in found:
        check(claim, values, case)
    return found
