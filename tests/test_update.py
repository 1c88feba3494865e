"""Update rules (gd_core.update) and the loops that run them (gd_core.loop): one rule, one loop."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core import update
from gd_core.bug_catalogue import ENTRIES, simulate
from gd_core.curves import CURVES
from gd_core.descent import run_descent
from gd_core.linreg import compute_gradient, run_gradient_descent
from gd_core.loop import FLOAT_MAX, W_LIMIT, check_run, past, run_scalar
from gd_core.loop_many import run_many
from gd_core.sums import formulas, summarize
from tests.conftest import parse_source

GD_CORE = Path(__file__).resolve().parents[1] / "gd_core"
LAB_X, LAB_Y = [1.0, 2.0], [300.0, 500.0]


def _per_row(x, y, w, b, alpha, num_iters, sequential=False):
    """The lab's loop on the rows themselves: the oracle the rules are held to."""
    for _ in range(num_iters):
        dj_dw, dj_db = compute_gradient(x, y, w, b)
        w = w - alpha * dj_dw
        if sequential:
            dj_db = compute_gradient(x, y, w, b)[1]
        b = b - alpha * dj_db
    return w, b


def test_course_lab_numbers() -> None:
    result = run_gradient_descent(LAB_X, LAB_Y, 0.0, 0.0, 0.01, 10_000)
    assert (round(float(result.w[0]), 4), round(result.b, 4)) == (199.9929, 100.0116)


@pytest.mark.parametrize("sequential", [False, True])
def test_rules_match_the_per_row_loop(sequential: bool) -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=30) * 2 + 1
    y = 3 * x - 2 + rng.normal(size=30)
    result = run_gradient_descent(x, y, 0.5, -1.0, 0.05, 200, sequential=sequential)
    w, b = _per_row(x, y, 0.5, -1.0, 0.05, 200, sequential)
    assert float(result.w[0]) == pytest.approx(w, rel=1e-9) and result.b == pytest.approx(b, rel=1e-9)


def test_sequential_rule_takes_b_gradient_after_w_moved() -> None:
    f = formulas(summarize(LAB_X, LAB_Y))
    rule = update.sequential(0.01)
    (w, b), printed = rule.step(f.gradient((0.0, 0.0)), rule.init((0.0, 0.0)), (0.0, 0.0), f.gradient)
    assert w == 6.5 and b == pytest.approx(0.01 * 390.25)
    assert printed == f.gradient((6.5, 0.0))  # what a log of it prints: the second gradient


def test_simulated_rules_are_the_loop_rules() -> None:
    stats = summarize(LAB_X, LAB_Y)
    for name, sequential in (("correct", False), ("sequential update", True)):
        run = simulate(ENTRIES[name], stats, 0.01, 500, 0.0, 0.0)
        result = run_gradient_descent(LAB_X, LAB_Y, 0.0, 0.0, 0.01, 500, sequential=sequential)
        assert run.w.tolist() == result.w_history[:, 0].tolist() and run.b.tolist() == result.b_history.tolist()


@settings(max_examples=60, deadline=None)
@given(
    w0=st.floats(-50, 50), b0=st.floats(-50, 50), alpha=st.floats(1e-4, 0.7),
    iters=st.integers(0, 300), seed=st.integers(0, 2**16),
)
def test_momentum_with_beta_zero_is_plain_descent(w0: float, b0: float, alpha: float, iters: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=20)
    f = formulas(summarize(x, 2 * x + 1 + rng.normal(size=20)))
    plain = run_scalar(update.simultaneous(alpha), f.evaluate, (w0, b0), iters, limit=1e300)
    heavy = run_scalar(update.momentum(alpha, 0.0), f.evaluate, (w0, b0), iters, limit=1e300)
    assert heavy.columns == plain.columns and heavy.cost == plain.cost and heavy.stop == plain.stop


@settings(max_examples=40, deadline=None)
@given(alpha=st.floats(1e-4, 3.0), seed=st.integers(0, 2**16), sequential=st.booleans())
def test_the_loop_without_hooks_gives_the_numbers_of_the_loop_with_them(alpha: float, seed: int, sequential: bool) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=10) * 3
    f = formulas(summarize(x, 4 * x - 1 + rng.normal(size=10)))
    rule = (update.sequential if sequential else update.simultaneous)(alpha)
    bare = run_scalar(rule, f.evaluate, (0.5, -0.5), 400, limit=1e30)
    hooked = run_scalar(rule, f.evaluate, (0.5, -0.5), 400, limit=1e30, after=lambda *args: None, keep=True)
    assert (bare.columns, bare.cost, bare.stop, bare.stopped_at) == (hooked.columns, hooked.cost, hooked.stop, hooked.stopped_at)


@settings(max_examples=30, deadline=None)
@given(starts=st.lists(st.floats(-4, 8), min_size=1, max_size=12), alpha=st.floats(1e-3, 0.5))
def test_momentum_with_beta_zero_is_plain_descent_on_many_starts(starts: list[float], alpha: float) -> None:
    curve = CURVES["two_minima"]

    def gradient(params: tuple) -> tuple:
        return (curve.slope(params[0]),)

    plain = run_many(update.simultaneous(alpha), gradient, (np.array(starts),), 200, limit=W_LIMIT, keep_path=True)
    heavy = run_many(update.momentum(alpha, 0.0), gradient, (np.array(starts),), 200, limit=W_LIMIT, keep_path=True)
    assert all(np.array_equal(p[0], h[0]) for p, h in zip(plain.path, heavy.path))


def test_momentum_carries_speed_on_a_long_valley() -> None:
    """On J = w^2 / 200 (a shallow slope), momentum 0.9 gets much nearer the minimum in 100 steps."""
    def evaluate(params: tuple) -> tuple:
        return params[0] ** 2 / 200, (params[0] / 100,)

    plain = run_scalar(update.simultaneous(1.0), evaluate, (10.0,), 100, limit=1e300)
    heavy = run_scalar(update.momentum(1.0, 0.9), evaluate, (10.0,), 100, limit=1e300)
    assert abs(heavy.columns[0][-1]) < abs(plain.columns[0][-1]) / 10


def test_divergence_policy() -> None:
    assert past(float("nan"), 1.0) and past(float("inf"), 1.0) and past(-2.0, 1.0) and not past(1.0, 1.0)
    assert past(np.array([np.nan, 2.0, 0.5]), 1.0).tolist() == [True, True, False]
    # Each loop states its divergence from the one policy, with its own watched number and limit.
    bowl = CURVES["bowl"]
    run = run_descent(bowl, 5.0, 2.5, 1000)
    assert run.stop_reason == "diverged" and "1e+06" in run.message and np.all(np.abs(run.w) <= W_LIMIT)
    line = run_gradient_descent(LAB_X, LAB_Y, 0.0, 0.0, 1.0, 1000)
    assert line.stop_reason == "diverged" and np.all(np.isfinite(line.cost_history))
    student = simulate(ENTRIES["correct"], summarize(LAB_X, LAB_Y), 1.0, 5000, 0.0, 0.0)
    assert student.blew_up_at is not None and np.all(student.cost <= FLOAT_MAX)
    assert student.blew_up_at > line.iterations  # the student's run goes on to the float's end


@pytest.mark.parametrize("alpha", [-0.1, float("nan"), float("inf")])
def test_one_alpha_check_says_what_to_do(alpha: float) -> None:
    for call in (
        lambda: check_run(alpha, 10),
        lambda: run_descent(CURVES["bowl"], 0.0, alpha, 10),
        lambda: run_gradient_descent(LAB_X, LAB_Y, 0.0, 0.0, alpha, 10),
        lambda: simulate(ENTRIES["correct"], summarize(LAB_X, LAB_Y), alpha, 10, 0.0, 0.0),
    ):
        with pytest.raises(ValueError, match="alpha must be a finite number >= 0, got .*: pick a small positive learning rate"):
            call()


def _updates(tree: ast.AST) -> list[int]:
    """Lines of ``p - alpha * g`` or ``p + alpha * g`` (p a name or an item, alpha or alpha[...])."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Sub, ast.Add)) and isinstance(node.right, ast.BinOp):
            product = node.right
            factor = product.left.value if isinstance(product.left, ast.Subscript) else product.left
            if (isinstance(node.left, (ast.Name, ast.Subscript, ast.Attribute)) and isinstance(product.op, ast.Mult)
                    and isinstance(factor, ast.Name) and factor.id.startswith("alpha")):
                found.append(node.lineno)
    return found


def test_no_loop_outside_the_rules_writes_the_update() -> None:
    rules = {"update.py", "bug_rules.py"}
    assert _updates(parse_source("w_new = w - alpha * dj_dw\nw = w[idx] - alpha[idx] * slope"))  # the test sees one
    written = {path.name: _updates(parse_source(path.read_text())) for path in GD_CORE.glob("*.py")}
    assert {name for name, lines in written.items() if lines} <= rules, written
    assert written["update.py"]
