"""Mini-batch descent: B = m is batch descent, one epoch's batch gradients average to the full
gradient, a seed reproduces a run, and what the lesson says about the minimum and alpha."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.linreg import compute_cost, compute_gradient, run_gradient_descent, summarize
from gd_core.minibatch import epoch_gradients, minibatch_descent
from gd_core.minibatch_facts import every_update_safe, measured_limit, near_minimum, three_runs

X_LAB, Y_LAB = np.array([1.0, 2.0]), np.array([300.0, 500.0])
FAST = settings(max_examples=60, deadline=None)


def _data(m: int = 200, n: int = 1, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(m, n)) if n > 1 else rng.normal(size=m)
    y = (x @ np.arange(1.0, n + 1) if n > 1 else 3.0 * x) + 2.0 + rng.normal(scale=0.5, size=m)
    return x, y


@pytest.mark.parametrize("x, y, alpha, epochs", [(X_LAB, Y_LAB, 0.01, 10_000), (*_data(), 0.1, 300), (*_data(n=3), 0.05, 200)])
def test_batch_size_m_is_batch_gradient_descent(x, y, alpha, epochs) -> None:
    batch = run_gradient_descent(x, y, 0.0, 0.0, alpha, epochs)
    for size in (y.size, y.size + 5):  # a batch larger than the data is the whole data
        run = minibatch_descent(x, y, 0.0, 0.0, alpha=alpha, batch_size=size, epochs=epochs, seed=1)
        assert run.batch_size == y.size and run.updates == epochs == run.updates_per_epoch * epochs
        np.testing.assert_allclose(run.w_history, batch.w_history, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(run.b_history, batch.b_history, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(run.cost_history, batch.cost_history, rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(run.epoch_cost_history, run.cost_history)


@FAST
@given(
    st.integers(1, 12), st.integers(1, 8), st.integers(1, 3), st.integers(0, 2**32 - 1),
    st.floats(-5, 5), st.floats(-5, 5),
)
def test_mean_of_one_epochs_batch_gradients_is_the_full_gradient(batches, size, n, seed, w, b) -> None:
    x, y = _data(batches * size, n, seed % 1000)
    w_vec = np.full(n, w)
    dj_dw, dj_db = epoch_gradients(x, y, w_vec if n > 1 else w, b, batch_size=size, seed=seed)
    assert dj_dw.shape == (batches, n) and dj_db.shape == (batches,)
    full_w, full_b = compute_gradient(x, y, w_vec if n > 1 else w, b)
    np.testing.assert_allclose(dj_dw.mean(axis=0), np.reshape(full_w, n), rtol=1e-9, atol=1e-9)
    assert dj_db.mean() == pytest.approx(full_b, rel=1e-9, abs=1e-9)
    # and each batch's gradient is the per-row formula on its own rows (the seed's permutation)
    order = np.random.default_rng(seed).permutation(y.size) if size < y.size else np.arange(y.size)
    rows = order[:size]
    one_w, one_b = compute_gradient(x[rows], y[rows], w_vec if n > 1 else w, b)
    np.testing.assert_allclose(dj_dw[0], np.reshape(one_w, n), rtol=1e-9, atol=1e-9)


def test_a_seed_reproduces_a_run_and_another_seed_differs() -> None:
    x, y = _data()
    first = minibatch_descent(x, y, 0.0, 0.0, alpha=0.05, batch_size=8, epochs=3, seed=42)
    again = minibatch_descent(x, y, 0.0, 0.0, alpha=0.05, batch_size=8, epochs=3, seed=42)
    other = minibatch_descent(x, y, 0.0, 0.0, alpha=0.05, batch_size=8, epochs=3, seed=43)
    np.testing.assert_array_equal(first.w_history, again.w_history)
    np.testing.assert_array_equal(first.cost_history, again.cost_history)
    assert not np.array_equal(first.w_history, other.w_history)
    assert first.cost_history[0] == other.cost_history[0]  # the same start


def test_histories_are_the_per_row_formulas() -> None:
    x, y = _data(m=50)
    run = minibatch_descent(x, y, 1.0, -1.0, alpha=0.05, batch_size=7, epochs=4, seed=5)
    assert run.updates == 4 * 8 and run.updates_per_epoch == 8  # 50 = 7 x 7 + 1: the last batch holds one row
    for k in (0, 1, 9, run.updates):
        assert run.cost_history[k] == pytest.approx(compute_cost(x, y, run.w_history[k, 0], run.b_history[k]), rel=1e-12)
    rows = np.random.default_rng(5).permutation(50)[:7]  # the first batch: the first 7 of epoch 1's shuffle
    assert run.batch_cost_history[0] == pytest.approx(compute_cost(x[rows], y[rows], 1.0, -1.0), rel=1e-12)
    np.testing.assert_array_equal(run.epoch_ends, [0, 8, 16, 24, 32])
    assert run.seen[8] == 50 and run.seen[1] == 7 and run.seen[-1] == 200
    np.testing.assert_array_equal(run.epoch_cost_history, run.cost_history[[0, 8, 16, 24, 32]])
    assert not run.w_history.flags.writeable and not run.epoch_ends.flags.writeable


def test_max_updates_stops_inside_an_epoch() -> None:
    x, y = _data(m=100)
    run = minibatch_descent(x, y, 0.0, 0.0, alpha=0.05, batch_size=1, epochs=3, seed=0, max_updates=150)
    assert run.updates == 150 and run.stop_reason == "max_iters"
    np.testing.assert_array_equal(run.epoch_ends, [0, 100])  # the second epoch is not complete


def test_a_too_large_alpha_diverges_with_finite_histories() -> None:
    run = minibatch_descent(X_LAB, Y_LAB, 0.0, 0.0, alpha=3.0, batch_size=1, epochs=500, seed=0)
    assert run.stop_reason == "diverged" and np.all(np.isfinite(run.cost_history)) and run.updates < 1000


@pytest.mark.parametrize("bad", [{"batch_size": 0}, {"seed": -1}, {"alpha": -0.1}, {"alpha": float("nan")}])
def test_bad_settings_say_what_to_do(bad) -> None:
    kwargs = {"alpha": 0.1, "batch_size": 2, "epochs": 3, "seed": 0, **bad}
    with pytest.raises(ValueError) as info:
        minibatch_descent(X_LAB, Y_LAB, 0.0, 0.0, **kwargs)
    assert len(str(info.value)) < 200


def test_a_fixed_alpha_leaves_stochastic_noise_that_batch_does_not() -> None:
    x, y = _data(m=200)
    stats = summarize(x, y)
    runs = three_runs(x, y, stats, 0.0, 0.0, alpha=0.1, batch_size=20, epochs=300, seed=0, max_updates=100_000)
    batch, mini, sgd = (near_minimum(r, stats) for r in runs.runs)
    assert batch.excess_max < 1e-9 * stats.cost_star  # batch has converged
    assert sgd.excess_mean > mini.excess_mean > batch.excess_mean  # noise grows as the batch shrinks
    assert sgd.excess_min > 0 and sgd.epoch == 300 and sgd.updates == 200 and batch.updates == 1


def test_below_every_update_safe_no_run_diverges_and_the_sweep_finds_the_edge() -> None:
    x, y = _data(m=60)
    stats = summarize(x, y)
    safe = every_update_safe(x)
    assert safe == pytest.approx(2 / (np.max(x**2) + 1))
    for size in (1, 7, 60):
        run = minibatch_descent(x, y, 0.0, 0.0, alpha=safe, batch_size=size, epochs=40, seed=2)
        assert run.stop_reason == "max_iters" and run.cost_history[-1] < run.cost_history[0]
    limits = measured_limit(x, y, stats, 0.0, 0.0, batch_size=1, seed=2, epochs=5, max_updates=10_000)
    assert limits.every_update <= limits.tolerated < limits.failed
    failed = minibatch_descent(x, y, 0.0, 0.0, alpha=limits.failed, batch_size=1, epochs=5, seed=2)
    assert failed.stop_reason == "diverged" or failed.cost_history[-1] >= failed.cost_history[0]
    batch = measured_limit(x, y, stats, 0.0, 0.0, batch_size=60, seed=2, epochs=200, max_updates=10_000)
    assert batch.tolerated < batch.batch * 1.2 and batch.failed > batch.batch * 0.8  # the sweep finds batch's own wall


@FAST
@given(st.integers(0, 2**32 - 1), st.floats(0.001, 0.3))
def test_one_example_on_floats_is_the_one_row_slice_bit_for_bit(seed, alpha) -> None:
    """B = 1 of one feature runs on Python floats; as a column (n = 1 on the numpy path) it is the same run."""
    x, y = _data(m=30, seed=seed % 100)
    floats = minibatch_descent(x, y, 0.5, -0.5, alpha=alpha, batch_size=1, epochs=3, seed=seed)
    rows = minibatch_descent(x.reshape(-1, 1), y, 0.5, -0.5, alpha=alpha, batch_size=1, epochs=3, seed=seed)
    np.testing.assert_array_equal(floats.w_history, rows.w_history)
    np.testing.assert_array_equal(floats.b_history, rows.b_history)
    np.testing.assert_allclose(floats.cost_history, rows.cost_history, rtol=1e-12)
    np.testing.assert_array_equal(floats.batch_cost_history, rows.batch_cost_history)


@FAST
@given(st.integers(0, 999), st.sampled_from([2, 5, 16]), st.floats(0.01, 0.4), st.integers(1, 6))
def test_each_batches_question_grades_its_truth_right_and_another_answer_wrong(seed, size, alpha, epochs) -> None:
    from gd_core.questions import asked, grade, truth
    from gd_core.questions_batches import BatchesContext

    x, y = _data(m=40, seed=seed)
    stats = summarize(x, y)
    context = BatchesContext(stats, three_runs(x, y, stats, 0.0, 0.0, alpha=alpha, batch_size=size, epochs=epochs, seed=seed, max_updates=10_000))
    for q in asked(context):
        t = truth(q, context)
        assert grade(q, context, t.value).correct
        other = next(k for k in ("batch", "mini", "stochastic") if k != t.value)
        assert not grade(q, context, other).correct
        assert t.why and t.answer


def test_the_sweep_on_big_data_is_the_sweep_of_the_seeded_runs() -> None:
    """measured_limit's shortcut (shuffle once, when every run stops in its first epoch) finds what full runs find."""
    x, y = _data(m=3000)
    stats = summarize(x, y)
    fast = measured_limit(x, y, stats, 0.0, 0.0, batch_size=4, seed=9, epochs=3, max_updates=200)
    alpha = fast.tolerated
    full = minibatch_descent(x, y, 0.0, 0.0, alpha=alpha, batch_size=4, epochs=3, seed=9, max_updates=200, stats=stats)
    cut = minibatch_descent(x[np.random.default_rng(9).permutation(3000)[:800]], y[np.random.default_rng(9).permutation(3000)[:800]],
                            0.0, 0.0, alpha=alpha, batch_size=4, epochs=1, seed=9, max_updates=200, stats=stats, shuffle=False)
    np.testing.assert_array_equal(full.cost_history, cut.cost_history)
    assert full.cost_history[-1] < full.cost_history[0]
