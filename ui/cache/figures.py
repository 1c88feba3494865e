"""Each page's moving figure (and still chart or table), built once per view and kept in one
shared, bounded cache.

Building a figure with its frames costs tens of milliseconds; a cached one is sent as it is,
its JSON text made once (ui.charts.player.ReadyFigure, ui.charts.figure_dict.FigureDict); a cached chart or table
holds its data as Arrow, which Streamlit sends without converting it again. A cached value is
shared between sessions: nothing may change it after it is built.
The first argument of each function is the view's key (every setting the figure depends on);
the arguments after it with a leading underscore are not part of the key (ui.cache.shared_cache).
"""

from __future__ import annotations

import pyarrow as pa

from ui.charts.batches import batches_figure
from ui.charts.cost_curve import Ghost, iterations_table
from ui.charts.debug import TITLES, debug_chart, fix_chart
from ui.charts.learning_rate import sweep_chart
from ui.charts.regression_parts import cost_chart, parameter_chart
from ui.charts.player import ReadyFigure
from ui.charts.intuition import intuition_figure
from ui.charts.learning_rate import compare_figure
from ui.charts.minima_ghost import Ghost as MinimaGhost
from ui.charts.local_minimum import minima_figure
from ui.charts.regression_ghost import Ghost as RegressionGhost
from ui.charts.regression import regression_figure
from ui.charts.hand_fit import hand_figure
from ui.cache.shared_cache import shared
from ui.charts.vega_lite import Spec, with_arrow_data
from ui.words.chart_text import debug_chart_text, described


@shared(max_entries=64)
def intuition(key: tuple, _curve, _run, hidden: bool = False, ghost: Ghost | None = None, compact: bool = False, in_class: bool = False) -> ReadyFigure:
    """``hidden``: the start only (before a prediction); ``ghost``: the prediction beside the run;
    ``compact``: projector mode's shorter figure (the player inside a 1366 x 768 screen); ``in_class``: the class view's start."""
    return intuition_figure(_curve.cost, (_curve.w_min, _curve.w_max), _run, height=550 if compact else 610, hidden=hidden, ghost=ghost, in_class=in_class)


@shared(max_entries=64)
def learning_rate(key: tuple, _curve, _runs, j_min: float, hidden: bool = False, compact: bool = False, in_class: bool = False) -> ReadyFigure:
    """``hidden``: every alpha at the start only (before a prediction); ``compact``: projector mode; ``in_class``: the class view's start."""
    return compare_figure(_curve.cost, (_curve.w_min, _curve.w_max), _runs, j_min, height=500 if compact else 490, compact=compact, hidden=hidden, in_class=in_class)


@shared(max_entries=64)
def local_minimum(
    key: tuple, _curve, _runs, _basins, _landscape, _paths, narrow: bool, hide_minima: bool = False, compact: bool = False,
    hidden: bool = False, ghost: MinimaGhost | None = None, _race=None, three_d: bool = False, clicks: bool = True,
) -> ReadyFigure:
    """``hidden`` (before a prediction: pass the runs cut to their start), ``ghost``, ``three_d`` (the surface to turn) and ``clicks``
    (False: the class view's figure, which takes no click) are part of the key;
    ``_race`` (the momentum race's paths and names, ui.views.local_minimum.race_figure) is not: its beta is in ``key``."""
    return minima_figure(
        _curve.cost, (_curve.w_min, _curve.w_max), _runs, _basins, _landscape, _paths, narrow=narrow, hide_minima=hide_minima, compact=compact, hidden=hidden, ghost=ghost,
        race=_race, three_d=three_d, clicks=clicks,
    )


@shared(max_entries=16)
def regression(
    key: tuple, _x, _y, _stats, _fits, x_title: str, y_title: str, narrow: bool, met_at: int | None = None, hide_lstsq: bool = False, compact: bool = False,
    hidden: bool = False, ghost: RegressionGhost | None = None, three_d: bool = False, clicks: bool = True,
) -> ReadyFigure:
    """``hidden`` (before a prediction: pass the fits cut to their start), ``ghost``, ``three_d`` (the surface to turn) and ``clicks``
    (False: the class view's figure) are part of the key."""
    return regression_figure(
        _x, _y, _stats, _fits, x_title, y_title, narrow=narrow, met_at=met_at, hide_lstsq=hide_lstsq, compact=compact, hidden=hidden, ghost=ghost,
        three_d=three_d, clicks=clicks,
    )


@shared(max_entries=32)
def hand(
    key: tuple, _x, _y, _stats, w: float, b: float, x_title: str, y_title: str, start: tuple[float, float] | None, show_maps: bool, show_lstsq: bool, narrow: bool,
) -> ReadyFigure:
    """Page 4's fit by hand (``key``: the data's id): the line (w, b), its residuals and squares, and (w, b) on J(w, b)."""
    return hand_figure(_x, _y, _stats, w, b, x_title, y_title, start=start, show_maps=show_maps, show_lstsq=show_lstsq, narrow=narrow)


@shared(max_entries=64)
def sweep(key: tuple, _sweep, alpha_max: float, num_iters: int, guess: float | None = None) -> Spec:
    """``guess``: a predicted largest alpha, drawn beside the wall."""
    return with_arrow_data(sweep_chart(_sweep.alphas, _sweep.iterations, _sweep.diverged, alpha_max, num_iters, guess=guess))


@shared(max_entries=16)
def costs(key: tuple, _fits, cost_star: float) -> Spec:
    return with_arrow_data(cost_chart([(f"{label} update", f.result.cost_history) for label, f in _fits], cost_star))


@shared(max_entries=16)
def parameters(key: tuple, _fit, x_names: tuple[str, ...]) -> Spec:
    return with_arrow_data(parameter_chart(_fit.path.w_history, _fit.path.b_history, list(x_names)))


@shared(max_entries=64)
def iterations(key: tuple, _run) -> pa.Table:
    """Page 1's table of every update, as Arrow (st.dataframe converts a DataFrame on every rerun)."""
    return pa.Table.from_pandas(iterations_table(_run), preserve_index=False)


@shared(max_entries=64)
def diagnosis(key: tuple, _log, _diagnosis, name: str) -> Spec:
    """Page 5: the logged ``name`` over the closest entry's run and the correct run (``key``: the
    diagnosis's, runs.diagnosis), its datasets as Arrow once, described by the points it draws."""
    spec = debug_chart(_log, _diagnosis, name)
    return described(with_arrow_data(spec), debug_chart_text(spec, TITLES[name]))


@shared(max_entries=64)
def find_the_bug(key: tuple, _buggy, _fixed) -> Spec:
    """Page 5's reveal: the buggy and the fixed code's cost on one chart (key: the exercise's seed)."""
    return with_arrow_data(fix_chart(_buggy, _fixed))


@shared(max_entries=16)
def batches(key: tuple, _x, _y, _stats, _runs, x_title: str, y_title: str, narrow: bool, clicks: bool = True) -> ReadyFigure:
    """The batch-size lesson's figure: ``_runs`` as (label, run), batch, mini-batch, stochastic (``clicks``: the lesson page's, not the class view's)."""
    return batches_figure(_x, _y, _stats, _runs, x_title, y_title, narrow=narrow, clicks=clicks)
