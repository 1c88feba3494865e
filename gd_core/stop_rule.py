"""The stop rule: the lesson's definition of convergence, "the parameters no longer change much".

A run has converged when its last step is small against the scale the run is drawn at, and
it stands at a minimum of the curve::

    step_tol = fraction * (w_max - w_min)      (1/1000 of the plotted range of w)
    near_tol = 10 * step_tol                   (how close to a minimum w* counts as "at" it)
    converged  <=>  |w_k - w_(k-1)| < step_tol  and  |w_k - w*| <= near_tol for a minimum w*

A small step alone is not enough: with a tiny alpha, or on a flat tail, every step is small far
from any minimum (the verdict then names that case instead). Near a smooth minimum the step is
alpha * J''(w*) * |w - w*|, so the distance left is the step / (alpha * J''(w*)).

>>> rule = stop_rule(-2.0, 8.0)
>>> rule.step_tol, rule.near_tol
(0.01, 0.1)
>>> rule.words()
'converged means w no longer changes much: a step under 0.01 (1/1000 of the plotted range of w, −2 to 8), within 0.1 of a minimum of J'
"""

from __future__ import annotations

from dataclasses import dataclass

from gd_core.wording import number

STEP_FRACTION = 1e-3
NEAR_FACTOR = 10.0


@dataclass(frozen=True)
class StopRule:
    """Converged: a step under ``step_tol`` within ``near_tol`` of a minimum (see the module)."""

    step_tol: float
    near_tol: float
    w_min: float
    w_max: float
    fraction: float = STEP_FRACTION

    def met_by_step(self, step: float) -> bool:
        """|step| < step_tol: w no longer changes much."""
        return abs(step) < self.step_tol

    def near(self, w: float, minima: tuple[float, ...]) -> bool:
        """|w - w*| <= near_tol for one of ``minima``."""
        return any(abs(w - m) <= self.near_tol for m in minima)

    def words(self) -> str:
        """The rule in a sentence, with its numbers."""
        share = f"1/{round(1 / self.fraction)}"
        return (
            f"converged means w no longer changes much: a step under {number(self.step_tol)} ({share} of the plotted "
            f"range of w, {number(self.w_min)} to {number(self.w_max)}), within {number(self.near_tol)} of a minimum of J"
        )


def stop_rule(w_min: float, w_max: float, fraction: float = STEP_FRACTION) -> StopRule:
    """The rule for a curve drawn over [w_min, w_max]."""
    step_tol = fraction * (float(w_max) - float(w_min))
    return StopRule(step_tol=step_tol, near_tol=NEAR_FACTOR * step_tol, w_min=float(w_min), w_max=float(w_max), fraction=fraction)
