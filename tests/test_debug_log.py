"""The debug lesson's engine against logs printed by independent buggy code, written here.

``course_gradient_descent`` below is the course lab's week-1 code (per-row loops, the lab's
print line), with a switch for each classic mistake. It shares nothing with gd_core: its logs
are what a student would paste.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gd_core.bug_catalogue import CATALOGUE, ENTRIES, NAMES, simulate
from gd_core.log_match import NONE_OF_THESE, diagnose
from gd_core.log_parse import LogError, course_line, half_unit, parse_log
from gd_core.sums import largest_stable_alpha, summarize

ROOT = Path(__file__).resolve().parents[1]
HOUSES = (np.array([1.0, 2.0]), np.array([300.0, 500.0]))
_cars = pd.read_csv(ROOT / "data" / "auto_mpg.csv").dropna(subset=["weight_lbs", "miles_per_gallon"]).head(30)
CARS = (_cars["weight_lbs"].to_numpy() / 1000, _cars["miles_per_gallon"].to_numpy())  # x in 1000 lbs
WEEK2 = (
    np.array([[2104.0, 5.0, 1.0, 45.0], [1416.0, 3.0, 2.0, 40.0], [852.0, 2.0, 1.0, 35.0]]),
    np.array([460.0, 232.0, 178.0]),
)


# --- the course lab's code, with the classic mistakes ------------------------------------------


def compute_cost(x, y, w, b, bug):
    m = x.shape[0]
    cost = 0
    for i in range(m):
        f_wb = w * x[i] + b
        cost = cost + (f_wb - y[i]) ** 2
    if bug == "cost without the 1/2":
        return 1 / m * cost
    return 1 / (2 * m) * cost


def compute_gradient(x, y, w, b, bug, dj_dw=0, dj_db=0):
    m = x.shape[0]
    for i in range(m):
        f_wb = w * x[i] + b
        dj_dw_i = (f_wb - y[i]) if bug == "missing x in dJ/dw" else (f_wb - y[i]) * x[i]
        dj_db_i = (f_wb - y[i]) * x[i] if bug == "x in dJ/db" else f_wb - y[i]
        dj_db += dj_db_i
        dj_dw += dj_dw_i
    if bug == "missing 1/m in the gradient":
        return dj_dw, dj_db
    dj_dw = dj_dw / m
    dj_db = dj_db / m
    return dj_dw, dj_db


def course_gradient_descent(x, y, w_in, b_in, alpha, num_iters, bug="correct", every=None, before=False, count_from=0):
    """The lab's gradient_descent, printing its line every ``every`` iterations into a string."""
    every = every or math.ceil(num_iters / 10)
    printed = []
    J_history = []
    p_history = []
    w, b = w_in, b_in
    dj_dw, dj_db = 0, 0
    with np.errstate(all="ignore"):  # a diverging run prints inf and nan, as numpy does in the lab
        for i in range(num_iters):
            cost_before = compute_cost(x, y, w, b, bug)
            if bug == "gradient not reset each iteration":
                dj_dw, dj_db = compute_gradient(x, y, w, b, bug, dj_dw, dj_db)
            elif bug == "sums not reset, divided in the update":
                for k in range(x.shape[0]):
                    f_wb = w * x[k] + b
                    dj_dw = dj_dw + (f_wb - y[k]) * x[k]
                    dj_db = dj_db + (f_wb - y[k])
            else:
                dj_dw, dj_db = compute_gradient(x, y, w, b, bug)
            if bug == "sign flipped":
                b = b + alpha * dj_db
                w = w + alpha * dj_dw
            elif bug == "sequential update":
                w = w - alpha * dj_dw
                dj_dw, dj_db = compute_gradient(x, y, w, b, bug)
                b = b - alpha * dj_db
            elif bug == "sums not reset, divided in the update":
                b = b - alpha * dj_db / x.shape[0]
                w = w - alpha * dj_dw / x.shape[0]
            elif bug == "b updated with dJ/dw":
                b = b - alpha * dj_dw
                w = w - alpha * dj_dw
            else:
                b = b - alpha * dj_db
                w = w - alpha * dj_dw
            J_history.append(compute_cost(x, y, w, b, bug))
            p_history.append((float(w), float(b)))
            if i % every == 0:
                cost = cost_before if before else J_history[-1]
                printed.append(
                    f"Iteration {i + count_from:4}: Cost {cost:0.2e} "
                    f" dj_dw: {dj_dw: 0.3e}, dj_db: {dj_db: 0.3e}  "
                    f" w: {w: 0.3e}, b:{b: 0.5e}"
                )
    return "\n".join(printed), (J_history, p_history)


def week2_gradient_descent(X, y, w_in, b_in, alpha, num_iters, bug="correct"):
    """The week-2 lab's loop (several features, vectorised per row), printing the cost only."""
    m, n = X.shape
    printed = []
    w, b = w_in.copy(), b_in
    dj_dw_last, dj_db_last = np.zeros(n), 0.0
    with np.errstate(all="ignore"):
        for i in range(num_iters):
            dj_dw, dj_db = np.zeros(n), 0.0
            if bug == "gradient not reset each iteration":
                dj_dw, dj_db = dj_dw_last.copy(), dj_db_last
            for k in range(m):
                err = (np.dot(X[k], w) + b) - y[k]
                dj_dw = dj_dw + (err if bug == "missing x in dJ/dw" else err * X[k])
                dj_db = dj_db + err
            if bug != "missing 1/m in the gradient":
                dj_dw, dj_db = dj_dw / m, dj_db / m
            dj_dw_last, dj_db_last = dj_dw, dj_db
            if bug == "sign flipped":
                w, b = w + alpha * dj_dw, b + alpha * dj_db
            elif bug == "sequential update":
                w = w - alpha * dj_dw
                dj_db = sum((np.dot(X[k], w) + b) - y[k] for k in range(m)) / m
                b = b - alpha * dj_db
            else:
                w, b = w - alpha * dj_dw, b - alpha * dj_db
            cost = sum(((np.dot(X[k], w) + b) - y[k]) ** 2 for k in range(m))
            cost = cost / m if bug == "cost without the 1/2" else cost / (2 * m)
            if i % math.ceil(num_iters / 10) == 0:
                printed.append(f"Iteration {i:4d}: Cost {cost:8.2f}   ")
    return "\n".join(printed)


# --- the catalogue ------------------------------------------------------------------------------


def test_the_ten_names() -> None:
    assert NAMES == (
        "correct", "sign flipped", "missing 1/m in the gradient", "missing x in dJ/dw", "sequential update",
        "gradient not reset each iteration", "b updated with dJ/dw", "x in dJ/db", "cost without the 1/2", "α too large",
    )
    for entry in CATALOGUE[1:]:
        buggy, corrected = entry.lines(0.7, 0.58)
        assert buggy and corrected and buggy != corrected and entry.where
    assert ENTRIES["α too large"].lines(0.7, 0.58) == ("alpha = 0.7", "alpha = 0.3                 # below the stable limit 0.58")


def test_simulation_agrees_with_the_course_code() -> None:
    x, y = HOUSES
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, 0.01, 10_000)
    run = simulate(ENTRIES["correct"], summarize(x, y), 0.01, 10_000, 0.0, 0.0)
    lines = [course_line(i, run.cost[i + 1], run.dj_dw[i], run.dj_db[i], run.w[i + 1], run.b[i + 1]) for i in range(0, 10_000, 1000)]
    assert " ".join(text.split()) == " ".join("\n".join(lines).split())


BUGGY = [name for name in NAMES if name not in ("correct", "α too large")]
ONE_FEATURE_CASES = [(HOUSES, 0.01, 1000), (HOUSES, 0.1, 1000), (CARS, 0.01, 500), (CARS, 0.05, 500)]


@pytest.mark.parametrize("name", ["correct", *BUGGY])
@pytest.mark.parametrize("case", range(len(ONE_FEATURE_CASES)))
def test_a_buggy_log_is_matched_to_its_mistake(name: str, case: int) -> None:
    (x, y), alpha, num_iters = ONE_FEATURE_CASES[case]
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, alpha, num_iters, bug=name)
    diagnosis = diagnose(parse_log(text), summarize(x, y), alpha, num_iters, 0.0, 0.0)
    assert diagnosis.name == name, diagnosis.verdict
    assert diagnosis.timing == "after"
    assert diagnosis.runner_up.name != name and not diagnosis.runner_up.matches
    assert diagnosis.best_run.name == name
    if name == "correct":
        assert diagnosis.leaves_correct_at is None
    else:
        assert diagnosis.leaves_correct_at is not None


@pytest.mark.parametrize("case", range(len(ONE_FEATURE_CASES)))
def test_sums_not_reset_and_divided_in_the_update_is_the_same_mistake(case: int) -> None:
    (x, y), alpha, num_iters = ONE_FEATURE_CASES[case]
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, alpha, num_iters, bug="sums not reset, divided in the update")
    diagnosis = diagnose(parse_log(text), summarize(x, y), alpha, num_iters)
    assert diagnosis.name == "gradient not reset each iteration", diagnosis.verdict
    assert diagnosis.best.variant == 1 and diagnosis.best_run.variant == 1


@pytest.mark.parametrize("data", [HOUSES, CARS], ids=["houses", "cars"])
@pytest.mark.parametrize("above", [1.05, 1.3])
def test_alpha_above_the_stable_limit_is_alpha_too_large(data: tuple[np.ndarray, np.ndarray], above: float) -> None:
    x, y = data
    alpha = above * largest_stable_alpha(summarize(x, y))
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, alpha, 400, every=40)
    diagnosis = diagnose(parse_log(text), summarize(x, y), alpha, 400, 0.0, 0.0)
    assert diagnosis.name == "α too large", diagnosis.verdict
    assert not next(f for f in diagnosis.ranking if f.name == "correct").applicable


@pytest.mark.parametrize("name", ["correct", "sign flipped", "sequential update", "cost without the 1/2"])
def test_the_cost_printed_before_the_update_is_detected(name: str) -> None:
    x, y = CARS
    text, _ = course_gradient_descent(x, y, 5.0, 10.0, 0.03, 300, bug=name, every=30, before=True)
    diagnosis = diagnose(parse_log(text), summarize(x, y), 0.03, 300, 5.0, 10.0)
    assert (diagnosis.name, diagnosis.timing) == (name, "before"), diagnosis.verdict
    assert "before" in diagnosis.timing_note
    told = diagnose(parse_log(text), summarize(x, y), 0.03, 300, 5.0, 10.0, timing="after")
    assert told.timing == "after" and told.name != name


@pytest.mark.parametrize("name", ["correct", "missing x in dJ/dw", "b updated with dJ/dw"])
@pytest.mark.parametrize("before", [False, True])
def test_a_log_that_counts_from_1_is_read_so(name: str, before: bool) -> None:
    x, y = HOUSES
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, 0.05, 500, bug=name, every=50, before=before, count_from=1)
    assert text.startswith("Iteration    1:")
    diagnosis = diagnose(parse_log(text), summarize(x, y), 0.05, 500)
    assert (diagnosis.name, diagnosis.numbered_from) == (name, 1), diagnosis.verdict
    assert diagnosis.timing == ("before" if before else "after")
    assert "counted from 1" in diagnosis.timing_note


@pytest.mark.parametrize(
    "name", ["correct", "sign flipped", "missing 1/m in the gradient", "missing x in dJ/dw", "sequential update",
             "gradient not reset each iteration", "cost without the 1/2"],
)
def test_week2_cost_only_logs_with_several_features(name: str) -> None:
    x, y = WEEK2
    text = week2_gradient_descent(x, y, np.zeros(4), 0.0, 5.0e-7, 1000, bug=name)
    log = parse_log(text)
    assert log.fields == ("cost",)
    diagnosis = diagnose(log, summarize(x, y), 5.0e-7, 1000, 0.0, 0.0)
    assert diagnosis.name == name, diagnosis.verdict
    assert next(f for f in diagnosis.ranking if f.name == "b updated with dJ/dw").applicable is False


def test_the_copy_of_the_course_log_is_the_reference() -> None:
    reference = ROOT.parent / "shared" / "reference" / "course_week1_log.md"
    if not reference.exists():
        pytest.skip("no shared/ beside this repository: the copy is all there is")
    assert (Path(__file__).resolve().parent / "course_week1_log.md").read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")


def test_the_course_labs_own_log_is_correct() -> None:
    candidates = [
        ROOT.parent / "shared" / "reference" / "course_week1_log.md",  # CI: the repo beside shared/
        Path(__file__).resolve().parent / "course_week1_log.md",  # its copy next to this file (a clone on its own)
    ]
    path = next((p for p in candidates if p.exists()), None)
    if path is None:
        pytest.fail(f"the course lab's log is in none of {', '.join(map(str, candidates))}")
    text = path.read_text(encoding="utf-8")
    block = text.split("```")[1]
    log = parse_log(block)
    assert log.iterations.tolist() == list(range(0, 10_000, 1000))
    assert log.fields == ("cost", "dj_dw", "dj_db", "w", "b")
    assert log.unread_lines == ()
    x, y = HOUSES
    diagnosis = diagnose(log, summarize(x, y), 1.0e-2, 10_000, 0.0, 0.0)
    assert diagnosis.name == "correct", diagnosis.verdict
    assert diagnosis.timing == "after" and diagnosis.leaves_correct_at is None
    assert diagnosis.best.misfit <= 1.0 and diagnosis.best.max_rel_diff < 0.01
    assert diagnosis.correct_run.w[-1] == pytest.approx(199.9929, abs=1e-4)
    # Without its first line it starts at 1000, and is still the lab's loop, counted from 0.
    tail = diagnose(parse_log("\n".join(block.strip().splitlines()[1:])), summarize(x, y), 1.0e-2, 10_000)
    assert (tail.name, tail.numbered_from, tail.timing) == ("correct", 0, "after")
    # The whole page, prose and all, reads the same: its other lines are reported, not fatal.
    whole = parse_log(text)
    assert whole.unread_lines and diagnose(whole, summarize(x, y), 1.0e-2, 10_000).name == "correct"


def test_none_of_these_says_where_the_log_leaves_the_correct_run() -> None:
    x, y = HOUSES
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, 0.013, 1000)  # the student ran another alpha
    diagnosis = diagnose(parse_log(text), summarize(x, y), 0.01, 1000, 0.0, 0.0)
    assert diagnosis.name == NONE_OF_THESE and not diagnosis.matched
    assert diagnosis.leaves_correct_at == 0
    assert "None of these" in diagnosis.verdict and "iteration 0" in diagnosis.verdict
    # A log that follows the correct run and then leaves it, at iteration 300.
    text2, _ = course_gradient_descent(x, y, 0.0, 0.0, 0.01, 1000, every=100)
    lines = text2.splitlines()
    lines[3:] = [re.sub(r"Cost \S+", "Cost 5.00e+01", line) for line in lines[3:]]
    log2 = parse_log("\n".join(lines))
    assert log2.fields == ("cost", "dj_dw", "dj_db", "w", "b") and log2.iterations.size == 10
    late = diagnose(log2, summarize(x, y), 0.01, 1000, 0.0, 0.0)
    assert late.name == NONE_OF_THESE and late.leaves_correct_at == 300, late.verdict


def test_csv_and_cost_columns_match_too() -> None:
    x, y = CARS
    _, (history, params) = course_gradient_descent(x, y, 0.0, 0.0, 0.02, 200, bug="sequential update")
    stats = summarize(x, y)
    csv = "iteration,J,b,w\n" + "\n".join(f"{i},{float(history[i])!r},{params[i][1]!r},{params[i][0]!r}" for i in range(0, 200, 7))
    assert diagnose(parse_log(csv), stats, 0.02, 200).name == "sequential update"
    column = "\n".join(f"{c:.6g}" for c in history)
    assert diagnose(parse_log(column), stats, 0.02, 200).name == "sequential update"
    listed = str(history[:50])  # print(J_history): [np.float64(...), ...] under numpy 2
    log = parse_log(listed)
    assert log.iterations.tolist() == list(range(50))
    assert diagnose(log, stats, 0.02, 200).name == "sequential update"


def test_diverging_logs_never_warn_and_nan_tails_are_cut() -> None:
    x, y = HOUSES
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, 1.5, 2000, every=50)
    log = parse_log(text)
    assert log.blown_up_at is not None and "blew up" in log.summary
    diagnosis = diagnose(log, summarize(x, y), 1.5, 2000)
    assert diagnosis.name == "α too large"
    assert diagnosis.correct_run.blew_up_at is not None
    assert np.all(np.isfinite(diagnosis.correct_run.cost))


def test_a_diagnosis_of_ten_thousand_iterations_is_fast() -> None:
    import time

    x, y = HOUSES
    text, _ = course_gradient_descent(x, y, 0.0, 0.0, 0.01, 10_000)
    log, stats = parse_log(text), summarize(x, y)
    start = time.perf_counter()
    diagnose(log, stats, 0.01, 10_000)
    assert time.perf_counter() - start < 1.0


# --- reading the log ------------------------------------------------------------------------------


def test_any_spacing_any_subset_and_unread_lines() -> None:
    text = "\n".join([
        "Iteration 0:Cost 7.93e+04 b: 4.00000e+00",
        "iteration   1 : cost    7.39e+04   B:7.86700e+00",
        "this line is prose",
        "Iteration 2: Cost 6.90e+04 b: 1.16e+01",
        "",
        "Iteration 3: Cost 6.43e+04 b: 1.53e+01 w: 2.0",
        "(w,b) found by gradient descent: (199.9929,100.0116)",
    ])
    log = parse_log(text)
    assert log.iterations.tolist() == [0, 1, 2, 3]
    assert log.fields == ("cost", "b")
    assert log.unread_lines == (3, 7)
    assert "Lines 3 and 7 could not be read." in log.summary
    assert "w appeared on only some lines" in log.summary
    assert log.b.half_unit.tolist() == pytest.approx([5e-6, 5e-6, 0.05, 0.05])
    assert log.b.digits == 3


def test_csv_header_aliases_in_any_order() -> None:
    log = parse_log("b;Loss;iter\n4.0;79274.8;0\n7.867;73935;1\nnot;a;row\n")
    assert log.source == "as a CSV" and log.fields == ("cost", "b")
    assert log.cost.values.tolist() == [79274.8, 73935.0] and log.unread_lines == (4,)
    assert parse_log("J\n3\n2\n1").iterations.tolist() == [0, 1, 2]


@pytest.mark.parametrize(
    ("paste", "words"),
    [
        ("", "empty"),
        ("   \n\t\n", "empty"),
        ("my gradient descent did not print anything useful", "no line"),
        ("42", "only one"),
        ("Iteration 0: Cost 7.93e+04", "only one"),
        ("nan", "nan or inf"),
        ("nan\nnan\ninf", "nan or inf"),
        ("Iteration 0: Cost nan\nIteration 1: Cost inf", "nan or inf"),
        ("7.9e4\n" * 2_000_000, "million characters"),
        (b"1.0\n" * 3_000_000, "limit"),
        ("1\n" * 200_000, "lines"),
        ("[]", "no line"),
    ],
)
def test_bad_pastes_say_what_is_wrong(paste: str | bytes, words: str) -> None:
    with pytest.raises(LogError, match=words):
        parse_log(paste)


def test_a_second_run_in_the_paste_is_left_out() -> None:
    log = parse_log("1.0\n0.5\n0.25\nIteration 0: Cost 9\nIteration 1: Cost 8\nIteration 0: Cost 9\nIteration 1: Cost 7")
    assert log.iterations.tolist() == [0, 1] and log.cost.values.tolist() == [9.0, 8.0]
    assert "goes back" in log.summary and log.unread_lines == (1, 2, 3, 6, 7)


printed_floats = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(
    rows=st.lists(
        st.tuples(st.integers(1, 5_000), st.floats(0, 1e12), printed_floats, printed_floats, printed_floats, printed_floats),
        min_size=2, max_size=8,
    )
)
@settings(max_examples=50, deadline=None)
def test_the_course_line_round_trips_within_half_a_unit(rows: list[tuple]) -> None:
    iterations = np.cumsum([gap for gap, *_ in rows]).tolist()
    text = "\n".join(course_line(i, *values) for i, (_, *values) in zip(iterations, rows))
    log = parse_log(text)
    assert log.iterations.tolist() == iterations
    for k, name in enumerate(("cost", "dj_dw", "dj_db", "w", "b"), 1):
        field = log.field(name)
        true = np.array([row[k] for row in rows])
        assert np.all(np.abs(field.values - true) <= field.half_unit * (1 + 1e-9))
    assert log.w.digits == 4 and log.b.digits == 6


@given(st.floats(1e-6, 1e6), st.integers(0, 6))
def test_half_unit_bounds_the_rounding(value: float, decimals: int) -> None:
    for token in (f"{value:.{decimals}e}", f"{value:.{decimals}f}"):
        unit, _ = half_unit(token)
        assert abs(float(token) - value) <= unit * (1 + 1e-9)


@given(
    x=st.lists(st.floats(-5, 5), min_size=2, max_size=6, unique=True),
    slope=st.floats(-3, 3), intercept=st.floats(-10, 10), fraction=st.floats(0.05, 0.9),
)
@settings(max_examples=25, deadline=None)
def test_correct_code_is_correct_on_any_small_dataset(x: list[float], slope: float, intercept: float, fraction: float) -> None:
    x_arr = np.array(x)
    assume(np.ptp(x_arr) > 0.5)
    y_arr = slope * x_arr + intercept + np.sin(7 * x_arr)
    alpha = fraction * largest_stable_alpha(summarize(x_arr, y_arr))
    text, _ = course_gradient_descent(x_arr, y_arr, 1.0, -1.0, alpha, 200, every=20)
    diagnosis = diagnose(parse_log(text), summarize(x_arr, y_arr), alpha, 200, 1.0, -1.0)
    assert diagnosis.matched and "correct" in (diagnosis.name, *diagnosis.also_match), diagnosis.verdict


def test_settings_that_cannot_run_say_so() -> None:
    log = parse_log("Iteration 0: Cost 7.93e+04\nIteration 1: Cost 7.39e+04")
    stats = summarize(*HOUSES)
    with pytest.raises(ValueError, match="alpha"):
        diagnose(log, stats, float("nan"), 10)
    with pytest.raises(ValueError, match="overflows"):
        diagnose(log, stats, 0.01, 10, 1e200, 0.0)
    with pytest.raises(LogError, match="simulates up to"):
        diagnose(parse_log("Iteration 0: Cost 1\nIteration 500000: Cost 0.5"), stats, 0.01, 10)
    # Huge alpha: every run blows up at once, and still no warning or exception.
    assert diagnose(log, stats, 1e10, 10).name == "none of these"


def test_results_are_read_only() -> None:
    log = parse_log("Iteration 0: Cost 7.93e+04 w: 6.5\nIteration 1: Cost 7.39e+04 w: 12.8")
    diagnosis = diagnose(log, summarize(*HOUSES), 0.01, 10)
    for array in (log.iterations, log.cost.values, log.cost.half_unit, diagnosis.best_run.w, diagnosis.correct_run.cost):
        assert not array.flags.writeable
