"""Captions and notes that are said only as far as the run on screen supports them.

Each takes the facts it speaks of (gd_core.run_facts, a run's numbers) and writes only the
sentences those facts make true: the sweep's fastest alpha and what happened above the limit,
why the sequential update differs, the dashed floor of a cost chart when it is drawn, R² of a
run worth scoring, and whether the steps really shrink.
"""

from __future__ import annotations

import math

from gd_core.run_facts import SweepFacts
from gd_core.wording import MINUS, exact, limit, number, plural


def sweep_caption(facts: SweepFacts, num_iters: int) -> str:
    """The caption under a sweep over alpha, made only of sentences its facts support."""
    parts = [f"Each dot is a full run from the same start, up to {plural(num_iters, 'iteration')}."]
    if facts.fastest_alpha is not None:
        parts.append(
            f"The fastest here is α = {number(facts.fastest_alpha, 3)} ({plural(facts.fastest_iterations or 0, 'iteration')})"
            + ("; larger α need more iterations again." if facts.slower_after_fastest else ".")
        )
    if facts.above_limit:
        outcomes = []
        if facts.diverged_above:
            outcomes.append(f"{facts.diverged_above} {_verb(facts.diverged_above, 'diverge')}")
        if facts.stuck_above:
            outcomes.append(f"{facts.stuck_above} {_verb(facts.stuck_above, 'keep')} jumping about without settling")
        if facts.converged_above:
            elsewhere = f", {facts.other_valley_above} of them in another valley" if facts.other_valley_above else ""
            outcomes.append(f"{facts.converged_above} {_verb(facts.converged_above, 'converge')} anyway{elsewhere}")
        parts.append(
            f"Of the {plural(facts.above_limit, 'run')} above the limit 2 / J''(w*) = {limit(facts.alpha_limit)}, "
            + ", ".join(outcomes) + "."
        )
    if facts.diverged_below:
        parts.append(
            f"{plural(facts.diverged_below, 'run')} below the limit {_verb(facts.diverged_below, 'diverge')} too: "
            "the limit holds near w*, and this start is far from it."
        )
    return " ".join(parts)


def _verb(n: int, verb: str) -> str:
    """'diverges' for one, 'diverge' for several."""
    return verb + "s" if n == 1 else verb


def sequential_comparison_text(simultaneous_factor: float, sequential_factor: float, same: bool) -> str:
    """Why the sequential (wrong) update can behave differently, from the two updates' factors
    per step (``run_facts.update_factor``) and whether they coincide (mean of x = 0)."""
    if same:
        return (
            "With scaled x the mean of x' is 0, so dJ/db = b − mean(y) does not involve w: updating w "
            "first changes nothing, and the two runs are identical."
        )

    def fate(factor: float) -> str:
        return "shrinks" if factor < 1 else "grows" if factor > 1 else "keeps its size"

    return (
        f"Per step the simultaneous update multiplies the error by up to {number(simultaneous_factor, 3)} "
        f"(it {fate(simultaneous_factor)}), the sequential one by {number(sequential_factor, 3)} "
        f"(it {fate(sequential_factor)}). They are different updates with different stable limits, "
        "so at one α either can converge while the other does not; only the simultaneous one is gradient descent."
    )


BATCH_TEXT = (
    "Batch gradient descent: every update computes the gradient from all m examples (the whole "
    "batch) before w and b change."
)


def cost_chart_caption(j_star: float, alpha_limit: float, alpha: float, *, floor_shown: bool = True, limit_shown: bool = True) -> str:
    """The caption under the cost chart: the dashed floor is mentioned only when it is drawn
    (J* > 0 on a log scale), and the limit is written rounded down, compared with alpha.
    ``floor_shown`` / ``limit_shown`` False (a challenge hides them): neither is written."""
    if j_star > 0:
        floor = f"The dashed line is the lowest cost any line can reach (least squares, J* = {number(j_star)})."
    else:
        floor = "Some line passes through every point (J* = 0), so the cost has no floor to draw on this log scale."
    sentences = ([floor] if floor_shown else []) + ([f"Stable limit: α < {limit(alpha_limit, alpha)}."] if limit_shown else [])
    return " ".join(sentences)


def r2_text(r2: float, kind: str) -> str:
    """R² for the metric: 4 decimals; none for a run that diverged or is diverging (its last
    finite (w, b) is no fit worth scoring)."""
    if kind == "diverging" or not math.isfinite(r2):
        return "— (diverged)"
    return number(r2, 4) if abs(r2) >= 1e3 else ("0.0000" if round(r2, 4) == 0 else f"{r2:.4f}".replace("-", MINUS))


def steps_caption(alpha: float, shrink: bool) -> str:
    """Under the step sizes: the steps shrink because the slope does, said only when they all do."""
    if shrink:
        return f"α stays {exact(alpha)} the whole time; the steps get smaller because the slope does."
    return (
        f"α stays {exact(alpha)} the whole time, so each step is as long as the slope is steep: "
        "where a run crosses steeper ground on its way, its steps grow before they shrink."
    )
