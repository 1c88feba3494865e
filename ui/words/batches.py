"""The batch-size lesson's sentences, each written from the runs it describes (gd_core.minibatch_facts).

Every number goes through gd_core.wording; tests/test_batches_words.py checks each sentence
against the facts it was written from.
"""

from __future__ import annotations

import math

from gd_core.minibatch import MiniBatchRun
from gd_core.minibatch_facts import AlphaLimits, NearMinimum
from gd_core.wording import exact, number, plural


def run_label(run: MiniBatchRun) -> str:
    """'batch (all 392 examples)', 'mini-batch (B = 16)', 'stochastic (1 example)'."""
    if run.batch_size == run.m:
        return f"batch (all {run.m:,} examples)"
    if run.batch_size == 1:
        return "stochastic (1 example)"
    return f"mini-batch (B = {run.batch_size:,})"


def one_epoch_text(runs: tuple[MiniBatchRun, ...], cost_star: float) -> str:
    """After the first epoch: how many updates each made and its full J then."""
    parts = []
    for run in runs:
        if run.epoch_ends.size < 2:
            parts.append(f"{run_label(run)} did not finish an epoch ({plural(run.updates, 'update')}, J = {number(run.cost_history[-1])})")
            continue
        parts.append(f"{run_label(run)} made {plural(run.updates_per_epoch, 'update')} and reached J = {number(run.epoch_cost_history[1])}")
    return "After one pass over the data (one epoch): " + "; ".join(parts) + f". The least-squares line has J* = {number(cost_star)}."


def near_minimum_text(run: MiniBatchRun, near: NearMinimum) -> str:
    """How the run ends near the minimum: its last epoch's J − J*, and its distance from (w*, b*)."""
    if near.updates == 0:
        return f"{run_label(run)} made no update."
    where = f"over epoch {near.epoch}" if near.epoch else f"over its {plural(near.updates, 'update')}"
    if near.updates == 1:
        spread = f"J − J* = {number(near.excess_mean)} after its one update" + (f" of epoch {near.epoch}" if near.epoch else "")
    else:
        spread = (f"J − J* {where} ({plural(near.updates, 'update')}) stayed between {number(near.excess_min)} and {number(near.excess_max)}, "
                  f"{number(near.excess_mean)} on average")
    return f"{run_label(run)}: {spread}; it ends {number(near.distance)} from (w*, b*)."


def noise_text(batch: NearMinimum, smallest: NearMinimum, alpha: float) -> str:
    """The lesson's point, only when the runs show it: on average over its last epoch stochastic's J
    stays further above J* than batch's ever was in its own."""
    if smallest.updates < 2 or not smallest.excess_mean > batch.excess_max:
        return ""
    return (f"With a fixed α = {exact(alpha)}, stochastic descent never settled: over its last epoch its J was on average "
            f"{number(smallest.excess_mean)} above J*, against {number(batch.excess_max)} for batch. One example's gradient is not 0 "
            "at the minimum, so each update keeps moving; only a smaller α (or a larger batch) shrinks that noise.")


def walls_text(batch_limit: float, every_update: float) -> str:
    """The two computed bounds: batch's exact wall, and the one under which every single update is safe."""
    return (f"Batch descent's wall is 2 / λmax = {number(batch_limit)} (λmax: the largest curvature of J). Below "
            f"2 / max(x² + 1) = {number(every_update)} no single update of any batch size can overshoot its own batch's minimum.")


def alpha_text(limits: AlphaLimits) -> str:
    """What α a batch size tolerated in the measured sweep."""
    size = "stochastic descent" if limits.batch_size == 1 else f"the mini-batch (B = {limits.batch_size:,})"
    if math.isnan(limits.tolerated):
        measured = f"even α = {number(limits.failed)} did not end below its starting cost for {size}"
    elif math.isinf(limits.failed):
        measured = f"{size} ended below its starting cost for every α tried, up to {number(limits.tolerated)}"
    else:
        measured = f"{size} ended below its starting cost up to α = {number(limits.tolerated)} and not at α = {number(limits.failed)}"
    return f"Measured with this seed: {measured}."
