"""Page 2's questions ("Learning rate pitfalls"), answered from the page's runs and its sweep.

Near a minimum w* the update multiplies the distance to it by one factor::

    w - w* := (1 - alpha * J''(w*)) * (w - w*)

between 0 and 1 the run creeps or converges from one side, between -1 and 0 it swings from
side to side, below -1 it grows: the limit is alpha_max = 2 / J''(w*).

- ``learning_rate.behaviour``: for each alpha, what its run does, read off the same verdict
  the page shows (``classify_descent``; ``behaviour`` maps its kind to five words);
- ``learning_rate.fastest``: which alpha meets the stop rule in the fewest iterations;
- ``learning_rate.largest_alpha``: alpha_max, to 2 significant figures (within half a unit
  in the second figure); the page keeps its wall out of sight until the answer is in.

>>> from gd_core.contexts import learning_rate_context
>>> from gd_core.curves import CURVES
>>> context = learning_rate_context(CURVES["bowl"], -1.5, [0.02, 0.45, 0.9, 1.1], 60)
>>> BEHAVIOUR.find_truth(context).value
('creeps', 'converges', 'oscillates', 'diverges')
>>> LARGEST_ALPHA.find_truth(context).tolerance_rule
'to 2 significant figures: within 0.05 of the limit'
"""

from __future__ import annotations

import math

import numpy as np

from gd_core.contexts import LearningRateContext
from gd_core.descent import DescentRun, curvature_at, run_descent
from gd_core.question_types import Choice, ChoiceForm, ChoicesForm, NumberForm, Question, Truth, truth
from gd_core.verdict import Verdict
from gd_core.wording import exact, number, plural

LESSON = "learning_rate"
BEHAVIOURS = (
    Choice("creeps", "creeps: small steps, all one way, not there yet"),
    Choice("converges", "converges: settles at the minimum from one side"),
    Choice("oscillates", "oscillates: swings from side to side of the minimum"),
    Choice("diverges", "diverges: the swings grow, or w runs away"),
    Choice("stays", "stays: w does not move"),
)
STAYS = frozenset({"alpha_zero", "at_minimum", "at_maximum", "flat", "no_iterations"})


def swings(steps: np.ndarray) -> bool:
    """Most consecutive steps flip sign: w goes from one side of the minimum to the other."""
    s = np.sign(np.asarray(steps, dtype=float))
    return s.size >= 2 and float(np.mean(s[1:] * s[:-1] < 0)) >= 0.5


def behaviour(run: DescentRun, verdict: Verdict) -> str:
    """The verdict's kind in five words: stays (alpha_zero, at a stationary point), diverges
    (diverging, runaway), oscillates (oscillating, cycling, a kink crossed, or converged with
    most steps flipping sign), converges (converged from one side), creeps (creeping, stalled,
    on its way; with one or two steps, oscillates when they took w past the minimum)."""
    kind = verdict.kind
    if kind in STAYS or verdict.form == "no_iterations":
        return "stays"
    if kind in ("diverging", "runaway"):
        return "diverges"
    if kind == "converged":
        return "oscillates" if swings(run.step[: verdict.iterations]) else "converges"
    if kind in ("oscillating", "cycling"):
        return "oscillates"
    if kind == "kink":
        return "oscillates" if verdict.facts.get("across") else "creeps"
    if kind == "too_few" and verdict.form == "too_few":
        return "oscillates" if verdict.facts.get("past") is not None or swings(run.step) else "creeps"
    return "creeps"


def _label(alpha: float) -> str:
    return f"α = {exact(alpha)}"


def _start(c: LearningRateContext) -> str:
    return f"From w₀ = {number(c.w0)}, with {plural(c.iters, 'iteration')} at most"


def _factor_words(c: LearningRateContext) -> str:
    if c.w_star is None or not math.isfinite(c.alpha_limit):
        return ""
    curvature = curvature_at(c.curve, c.w_star)
    factors = ", ".join(f"{number(1 - a * curvature)} for {_label(a)}" for a in c.alphas)
    return (f"Near w* = {number(c.w_star)} each step multiplies w − w* by 1 − α·J''(w*) = 1 − α × {number(curvature)}: {factors}. "
            "Between 0 and 1 w creeps or converges from one side, between −1 and 0 it swings, below −1 the swings grow.")


def _one(run: DescentRun, verdict: Verdict, kind: str) -> str:
    if kind == "stays":
        return f"w stays at {number(run.w[0])}"
    if kind == "diverges":
        if run.stop_reason == "diverged":
            return f"diverged after {plural(run.iterations, 'update')}"
        return f"w got as far as {number(float(np.max(np.abs(run.w))))} in {plural(run.iterations, 'iteration')}"
    if verdict.kind == "converged":
        where = f" at w* = {number(verdict.w_star)}" if verdict.w_star is not None else ""
        return f"converged{where} in {plural(verdict.iterations, 'iteration')}" + (", swinging across it" if kind == "oscillates" else "")
    return f"after {plural(run.iterations, 'iteration')} w = {number(run.final_w)}"


def _behaviour(c: LearningRateContext) -> Truth:
    kinds = tuple(behaviour(r, v) for r, v in zip(c.runs, c.verdicts))
    parts = "; ".join(f"{_label(a)} {k}: {_one(r, v, k)}" for a, r, v, k in zip(c.alphas, c.runs, c.verdicts, kinds))
    facts = {"alphas": c.alphas, "kinds": kinds, "verdicts": tuple(v.kind for v in c.verdicts)}
    return truth(kinds, parts + ".", _factor_words(c).strip() or parts + ".", facts)


BEHAVIOUR = Question(
    id="learning_rate.behaviour", lesson=LESSON, order=5, title="What does each α do?",
    write_prompt=lambda c: f"{_start(c)}, what will each learning rate do?",
    make_form=lambda c: ChoicesForm(tuple(_label(a) for a in c.alphas), BEHAVIOURS), find_truth=_behaviour,
)

# --- the fastest alpha ---------------------------------------------------------------------------


def _alpha_options(c: LearningRateContext) -> ChoiceForm:
    return ChoiceForm((*(Choice(f"a{i + 1}", _label(a)) for i, a in enumerate(c.alphas)), Choice("none", "none of them converges")))


def _fastest(c: LearningRateContext) -> Truth:
    done = [(v.iterations, i) for i, v in enumerate(c.verdicts) if v.kind == "converged"]
    facts = {"iterations": tuple(v.iterations if v.kind == "converged" else None for v in c.verdicts)}
    if not done:
        why = f"No α met the stop rule (a step under {number(c.rule.step_tol)} near a minimum) within {plural(c.iters, 'iteration')}."
        return truth("none", "None of them converges.", why, facts)
    best = min(k for k, _ in done)
    winners = tuple(f"a{i + 1}" for k, i in done if k == best)
    first = c.alphas[int(winners[0][1:]) - 1]
    others = "; ".join(f"{_label(c.alphas[i])}: {plural(k, 'iteration')}" for k, i in done if f"a{i + 1}" not in winners)
    why = f"{_label(first)} met the stop rule in {plural(best, 'iteration')}" + (f"; {others}" if others else "") + (
        f"; the others did not converge within {plural(c.iters, 'iteration')}." if len(done) < len(c.alphas) else ".")
    return truth(winners[0], f"{_label(first)} is the fastest: {plural(best, 'iteration')}.", why, facts, accepted=winners)


FASTEST = Question(
    id="learning_rate.fastest", lesson=LESSON, order=6, title="Which α converges fastest?",
    write_prompt=lambda c: f"{_start(c)}, which learning rate will converge in the fewest iterations?",
    make_form=_alpha_options, find_truth=_fastest,
    applies=lambda c: any(behaviour(r, v) != "stays" for r, v in zip(c.runs, c.verdicts)),
)

# --- the limit ------------------------------------------------------------------------------------

LIMIT_RULE = "to 2 significant figures (within half a unit in the second figure)"


def two_figures(x: float) -> float:
    """Half a unit in the second significant figure of x: 0.05 for 1.0, 0.005 for 0.58."""
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(x))) - 1)


def _largest(c: LearningRateContext) -> Truth:
    limit, curvature = c.alpha_limit, curvature_at(c.curve, c.w_star)
    tol = two_figures(limit)
    sweep = c.sweep
    met = ~np.asarray(sweep.diverged) & (np.asarray(sweep.iterations) < sweep.num_iters)
    largest = float(np.max(np.asarray(sweep.alphas)[met])) if met.any() else None
    facts = {"limit": limit, "curvature": curvature, "w_star": c.w_star, "sweep_largest": largest}
    why = (f"Near w* = {number(c.w_star)} each step multiplies w − w* by 1 − α × {number(curvature)}; it shrinks while that factor is "
           f"above −1, that is while α < 2 / {number(curvature)} = {number(limit)}.")
    if largest is not None:
        why += (f" In the sweep from w₀ = {number(c.w0)}, the largest α that met the stop rule within "
                f"{plural(sweep.num_iters, 'iteration')} was {number(largest, 3)}")
        if largest > limit:
            end = run_descent(c.curve, c.w0, largest, sweep.num_iters, rule=c.rule, minima=tuple(c.curve.minima)).final_w
            at = c.curve.nearest_minimum(end)
            facts["sweep_largest_end"] = end
            why += (f", above the limit: its run ends at the other minimum w = {number(at)}" if at is not None and at != c.w_star
                    else ": above the limit, which holds near w*, the first steps from this far start happened to land close enough")
        why += "."
    return truth(limit, f"The limit is α = 2 / J''(w*) = {number(limit)}.", why, facts,
                 tolerance=tol, tolerance_rule=f"to 2 significant figures: within {number(tol)} of the limit")


LARGEST_ALPHA = Question(
    id="learning_rate.largest_alpha", lesson=LESSON, order=7, title="The largest α that still converges",
    write_prompt=lambda c: (f"Near the minimum w* = {number(c.w_star)}, the steps shrink only while α is below a limit. "
                            "What is the largest α for which they still shrink (2 significant figures)?"),
    make_form=lambda c: NumberForm("α", LIMIT_RULE), find_truth=_largest,
    applies=lambda c: c.w_star is not None and math.isfinite(c.alpha_limit) and c.alpha_limit > 0, hides=("wall",),
)

QUESTIONS: tuple[Question, ...] = (BEHAVIOUR, FASTEST, LARGEST_ALPHA)
