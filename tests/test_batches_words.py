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


def test_colour_never_alone_in_the_figure() -> None:
    """Each run also has its own marker and dash (issue 23's rule, tests/test_colour_never_alone.py)."""
    from ui.charts.batches import batches_figure

    runs, stats = _runs()
    x = np.random.default_rng(0).normal(size=64)
    spec = batches_figure(x, 2.0 * x - 1.0, stats, [(run_label(r), r) for r in runs.runs], "x", "y").to_dict()
    epochs = [t for t in spec["data"] if t.get("name", "").endswith(", per epoch")]
    assert len({(t["marker"]["symbol"], t["line"]["dash"]) for t in epochs}) == 3
    lines = [t for t in spec["data"] if t.get("name", "").endswith(" line")]
    assert len({t["line"]["dash"] for t in lines}) == 3
    movers = [spec["data"][i] for i in spec["frames"][0]["traces"]]
    for trace in movers:
        symbols = (trace.get("marker") or {}).get("symbol")
        if isinstance(symbols, list):
            assert len(set(symbols)) == len(symbols), symbols
    paths = [s for s in spec["layout"]["shapes"] if s.get("type") == "path" and s.get("xref") == "x2" and s["line"].get("dash")]
    assert len({s["line"]["dash"] for s in paths}) == 3


def test_the_figure_frames_are_lean() -> None:
    """The frames carry a moving line's numbers (no hover shows them) to a hundred-thousandth of
    their span, and the points a hover names as they are (issue 26: 66 of a predict=false link's 402 kB)."""
    from ui.charts.batches import batches_figure
    from ui.charts.drawn_numbers import drawn

    runs, stats = _runs()
    x = np.random.default_rng(0).normal(size=64)
    spec = batches_figure(x, 2.0 * x - 1.0, stats, [(run_label(r), r) for r in runs.runs], "x", "y").to_dict()
    moved = spec["frames"][0]["traces"]
    lines = [n for n, i in enumerate(moved) if spec["data"][i].get("hoverinfo") == "skip"]
    hovered = [n for n, i in enumerate(moved) if "%{x" in str(spec["data"][i].get("hovertemplate"))]
    assert lines and hovered
    for n in lines:
        values = [v for f in spec["frames"] for v in f["data"][n]["y"] if isinstance(v, float)]
        span = max(values) - min(values)
        assert all(drawn(v, span) == v for v in values)
    assert any(len(repr(v)) > 12 for f in spec["frames"] for n in hovered for v in f["data"][n]["x"] if isinstance(v, float))
    assert all("type" not in entry for f in spec["frames"] for n, entry in enumerate(f["data"]) if spec["data"][moved[n]]["type"] == "scatter")
    # still things are not in the frames: the lines' x range, the least-squares diamond
    run_lines = [n for n, i in enumerate(moved) if spec["data"][i].get("name", "").endswith(" line")]
    assert len(run_lines) == 3 and all("x" not in f["data"][n] for f in spec["frames"] for n in run_lines)
    (star,) = [i for i, t in enumerate(spec["data"]) if t.get("name") == "least squares (w*, b*)"]
    assert star not in moved and spec["data"][star]["x"] == [float(stats.w_star[0])]
