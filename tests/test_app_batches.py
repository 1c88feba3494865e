"""AppTest: lesson 6, batch, mini-batch and stochastic descent: its first view, each control (and
its URL), a link's values round trip, bad values named, the words against the runs themselves."""

from __future__ import annotations

import json
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from gd_core.data import load_table, prepare_xy
from gd_core.minibatch_facts import near_minimum, three_runs
from gd_core.scaling import scale_stats
from gd_core.sums import summarize
from gd_core.wording import number
from tests.conftest import ROOT, read_back, plotly_charts
from ui.app import state
from ui.app.lessons import BY_KEY
from ui.cache.runs import MAX_UPDATES
from ui.words.batches import near_minimum_text, one_epoch_text

ENTRY = str(ROOT / "streamlit_app.py")
DEFAULTS = BY_KEY["batches"].defaults


def open_page(**query: str) -> AppTest:
    """Lesson 6 with the questions off unless the test asks (test_the_question_hides_the_runs_until_committed asks)."""
    query.setdefault("predict", "false")
    at = AppTest.from_file(ENTRY, default_timeout=90).run()  # registers the pages (st.navigation)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/batches.py")
    return at.run()


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(read_back(str(p)) for p in parts)


def figure(at: AppTest) -> dict:
    charts = plotly_charts(at)
    assert len(charts) == 1  # one figure, one player
    return json.loads(charts[0].proto.spec)


def link(at: AppTest) -> dict[str, list[str]]:
    """The page's URL query (what its Link to this view is made of: AppTest has no host for the link itself)."""
    return {key: at.query_params.get_all(key) if hasattr(at.query_params, "get_all") else [at.query_params[key]] for key in at.query_params}


def widget(at: AppTest, key: str):
    return next(w for w in at.number_input if w.key == key)


def auto_mpg_runs(**settings):
    """The default view's runs, made here from the data file (not through the page's caches)."""
    data = load_table((ROOT / "data" / "auto_mpg.csv").read_bytes())
    x, y, _ = prepare_xy(data.frame, ["weight_lbs"], "miles_per_gallon", drop_missing=True)
    stats, mu, sigma = scale_stats(summarize(x, y))
    kwargs = {"alpha": DEFAULTS.alpha, "batch_size": DEFAULTS.batch_size, "epochs": DEFAULTS.epochs, "seed": DEFAULTS.seed, **settings}
    return three_runs((x - mu[0]) / sigma[0], y, stats, DEFAULTS.w0, DEFAULTS.b0, max_updates=MAX_UPDATES, **kwargs), stats


def test_first_view_shows_the_three_runs_and_the_words_are_theirs() -> None:
    at = open_page()
    assert not at.exception, at.exception
    spec = figure(at)
    labels = [step["label"] for step in spec["layout"]["sliders"][0]["steps"]]
    runs, stats = auto_mpg_runs()
    m = runs.batch.m
    assert labels[0] == "0 examples used, epoch 0" and labels[-1] == f"{m * DEFAULTS.epochs:,} examples used, epoch {DEFAULTS.epochs}"
    assert len(spec["frames"]) == len(labels) <= 240
    titles = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "Cost per update" in titles and "Cost per epoch" in titles and "J(w, b) from above" in titles
    assert spec["layout"]["xaxis2"]["title"]["text"].startswith("w (per unit of weight_lbs")
    assert spec["layout"]["xaxis3"]["title"]["text"] == "update (log scale)"
    assert spec["layout"]["xaxis4"]["title"]["text"] == "epoch (passes over the data)"
    # A shape on an axis's domain in the "between" layer stops Plotly's first draw (no map picture, no clicks).
    assert not [sh for sh in spec["layout"]["shapes"] if sh.get("layer") == "between" and "domain" in str(sh.get("xref", "")) + str(sh.get("yref", ""))]
    assert len(spec["layout"]["images"]) == 1
    text = texts(at)
    assert read_back(one_epoch_text(runs.runs, stats.cost_star)) in text
    for run in runs.runs:
        assert read_back(near_minimum_text(run, near_minimum(run, stats))) in text
    assert "stochastic descent never settled" in text  # the defaults show the lesson: a fixed α leaves noise
    assert "Seed 0" in text and "Batch descent's wall is 2 / λmax = 2" in text
    assert "Measured with this seed: stochastic descent ended below its starting cost up to α =" in text


@pytest.mark.parametrize("key, value, expect", [
    (state.BATCH, 8, "mini-batch (B = 8)"),
    (state.EPOCHS, 3, "over epoch 3"),
    (state.ALPHA, 0.05, "Every run above used α = 0.05"),
    (state.SEED, 1234, "Seed 1234"),
    (state.W0, -3.0, None),
    (state.B0, 5.0, None),
])
def test_each_control_changes_the_runs_and_the_link(key: str, value, expect: str | None) -> None:
    at = open_page()
    before = figure(at)
    widget(at, key).set_value(value).run()
    assert not at.exception, at.exception
    after = figure(at)
    assert after["frames"] != before["frames"]  # the runs moved
    if expect:
        assert expect in texts(at)
    assert float(widget(at, key).value) == float(value) and float(at.session_state[key]) == float(value)


def test_scaling_off_runs_in_the_data_units() -> None:
    at = open_page(alpha="1e-7", epochs="2")
    at.toggle(key=state.SCALE).set_value(False).run()
    assert not at.exception, at.exception
    spec = figure(at)
    assert spec["layout"]["xaxis"]["title"]["text"] == "weight_lbs"
    assert at.session_state[state.SCALE] is False


def test_a_link_reproduces_its_runs() -> None:
    query = {state.BATCH: "8", state.SEED: "77", state.EPOCHS: "4", state.ALPHA: "0.2"}
    at = open_page(**query)
    assert not at.exception and not at.warning, (at.exception, [w.value for w in at.warning])
    for key, value in query.items():
        assert float(widget(at, key).value) == float(value)
        assert link(at)[key] == [value]
    again = open_page(**query)
    assert figure(again)["frames"] == figure(at)["frames"]  # the same seed, the same paths
    runs, stats = auto_mpg_runs(batch_size=8, seed=77, epochs=4, alpha=0.2)
    assert read_back(one_epoch_text(runs.runs, stats.cost_star)) in texts(at)
    other = open_page(**{**query, state.SEED: "78"})
    assert figure(other)["frames"] != figure(at)["frames"]


@pytest.mark.parametrize("key, bad", [(state.BATCH, "0"), (state.EPOCHS, "abc"), (state.SEED, "-3"), (state.SEED, "1e7"), (state.ALPHA, "-1")])
def test_a_bad_link_value_is_named_and_the_page_still_runs(key: str, bad: str) -> None:
    at = open_page(**{key: bad})
    assert not at.exception, at.exception
    notes = " ".join(w.value for w in at.warning)
    assert f"{key} = ‘{bad}’ could not be used here" in read_back(notes)
    assert figure(at)["frames"]


def test_new_seed_draws_another_and_the_link_follows() -> None:
    at = open_page()
    at.button(key=state.NEW_SEED).click().run()
    assert not at.exception, at.exception
    seed = int(widget(at, state.SEED).value)
    if seed != 0:  # 1 chance in a million that it draws 0 again
        assert link(at)[state.SEED] == [str(seed)] and f"Seed {seed}" in texts(at)


def test_the_course_data_and_a_batch_above_m() -> None:
    at = open_page(dataset="Course lab houses", scale="false", alpha="0.01", epochs="50")
    assert not at.exception, at.exception
    text = texts(at)
    assert "batch (all 2 examples)" in text and "stochastic (1 example)" in text  # B = 32 > m = 2 is batch
    assert "made 2 updates" in text


def test_a_too_large_alpha_is_said_to_diverge() -> None:
    at = open_page(alpha="5")
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "stochastic (1 example) diverged at update" in warnings and "batch (all" in warnings


def test_several_features_ask_for_one() -> None:
    at = open_page()
    at.multiselect(key=state.X).set_value(["weight_lbs", "horsepower"]).run()
    assert not at.exception, at.exception
    assert any("needs one feature: 2 are picked" in i.value for i in at.info)
    assert not plotly_charts(at)


def test_facts_behind_the_words_hold() -> None:
    """The default view's claims, checked on the runs: batch ends nearest, stochastic noisiest."""
    runs, stats = auto_mpg_runs()
    batch, mini, sgd = (near_minimum(r, stats) for r in runs.runs)
    assert batch.excess_max < mini.excess_mean < sgd.excess_mean
    assert np.all(np.asarray(runs.stochastic.epoch_cost_history[1:]) > stats.cost_star)
    assert number(sgd.excess_mean) != number(batch.excess_max)


def test_the_question_hides_the_runs_until_committed() -> None:
    at = open_page(predict="true", ask="batches.closest_after_one_epoch")
    assert not at.exception, at.exception
    assert not plotly_charts(at) and "After one pass over the data" not in texts(at)  # the start only
    assert any("Until you commit your answer, the three runs are hidden" in i.value for i in at.info)
    notes = [c.value for c in at.caption]  # the question box's note says what this page hides: no chart yet, not "only its start"
    assert "The three runs and their chart appear once you commit an answer." in notes
    assert not any("chart shows only where the run starts" in note for note in notes)
    runs, stats = auto_mpg_runs()
    from gd_core.questions_batches import CLOSEST_AFTER_ONE_EPOCH, BatchesContext

    answer = CLOSEST_AFTER_ONE_EPOCH.find_truth(BatchesContext(stats, runs)).value
    at.radio(key=state.answer_key("batches.closest_after_one_epoch")).set_value(answer).run()
    at.button(key=state.COMMIT).click().run()
    assert not at.exception, at.exception
    assert len(plotly_charts(at)) == 1 and "After one pass over the data" in texts(at)
    assert "Right" in texts(at) + " ".join(s.value for s in at.success)


def test_a_start_too_far_to_compute_says_so() -> None:
    at = open_page(b0="-1e308")  # found by test_app_links: the distance to (w*, b*) overflowed
    assert not at.exception, at.exception
    assert any("could not start" in e.value for e in at.error) and not plotly_charts(at)
