"""Questions of the lesson path: each truth is what the run does, by an oracle written here.

The oracles recompute from the curve's own formulas (the first step w0 - alpha * J'(w0), the
direction from its sign, the path by a plain loop of the update), never by calling the
question's code.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gd_core.contexts import intuition_context
from gd_core.curves import CURVES, curve_from_expression
from gd_core.question_types import ChoiceForm, NumberForm, ResponseError
from gd_core.questions import (
    LESSONS, QUESTIONS, QuestionError, asked, form, grade, next_question, prompt, question, questions_for, truth,
)

CUSTOM = curve_from_expression("w**4 - 3*w**2 + w")
ALL_CURVES = (*CURVES.values(), CUSTOM)
FAST = settings(max_examples=120, deadline=None)


def _float(curve, fn, w: float) -> float:
    with np.errstate(all="ignore"):
        return float(np.asarray(getattr(curve, fn)(np.asarray([w])), dtype=float)[0])


def oracle_path(curve, w0: float, alpha: float, iters: int) -> tuple[list[float], bool]:
    """w_(k+1) = w_k - alpha * J'(w_k), stopped as the page says: a step under 1/1000 of the
    plotted range within 10 times that of a minimum (converged, if the step it would take next is
    no longer: past the stable limit a run can land near w* with a small step and swing out again),
    or w leaving the finite range."""
    tol = 1e-3 * (curve.w_max - curve.w_min)
    ws, w = [float(w0)], float(w0)
    for _ in range(iters):
        w_next = w - alpha * _float(curve, "slope", w)
        if not math.isfinite(w_next) or abs(w_next) > 1e6:
            return ws, False
        if not (math.isfinite(_float(curve, "cost", w_next)) and math.isfinite(_float(curve, "slope", w_next))):
            return ws, False
        ws.append(w_next)
        step, w = w_next - w, w_next
        if abs(step) < tol and any(abs(w - m) <= 10 * tol for m in curve.minima):
            return ws, abs(alpha * _float(curve, "slope", w)) <= abs(step) * (1 + 1e-9) + 1e-300
    return ws, False


def wrong_response(f, t):
    """A response that is clearly not the truth."""
    if isinstance(f, NumberForm):
        return float(t.value) + 10 * float(t.tolerance) + 1e-6 * abs(float(t.value)) + 1.0
    if isinstance(f, ChoiceForm):
        return next(k for k in f.keys if k not in t.accepted)
    first = next(k for k in f.keys if k != t.value[0])
    return (first, *t.value[1:])


settings_1d = st.tuples(
    st.sampled_from(ALL_CURVES), st.floats(0.0, 1.0), st.floats(-3.0, 1.0).map(lambda e: 10.0**e), st.integers(1, 200),
)


def _context(setting):
    curve, at, alpha, iters = setting
    return intuition_context(curve, curve.point_at(at), alpha, iters)


# --- the table ----------------------------------------------------------------------------------


def test_the_path_is_ordered_by_lesson_and_ids_are_url_safe():
    assert [q.order for q in QUESTIONS] == sorted(q.order for q in QUESTIONS)
    lessons = [q.lesson for q in QUESTIONS]
    assert lessons == sorted(lessons, key=LESSONS.index)
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)
    for q in QUESTIONS:
        assert q.id.startswith(q.lesson + ".") and all(ch.isalnum() or ch in "._" for ch in q.id)
        assert question(q.id) is q
    assert next_question(QUESTIONS[-1].id) is None
    assert next_question(QUESTIONS[0].id) is QUESTIONS[1]


@pytest.mark.parametrize("lesson", LESSONS)
def test_three_questions_per_lesson(lesson):
    assert len(questions_for(lesson)) >= 3


@pytest.mark.parametrize("bad", ["", "intuition", "x" * 10_000, "intuition.direction\n", "ask=🙂", "nan"])
def test_unknown_id_is_a_plain_message(bad):
    with pytest.raises(QuestionError) as info:
        question(bad)
    assert "intuition.direction" in str(info.value) and len(str(info.value)) < 400


def test_a_question_put_to_another_lessons_context_is_refused():
    from gd_core.contexts import local_minimum_context

    context = local_minimum_context(CURVES["two_minima"], 5.0, 0.1, 30)
    with pytest.raises(QuestionError):
        truth(question("intuition.direction"), context)


# --- page 1 -------------------------------------------------------------------------------------


def test_page_one_defaults_every_question_grades_its_own_truth():
    context = intuition_context(CURVES["bowl"], CURVES["bowl"].point_at(0.9), 0.1, 30)
    assert [q.id for q in asked(context)] == [q.id for q in questions_for("intuition")]
    for q in asked(context):
        f, t = form(q, context), truth(q, context)
        assert prompt(q, context).endswith("?")
        assert grade(q, context, t.value).correct, q.id
        assert not grade(q, context, wrong_response(f, t)).correct, q.id
        assert t.why and t.answer


@FAST
@given(settings_1d)
def test_every_page_one_question_grades_its_truth_right_and_a_wrong_answer_wrong(setting):
    context = _context(setting)
    for q in asked(context):
        f, t = form(q, context), truth(q, context)
        right = grade(q, context, t.value if not isinstance(t.value, float) else repr(t.value))
        assert right.correct and (right.gap is None or abs(right.gap) < 1e-9 * max(1, abs(t.value)))
        assert not grade(q, context, wrong_response(f, t)).correct


@FAST
@given(settings_1d)
def test_direction_is_the_sign_of_minus_alpha_times_the_slope(setting):
    curve, at, alpha, iters = setting
    context = _context(setting)
    w0 = curve.point_at(at)
    step = -alpha * _float(curve, "slope", w0)
    expected = "stays" if abs(step) < 1e-3 * (curve.w_max - curve.w_min) else ("left" if step < 0 else "right")
    assert truth(question("intuition.direction"), context).value == expected


@FAST
@given(settings_1d)
def test_first_step_lands_at_w0_minus_alpha_times_the_slope(setting):
    curve, at, alpha, iters = setting
    w0 = curve.point_at(at)
    t = truth(question("intuition.first_step"), _context(setting))
    assert t.value == pytest.approx(w0 - alpha * _float(curve, "slope", w0), rel=1e-12, abs=1e-12)
    assert t.tolerance >= 0.01 * (curve.w_max - curve.w_min)


@FAST
@given(settings_1d)
def test_the_context_plays_the_oracle_path_and_cost_down_reads_it(setting):
    curve, at, alpha, iters = setting
    context = _context(setting)
    assume(context.run.stop_reason != "not_finite")
    path, _ = oracle_path(curve, curve.point_at(at), alpha, iters)
    assert context.run.w.tolist() == path
    costs = [_float(curve, "cost", w) for w in path]
    down = len(path) > 1 and all(b < a for a, b in zip(costs, costs[1:]))
    assert truth(question("intuition.cost_down"), context).value == ("yes" if down else "no")


@FAST
@given(settings_1d)
def test_iterations_is_where_the_oracle_meets_the_stop_rule(setting):
    curve, at, alpha, iters = setting
    context = _context(setting)
    q = question("intuition.iterations")
    path, converged = oracle_path(curve, curve.point_at(at), alpha, iters)
    if q.applies(context):
        assert converged and truth(q, context).value == len(path) - 1
    elif converged:  # met the rule without going anywhere: it stood at a minimum from the start
        assert abs(path[-1] - path[0]) < 1e-2 * (curve.w_max - curve.w_min)


def test_the_numbers_are_written_once_each_by_wording():
    context = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
    t = truth(question("intuition.direction"), context)
    assert "−0.1 × 8 = −0.8" in t.why and "6.2" in t.why


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf", "-inf", "1e999", "1" * 100, "2.5.1", "0x10", "١٢", None, "1e5000"])
def test_a_number_response_that_is_not_a_number_gets_the_message(text):
    context = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
    with pytest.raises(ResponseError, match="Type a number such as 2.5"):
        grade(question("intuition.first_step"), context, text)


@pytest.mark.parametrize("text", ["", "up", "LEFT", "left,right", "x" * 10_000])
def test_a_choice_response_that_is_not_an_option_gets_the_message(text):
    context = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
    with pytest.raises(ResponseError, match="Pick one of the answers"):
        grade(question("intuition.direction"), context, text)


def test_a_typed_number_is_read_with_a_real_minus_and_a_decimal_comma():
    context = intuition_context(CURVES["bowl"], -1.0, 0.1, 30)
    t = truth(question("intuition.first_step"), context)
    assert t.value == pytest.approx(-0.2)
    assert grade(question("intuition.first_step"), context, "−0,2").correct


# --- page 2 -------------------------------------------------------------------------------------

from gd_core.contexts import learning_rate_context  # noqa: E402
from gd_core.sweep import suggested_alphas  # noqa: E402


def _bowl_alpha():
    # Fractions of the bowl's limit 1 away from the two boundaries 0.5 (one step to w*) and 1.
    return st.one_of(st.floats(1e-3, 0.49), st.floats(0.51, 0.99), st.floats(1.01, 3.0))


def oracle_bowl_behaviour(w0: float, alpha: float, iters: int) -> str:
    """On (w - 3)^2 + 1 the update multiplies w - 3 by r = 1 - 2 alpha: |r| > 1 grows, r < 0
    swings, 0 < r < 1 converges from one side if the rule is met within iters, else creeps."""
    r = 1 - 2 * alpha
    if abs(r) > 1:
        return "diverges"
    if r < 0:
        return "oscillates"
    return "converges" if oracle_path(CURVES["bowl"], w0, alpha, iters)[1] else "creeps"


@FAST
@given(st.floats(0.0, 1.0).filter(lambda at: abs(CURVES["bowl"].point_at(at) - 3) > 0.5), st.lists(_bowl_alpha(), min_size=1, max_size=4), st.integers(3, 200))
def test_each_alpha_on_the_bowl_does_what_its_factor_says(at, alphas, iters):
    bowl = CURVES["bowl"]
    w0 = bowl.point_at(at)
    context = learning_rate_context(bowl, w0, alphas, iters)
    t = truth(question("learning_rate.behaviour"), context)
    assert t.value == tuple(oracle_bowl_behaviour(w0, a, iters) for a in alphas)
    # the fastest: the fewest iterations among the alphas the oracle sees converge
    counts = {f"a{i + 1}": len(p) - 1 for i, a in enumerate(alphas) for p, ok in [oracle_path(bowl, w0, a, iters)] if ok}
    fastest = truth(question("learning_rate.fastest"), context)
    if counts:
        assert set(fastest.accepted) == {k for k, v in counts.items() if v == min(counts.values())}
    else:
        assert fastest.value == "none"


@FAST
@given(st.sampled_from(ALL_CURVES), st.floats(0.0, 1.0))
def test_largest_alpha_is_two_over_the_curvature_at_the_nearest_minimum(curve, at):
    w0 = curve.point_at(at)
    w_star = curve.nearest_minimum(w0)
    assume(w_star is not None)
    h = 1e-5
    curvature = (_float(curve, "slope", w_star + h) - _float(curve, "slope", w_star - h)) / (2 * h)
    context = learning_rate_context(curve, w0, [0.01], 5)
    q = question("learning_rate.largest_alpha")
    t = truth(q, context)
    assert t.value == pytest.approx(2 / curvature, rel=1e-6)
    assert grade(q, context, f"{2 / curvature:.2g}").correct
    assert not grade(q, context, f"{1.2 * 2 / curvature:.2g}").correct
    assert q.hides == ("wall",)


def test_page_two_defaults_grade_their_own_truths():
    bowl = CURVES["bowl"]
    context = learning_rate_context(bowl, bowl.point_at(0.05), suggested_alphas(1.0), 60)
    assert truth(question("learning_rate.behaviour"), context).value == ("creeps", "converges", "oscillates", "diverges")
    for q in asked(context):
        f, t = form(q, context), truth(q, context)
        assert grade(q, context, t.value).correct and not grade(q, context, wrong_response(f, t)).correct
    assert grade(question("learning_rate.behaviour"), context, "creeps,converges,oscillates,diverges").correct
    with pytest.raises(ResponseError, match="one answer for each of the 4"):
        grade(question("learning_rate.behaviour"), context, "creeps")


def test_page_two_reuses_the_sweep_it_is_given():
    from gd_core.contexts import page_sweep

    bowl = CURVES["bowl"]
    sweep = page_sweep(bowl, -1.5, 1.0)
    assert learning_rate_context(bowl, -1.5, [0.1], 60, sweep=sweep).sweep is sweep
    assert page_sweep(bowl, -1.5, 1.0) is sweep  # cached


# --- page 3 -------------------------------------------------------------------------------------

from gd_core.contexts import local_minimum_context  # noqa: E402


def oracle_every_step(curve, w0: float, alpha: float, iters: int) -> list[float]:
    """Every iteration of w - alpha * J'(w), stopped only when w leaves the finite range."""
    ws, w = [float(w0)], float(w0)
    for _ in range(iters):
        w_next = w - alpha * _float(curve, "slope", w)
        if not math.isfinite(w_next) or abs(w_next) > 1e6 or not math.isfinite(_float(curve, "cost", w_next)) \
                or not math.isfinite(_float(curve, "slope", w_next)):
            break
        ws.append(w_next)
        w = w_next
    return ws


@FAST
@given(settings_1d)
def test_page_three_answers_are_what_the_oracle_path_does(setting):
    curve, at, alpha, iters = setting
    w0 = curve.point_at(at)
    context = local_minimum_context(curve, w0, alpha, iters)
    path = oracle_every_step(curve, w0, alpha, iters)
    assert context.run.w.tolist() == path
    tol = 1e-3 * (curve.w_max - curve.w_min)
    near = [i for i, m in enumerate(curve.minima) if abs(path[-1] - m) <= 10 * tol]
    assert truth(question("local_minimum.valley"), context).value == (f"m{near[0] + 1}" if near else "none")
    moved = max(abs(w - w0) for w in path) >= tol
    assert truth(question("local_minimum.moves"), context).value == ("yes" if moved else "no")
    q = question("local_minimum.steps_shrink")
    if q.applies(context):
        sizes = [abs(b - a) for a, b in zip(path, path[1:])]
        shrink = all(b <= a * (1 + 1e-12) + 1e-12 * max(sizes) for a, b in zip(sizes, sizes[1:]))
        assert truth(q, context).value == ("yes" if shrink else "no")
    for q in asked(context):
        f, t = form(q, context), truth(q, context)
        assert grade(q, context, t.value).correct and not grade(q, context, wrong_response(f, t)).correct


def test_w_5_is_a_local_minimum_and_stays():
    context = local_minimum_context(CURVES["two_minima"], 5.0, 0.1, 30)
    assert truth(question("local_minimum.moves"), context).value == "no"
    assert truth(question("local_minimum.valley"), context).value == "m2"
    assert not question("local_minimum.steps_shrink").applies(context)


def oracle_surface(start, alpha: float, iters: int) -> tuple[float, float, float]:
    """(w, b) := (w, b) - alpha * grad H, grad H written here from H's formula term by term."""
    w, b = start
    last = 0.0
    for _ in range(iters):
        gw, gb = 0.08 * w, 0.08 * b
        for a, wk, bk, s in [(3.0, -2.0, -1.5, 1.2), (2.0, 2.5, 1.5, 1.0), (1.4, -1.0, 2.8, 0.8)]:
            g = a * math.exp(-((w - wk) ** 2 + (b - bk) ** 2) / (2 * s * s)) / (s * s)
            gw, gb = gw + g * (w - wk), gb + g * (b - bk)
        w_new, b_new = w - alpha * gw, b - alpha * gb
        if abs(w_new) > 1e3 or abs(b_new) > 1e3:
            last = 0.0
            continue
        last = math.hypot(w_new - w, b_new - b)
        w, b = w_new, b_new
    return w, b, last


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.floats(-4.8, 4.8), st.floats(-4.8, 4.8)), st.floats(0.05, 0.6), st.integers(2, 300))
def test_the_landscape_valley_is_where_the_oracle_settles(start, alpha, iters):
    context = local_minimum_context(CURVES["two_minima"], 5.0, 0.1, 5, surface_start=start, surface_alpha=alpha, surface_iters=iters)
    w, b, last = oracle_surface(start, alpha, iters)
    assert (float(context.surface_path.w[-1, 0]), float(context.surface_path.b[-1, 0])) == pytest.approx((w, b), abs=1e-9)
    centres = [(-2.0, -1.5, 1.2), (2.5, 1.5, 1.0), (-1.0, 2.8, 0.8)]
    d = [math.hypot(w - cw, b - cb) for cw, cb, _ in centres]
    i = d.index(min(d))
    settled = d[i] <= centres[i][2] and last < 0.05
    assert truth(question("local_minimum.landscape"), context).value == (f"v{i + 1}" if settled else "none")


def test_the_landscape_defaults_settle_in_their_valleys():
    expected = {(-4.0, -4.0): "v1", (4.0, 4.0): "v2", (-3.0, 4.5): "v3"}
    for start, valley in expected.items():
        context = local_minimum_context(CURVES["two_minima"], 5.0, 0.1, 30, surface_start=start)
        assert truth(question("local_minimum.landscape"), context).value == valley


@pytest.mark.parametrize("bad", [dict(surface_start=(float("nan"), 0.0)), dict(surface_alpha=-1.0), dict(surface_iters=10**9)])
def test_a_landscape_setting_out_of_range_is_refused(bad):
    with pytest.raises(ValueError):
        local_minimum_context(CURVES["two_minima"], 5.0, 0.1, 30, **bad)


# --- page 4 -------------------------------------------------------------------------------------

from gd_core.questions_fit import regression_context  # noqa: E402
from gd_core.sums import summarize  # noqa: E402

LAB_X, LAB_Y = [1.0, 2.0], [300.0, 500.0]


def test_the_lab_figures_hold():
    context = regression_context(summarize(LAB_X, LAB_Y), 0.0, 0.0, 0.01, 10_000)
    t = truth(question("regression.final_w"), context)
    assert round(t.value, 4) == 199.9929 and round(t.facts["b"], 4) == 100.0116
    assert "w = 199.9929 and b = 100.0116" in t.answer
    assert truth(question("regression.diverges"), context).value == "no"
    for q in asked(context):
        f, t = form(q, context), truth(q, context)
        assert grade(q, context, t.value).correct and not grade(q, context, wrong_response(f, t)).correct


def oracle_fit(x, y, w, b, alpha, iters, sequential=False):
    """The course's loop, row by row: both gradients from the same (w, b), or (sequential) dJ/db
    taken after w moved. Returns the last (w, b) and whether the cost ever went past 1e10 x its start."""
    m = len(x)

    def cost(w, b):
        return sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) / (2 * m)

    start = cost(w, b)
    for _ in range(iters):
        dj_dw = sum((w * xi + b - yi) * xi for xi, yi in zip(x, y)) / m
        dj_db = sum(w * xi + b - yi for xi, yi in zip(x, y)) / m
        w_new = w - alpha * dj_dw
        if sequential:
            dj_db = sum(w_new * xi + b - yi for xi, yi in zip(x, y)) / m
        w, b = w_new, b - alpha * dj_db
        if not cost(w, b) <= 1e10 * max(start, 1.0):
            return w, b, True
    return w, b, False


datasets = st.lists(st.tuples(st.integers(-20, 20), st.integers(-500, 500)), min_size=2, max_size=8).filter(
    lambda rows: len({r[0] for r in rows}) >= 2
)


@settings(max_examples=60, deadline=None)
@given(datasets, st.integers(-5, 5), st.integers(-50, 50), st.floats(0.01, 1.6), st.integers(1, 300))
def test_page_four_answers_are_what_the_course_loop_does(rows, w0, b0, share, iters):
    x, y = [float(r[0]) / 4 for r in rows], [float(r[1]) for r in rows]
    h = np.array([[np.mean(np.square(x)), np.mean(x)], [np.mean(x), 1.0]])
    limit = 2 / np.linalg.eigvalsh(h)[-1]
    alpha = share * limit
    context = regression_context(summarize(x, y), w0, b0, alpha, iters)
    w, b, blew = oracle_fit(x, y, float(w0), float(b0), alpha, iters)
    diverges = truth(question("regression.diverges"), context).value
    if share > 1.1 and iters >= 100:
        assert diverges == "yes"
    if share < 0.95:
        assert diverges == "no"
        t = truth(question("regression.final_w"), context)
        assert t.value == pytest.approx(w, rel=1e-7, abs=1e-7 * max(1.0, abs(w0)))
    q = question("regression.sequential_gap")
    ws, bs, seq_blew = oracle_fit(x, y, float(w0), float(b0), alpha, iters, sequential=True)
    if q.applies(context) and not seq_blew:
        w_star = float(np.polyfit(x, y, 1)[0])
        assert truth(q, context).value == pytest.approx(abs(ws - w_star), rel=1e-6, abs=1e-6 * max(1.0, abs(w_star)))
    for q in asked(context):
        f, t = form(q, context), truth(q, context)
        assert grade(q, context, t.value).correct and not grade(q, context, wrong_response(f, t)).correct


def test_a_fit_made_with_other_settings_is_refused():
    from gd_core.fit import fit_line

    stats = summarize(LAB_X, LAB_Y)
    other = fit_line(stats, 0.0, 0.0, 0.02, 100)
    with pytest.raises(ValueError, match="other settings"):
        regression_context(stats, 0.0, 0.0, 0.01, 100, sequential_fit=other)


# --- page 5 -------------------------------------------------------------------------------------

import re  # noqa: E402

from gd_core.bug_catalogue import CATALOGUE, ENTRIES  # noqa: E402
from gd_core.questions_debug import COURSE_CODE, LINE_FORM, MISTAKES, debug_context  # noqa: E402


def _normal(code: str) -> str:
    code = code.split("#")[0].replace("gradient_function", "compute_gradient")
    return re.sub(r"[\s()]", "", code)


def test_every_mistake_of_the_catalogue_has_words_a_function_and_its_lines():
    assert set(MISTAKES) == {e.name for e in CATALOGUE} - {"correct"}
    keys = [key for key, *_ in MISTAKES.values()]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"[a-z0-9_]+", k) for k in keys)
    for name, (_, words, functions, lines) in MISTAKES.items():
        corrected = {_normal(line) for line in ENTRIES[name].corrected_line.splitlines()}
        listed = {_normal(COURSE_CODE[n - 1]) for n in lines}
        assert listed & corrected or name == "α too large" and "alpha" in COURSE_CODE[lines[0] - 1], name
        owner = max(i for i, text in enumerate(COURSE_CODE[: lines[0]]) if text.startswith("def ")) if name != "α too large" else None
        assert owner is None or COURSE_CODE[owner].startswith(f"def {functions[0]}(")
        assert all(f"L{n}" in {o.key for o in LINE_FORM.options} for n in lines)


def oracle_first_line(name: str, x, y, alpha: float) -> tuple[float, float, float]:
    """Iteration 0 of the lab's loop from w = b = 0 with the named mistake, written row by row:
    (the printed cost, w, b) after the first update."""
    m = len(x)
    err = [-yi for yi in y]  # f_wb - y at w = b = 0
    dj_dw, dj_db = sum(e * xi for e, xi in zip(err, x)) / m, sum(err) / m
    w, b = -alpha * dj_dw, -alpha * dj_db
    if name == "sign flipped":
        w, b = alpha * dj_dw, alpha * dj_db
    elif name == "missing 1/m in the gradient":
        w, b = -alpha * m * dj_dw, -alpha * m * dj_db
    elif name == "missing x in dJ/dw":
        w = -alpha * dj_db
    elif name == "sequential update":
        b = -alpha * sum(w * xi - yi for xi, yi in zip(x, y)) / m
    elif name == "b updated with dJ/dw":
        b = -alpha * dj_dw
    elif name == "x in dJ/db":
        b = -alpha * dj_dw
    half = 1.0 if name == "cost without the 1/2" else 0.5
    cost = half * sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) / m
    return cost, w, b


def _prints(line: str, *values: float) -> bool:
    """Each printed number (cost .2e, w .3e, b .5e) is the value to within half a unit of its
    last digit (a sum in another order may round the other way at the very edge)."""
    for text, value, digits in zip(_printed(line), values, (2, 3, 5)):
        half = 0.5 * 10.0 ** (int(text.split("e")[1]) - digits)
        if abs(float(text) - value) > half * (1 + 1e-9) + 1e-12 * abs(value):
            return False
    return True


def _printed(line: str) -> tuple[str, str, str]:
    return re.search(r"Cost\s+(\S+)", line).group(1), re.search(r"(?<!\w)w:\s*(\S+),", line).group(1), re.search(r"(?<!\w)b:\s*(\S+)", line).group(1)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**63 - 1))
def test_find_the_bug_truths_are_the_planted_mistake_and_the_log_prints_it(seed):
    context = debug_context(seed)
    name = context.entry.name
    key, _, functions, lines = MISTAKES[name]
    assert truth(question("debug.mistake"), context).value == key
    assert set(truth(question("debug.function"), context).accepted) == set(functions)
    assert set(truth(question("debug.line"), context).accepted) == {f"L{n}" for n in lines}
    cost, w, b = oracle_first_line(name, list(context.x), list(context.y), context.alpha)
    assert _prints(context.log.splitlines()[0], cost, w, b)
    fixed_cost, fixed_w, fixed_b = oracle_first_line("correct", list(context.x), list(context.y), context.fixed_alpha)
    assert _prints(context.fixed_log.splitlines()[0], fixed_cost, fixed_w, fixed_b)
    assert (context.alpha > context.diagnosis.alpha_limit) == (name == "α too large")
    assert context.fixed_alpha < context.diagnosis.alpha_limit
    for q in asked(context):
        f, t = form(q, context), truth(q, context)
        assert grade(q, context, t.value).correct and not grade(q, context, wrong_response(f, t)).correct
    assert debug_context(seed) is context  # the same seed, the same exercise


@pytest.mark.parametrize("bad", [-1, 2**63, 1.5, "7", True, None, float("nan")])
def test_a_seed_that_is_not_a_whole_number_in_range_is_refused(bad):
    with pytest.raises(ValueError, match="whole number"):
        debug_context(bad)


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_on_the_lab_data_every_mistakes_log_names_it_alone(name):
    """The fallback of a seed whose draws all stay ambiguous."""
    from gd_core.bug_catalogue import printed_log, simulate
    from gd_core.log_match import diagnose
    from gd_core.log_parse import parse_log
    from gd_core.questions_debug import LAB_ALPHA, LAB_TOO_LARGE, LAB_X, LAB_Y

    stats = summarize(LAB_X, LAB_Y)
    alpha = LAB_TOO_LARGE if name == "α too large" else LAB_ALPHA
    log = printed_log(simulate(ENTRIES[name], stats, alpha, 100, 0.0, 0.0), 100)
    diagnosis = diagnose(parse_log(log), stats, alpha, 100, 0.0, 0.0)
    assert diagnosis.kind == "match" and diagnosis.name == name


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**63 - 1))
def test_find_the_bug_only_the_drawn_mistake_is_graded_right(seed):
    """Every key of the catalogue but the drawn mistake's is graded wrong: the draw is kept only
    when the page's diagnosis names that mistake alone, so no two mistakes tie on the log."""
    context = debug_context(seed)
    mistake = question("debug.mistake")
    assert context.diagnosis.kind == "match" and context.diagnosis.name == context.entry.name
    drawn = MISTAKES[context.entry.name][0]
    for key, *_ in MISTAKES.values():
        assert grade(mistake, context, key).correct == (key == drawn), (context.entry.name, key)
