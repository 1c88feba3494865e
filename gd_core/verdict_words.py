"""The one function that writes a verdict's sentence, from its form and its facts.

A classifier (gd_core.verdict, gd_core.regression_verdict) returns facts, never words. Each
form's template is a list of parts:

- a string with slots (``{w:n}``) is a clause: written when every one of its facts is given
  (not None), left out otherwise; the form's first part is required, and a missing fact there
  is an error, never an empty slot;
- a string without slots is glue, written whenever its group is;
- a tuple is a group: written when its first part is, with its own optional clauses and glue.

Slot formats: ``n`` a number to 4 significant digits (``n2``, ``n3``: 2, 3), ``x`` a typed value exactly,
``lim`` a limit rounded down (with enough digits to compare right with ``alpha``), ``it`` /
``up`` / ``more`` counts of iterations, updates or more iterations, ``s`` a word, ``if`` a flag
(written as nothing: the clause shows when the flag is true).

>>> sentence("alpha_zero", {"w0": 7.0, "slope0": 8.0})
'α = 0, so every step −α·dJ/dw is 0: w stays at 7, although the slope there is 8, not 0'
>>> sentence("converged", {"k": 20, "step": 0.0092, "tol": 0.01, "w": 3.04, "gap": 0.046, "w_star": 3.0})
'converged in 20 iterations: the last step, 0.0092, is under 0.01, at w = 3.04, 0.046 from the minimum w* = 3'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from string import Formatter
from typing import Any

from gd_core.wording import exact, limit, number, plural

Part = str | tuple
_VS = (
    " (α = {alpha:x} is {side:s} the stable limit {limit:lim}", " of w* = {limit_star:n}",
    "; that limit holds only near w*, and this start is far from it{far:if}", ")",
)
_FASTEST = (". From w₀ = {w0:n} the fastest α is about {best:n3} ({best_k:it} to meet the stop rule): {change:s} α towards it", ", or run more iterations{more_helps:if}")

TEMPLATES: dict[str, tuple[Part, ...]] = {
    "alpha_zero": ("α = 0, so every step −α·dJ/dw is 0: w stays at {w0:n}", ", the slope there is 0 too{slope_zero:if}", ", although the slope there is {slope0:n}, not 0"),
    "standing_minimum": ("dJ/dw = {s0:n} here, so w stays at {w0:n}", " for all {n:it}", ", within {gap:n} of the minimum w* = {w_star:n}", ": J''({w0:n}) = {c:n}", " > 0{curved:if}", ", but J rises on both sides{flat_bottom:if}", ", a local minimum (a stable fixed point of gradient descent)"),
    "standing_maximum": ("dJ/dw = {s0:n} here, so w stays at {w0:n}", " for all {n:it}", ", but J''({w0:n}) = {c:n}", " < 0{curved:if}", ", but J falls on both sides{flat_bottom:if}", ": this is a maximum, a fixed point too but an unstable one: any nudge rolls away downhill"),
    "standing_flat": ("dJ/dw = {s0:n} and J''({w0:n}) = {c:n} here, so w stays at {w0:n}", " for all {n:it}", ": the cost is flat at this point, which is not a minimum"),
    "converged": ("converged in {k:it}: the last step, {step:n}, is under {tol:n}, at w = {w:n}, {gap:n} from the minimum", " w* = {w_star:n}", ", swinging from side to side on the way{swung:if}", "; the run went on to {n:it} and w stayed within the rule"),
    "landed_maximum": ("landed on a maximum after {k:it}: dJ/dw ≈ 0 at w = {w:n}, but J'' = {c:n} < 0, so any nudge rolls away",),
    "stalled": ("stalled after {n:it}: the steps are under {tol:n}, but w = {w:n} is still {gap:n} from the minimum w* = {w_star:n}, so this is not convergence", ": α = {alpha:x} is too small for w to move much{too_small:if}", _FASTEST),
    "flat_tail": ("ran off onto a flat tail: after {n:it} w = {w:n}", ", outside the plotted range {w_min:n} to {w_max:n}", ", where dJ/dw = {slope:n} is almost 0, so the steps no longer move w; this is not a minimum: the curve has no minimum in reach"),
    "runaway": ("running away: every recent step goes {direction:s}", " and J keeps falling{falling:if}", ", with no minimum of J ahead; after {n:it} w = {w:n}"),
    "kink": ("every step is about {step:n} long and does not shrink: the slope of J is ±{slope:n} right up to the sharp corner at w = {corner:n}", ", and w now jumps back and forth across it{across:if}", "; after {n:it} w = {w:n}. Steps shrink by themselves only at a smooth minimum, where the slope itself goes to 0"),
    "diverged": ("diverged after {n:up}: the next update would take w to {w_next:n}", ", past ±{w_limit:n}", ", where J is too large to compute{overflow:if}", _VS),
    "diverged_first": ("diverges on its first update: it would take w to {w_next:n}", ", past ±{w_limit:n}", ", where J is too large to compute{overflow:if}", _VS),
    "overshoot": ("overshooting: {how:s} jumped from {w0:n} past w* = {w_star:n} to {w:n}, farther from w* than it started", _VS),
    "no_iterations": ("no iterations yet: too few to judge{none:if}",),
    "too_few": ("too few iterations to judge: {n:it} moved w from {w0:n} to {w:n}", ", past w* = {past:n} but closer to it", ", towards w* = {towards:n}"),
    "creeping": ("still creeping after {n:it}: every recent step goes {direction:s}, towards w* = {w_star:n}, the last one {step:n} long, not yet under {tol:n}", _FASTEST, ". Run more iterations{no_advice:if}"),
    "not_there": ("not there yet: after {n:it} w is still on its way to w* = {w_star:n} (every recent step goes {direction:s})", _VS),
    "oscillating": ("converging while oscillating: w swings from side to side and each swing is {factor:n3} times the last; after {n:it} |w − w*| = {gap:n}", ", and about {more:more} meet the stop rule"),
    "growing": ("diverging: w swings from side to side and each swing is about {factor:n3} times the last; after {n:it} w = {w:n}", _VS),
    "cycling": ("cycling: after {n:it} w still jumps back and forth between {lo:n} and {hi:n} and does not settle", _VS),
}

# J(w, b) (gd_core.regression_verdict)
_REG_CAUSE = (" (α = {alpha:x} is {side:s} the stable limit {limit:lim})",)
_SEQ_CAUSE = (" (this update multiplies the error by up to {seq_factor:n3} per step)",)
_MORE = "; at this pace about {more:more} meet the stop rule"
TEMPLATES |= {
    "reg_stopped": ("{message:s}",),
    "reg_alpha_zero": ("α = 0, so every update moves w and b by α × gradient = 0: they stay at the start and the cost stays {cost:n}",),
    "reg_at_minimum": ("(w, b) started at the least-squares answer: the gradient is 0 there, so no update moves it{start:if}",),
    "reg_converged": (
        "converged in {k:it}: J − J* fell under {tol:n} of the starting gap", ", zigzagging across the valley on the way{zig:if}",
        ("; the run went on to its limit of {n:it}, which the slider, the numbers and the cost chart show", ", and J stayed within the rule{stayed:if}"),
    ),
    "reg_diverged": ("{message:s}", _REG_CAUSE, _SEQ_CAUSE, ": lower α{lower:if}"),
    "reg_growing": ("diverging: the cost has grown from {low:n} to {last:n}", _REG_CAUSE, _SEQ_CAUSE, ": lower α{lower:if}"),
    "reg_will_grow": (
        "too few iterations to judge: the cost is still falling{falling:if}", ", but α = {alpha:x} is {side:s} the stable limit {limit:lim}",
        ", but this update multiplies the error by up to {seq_factor:n3} per step", ", so it will start to grow",
    ),
    "reg_too_few": ("too few iterations to judge: {n:it} so far",),
    "reg_oscillating": ("converging while oscillating: (w, b) zigzags across the valley and the error shrinks ×{factor:n} per step; after {n:it} J − J* is {share:n3}% of the starting gap", _MORE),
    "reg_creeping": (
        "still creeping after {n:it}: J − J* is still {share:n3}% of the starting gap", _MORE, ".",
        (" Even with scaling the valley of J(w, b) is long and narrow (condition number {kappa_scaled:n2}): some features nearly repeat each other; drop one of them.",),
        (
            " α = {alpha_narrow:x} is {side:s} the stable limit {limit:lim} ({percent:n2}% of it), but raising α cannot fix this: the valley of J(w, b) "
            "is long and narrow (condition number {kappa:n2}), and ", "even the best α would need about {need:it}",
            "no α makes progress in the flat direction{no_progress:if}", ". Turn on feature scaling to make the valley round.",
        ),
        (" The fastest α here is 2 / (λmin + λmax) = {best:n3}, about {best_k:it} in all to meet the stop rule: {change:s} α towards it, or run more iterations.",),
        (" Run more iterations{more_only:if}.",),
    ),
}


def _slots(part: str) -> list[tuple[str, str]]:
    return [(name, spec or "") for _, name, spec, _ in Formatter().parse(part) if name is not None]


def _value(name: str, spec: str, facts: Mapping[str, Any]) -> str:
    value = facts[name]
    if isinstance(value, float) and math.isnan(value):
        raise ValueError(f"fact {name!r} is not a number")
    if spec == "if":
        return ""
    if spec in ("n", "n2", "n3"):
        return number(value, {"n": 4, "n2": 2, "n3": 3}[spec])
    if spec == "x":
        return exact(value)
    if spec == "lim":
        return limit(value, facts.get("alpha"))
    if spec in ("it", "up", "more"):
        return plural(int(value), {"it": "iteration", "up": "update", "more": "more iteration"}[spec])
    return str(value)


def _present(part: str, facts: Mapping[str, Any]) -> bool:
    return all(facts.get(name) is not None and facts.get(name) is not False for name, _ in _slots(part))


def _fill(part: str, facts: Mapping[str, Any]) -> str:
    out = []
    for literal, name, spec, _ in Formatter().parse(part):
        out.append(literal)
        if name is not None:
            out.append(_value(name, spec or "", facts))
    return "".join(out)


def _write(parts: tuple[Part, ...], facts: Mapping[str, Any], required: bool) -> str:
    head = parts[0]
    if isinstance(head, tuple) or not _present(head, facts):
        if required:
            missing = [n for n, _ in _slots(head) if facts.get(n) is None or facts.get(n) is False] if isinstance(head, str) else ["group"]
            raise KeyError(f"a verdict's first clause needs {missing}")
        return ""
    out = [_fill(head, facts)]
    for part in parts[1:]:
        if isinstance(part, tuple):
            out.append(_write(part, facts, required=False))
        elif not _slots(part) or _present(part, facts):
            out.append(_fill(part, facts))
    return "".join(out)


def sentence(form: str, facts: Mapping[str, Any]) -> str:
    """The verdict's sentence: the form's template filled from its facts (see the module).

    A run that diverges before its first update is said so, not 'diverged after 0 updates'.
    """
    if form == "diverged" and facts.get("n") == 0:
        form = "diverged_first"
    return _write(TEMPLATES[form], facts, required=True)
