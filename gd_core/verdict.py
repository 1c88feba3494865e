"""One place decides what a gradient-descent run did; one function (gd_core.verdict_words)
writes it in words.

``classify_descent`` (1-D curves, here) and ``classify_regression`` (J(w, b), in
``gd_core.regression_verdict``) return a ``Verdict``: its ``kind`` (which box and icon), its
``form`` (which sentence) and its ``facts`` (the numbers the sentence states, read off the
run). The stop rule is gd_core.stop_rule's: a step under 1/1000 of the plotted range of w,
within 10 times that of a minimum. The rules, checked in this order:

- ``alpha_zero``: alpha = 0. Every step -alpha * dJ/dw is 0 whatever the slope.
- ``diverging`` (form ``diverged``): the run left the finite range (or |w| > 1e6).
- ``at_minimum`` / ``at_maximum`` / ``flat``: w stands still (no step reaches the rule's
  size, nor would the next one) at a minimum, or at a point where dJ/dw = 0 whose J'' (or
  neighbours) says maximum or flat.
- ``converged``: from some iteration k on, every step is under the rule and w is near a
  minimum of the curve, to the end of the run.
- ``stalled``: the steps are under the rule but w is far from every minimum: a minimum lies
  downhill (form ``stalled``: alpha too small) or none does (form ``flat_tail``: the point ran
  onto a flat tail; never "converged").
- ``kink``: the steps keep their length heading for (or swinging across) a sharp corner
  such as |w| at 0: the slope does not shrink there, so neither do the steps.
- ``diverging``: a first step or two jumped past w* with alpha above the limit and landed
  farther away (form ``overshoot``), or the swings grow (form ``growing``).
- ``runaway``: the steps keep their direction with no minimum of J ahead.
- ``creeping``: the steps keep their sign towards w* with alpha below its limit; the advice
  names the alpha a sweep with the same rule found fastest. ``too_few``: 1 or 2 iterations,
  or (form ``not_there``) on the way with alpha above the limit.
- ``oscillating`` (swings shrink) and ``cycling`` (neither shrink nor grow).

>>> from gd_core.curves import CURVES
>>> from gd_core.descent import run_descent
>>> bowl = CURVES["bowl"]
>>> classify_descent(run_descent(bowl, 7.0, 0.1, 30), bowl).text
'converged in 21 iterations: the last step, 0.009223, is under 0.01, at w = 3.037, 0.03689 from the minimum w* = 3; the run went on to 30 iterations and w stayed within the rule'
>>> classify_descent(run_descent(bowl, 7.0, 0.0, 30), bowl).kind
'alpha_zero'
"""

from __future__ import annotations

import numpy as np

from gd_core import path_facts as pf
from gd_core.descent import CostCurve, DescentRun
from gd_core.loop import W_LIMIT, past
from gd_core.run_facts import sign_flip_fraction
from gd_core.stop_rule import StopRule, stop_rule
from gd_core.verdict_data import BADLY_CONDITIONED, REG_STEP_SHARE, SLOPE_TOL, Kind, Verdict, regression_rule, verdict  # noqa: F401  (the names every classifier shares)
from gd_core.verdict_moving import moving

__all__ = ["Kind", "Verdict", "classify_descent", "regression_rule", "verdict"]

def _default_rule(curve: CostCurve, run: DescentRun) -> StopRule:
    lo, hi = getattr(curve, "w_min", None), getattr(curve, "w_max", None)
    if lo is None or hi is None:
        lo, hi = float(np.min(run.w)) - 1.0, float(np.max(run.w)) + 1.0
    return stop_rule(lo, hi)


def _standing(run: DescentRun, curve: CostCurve, rule: StopRule, minima: list[float]) -> Verdict | None:
    """w stands still (no step, taken or next, reaches the rule's size) at a stationary point."""
    w0, s0, n = float(run.w[0]), float(run.slope[0]), run.iterations
    still = float(np.max(np.abs(run.w - w0))) < rule.step_tol and abs(run.next_step(run.w.size - 1)) < rule.step_tol
    if not still or not (rule.near(w0, tuple(minima)) or abs(s0) < SLOPE_TOL):
        return None
    shape, c = pf.shape_at(curve, w0)
    if rule.near(w0, tuple(minima)) and abs(s0) >= SLOPE_TOL:
        shape = "minimum"
    curved = c > pf.FLAT_CURVATURE if shape == "minimum" else c < -pf.FLAT_CURVATURE
    counted = n if n and run.stop_reason != "converged" else None  # a run the rule stopped took one step of ~0
    facts = {"s0": s0, "w0": w0, "n": counted, "c": c, "curved": curved, "flat_bottom": not curved}
    kind = {"minimum": "at_minimum", "maximum": "at_maximum", "flat": "flat"}[shape]
    w_star = min(minima, key=lambda m: abs(m - w0)) if shape == "minimum" and minima else None
    if w_star is not None and abs(w_star - w0) > 1e-9 * max(1.0, abs(w0)):
        facts["gap"], facts["w_star"] = abs(w_star - w0), w_star
    return verdict(kind, f"standing_{shape}", facts, 0, rule.words(), w_star=w_star)


def _converged(run: DescentRun, rule: StopRule, minima: list[float], k: int) -> Verdict:
    w_k = float(run.w[k])
    w_star = min(minima, key=lambda m: abs(m - w_k))
    n = run.iterations
    facts = {
        "k": k, "step": abs(float(run.step[k - 1])), "tol": rule.step_tol, "w": w_k, "gap": abs(w_k - w_star), "w_star": w_star,
        "swung": sign_flip_fraction(run.step[:k]) > 0.5, "n": n if k < n else None,
    }
    return verdict("converged", "converged", facts, k, rule.words(), w_star=w_star)


def _small_steps(run: DescentRun, curve: CostCurve, rule: StopRule, minima: list[float], alpha_limit: float | None) -> Verdict | None:
    """The last step is under the rule, yet w is not near a minimum: stalled, or on a flat tail."""
    if not (rule.met_by_step(float(run.step[-1])) and abs(run.next_step(run.w.size - 1)) < rule.step_tol):
        return None
    wn, sn, n = run.final_w, float(run.slope[-1]), run.iterations
    if rule.near(wn, tuple(minima)):
        return None  # near a minimum, yet its next step grows (met_from): leaving it, not stalled far from it
    if abs(sn) < SLOPE_TOL and pf.shape_at(curve, wn)[0] == "maximum":
        c = pf.curvature_at(curve, wn)
        return verdict("at_maximum", "landed_maximum", {"k": n, "w": wn, "c": c}, n, rule.words())
    downhill = [m for m in minima if (m - wn) * -sn > 0]
    if not downhill:
        w_min, w_max = getattr(curve, "w_min", None), getattr(curve, "w_max", None)
        outside = w_min is not None and not (w_min <= wn <= w_max)
        facts = {"n": n, "w": wn, "w_min": w_min if outside else None, "w_max": w_max if outside else None, "slope": sn}
        return verdict("stalled", "flat_tail", facts, n, rule.words())
    w_star = min(downhill, key=lambda m: abs(m - wn))
    limit = pf.limit_at(curve, w_star, alpha_limit)
    facts = {"n": n, "tol": rule.step_tol, "w": wn, "gap": abs(wn - w_star), "w_star": w_star, "alpha": run.alpha}
    facts |= pf.advice(curve, run, rule, minima, limit)
    facts["too_small"] = facts.get("change", "raise") == "raise"  # a faster alpha below this one: not "too small"
    return verdict("stalled", "stalled", facts, n, rule.words(), alpha_limit=limit, w_star=w_star)


def classify_descent(run: DescentRun, curve: CostCurve, alpha_limit: float | None = None, *, rule: StopRule | None = None) -> Verdict:
    """The verdict on a 1-D run (rules in the module docstring).

    The limit 2 / J''(w*) is taken at the minimum w* the run ends nearest to (or heads for);
    ``alpha_limit`` is used only when no minimum is in sight. ``rule`` is the stop rule the
    page states (by default the one for the curve's plotted range).
    """
    rule = rule or _default_rule(curve, run)
    n, alpha, w0 = run.iterations, float(run.alpha), float(run.w[0])
    if alpha == 0:
        s0 = float(run.slope[0])
        return verdict("alpha_zero", "alpha_zero", {"w0": w0, "slope_zero": s0 == 0, "slope0": s0 if s0 else None}, n, rule.words(), alpha_limit=alpha_limit)
    if run.stop_reason == "diverged":
        return _diverged(run, curve, rule, alpha_limit)
    minima = pf.minima_near(curve, np.asarray(run.w, dtype=float))
    if n == 0 and run.stop_reason != "converged":  # (an old-style run stops at dJ/dw = 0 before a step)
        return verdict("too_few", "no_iterations", {"none": True}, 0, rule.words(), alpha_limit=alpha_limit)
    standing = _standing(run, curve, rule, minima)
    if standing is not None:
        return standing
    k = pf.met_from(run, rule, minima)
    if k is not None:
        return _converged(run, rule, minima, k)
    small = _small_steps(run, curve, rule, minima, alpha_limit)
    if small is not None:
        return small
    return moving(run, curve, rule, minima, alpha_limit)


def _diverged(run: DescentRun, curve: CostCurve, rule: StopRule, alpha_limit: float | None) -> Verdict:
    """w* is the minimum nearest the start: w ended far away."""
    w0 = float(run.w[0])
    minima = pf.minima_near(curve, np.asarray(run.w[:1], dtype=float))
    start_star = min(minima, key=lambda m: abs(m - w0)) if minima else None
    limit = pf.limit_at(curve, start_star, alpha_limit)
    w_next = run.next_w(run.w.size - 1)
    passed = past(w_next, W_LIMIT)  # the loop's own test: w left the range, rather than J overflowing
    facts = {"n": run.iterations, "w_next": w_next, "w_limit": W_LIMIT if passed else None, "overflow": not passed}
    far = limit is not None and run.alpha < limit
    facts |= pf.vs_limit(run.alpha, limit, start_star if len(minima) > 1 else None, far=far)
    return verdict("diverging", "diverged", facts, run.iterations, rule.words(), alpha_limit=limit, w_star=start_star)
