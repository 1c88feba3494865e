"""Each page's moving figure, built once per view and kept in one shared, bounded cache.

Building a figure with its frames costs tens of milliseconds; sending a cached one costs the
JSON dump of its dict (under 1.5 ms; see ui.plotly_anim.ReadyFigure). A cached figure is shared
between sessions: nothing may change it after it is built.
The first argument of each function is the view's key (every setting the figure depends on);
the arguments after it with a leading underscore are not part of the key (ui.shared_cache).
"""

from __future__ import annotations

from ui.plotly_anim import ReadyFigure
from ui.plotly_curves import compare_figure, intuition_figure
from ui.plotly_minima import minima_figure
from ui.plotly_regression import regression_figure
from ui.shared_cache import shared


@shared(max_entries=64)
def intuition(key: tuple, _curve, _run) -> ReadyFigure:
    return intuition_figure(_curve.cost, (_curve.w_min, _curve.w_max), _run)


@shared(max_entries=64)
def learning_rate(key: tuple, _curve, _runs, j_min: float) -> ReadyFigure:
    return compare_figure(_curve.cost, (_curve.w_min, _curve.w_max), _runs, j_min)


@shared(max_entries=64)
def local_minimum(key: tuple, _curve, _runs, _basins, _landscape, _paths) -> ReadyFigure:
    return minima_figure(_curve.cost, (_curve.w_min, _curve.w_max), _runs, _basins, _landscape, _paths)


@shared(max_entries=16)
def regression(key: tuple, _x, _y, _stats, _fits, x_title: str, y_title: str) -> ReadyFigure:
    return regression_figure(_x, _y, _stats, _fits, x_title, y_title)
