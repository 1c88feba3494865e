"""Lesson 6's context and questions ("Batch, mini-batch, stochastic"), answered from the page's runs.

The page runs batch (B = m), mini-batch (B) and stochastic (B = 1) descent from one start with one
alpha and one seed (gd_core.minibatch_facts.three_runs). Each question names one of the three:

- ``batches.closest_after_one_epoch``: the run whose (w, b) after its first epoch is nearest the
  least-squares (w*, b*) (Euclidean distance); asked when all three finished an epoch and no two
  are within 1e-9 of the nearest's distance (a tie has no one answer);
- ``batches.closest_at_the_end``: the run whose full J over its last epoch is on average closest
  to J* (gd_core.minibatch_facts.near_minimum); asked when all three ran an epoch, with no tie;
- ``batches.noisiest``: the run whose full J moved most over its last epoch (largest J minus
  smallest J there); asked when that spread is not 0 for all three, with no tie.

>>> from gd_core.minibatch_facts import three_runs
>>> from gd_core.sums import summarize
>>> import numpy as np
>>> x = np.linspace(-2, 2, 40); y = 3 * x + 1 + np.cos(7 * x)
>>> runs = three_runs(x, y, summarize(x, y), 0.0, 0.0, alpha=0.1, batch_size=8, epochs=5, seed=0, max_updates=10_000)
>>> CLOSEST_AFTER_ONE_EPOCH.find_truth(BatchesContext(summarize(x, y), runs)).value
'stochastic'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd_core.minibatch import MiniBatchRun
from gd_core.minibatch_facts import BatchRuns, near_minimum
from gd_core.question_types import Choice, ChoiceForm, Question, Truth, truth
from gd_core.sums import Stats
from gd_core.wording import exact, number, plural

LESSON = "batches"
KEYS = ("batch", "mini", "stochastic")
TIE = 1e-9  # relative: two runs this close have no one answer


@dataclass(frozen=True)
class BatchesContext:
    """Lesson 6: the three runs the page plays, and the data's sums (for (w*, b*) and J*)."""

    stats: Stats
    runs: BatchRuns
    lesson: str = "batches"


def _label(run: MiniBatchRun) -> str:
    if run.batch_size == run.m:
        return f"batch (all {run.m:,} examples)"
    return "stochastic (1 example)" if run.batch_size == 1 else f"mini-batch (B = {run.batch_size:,})"


def _form(c: BatchesContext) -> ChoiceForm:
    return ChoiceForm(tuple(Choice(key, _label(run)) for key, run in zip(KEYS, c.runs.runs)))


def _settings(c: BatchesContext) -> str:
    first = c.runs.batch
    w0, b0 = float(first.w_history[0, 0]), float(first.b_history[0])
    return (f"Batch, mini-batch (B = {c.runs.mini.batch_size:,}) and stochastic descent start at w = {number(w0)}, b = {number(b0)} "
            f"with α = {exact(first.alpha)} and seed {first.seed}, for {plural(first.epochs, 'epoch')} of the {first.m:,} examples.")


def _distinct(values: list[float], pick) -> bool:
    """Whether the picked value (``min`` or ``max``) stands apart from the others: no tie."""
    best = pick(values)
    rest = sorted(values, key=lambda v: abs(v - best))[1:]
    return all(abs(v - best) > TIE * max(abs(best), 1e-300) for v in rest)


def _after_first_epoch(c: BatchesContext) -> list[float]:
    star = np.append(c.stats.w_star, c.stats.b_star)
    with np.errstate(over="ignore", invalid="ignore"):  # a far start: inf, never an error
        return [float(np.linalg.norm(np.append(r.w_history[r.epoch_ends[1]], r.b_history[r.epoch_ends[1]]) - star)) for r in c.runs.runs]


def _all_ran_an_epoch(c: BatchesContext) -> bool:
    return c.stats.n == 1 and all(r.epoch_ends.size >= 2 and r.stop_reason != "diverged" for r in c.runs.runs)


def _closest_after_one(c: BatchesContext) -> Truth:
    gaps = _after_first_epoch(c)
    k = int(np.argmin(gaps))
    runs = c.runs.runs
    counts = ", ".join(f"{_label(r)} {plural(r.updates_per_epoch, 'update')}, {number(g)} away" for r, g in zip(runs, gaps))
    why = (f"In one epoch every run uses each example once, but in different numbers of updates: {counts}. "
           "More, smaller steps go further per pass over the data, as long as their noise does not undo them.")
    return truth(KEYS[k], f"{_label(runs[k])} ends closest to (w*, b*) after one epoch.", why, {"distances": tuple(gaps)})


CLOSEST_AFTER_ONE_EPOCH = Question(
    id="batches.closest_after_one_epoch", lesson=LESSON, order=40, title="Which ends closest to the minimum after one epoch?",
    write_prompt=lambda c: f"{_settings(c)} After one epoch (one pass over the data), which run is closest to the least-squares (w*, b*)?",
    make_form=_form, find_truth=_closest_after_one,
    applies=lambda c: _all_ran_an_epoch(c) and _distinct(_after_first_epoch(c), min),
)


def _last_epoch_means(c: BatchesContext) -> list[float]:
    return [near_minimum(r, c.stats).excess_mean for r in c.runs.runs]


def _closest_at_end(c: BatchesContext) -> Truth:
    means = _last_epoch_means(c)
    k = int(np.argmin(means))
    listed = "; ".join(f"{_label(r)}: {number(v)}" for r, v in zip(c.runs.runs, means))
    why = (f"Over the last epoch the full J was on average this far above J* = {number(c.stats.cost_star)}: {listed}. "
           "With a fixed α a smaller batch keeps moving around the minimum: its gradient is not 0 there.")
    return truth(KEYS[k], f"{_label(c.runs.runs[k])} stays closest to J* over the last epoch.", why, {"excess_means": tuple(means)})


CLOSEST_AT_THE_END = Question(
    id="batches.closest_at_the_end", lesson=LESSON, order=41, title="Which stays closest to the least cost at the end?",
    write_prompt=lambda c: f"{_settings(c)} Over the last epoch, which run's cost J stays closest to the least J* on average?",
    make_form=_form, find_truth=_closest_at_end,
    applies=lambda c: _all_ran_an_epoch(c) and _distinct(_last_epoch_means(c), min),
)


def _spreads(c: BatchesContext) -> list[float]:
    near = [near_minimum(r, c.stats) for r in c.runs.runs]
    return [n.excess_max - n.excess_min for n in near]


def _noisiest(c: BatchesContext) -> Truth:
    spreads = _spreads(c)
    k = int(np.argmax(spreads))
    listed = "; ".join(f"{_label(r)}: {number(v)}" for r, v in zip(c.runs.runs, spreads))
    why = (f"Largest J minus smallest J over the last epoch: {listed}. A run that makes one update per epoch has no spread "
           "within it; one example per update moves with whichever example comes next.")
    return truth(KEYS[k], f"{_label(c.runs.runs[k])}'s cost moved most over its last epoch.", why, {"spreads": tuple(spreads)})


NOISIEST = Question(
    id="batches.noisiest", lesson=LESSON, order=42, title="Whose cost jumps the most?",
    write_prompt=lambda c: f"{_settings(c)} Over the last epoch, whose full-data cost J goes up and down the most?",
    make_form=_form, find_truth=_noisiest,
    applies=lambda c: _all_ran_an_epoch(c) and max(_spreads(c)) > 0 and _distinct(_spreads(c), max),
)

QUESTIONS: tuple[Question, ...] = (CLOSEST_AFTER_ONE_EPOCH, CLOSEST_AT_THE_END, NOISIEST)
