"""Page 5 judges a log at the precision it was printed with, and names near matches as such.

``gradient_descent`` below is the course lab's week-1 code, written out again (per-row loops,
its print line with 3, 4 or 6 significant digits), with a switch for each classic mistake and
for the ways a student writes some of them. It shares nothing with gd_core: its logs are what a
student would paste.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gd_core.bug_catalogue import NAMES
from gd_core.log_match import diagnose, tolerance
from gd_core.log_parse import parse_log
from gd_core.sums import summarize

COURSE = (np.array([1.0, 2.0]), np.array([300.0, 500.0]))  # the lab's two houses
FEW_HOUSES = (np.array([1.0, 1.7, 2.0, 2.5, 3.0, 3.2]), np.array([250.0, 300.0, 480.0, 430.0, 630.0, 730.0]))
DATASETS = {"course": (COURSE, 0.01), "few houses": (FEW_HOUSES, 0.1)}  # data, alpha
NUM_ITERS = 1000
FIELD_NAMES = ("cost", "dj_dw", "dj_db", "w", "b")

# How the student wrote each mistake (the lab's code, changed in one place) -> the catalogue's name.
WRITTEN = {
    "correct": "correct",
    "sign flipped": "sign flipped",
    "missing 1/m in the gradient": "missing 1/m in the gradient",
    "missing x in dJ/dw": "missing x in dJ/dw",
    "w first, then both gradients again": "sequential update",
    "w first, then b's gradient again": "sequential update",
    "w first, then b = b - alpha * compute_gradient(...)[1]": "sequential update",
    "gradient not reset each iteration": "gradient not reset each iteration",
    "b updated with dJ/dw": "b updated with dJ/dw",
    "dj_db += err * x[i]": "x in dJ/db",
    "cost without the 1/2": "cost without the 1/2",
    "alpha above the stable limit": "α too large",
}


def compute_cost(x, y, w, b, bug):
    m = x.shape[0]
    cost = 0
    for i in range(m):
        f_wb = w * x[i] + b
        cost = cost + (f_wb - y[i]) ** 2
    return cost / m if bug == "cost without the 1/2" else cost / (2 * m)


def compute_gradient(x, y, w, b, bug, dj_dw=0, dj_db=0):
    m = x.shape[0]
    for i in range(m):
        f_wb = w * x[i] + b
        dj_dw_i = f_wb - y[i] if bug == "missing x in dJ/dw" else (f_wb - y[i]) * x[i]
        dj_db_i = (f_wb - y[i]) * x[i] if bug == "dj_db += err * x[i]" else f_wb - y[i]
        dj_db += dj_db_i
        dj_dw += dj_dw_i
    if bug == "missing 1/m in the gradient":
        return dj_dw, dj_db
    return dj_dw / m, dj_db / m


def update(x, y, w, b, alpha, bug, dj_dw, dj_db):
    """One iteration's update, as each student wrote it: (w, b, the dj_dw and dj_db printed)."""
    if bug == "sign flipped":
        return w + alpha * dj_dw, b + alpha * dj_db, dj_dw, dj_db
    if bug == "b updated with dJ/dw":
        return w - alpha * dj_dw, b - alpha * dj_dw, dj_dw, dj_db
    if bug.startswith("w first"):
        w = w - alpha * dj_dw
        again_dw, again_db = compute_gradient(x, y, w, b, bug)
        b = b - alpha * again_db
        if bug == "w first, then both gradients again":
            return w, b, again_dw, again_db
        if bug == "w first, then b's gradient again":
            return w, b, dj_dw, again_db
        return w, b, dj_dw, dj_db
    return w - alpha * dj_dw, b - alpha * dj_db, dj_dw, dj_db


def gradient_descent(x, y, w_in, b_in, alpha, num_iters, bug, digits, fields=FIELD_NAMES):
    """The lab's loop and print line, every ceil(num_iters / 10) iterations, at ``digits`` significant digits."""
    p = digits - 1
    lines = []
    w, b = w_in, b_in
    dj_dw, dj_db = 0, 0
    with np.errstate(all="ignore"):  # a diverging run prints inf and nan, as numpy does in the lab
        for i in range(num_iters):
            if bug == "gradient not reset each iteration":
                dj_dw, dj_db = compute_gradient(x, y, w, b, bug, dj_dw, dj_db)
            else:
                dj_dw, dj_db = compute_gradient(x, y, w, b, bug)
            w, b, shown_dw, shown_db = update(x, y, w, b, alpha, bug, dj_dw, dj_db)
            cost = compute_cost(x, y, w, b, bug)
            if i % math.ceil(num_iters / 10) == 0:
                parts = {"cost": f"Cost {cost:0.{p}e} ", "dj_dw": f"dj_dw: {shown_dw: 0.{p}e},", "dj_db": f"dj_db: {shown_db: 0.{p}e}  ",
                         "w": f"w: {w: 0.{p}e},", "b": f"b:{b: 0.{p}e}"}
                lines.append(f"Iteration {i:4}: " + " ".join(parts[f] for f in fields))
    return "\n".join(lines)


def stable_limit(x: np.ndarray) -> float:
    """2 / the largest eigenvalue of J's Hessian [[mean x^2, mean x], [mean x, 1]]."""
    hessian = np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return 2.0 / float(np.linalg.eigvalsh(hessian)[-1])


def settings_for(written: str, dataset: str) -> tuple[np.ndarray, np.ndarray, float]:
    (x, y), alpha = DATASETS[dataset]
    return x, y, 1.2 * stable_limit(x) if written == "alpha above the stable limit" else alpha


def test_every_catalogue_entry_is_written_here() -> None:
    assert set(WRITTEN.values()) == set(NAMES)


@pytest.mark.parametrize("digits", [3, 4, 6])
@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize("written", list(WRITTEN))
def test_every_mistake_is_named_at_its_printed_precision(written: str, dataset: str, digits: int) -> None:
    x, y, alpha = settings_for(written, dataset)
    bug = "correct" if written == "alpha above the stable limit" else written
    log = parse_log(gradient_descent(x, y, 0.0, 0.0, alpha, NUM_ITERS, bug, digits))
    assert log.fields == FIELD_NAMES and log.cost.digits == digits
    diagnosis = diagnose(log, summarize(x, y), alpha, NUM_ITERS)
    assert (diagnosis.kind, diagnosis.name) == ("match", WRITTEN[written]), diagnosis.verdict
    assert diagnosis.verdict.startswith(f"Your log matches '{WRITTEN[written]}'")


# Indistinguishable pairs: two mistakes whose code prints the very same lines when some fields are
# left out of the print line. The test checks that claim on the loop above, then the verdict.
TIES = [
    # b takes w's step in both; only the printed dj_db differs (the true dj_db, or dj_dw itself).
    ("b updated with dJ/dw", "dj_db += err * x[i]", ("cost", "w", "b"), ("dj_db",)),
    # The same parameters; only the printed cost differs (twice J).
    ("correct", "cost without the 1/2", ("w", "b"), ("cost",)),
]


@pytest.mark.parametrize("digits", [3, 6])
@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize(("one", "other", "fields", "missing"), TIES)
def test_mistakes_that_print_the_same_log_are_both_named_as_probable(
    one: str, other: str, fields: tuple[str, ...], missing: tuple[str, ...], dataset: str, digits: int
) -> None:
    (x, y), alpha = DATASETS[dataset]
    printed = [gradient_descent(x, y, 0.0, 0.0, alpha, NUM_ITERS, bug, digits, fields) for bug in (one, other)]
    assert printed[0] == printed[1]  # indistinguishable: the same characters
    everything = [gradient_descent(x, y, 0.0, 0.0, alpha, NUM_ITERS, bug, digits) for bug in (one, other)]
    assert everything[0] != everything[1]  # yet different code: the missing field tells them apart
    diagnosis = diagnose(parse_log(printed[0]), summarize(x, y), alpha, NUM_ITERS)
    names = {WRITTEN[one], WRITTEN[other]}
    assert diagnosis.kind == "tie" and {diagnosis.name, *diagnosis.also_match} == names, diagnosis.verdict
    assert diagnosis.finding.tell_apart == missing
    assert diagnosis.verdict.startswith(f"Your log is probably '{diagnosis.name}' or '{(names - {diagnosis.name}).pop()}': both agree")
    assert f"Print {missing[0]} too to tell them apart." in diagnosis.verdict


@pytest.mark.parametrize("digits", [3, 4, 6])
@pytest.mark.parametrize("written", ["correct", "w first, then b's gradient again", "dj_db += err * x[i]"])
def test_one_unit_off_in_the_last_digit_is_probably_that_mistake(written: str, digits: int) -> None:
    (x, y), alpha = DATASETS["few houses"]
    lines = gradient_descent(x, y, 0.0, 0.0, alpha, NUM_ITERS, written, digits).splitlines()
    # A slip of one unit in the last printed digit of w at iteration 500 (a copy error, float32, ...).
    head, w_text, tail = re.match(r"(.*\bw: +)(\S+)(,.*)", lines[5]).groups()
    mantissa, exponent = w_text.split("e")
    lines[5] = f"{head}{float(mantissa) + 10.0 ** -(digits - 1):.{digits - 1}f}e{exponent}{tail}"
    diagnosis = diagnose(parse_log("\n".join(lines)), summarize(x, y), alpha, NUM_ITERS)
    assert (diagnosis.kind, diagnosis.name) == ("near", WRITTEN[written]), diagnosis.verdict
    assert 1.0 < diagnosis.best.misfit <= 3.0 and diagnosis.best.agree == diagnosis.best.values - 1
    assert diagnosis.verdict.startswith(f"Your log is probably '{WRITTEN[written]}': no entry reproduces every printed digit")
    assert "w at iteration 500" in diagnosis.verdict


@given(st.floats(1e-12, 1e12), st.sampled_from([-1.0, 1.0]), st.integers(2, 6), st.sampled_from([-1, 1]))
def test_a_value_matches_what_it_prints_as_and_not_one_unit_off(size: float, sign: float, digits: int, slip: int) -> None:
    value = sign * size
    printed = f"{value:.{digits - 1}e}"
    mantissa, exponent = printed.split("e")
    off = f"{float(mantissa) + slip * 10.0 ** -(digits - 1):.{digits - 1}f}e{exponent}"  # one unit off in the last digit
    log = parse_log(f"Iteration 0: Cost {printed}\nIteration 1: Cost {off}")
    tol, half = tolerance(log.cost), log.cost.half_unit
    assert abs(value - log.cost.values[0]) <= tol[0]  # it rounds to what was printed: a match
    # Up to 6 digits the float noise is under 1% of a half unit: one unit off is a miss (misfit > 1)
    # but for values within 1% of a rounding boundary, and always "within one unit" (misfit < 3).
    assert np.all(tol <= 1.01 * half)
    assert half[1] <= abs(value - log.cost.values[1]) <= 3 * half[1]
