"""Page 4's context and questions ("Fit a line to your data"), answered from the page's fits.

Batch gradient descent on J(w, b) = 1/(2m) sum_i (w x_i + b - y_i)^2, updating both from the
same (w, b); the sequential (wrong) update takes dJ/db at the new w. Both stand still only
where dJ/dw = dJ/db = 0, at the least-squares answer (w*, b*).

- ``regression.diverges``: yes when the page's verdict on the run (``classify_regression``)
  is diverging;
- ``regression.final_w``: the run's last w (one feature), within 1/100 of the start's distance
  to the least-squares w*, |w* - w0| (at least 1/1000 of max(1, |w*|));
- ``regression.sequential_gap``: |w - w*| at the end of the sequential run, within the same
  tolerance; asked when the sequential update shrinks the error (its factor per step < 1).

>>> from gd_core.sums import summarize
>>> context = regression_context(summarize([1.0, 2.0], [300.0, 500.0]), 0.0, 0.0, 0.01, 10_000)
>>> FINAL_W.find_truth(context).answer
'After 10,000 iterations w = 199.9929 and b = 100.0116.'
"""

from __future__ import annotations

from dataclasses import dataclass

from gd_core.fit import Fit, fit_line
from gd_core.question_types import Choice, ChoiceForm, NumberForm, Question, Truth, truth
from gd_core.regression_verdict import classify_regression
from gd_core.run_facts import update_factor
from gd_core.sums import Stats
from gd_core.verdict import Verdict
from gd_core.wording import exact, limit, number, plural

LESSON = "regression"
YES_NO = ChoiceForm((Choice("yes", "Yes"), Choice("no", "No")))
MAX_ITERS = 200_000  # the page's own limit
SHARE = 0.01  # of the start's distance to w*
FLOOR = 1e-3  # of max(1, |w*|), for a start at w* itself
RULE = "within 1/100 of the start's distance to the least-squares w*"
DIGITS = 7  # w and b as the lab prints them: 199.9929, 100.0116


def _p(x: float) -> str:
    return number(x, DIGITS)


@dataclass(frozen=True)
class RegressionContext:
    """Page 4: the simultaneous fit and its verdict (None when it could not start), and the
    sequential fit from the same settings."""

    stats: Stats
    w0: float
    b0: float
    alpha: float
    iters: int
    scaled: bool
    fit: Fit
    verdict: Verdict | None
    sequential_fit: Fit
    lesson: str = "regression"
    hand_cost: float | None = None  # J of the line set by hand (gd_core.hand_fit), None when the fit by hand is off

    @property
    def w_star(self) -> float:
        return float(self.stats.w_star[0])


def regression_context(
    stats: Stats, w0: float, b0: float, alpha: float, iters: int, *, scaled: bool = False,
    judged: tuple[Fit, Verdict | None] | None = None, sequential_fit: Fit | None = None, hand_cost: float | None = None,
) -> RegressionContext:
    """Page 4's context: ``judged`` is the page's cached (fit, verdict), ``sequential_fit`` its
    sequential fit; either is made here (``fit_line``) when not given."""
    if not 0 <= int(iters) <= MAX_ITERS:
        raise ValueError(f"iterations must be 0 to {MAX_ITERS:,}, got {iters!r}")
    start = (float(w0), float(b0), float(alpha), int(iters))
    if judged is None:
        fit = fit_line(stats, *start, scaled=scaled)
        judged = fit, None if fit.result.stop_reason == "not_finite" else classify_regression(fit.result, fit.run_stats, scaled=scaled)
    sequential_fit = sequential_fit or fit_line(stats, *start, scaled=scaled, sequential=True)
    for fit in (judged[0], sequential_fit):
        if fit.result.alpha != float(alpha) or fit.result.num_iters != int(iters) or fit.scaled != scaled:
            raise ValueError("the fit given was made with other settings")
    return RegressionContext(stats, *start, scaled, judged[0], judged[1], sequential_fit, hand_cost=hand_cost)


def _settings(c: RegressionContext) -> str:
    scaled = ", features scaled" if c.scaled else ""
    return f"From w = {_p(c.w0)}, b = {_p(c.b0)} with α = {exact(c.alpha)}{scaled}, {plural(c.iters, 'iteration')}."


def tolerance(c: RegressionContext) -> tuple[float, str]:
    """1/100 of |w* - w0|, at least 1/1000 of max(1, |w*|)."""
    tol = max(SHARE * abs(c.w_star - c.w0), FLOOR * max(1.0, abs(c.w_star)))
    return tol, f"within {number(tol)}, 1/100 of the start's distance to the least-squares w* = {_p(c.w_star)}"


# --- does it diverge -----------------------------------------------------------------------------


def _diverges(c: RegressionContext) -> Truth:
    v = c.verdict
    factor = update_factor(c.fit.run_stats, c.alpha)
    cost = c.fit.result.cost_history
    facts = {"kind": v.kind, "limit": v.alpha_limit, "factor": factor, "cost0": float(cost[0]), "cost_end": float(cost[-1])}
    side = "above" if c.alpha > v.alpha_limit else "below" if c.alpha < v.alpha_limit else "at"
    said = f"α = {exact(c.alpha)} is {side} the stable limit 2 / λmax = {limit(v.alpha_limit, c.alpha)}"
    went = f"in {plural(c.fit.result.iterations, 'iteration')} the cost went from {number(facts['cost0'])} to {number(facts['cost_end'])}"
    if v.kind == "diverging":
        why = f"{said}: each update multiplies the error by up to {number(factor, 3)}, so {went}."
        return truth("yes", "Yes: it diverges.", why, facts)
    why = f"{said}: each update multiplies the error by at most {number(factor, 3)}; {went}."
    return truth("no", "No: it does not diverge.", why, facts)


DIVERGES = Question(
    id="regression.diverges", lesson=LESSON, order=12, title="Does this α diverge on this data?",
    write_prompt=lambda c: f"{_settings(c)} Does α = {exact(c.alpha)} diverge on this data?",
    make_form=lambda c: YES_NO, find_truth=_diverges, applies=lambda c: c.verdict is not None and c.iters >= 1, hides=("wall",),
)

# --- where w ends ---------------------------------------------------------------------------------


def _final_w(c: RegressionContext) -> Truth:
    path = c.fit.path
    w, b = float(path.w[0]), path.b
    tol, rule = tolerance(c)
    facts = {"w": w, "b": b, "w_star": c.w_star, "b_star": c.stats.b_star, "iterations": path.iterations}
    cost, j_star = c.fit.result.cost_history, c.stats.cost_star
    why = (f"The simultaneous update moves (w, b) from ({_p(c.w0)}, {_p(c.b0)}) towards the least-squares "
           f"(w*, b*) = ({_p(c.w_star)}, {_p(c.stats.b_star)}): in {plural(path.iterations, 'iteration')} the cost above its least J* "
           f"went from {number(float(cost[0]) - j_star)} to {number(float(cost[-1]) - j_star)}.")
    answer = f"After {plural(path.iterations, 'iteration')} w = {_p(w)} and b = {_p(b)}."
    return truth(w, answer, why, facts, tolerance=tol, tolerance_rule=rule, shown=_p(w))


FINAL_W = Question(
    id="regression.final_w", lesson=LESSON, order=13, title="What w will it end at?",
    write_prompt=lambda c: f"{_settings(c)} What w will gradient descent end at?",
    make_form=lambda c: NumberForm("w", RULE), find_truth=_final_w,
    applies=lambda c: c.stats.n == 1 and c.verdict is not None and c.verdict.kind != "diverging",
)

# --- the sequential update ------------------------------------------------------------------------


def _sequential(c: RegressionContext) -> Truth:
    seq, sim = c.sequential_fit.path, c.fit.path
    gap, sim_gap = abs(float(seq.w[0]) - c.w_star), abs(float(sim.w[0]) - c.w_star)
    tol, rule = tolerance(c)
    facts = {"w": float(seq.w[0]), "b": seq.b, "gap": gap, "simultaneous_gap": sim_gap, "iterations": seq.iterations}
    why = (f"The sequential run ends at w = {_p(float(seq.w[0]))}, {number(gap)} from w* = {_p(c.w_star)} "
           f"(the simultaneous one: {number(sim_gap)}). It stands still only where dJ/dw = dJ/db = 0, at (w*, b*) too: "
           "the mistake changes the path it takes there.")
    return truth(gap, f"The sequential update ends {number(gap)} from w*.", why, facts, tolerance=tol, tolerance_rule=rule)


SEQUENTIAL_GAP = Question(
    id="regression.sequential_gap", lesson=LESSON, order=14, title="How far off does the sequential update end?",
    write_prompt=lambda c: (f"{_settings(c)} The sequential (wrong) update takes dJ/db after w has moved. "
                            "How far from the least-squares w* will its w end, |w − w*|?"),
    make_form=lambda c: NumberForm("|w − w*|", RULE), find_truth=_sequential,
    applies=lambda c: c.stats.n == 1 and c.iters >= 1 and c.sequential_fit.result.stop_reason not in ("diverged", "not_finite")
    and update_factor(c.sequential_fit.run_stats, c.alpha, sequential=True) < 1,
)

QUESTIONS: tuple[Question, ...] = (DIVERGES, FINAL_W, SEQUENTIAL_GAP)
