"""Each moving figure's text alternative (ui.words.figure_text), made once per view and kept in
the shared cache beside the figure: a row of formatted numbers per frame costs some 10 ms to
write, and a rerun should pay nothing for it. The first argument is the figure's view key;
``hidden`` and the verdict shown are part of the key too (ui.cache.shared_cache)."""

from __future__ import annotations

from ui.cache.shared_cache import shared
from ui.charts.player import shown_iterations
from ui.words.figure_text import FigureText, intuition_text, learning_rate_text, local_minimum_text, regression_text


@shared(max_entries=64)
def intuition(key: tuple, _figure, _curve, _run, hidden: bool, verdict: str | None) -> FigureText:
    return intuition_text(_curve.name, _run, shown_iterations(_figure), hidden=hidden, verdict=verdict)


@shared(max_entries=64)
def learning_rate(key: tuple, _figure, _runs, hidden: bool, verdicts: tuple[str | None, ...]) -> FigureText:
    return learning_rate_text(_runs, shown_iterations(_figure), hidden=hidden, verdicts=verdicts)


@shared(max_entries=64)
def local_minimum(key: tuple, _figure, _runs, _paths, hidden: bool, minima: tuple[float, ...], verdict: str | None) -> FigureText:
    return local_minimum_text(_runs, _paths, shown_iterations(_figure), hidden=hidden, minima=minima, verdict=verdict)


@shared(max_entries=16)
def regression(key: tuple, _figure, _fits, points: int, hidden: bool, verdict: str | None) -> FigureText:
    """``_fits``: (name, Fit) pairs, the reported one first."""
    histories = [(name, f.path.w_history[:, 0], f.path.b_history, f.result.cost_history) for name, f in _fits]
    return regression_text(histories, points, shown_iterations(_figure), hidden=hidden, verdict=verdict)
