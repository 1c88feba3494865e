"""Lesson 6's sentences (ui.words.batches) against the facts they are written from."""

from __future__ import annotations

import numpy as np

from gd_core.minibatch_facts import AlphaLimits, near_minimum, three_runs
from gd_core.sums import summarize
from gd_core.wording import number, plural
from ui.words.batches import alpha_text, near_minimum_text, noise_text, one_epoch_text, run_label, walls_text


def _runs(alpha: float = 0.1, epochs: int = 40, size: int = 8):
    rng = np.random.default_rng(0)
    x = rng.normal(size=64)
    y = 2.0 * x - 1.0 + rng.normal(scale=0.3, size=64)
    stats = summarize(x, y)
    return three_runs(x, y, stats, 0.0, 0.0, alpha=alpha, batch_size=size, epochs=epochs, seed=3, max_updates=100_000), stats


def test_labels_name_the_batch_size() -> None:
    runs, _ = _runs()
    assert [run_label(r) for r in runs.runs] == ["batch (all 64 examples)", "mini-batch (B = 8)", "stochastic (1 example)"]


def test_one_epoch_sentence_states_each_runs_updates_and_cost() -> None:
    runs, stats = _runs()
    text = one_epoch_text(runs.runs, stats.cost_star)
    for run in runs.runs:
        assert f"{run_label(run)} made {plural(run.updates_per_epoch, 'update')} and reached J = {number(run.epoch_cost_history[1])}" in text
    assert f"J* = {number(stats.cost_star)}" in text


def test_near_minimum_sentence_states_the_last_epochs_spread() -> None:
    runs, stats = _runs()
    sgd = near_minimum(runs.stochastic, stats)
    text = near_minimum_text(runs.stochastic, sgd)
    assert f"over epoch {sgd.epoch} ({plural(64, 'update')})" in text
    assert f"between {number(sgd.excess_min)} and {number(sgd.excess_max)}, {number(sgd.excess_mean)} on average" in text
    batch = near_minimum(runs.batch, stats)
    assert f"J − J* = {number(batch.excess_mean)} after its one update of epoch 40" in near_minimum_text(runs.batch, batch)


def test_the_noise_sentence_only_when_the_runs_show_it() -> None:
    runs, stats = _runs(alpha=0.3, epochs=60)
    batch, sgd = near_minimum(runs.batch, stats), near_minimum(runs.stochastic, stats)
    assert sgd.excess_mean > batch.excess_max
    assert number(sgd.excess_mean) in noise_text(batch, sgd, 0.3)
    assert noise_text(sgd, batch, 0.3) == ""  # the other way round it is not true, so it is not said


def test_alpha_sentences() -> None:
    assert "2 / λmax = 1.5" in walls_text(1.5, 0.25) and "= 0.25 no single update" in walls_text(1.5, 0.25)
    mini = AlphaLimits(batch=1.5, every_update=0.25, tolerated=0.5, failed=0.6, batch_size=8)
    assert alpha_text(mini) == "Measured with this seed: the mini-batch (B = 8) ended below its starting cost up to α = 0.5 and not at α = 0.6."
    none = AlphaLimits(batch=1.5, every_update=0.25, tolerated=float("nan"), failed=0.25, batch_size=1)
    assert "even α = 0.25 did not end below its starting cost for stochastic descent" in alpha_text(none)
    every = AlphaLimits(batch=1.5, every_update=0.25, tolerated=4.0, failed=float("inf"), batch_size=1)
    assert "for every α tried, up to 4" in alpha_text(every)
