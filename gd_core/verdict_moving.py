"""The verdict on a 1-D run that is still on the move at its end (rules: gd_core.verdict).

Its last step is not under the stop rule: it heads for a sharp corner with steps that keep
their length (``kink``), overshoots in its first step or two, runs one way (creeping towards
w*, not there yet, or running away with no minimum ahead), or swings (shrinking, growing,
neither).
"""

from __future__ import annotations

import math

import numpy as np

from gd_core import path_facts as pf
from gd_core.descent import CostCurve, DescentRun
from gd_core.stop_rule import StopRule
from gd_core.verdict_data import Verdict, verdict


def moving(run: DescentRun, curve: CostCurve, rule: StopRule, minima: list[float], alpha_limit: float | None) -> Verdict:
    """The verdict on a run whose last step is not under the rule."""
    w = np.asarray(run.w, dtype=float)
    steps = np.asarray(run.step, dtype=float)
    words = rule.words()
    corner = pf.kink_ahead(curve, minima, run.final_w, steps)
    if corner is not None and run.iterations >= 3:
        recent = pf.tail(steps)
        across = float(np.mean(np.sign(recent[1:]) * np.sign(recent[:-1]) < 0)) >= 0.5
        facts = {"step": abs(float(steps[-1])), "slope": abs(float(run.slope[-1])), "corner": corner, "across": across, "n": run.iterations, "w": run.final_w}
        return verdict("kink", "kink", facts, run.iterations, words)
    smooth = [m for m in minima if corner is None or m != corner]
    if run.iterations <= 2:
        return _first_steps(run, curve, words, smooth, alpha_limit)
    recent = pf.tail(steps)
    flips = float(np.mean(np.sign(recent[1:]) * np.sign(recent[:-1]) < 0))
    if flips < 0.5 and pf.streak(recent) >= 3:
        return _one_way(run, curve, rule, minima, alpha_limit)
    nearest = min(minima, key=lambda m: abs(m - run.final_w)) if minima else None
    limit = pf.limit_at(curve, nearest, alpha_limit)
    vs = pf.vs_limit(run.alpha, limit, nearest if len(minima) > 1 else None)
    trend, factor = pf.trend(np.abs(recent))
    n = run.iterations
    if trend == "shrink" and nearest is not None:
        sn = abs(float(run.slope[-1]))
        more = None
        if 0 < factor < 1:
            more = max(1, math.ceil(math.log(rule.step_tol / abs(float(steps[-1]))) / math.log(factor)))
        facts = {"factor": factor, "n": n, "gap": abs(run.final_w - nearest), "more": more, "slope": sn}
        return verdict("oscillating", "oscillating", facts, n, words, factor=factor, alpha_limit=limit, w_star=nearest)
    if trend == "grow":
        return verdict("diverging", "growing", {"factor": factor, "n": n, "w": run.final_w, **vs}, n, words, factor=factor, alpha_limit=limit, w_star=nearest)
    span = w[-recent.size - 1 :]
    facts = {"n": n, "lo": float(span.min()), "hi": float(span.max()), **vs}
    return verdict("cycling", "cycling", facts, n, words, factor=factor, alpha_limit=limit, w_star=nearest)


def _first_steps(run: DescentRun, curve: CostCurve, words: str, minima: list[float], alpha_limit: float | None) -> Verdict:
    w = np.asarray(run.w, dtype=float)
    n, w0, wn = run.iterations, float(w[0]), run.final_w
    nearest = min(minima, key=lambda m: abs(m - wn)) if minima else None
    limit = pf.limit_at(curve, nearest, alpha_limit)
    crossed = False
    if nearest is not None:
        d = w - nearest
        crossed = bool(np.any(d[1:] * d[:-1] < 0))
        if crossed and abs(d[-1]) > abs(d[0]) and limit is not None and run.alpha > limit:
            facts = {"how": "one step" if n == 1 else "two steps", "w0": w0, "w_star": nearest, "w": wn}
            facts |= pf.vs_limit(run.alpha, limit, nearest if len(minima) > 1 else None)
            factor = abs(d[-1] / d[0]) ** (1 / n)
            return verdict("diverging", "overshoot", facts, n, words, factor=factor, alpha_limit=limit, w_star=nearest)
    closer = nearest is not None and abs(wn - nearest) < abs(w0 - nearest)
    facts = {"n": n, "w0": w0, "w": wn, "past": nearest if closer and crossed else None, "towards": nearest if closer and not crossed else None}
    return verdict("too_few", "too_few", facts, n, words, alpha_limit=limit, w_star=nearest)


def _one_way(run: DescentRun, curve: CostCurve, rule: StopRule, minima: list[float], alpha_limit: float | None) -> Verdict:
    steps = np.asarray(run.step, dtype=float)
    n, wn, last = run.iterations, run.final_w, float(steps[-1])
    direction = "right" if last > 0 else "left"
    ahead = [m for m in minima if (m - wn) * last > 0]
    w_star = min(ahead, key=lambda m: abs(m - wn)) if ahead else None
    limit = pf.limit_at(curve, w_star, alpha_limit)
    words = rule.words()
    if w_star is None:
        length = pf.streak(pf.tail(steps))
        falling = bool(run.cost[-1] < run.cost[-length - 1])
        return verdict("runaway", "runaway", {"direction": direction, "falling": falling, "n": n, "w": wn}, n, words, alpha_limit=limit)
    if limit is not None and run.alpha < limit:
        facts = {"n": n, "direction": direction, "w_star": w_star, "step": abs(last), "tol": rule.step_tol}
        advice = pf.advice(curve, run, rule, minima, limit)
        facts |= advice if advice and abs(advice["best"] - run.alpha) > 0.1 * run.alpha else {"no_advice": True}
        return verdict("creeping", "creeping", facts, n, words, alpha_limit=limit, w_star=w_star)
    facts = {"n": n, "w_star": w_star, "direction": direction, **pf.vs_limit(run.alpha, limit, w_star if len(minima) > 1 else None)}
    return verdict("too_few", "not_there", facts, n, words, alpha_limit=limit, w_star=w_star)
