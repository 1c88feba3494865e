"""Page 5's exercise, "find the bug": a log printed by a seeded buggy loop, and its questions.

``debug_context(seed)`` draws, with numpy's Generator seeded by ``seed``, a mistake of the
catalogue (gd_core.bug_catalogue, every entry but ``correct``), a small dataset of house sizes
and prices, a learning rate (below the stable limit 2 / lambda_max, or above it for
``α too large``) and a number of iterations; it simulates the buggy loop from w = b = 0 and
prints its log with the catalogue's own printer. A draw is kept only when the page's own
diagnosis (gd_core.log_match) names that mistake alone, so the log decides the answer; else
the Generator draws again (at most ``MAX_DRAWS`` times, then the last mistake on the course
lab's data, x = [1, 2], y = [300, 500], where every mistake's log names it alone). The fixed code's run and log are made
from the same settings (for ``α too large``: half the limit, to one figure, as the catalogue's
corrected line says).

- ``debug.mistake``: which mistake printed this log;
- ``debug.function``: which function of the lab's code it sits in;
- ``debug.line``: which line of the lab's code (``COURSE_CODE``) it sits on.

>>> context = debug_context(7)
>>> context.entry.name in NAMES, context.log.splitlines()[0].startswith("Iteration    0: Cost")
(True, True)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from gd_core.bug_catalogue import ENTRIES, NAMES, BugEntry, Run, printed_log, simulate
from gd_core.log_match import Diagnosis, diagnose
from gd_core.log_parse import parse_log
from gd_core.question_types import Choice, ChoiceForm, Question, Truth, truth
from gd_core.sums import Stats, largest_stable_alpha, summarize
from gd_core.wording import exact

LESSON = "debug"
MAX_DRAWS = 12
MAX_SEED = 2**63 - 1
ITERATIONS = (10, 20, 50, 100)
LAB_X, LAB_Y, LAB_ALPHA, LAB_TOO_LARGE = (1.0, 2.0), (300.0, 500.0), 0.01, 0.7  # the fallback: the course lab's data

# The lab's code, line by line (C1_W1_Lab04): what the line question points into.
COURSE_CODE: tuple[str, ...] = (
    "def compute_cost(x, y, w, b):",
    "    m = x.shape[0]",
    "    cost = 0",
    "    for i in range(m):",
    "        f_wb = w * x[i] + b",
    "        cost = cost + (f_wb - y[i])**2",
    "    total_cost = 1 / (2 * m) * cost",
    "    return total_cost",
    "",
    "def compute_gradient(x, y, w, b):",
    "    m = x.shape[0]",
    "    dj_dw = 0",
    "    dj_db = 0",
    "    for i in range(m):",
    "        f_wb = w * x[i] + b",
    "        dj_dw_i = (f_wb - y[i]) * x[i]",
    "        dj_db_i = f_wb - y[i]",
    "        dj_db += dj_db_i",
    "        dj_dw += dj_dw_i",
    "    dj_dw = dj_dw / m",
    "    dj_db = dj_db / m",
    "    return dj_dw, dj_db",
    "",
    "def gradient_descent(x, y, w_in, b_in, alpha, num_iters, cost_function, gradient_function):",
    "    w = w_in",
    "    b = b_in",
    "    for i in range(num_iters):",
    "        dj_dw, dj_db = gradient_function(x, y, w, b)",
    "        b = b - alpha * dj_db",
    "        w = w - alpha * dj_dw",
    "        J_history.append(cost_function(x, y, w, b))",
    "    return w, b, J_history",
    "",
    "tmp_alpha = 1.0e-2",
    "w_final, b_final, J_hist = gradient_descent(x_train, y_train, 0, 0, tmp_alpha, iterations, compute_cost, compute_gradient)",
)

# Each mistake: its key (URL-safe), its name in plain words, the functions of COURSE_CODE where it
# may be said to sit (the first is where its lines are) and those lines (1-based).
MISTAKES: dict[str, tuple[str, str, tuple[str, ...], tuple[int, ...]]] = {
    "sign flipped": ("sign", "the update adds α × gradient instead of subtracting it", ("gradient_descent",), (29, 30)),
    "missing 1/m in the gradient": ("no_1_over_m", "the gradient is never divided by m", ("compute_gradient",), (20, 21)),
    "missing x in dJ/dw": ("no_x_in_dj_dw", "dj_dw leaves out the factor x[i]", ("compute_gradient",), (16,)),
    "sequential update": ("sequential", "w is updated before b's gradient is taken (not simultaneous)", ("gradient_descent",), (28, 29, 30)),
    # the lab resets the sums at the top of compute_gradient, which gradient_descent calls every iteration
    "gradient not reset each iteration": ("not_reset", "the gradient sums are not reset to 0 each iteration", ("compute_gradient", "gradient_descent"), (12, 13)),
    "b updated with dJ/dw": ("b_with_dj_dw", "b is updated with dj_dw instead of dj_db", ("gradient_descent",), (29,)),
    "x in dJ/db": ("x_in_dj_db", "dj_db is multiplied by x[i] too", ("compute_gradient",), (17,)),
    "cost without the 1/2": ("cost_no_half", "the cost divides by m instead of 2m", ("compute_cost",), (7,)),
    "α too large": ("alpha_too_large", "the code is right, but α is too large", ("call",), (34,)),
}
PLANTED = tuple(name for name in NAMES if name != "correct")
FUNCTIONS = ChoiceForm((
    Choice("compute_cost", "compute_cost"), Choice("compute_gradient", "compute_gradient"),
    Choice("gradient_descent", "gradient_descent"), Choice("call", "the call: the value of α"),
))
MISTAKE_FORM = ChoiceForm(tuple(Choice(MISTAKES[name][0], MISTAKES[name][1]) for name in PLANTED))
LINE_FORM = ChoiceForm(tuple(
    Choice(f"L{i}", f"line {i}: {text.strip()}") for i, text in enumerate(COURSE_CODE, 1) if text.strip() and not text.startswith("def ")
))


@dataclass(frozen=True)
class DebugContext:
    """The exercise drawn from ``seed``: the mistake, the data, the settings, the buggy run and
    its ``log``, the page's ``diagnosis`` of that log, and the fixed code's run and log."""

    seed: int
    entry: BugEntry
    x: tuple[float, ...]
    y: tuple[float, ...]
    stats: Stats
    alpha: float
    iters: int
    run: Run
    log: str
    diagnosis: Diagnosis
    fixed_alpha: float
    fixed_run: Run
    fixed_log: str
    lesson: str = "debug"


def _draw(rng: np.random.Generator) -> tuple[BugEntry, list[float], list[float], float, int]:
    entry = ENTRIES[PLANTED[int(rng.integers(len(PLANTED)))]]
    m = int(rng.integers(2, 6))
    x = sorted(set(np.round(rng.uniform(0.8, 3.5, m), 1).tolist()))
    if len(x) < 2:
        x = [1.0, 2.0]
    w_true, b_true = float(rng.integers(5, 25) * 10), float(rng.integers(0, 16) * 10)
    y = [float(round(w_true * xi + b_true + rng.normal(0, 15))) for xi in x]
    limit = largest_stable_alpha(summarize(x, y))
    share = rng.uniform(1.2, 1.8) if entry.name == "α too large" else rng.uniform(0.03, 0.5)
    alpha = float(f"{share * limit:.1g}")
    if (alpha > limit) != (entry.name == "α too large"):
        alpha = float(f"{share * limit:.2g}")
    return entry, x, y, alpha, int(rng.choice(ITERATIONS))


@functools.lru_cache(maxsize=128)  # server-wide, bounded: the same seed is the same exercise for every student
def _context(seed: int) -> DebugContext:
    rng = np.random.default_rng(seed)
    for _ in range(MAX_DRAWS):
        entry, x, y, alpha, iters = _draw(rng)
        stats = summarize(x, y)
        run = simulate(entry, stats, alpha, iters, 0.0, 0.0)
        log = printed_log(run, iters)
        diagnosis = diagnose(parse_log(log), stats, alpha, iters, 0.0, 0.0)
        if diagnosis.kind == "match" and diagnosis.name == entry.name:
            break
    else:  # the course lab's data, on which every mistake's log names it alone (tests/test_questions.py)
        x, y, iters = list(LAB_X), list(LAB_Y), 100
        alpha = LAB_TOO_LARGE if entry.name == "α too large" else LAB_ALPHA
        stats = summarize(x, y)
        run = simulate(entry, stats, alpha, iters, 0.0, 0.0)
        log = printed_log(run, iters)
        diagnosis = diagnose(parse_log(log), stats, alpha, iters, 0.0, 0.0)
    fixed_alpha = float(f"{0.5 * diagnosis.alpha_limit:.1g}") if entry.name == "α too large" else alpha
    fixed = simulate(ENTRIES["correct"], stats, fixed_alpha, iters, 0.0, 0.0)
    return DebugContext(seed, entry, tuple(x), tuple(y), stats, alpha, iters, run, log, diagnosis, fixed_alpha, fixed, printed_log(fixed, iters))


def debug_context(seed: int) -> DebugContext:
    """The exercise for ``seed`` (0 to 2**63 - 1); the same seed always gives the same one."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= int(seed) <= MAX_SEED:
        raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED:,}")
    return _context(int(seed))


def _first_difference(c: DebugContext) -> str:
    """Where the log first leaves what the fixed code prints: the first differing line, by its cost."""
    for bug, fixed in zip(c.log.splitlines(), c.fixed_log.splitlines()):
        if bug != fixed:
            i = re.match(r"Iteration\s+(\d+)", bug)
            cost_bug, cost_fixed = (re.search(r"Cost\s+(\S+)", line) for line in (bug, fixed))
            where = f"at iteration {i.group(1)}" if i else "on a line"
            if cost_bug and cost_fixed and cost_bug.group(1) != cost_fixed.group(1):
                return f" The log first differs from the fixed code's {where}: it prints Cost {cost_bug.group(1)} where the fixed code prints {cost_fixed.group(1)}."
            return f" The log first differs from the fixed code's {where}."
    return ""


def _setting(c: DebugContext) -> str:
    return f"This log came from the lab's loop with one mistake, run from w = b = 0 with α = {exact(c.alpha)} for {c.iters:,} iterations."


def _mistake(c: DebugContext) -> Truth:
    key, words, _, _ = MISTAKES[c.entry.name]
    facts = {"name": c.entry.name, "alpha": c.alpha, "limit": c.diagnosis.alpha_limit, "fixed_alpha": c.fixed_alpha}
    return truth(key, f"The mistake: {words}.", c.entry.explanation + _first_difference(c), facts)


def _function(c: DebugContext) -> Truth:
    _, words, functions, lines = MISTAKES[c.entry.name]
    place = "the call, in the value of α" if functions[0] == "call" else functions[0]
    also = f" (which {functions[1]} calls every iteration)" if len(functions) > 1 else ""
    why = f"{words[0].upper() + words[1:]}: line {lines[0]} of the lab's code, in {place}{also}."
    return truth(functions[0], f"It sits in {place}.", why, {"name": c.entry.name}, accepted=functions)


def _one_line(code: str) -> str:
    """Lines of code on one line, without their comments: 'a = 0 / b = 0'."""
    return " / ".join(part for part in (line.split("#")[0].strip() for line in code.splitlines()) if part)


def _line(c: DebugContext) -> Truth:
    _, _, _, lines = MISTAKES[c.entry.name]
    buggy, corrected = c.entry.lines(c.alpha, c.diagnosis.alpha_limit)
    listed = " or ".join(str(n) for n in lines)
    why = f"The buggy code reads ‘{_one_line(buggy)}’; the lab's reads ‘{_one_line(corrected)}’."
    return truth(f"L{lines[0]}", f"Line {listed}: {COURSE_CODE[lines[0] - 1].strip()}", why, {"lines": lines}, accepted=tuple(f"L{n}" for n in lines))


MISTAKE = Question(
    id="debug.mistake", lesson=LESSON, order=15, title="Find the bug: which mistake?",
    write_prompt=lambda c: f"{_setting(c)} Which mistake printed it?", make_form=lambda c: MISTAKE_FORM, find_truth=_mistake,
)
FUNCTION = Question(
    id="debug.function", lesson=LESSON, order=16, title="Find the bug: in which function?",
    write_prompt=lambda c: f"{_setting(c)} In which function of the lab's code does the mistake sit?",
    make_form=lambda c: FUNCTIONS, find_truth=_function,
)
LINE = Question(
    id="debug.line", lesson=LESSON, order=17, title="Find the bug: on which line?",
    write_prompt=lambda c: f"{_setting(c)} On which line of the lab's code does the mistake sit?",
    make_form=lambda c: LINE_FORM, find_truth=_line,
)

QUESTIONS: tuple[Question, ...] = (MISTAKE, FUNCTION, LINE)
