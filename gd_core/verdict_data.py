"""A verdict is data: its kind, the form of its sentence and the facts the sentence states.

Every classifier (gd_core.verdict for curves, gd_core.verdict_moving for runs still on the
move, gd_core.regression_verdict for J(w, b)) returns a ``Verdict`` made by ``verdict``; one
writer, gd_core.verdict_words, turns its form and facts into the sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from gd_core.verdict_words import sentence
from gd_core.wording import number

__all__ = ["BADLY_CONDITIONED", "Kind", "REG_STEP_SHARE", "SLOPE_TOL", "Verdict", "regression_rule", "verdict"]

Kind = Literal[
    "converged", "oscillating", "creeping", "diverging", "cycling", "too_few", "alpha_zero",
    "at_minimum", "at_maximum", "flat", "stalled", "kink", "runaway",
]

SLOPE_TOL = 1e-6  # |dJ/dw| under this at a point that does not move: a stationary point
BADLY_CONDITIONED = 1e3  # condition number above which feature scaling is named as the fix


@dataclass(frozen=True)
class Verdict:
    """What a run did: ``kind`` (box and icon), ``form`` and ``facts`` (the sentence and the
    numbers it states), the ``iterations`` it refers to, the ``factor`` per step (oscillating,
    diverging, or the slowest factor of a regression run), the stop ``rule`` in words, and the
    ``alpha_limit`` and ``w_star`` it compared with (w_star is always a minimum of the curve)."""

    kind: Kind
    form: str
    facts: Mapping[str, Any]
    iterations: int
    factor: float | None
    rule: str
    alpha_limit: float | None = None
    w_star: float | None = None

    @property
    def text(self) -> str:
        """The one sentence, written from the facts (gd_core.verdict_words)."""
        return sentence(self.form, self.facts)


def verdict(kind: Kind, form: str, facts: Mapping[str, Any], iterations: int, rule: str, **extra: Any) -> Verdict:
    """A Verdict with read-only facts, its sentence checked to be writable from them."""
    result = Verdict(kind, form, MappingProxyType(dict(facts)), int(iterations), extra.pop("factor", None), rule, **extra)
    sentence(form, result.facts)  # a missing fact fails here, in the classifier, not on a page
    return result


REG_STEP_SHARE = 1e-3  # a converged step of (w, b): under this share of the start's distance to (w*, b*)


def regression_rule(rel_tol: float = 1e-6) -> str:
    """The regression stop rule in words (J* is the least-squares cost), of the same family as
    the curves' rule (gd_core.stop_rule): the parameters no longer change much, near the minimum."""
    return (
        f"converged means w and b no longer change much: a step under {number(REG_STEP_SHARE)} of the start's distance "
        f"to the least-squares answer (w*, b*), with J − J* ≤ {number(rel_tol)} × (J₀ − J*), all but {number(rel_tol)} of the starting gap closed"
    )
