"""Page 3's questions ("Local minima"), answered from the page's run of every iteration.

At a minimum dJ/dw = 0, so the update w := w - alpha * 0 leaves w where it is; near one the
slope is small, so the steps -alpha * dJ/dw shrink by themselves with alpha fixed.

- ``local_minimum.valley``: which minimum the run from w0 ends at (its last w within the
  page's rule, 10/1000 of the plotted range, of a minimum), or none within the iterations;
- ``local_minimum.moves``: yes when w ever gets a step's tolerance (1/1000 of the plotted
  range) away from w0;
- ``local_minimum.steps_shrink``: yes when every step is no longer than the one before
  (``run_facts.steps_shrink``, the fact behind the page's caption); asked when w moves;
- ``local_minimum.landscape``: which valley of H(w, b) a start on the landscape settles in
  (its last point within a valley's width of its centre, its last step under 1/200 of the
  map's width), or none;
- ``local_minimum.momentum``: where momentum (v := beta * v + grad H; (w, b) := (w, b) - alpha * v)
  ends against plain descent from the same start (gd_core.momentum_landscape.Race.outcome): in
  a deeper valley, the same one, a shallower one, or one of the two has not settled.

>>> from gd_core.contexts import local_minimum_context
>>> from gd_core.curves import CURVES
>>> context = local_minimum_context(CURVES["two_minima"], 5.0, 0.1, 30)
>>> MOVES.find_truth(context).why
'At w = 5 the slope dJ/dw is 0, so every step −α·dJ/dw is 0: w stays at 5 for all 30 iterations.'
"""

from __future__ import annotations

import numpy as np

from gd_core import surface
from gd_core.contexts import LocalMinimumContext
from gd_core.momentum_landscape import race_words
from gd_core.question_types import Choice, ChoiceForm, Question, Truth, truth
from gd_core.run_facts import steps_shrink
from gd_core.wording import exact, number, plural

LESSON = "local_minimum"
YES_NO = ChoiceForm((Choice("yes", "Yes"), Choice("no", "No")))
_DEPTH = surface.DEPTH


def _start(c: LocalMinimumContext) -> str:
    return f"w starts at w₀ = {number(c.w0)}, α = {exact(c.alpha)}, {plural(c.iters, 'iteration')}."


# --- which valley (1-D) ------------------------------------------------------------------------


def _valleys(c: LocalMinimumContext) -> ChoiceForm:
    return ChoiceForm((
        *(Choice(f"m{i + 1}", f"the minimum at w = {number(m)}") for i, m in enumerate(c.curve.minima)),
        Choice("none", f"none of them, within {plural(c.iters, 'iteration')}"),
    ))


def _valley(c: LocalMinimumContext) -> Truth:
    end = c.run.final_w
    near = [i for i, m in enumerate(c.curve.minima) if abs(end - m) <= c.rule.near_tol]
    facts = {"w0": c.w0, "w_end": end, "near_tol": c.rule.near_tol, "slope0": float(c.run.slope[0])}
    if not near:
        why = f"After {plural(c.run.iterations, 'iteration')} w = {number(end)}, not within {number(c.rule.near_tol)} of any minimum."
        return truth("none", "It ends at none of the minima.", why, facts)
    i = near[0]
    m = c.curve.minima[i]
    side = "stays there" if c.moved < c.rule.step_tol else f"the slope {number(float(c.run.slope[0]))} at w₀ sends it downhill into that valley"
    why = f"After {plural(c.run.iterations, 'iteration')} w = {number(end)}, within {number(c.rule.near_tol)} of the minimum at w = {number(m)}: {side}."
    return truth(f"m{i + 1}", f"It ends at the minimum w = {number(m)}.", why, facts | {"w_star": m})


VALLEY = Question(
    id="local_minimum.valley", lesson=LESSON, order=8, title="Which valley does this start reach?",
    write_prompt=lambda c: f"{_start(c)} Which minimum does the run end at?",
    make_form=_valleys, find_truth=_valley, applies=lambda c: len(c.curve.minima) >= 1,
)

# --- will w move --------------------------------------------------------------------------------


def _moves(c: LocalMinimumContext) -> Truth:
    slope, tol = float(c.run.slope[0]), c.rule.step_tol
    facts = {"w0": c.w0, "slope0": slope, "moved": c.moved, "tol": tol}
    if c.moved >= tol:
        why = (f"At w = {number(c.w0)} the slope dJ/dw is {number(slope)}, so the first step is {number(c.run.next_step(0))}; "
               f"w gets as far as {number(c.moved)} from its start.")
        return truth("yes", "Yes: w moves.", why, facts)
    cause = "α = 0, so every step −α·dJ/dw is 0" if c.alpha == 0 else (
        f"the slope dJ/dw is {number(slope)}, so every step −α·dJ/dw is 0" if slope == 0
        else f"the slope dJ/dw is {number(slope)}, so w never gets {number(tol)} (1/1000 of the plotted range) from its start")
    why = f"At w = {number(c.w0)} {cause}: w stays at {number(c.w0)} for all {plural(c.run.iterations, 'iteration')}."
    return truth("no", "No: w stays where it starts.", why, facts)


MOVES = Question(
    id="local_minimum.moves", lesson=LESSON, order=9, title="Will w move from here?",
    write_prompt=lambda c: f"{_start(c)} Will w move away from w₀ = {number(c.w0)}?",
    make_form=lambda c: YES_NO, find_truth=_moves,
)

# --- do the steps shrink by themselves ---------------------------------------------------------


def _shrink(c: LocalMinimumContext) -> Truth:
    size = np.abs(np.asarray(c.run.step, dtype=float))
    facts = {"first": float(size[0]), "last": float(size[-1]), "alpha": c.alpha}
    if steps_shrink(c.run):
        why = (f"Each step is α × |dJ/dw|; α stays {exact(c.alpha)} but the slope shrinks as w nears the minimum, "
               f"so the steps shrink from {number(size[0])} to {number(size[-1])}.")
        return truth("yes", "Yes: every step is no longer than the one before.", why, facts)
    grows = np.flatnonzero(size[1:] > size[:-1] * (1 + 1e-12) + 1e-12 * float(np.max(size)))
    if grows.size:
        k = int(grows[0]) + 1
        facts |= {"k": k + 1, "before": float(size[k - 1]), "after": float(size[k])}
        why = f"Step {k + 1:,} ({number(size[k])}) is longer than step {k:,} ({number(size[k - 1])}): the slope is steeper where w landed."
    else:
        why = "No step moves w: there is nothing to shrink."
    return truth("no", "No: some step is longer than the one before.", why, facts)


SHRINK = Question(
    id="local_minimum.steps_shrink", lesson=LESSON, order=10, title="Do the steps shrink by themselves?",
    write_prompt=lambda c: f"{_start(c)} α stays the same at every step. Will every step be no longer than the one before?",
    make_form=lambda c: YES_NO, find_truth=_shrink,
    applies=lambda c: c.run.iterations >= 2 and c.moved >= c.rule.step_tol,
    start=(("w0", 6.0),),  # the page opens at a minimum, where w does not move: the path goes on from a start that rolls to it
)

# --- the landscape --------------------------------------------------------------------------------


def _landscape_form(c: LocalMinimumContext) -> ChoiceForm:
    return ChoiceForm((
        *(Choice(f"v{i + 1}", f"the {_DEPTH[i]} valley, around ({number(wk)}, {number(bk)})") for i, (_, wk, bk, _) in enumerate(surface.VALLEYS)),
        Choice("none", "none: it has not settled in a valley"),
    ))


def _landscape(c: LocalMinimumContext) -> Truth:
    path = c.surface_path
    w, b = float(path.w[-1, 0]), float(path.b[-1, 0])
    where_it = surface.settled(path)
    i, last, distance = int(where_it.nearest[0]), float(where_it.last_step[0]), float(where_it.distance[0])
    facts = {"w": w, "b": b, "last_step": last, "distance": distance, "width": float(surface.VALLEYS[i, 3])}
    where = f"After {plural(c.surface_iters, 'iteration')} with α = {exact(c.surface_alpha)} the start ends at ({number(w)}, {number(b)})"
    if where_it.valley[0] >= 0:
        why = f"{where}, {number(distance)} from the centre of the {_DEPTH[i]} valley, the last step moving it {number(last)}: settled."
        return truth(f"v{i + 1}", f"It settles in the {_DEPTH[i]} valley.", why, facts)
    why = f"{where}, {number(distance)} from the nearest valley's centre, the last step moving it {number(last)}: not settled in one."
    return truth("none", "It does not settle in a valley.", why, facts)


LANDSCAPE = Question(
    id="local_minimum.landscape", lesson=LESSON, order=11, title="Which valley of the landscape?",
    write_prompt=lambda c: (f"On the landscape H(w, b), a start at ({number(c.surface_start[0])}, {number(c.surface_start[1])}) descends with "
                            f"α = {exact(c.surface_alpha)} for {plural(c.surface_iters, 'iteration')}. Which valley does it settle in?"),
    make_form=_landscape_form, find_truth=_landscape,
)

# --- momentum over the ridge ------------------------------------------------------------------------

RACE_FORM = ChoiceForm((
    Choice("deeper", "in a deeper valley than plain descent"),
    Choice("same", "in the same valley as plain descent"),
    Choice("shallower", "in a shallower valley than plain descent"),
    Choice("unsettled", "one of the two has not settled in a valley"),
))
_RACE_ANSWERS = {
    "deeper": "Momentum ends in a deeper valley.", "same": "Momentum ends in the same valley.",
    "shallower": "Momentum ends in a shallower valley.", "unsettled": "One of the two has not settled in a valley.",
}


def _momentum(c: LocalMinimumContext) -> Truth:
    r = c.race
    facts = {"beta": r.beta, "plain_valley": r.plain.valley, "momentum_valley": r.heavy.valley, "plain_cost": r.plain.cost, "momentum_cost": r.heavy.cost}
    return truth(r.outcome, _RACE_ANSWERS[r.outcome], race_words(r), facts)


MOMENTUM = Question(
    id="local_minimum.momentum", lesson=LESSON, order=11,  # after LANDSCAPE: the same order, and this tuple breaks the tie
    title="Will momentum roll over the ridge?",
    write_prompt=lambda c: (f"On the landscape H(w, b), plain descent and momentum with β = {exact(c.race.beta)} both start at "
                            f"({number(c.race.start[0])}, {number(c.race.start[1])}), α = {exact(c.race.alpha)}, {plural(c.race.iters, 'iteration')}. "
                            "Where does momentum end?"),
    make_form=lambda c: RACE_FORM, find_truth=_momentum,
)

QUESTIONS: tuple[Question, ...] = (VALLEY, MOVES, SHRINK, LANDSCAPE, MOMENTUM)
