"""Update rules: how the parameters move, given the gradient. The one place ``w - alpha * dJ/dw`` is
written (the planted mistakes, ``w + alpha * dJ/dw`` and the like, are rules too: ``gd_core.bug_rules``).

A rule is a pair of pure functions, as optax writes an optimizer::

    state = rule.init(params)
    params, state = rule.step(grads, state, params, gradient)

``params`` is a tuple of the parameters, ``(w,)`` on a cost curve J(w) or ``(w, b)`` on
J(w, b); each entry a float, or an array (one entry per feature, per start or per alpha).
``grads`` has the same shape: dJ/dw (and dJ/db) at ``params``, taken by the loop
(``gd_core.loop``). ``gradient(params) -> grads`` is offered for a rule that needs the slope
somewhere else (the sequential update takes b's gradient after w moved). ``state`` is what the
rule carries from one iteration to the next (momentum's velocity; nothing for plain descent).
``alpha`` and any other setting are fixed when the rule is made; alpha may be an array that
matches the parameters (many learning rates at once).

A rule that writes a mistake (``gd_core.bug_rules``) may print other gradients than the ones it
was given: ``rule.printed(grads, state)`` says which (by default, ``grads``).

>>> rule = simultaneous(0.1)
>>> rule.step((2.0, -1.0), rule.init((1.0, 1.0)), (1.0, 1.0), None)
((0.8, 1.1), ())
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Params = tuple  # (w,) or (w, b): floats or numpy arrays
Grads = tuple  # the same shape as Params: (dJ/dw,) or (dJ/dw, dJ/db)
Gradient = Callable[[Params], Grads]
Step = Callable[[Grads, Any, Params, Gradient], tuple[Params, Any]]


def _no_state(params: Params) -> tuple:
    return ()


def _as_given(grads: Grads, state: Any) -> Grads:
    return grads


@dataclass(frozen=True)
class UpdateRule:
    """An update rule as data: ``init(params) -> state`` and ``step(grads, state, params, gradient)
    -> (params, state)``, both pure; ``printed(grads, state)`` the gradients a log shows."""

    name: str
    init: Callable[[Params], Any]
    step: Step
    printed: Callable[[Grads, Any], Grads] = _as_given


def simultaneous(alpha: Any) -> UpdateRule:
    """Plain gradient descent, every parameter from the same point::

        w_new = w - alpha * dJ/dw(w, b)
        b_new = b - alpha * dJ/db(w, b)

    >>> rule = simultaneous(0.01)
    >>> rule.step((-650.0, -400.0), (), (0.0, 0.0), None)[0]
    (6.5, 4.0)
    >>> rule.step((4.0,), (), (2.0,), None)[0]  # one parameter: w := w - alpha * dJ/dw
    (1.96,)
    """

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient | None) -> tuple[Params, Any]:
        try:  # (w, b), unrolled: on floats an iteration is a dozen flops, and every call counts
            w, b = params
        except ValueError:
            return tuple([p - alpha * g for p, g in zip(params, grads)]), state
        dj_dw, dj_db = grads
        return (w - alpha * dj_dw, b - alpha * dj_db), state

    return UpdateRule("simultaneous", _no_state, step)


def sequential(alpha: Any) -> UpdateRule:
    """The wrong variant the lesson warns about: w moves first, then b's gradient is taken there::

        w_new = w - alpha * dJ/dw(w, b)
        b_new = b - alpha * dJ/db(w_new, b)

    The gradients a log of it prints are the second ones, at (w_new, b) (``printed``).

    >>> from gd_core.sums import formulas, summarize
    >>> f = formulas(summarize([1.0, 2.0], [300.0, 500.0]))
    >>> params, state = sequential(0.01).step(f.gradient((0.0, 0.0)), None, (0.0, 0.0), f.gradient)
    >>> [round(v, 6) for v in params], [round(v, 6) for v in state]
    ([6.5, 3.9025], [-633.75, -390.25])
    """

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient) -> tuple[Params, Any]:
        w, b = params
        w_new = w - alpha * grads[0]
        second = gradient((w_new, b))
        return (w_new, b - alpha * second[1]), second

    return UpdateRule("sequential", _no_state, step, printed=lambda grads, state: state)


def momentum(alpha: Any, beta: float) -> UpdateRule:
    """Gradient descent with momentum (heavy ball): a velocity v per parameter, from v = 0::

        v_new = beta * v + dJ/dw
        w_new = w - alpha * v_new

    With beta = 0 it is plain descent, number for number. ``beta`` may be an array that matches
    the parameters, as alpha may (plain descent and momentum side by side: betas 0 and 0.9).

    >>> rule = momentum(0.1, 0.9)
    >>> params, state = rule.step((1.0,), rule.init((0.0,)), (0.0,), None)
    >>> params, state = rule.step((1.0,), state, params, None)
    >>> [round(v, 6) for v in params], [round(v, 6) for v in state]
    ([-0.29], [1.9])
    """

    def init(params: Params) -> tuple:
        return tuple(0.0 * p for p in params)

    def step(grads: Grads, state: Any, params: Params, gradient: Gradient | None) -> tuple[Params, Any]:
        velocity = tuple([beta * v + g for v, g in zip(state, grads)])
        return tuple([p - alpha * v for p, v in zip(params, velocity)]), velocity

    return UpdateRule(f"momentum {beta:g}" if isinstance(beta, (int, float)) else "momentum", init, step)
