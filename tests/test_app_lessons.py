"""AppTest: the three 1-D lesson pages load, react to their controls, and read the URL."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from ui.app import state
from gd_core.curves import CURVES
from gd_core.descent import run_descent
from ui.words.text import update_text

from tests.conftest import ROOT, read_back, plotly_charts

ENTRY = str(ROOT / "streamlit_app.py")


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60).run()  # registers the pages (st.navigation)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py")
    return at.run()


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [l.value for l in at.latex]
    parts += [e.value for e in at.error] + [s.value for s in at.success] + [i.value for i in at.info]
    parts += [str(m.value) for m in at.metric] + [w.value for w in at.warning]
    parts += [chart.proto.spec for chart in plotly_charts(at)]  # the numbers written inside the figures
    return "\n".join(read_back(p) for p in parts)


def figure(at: AppTest, n: int = 0) -> dict:
    return json.loads(plotly_charts(at)[n].proto.spec)


@pytest.mark.parametrize("page", ["intuition", "learning_rate", "local_minimum"])
def test_page_loads_without_exception(page: str) -> None:
    at = open_page(page, predict="false")
    assert not at.exception, at.exception
    assert len(plotly_charts(at)) == 1  # one figure, one player: the page's only iteration control
    spec = figure(at)
    assert spec["frames"] and spec["layout"]["sliders"][0]["steps"]
    assert not any(b.label in ("Step", "Back") for b in at.button)  # (page 3's Reset puts back the landscape's starts)


def test_intuition_player_has_every_iteration_with_its_update() -> None:
    at = open_page("intuition", iters="12", predict="false")
    spec = figure(at)
    labels = [step["label"] for step in spec["layout"]["sliders"][0]["steps"]]
    assert labels == [str(i) for i in range(13)]  # one frame per iteration, 0 to the last
    texts = [frame["data"][-1]["text"][0] for frame in spec["frames"]]
    run = run_descent(CURVES["bowl"], 7.0, 0.1, 12)
    assert texts[0].startswith(f"Iteration 0: update 1 of 12<br><b>{update_text(run, 0)}</b>")
    assert texts[-1].startswith("<b>After 12 iterations</b>") and "no update is taken" in texts[-1]  # none was taken
    assert len(set(texts)) == len(texts)  # every frame writes its own numbers
    for label, text in zip(labels[:-1], texts[:-1]):  # the written heading counts as the slider under it does
        assert text.startswith(f"Iteration {label}: "), (label, text)
    assert not at.dataframe  # the table is drawn once its expander is opened
    at.session_state[state.ITERATIONS_TABLE] = True
    table = at.run().dataframe[0].value  # and so does the table of every update
    assert list(table["iteration"]) == [int(label) for label in labels[:-1]]
    assert list(table["w before"]) == list(run.w[:-1])


def test_intuition_controls_change_what_is_shown() -> None:
    at = open_page("intuition", predict="false")
    before = all_text(at)
    at.number_input(key="alpha").set_value(0.3).run()
    assert not at.exception
    after_alpha = all_text(at)
    assert after_alpha != before
    at.number_input(key="w0").set_value(-1.0).run()
    assert "negative" in all_text(at)
    at.slider(key="iters").set_value(5).run()
    assert not at.exception
    at.selectbox(key="curve").set_value("two_minima").run()
    assert not at.exception and all_text(at) != after_alpha


def test_typed_expression_good_and_bad() -> None:
    at = open_page("intuition", curve="Your own formula")
    assert not at.exception
    at.text_input(key="expr").set_value("(w - 1)**2").run()
    assert r"\left(w - 1\right)^{2}" in all_text(at)  # the typed curve is the one on screen
    assert not at.error
    at.text_input(key="expr").set_value("w**2 + __import__('os')").run()
    assert not at.exception
    assert "position" in at.error[0].value
    assert "Still showing the last formula that worked" in all_text(at)
    assert "(w - 1)**2" in all_text(at)


def test_diverging_run_is_labelled() -> None:
    at = open_page("intuition", alpha="1.5", iters="50", predict="false")
    assert not at.exception
    text = all_text(at)
    assert "diverged after 17 updates: the next update would take w to" in text


def test_local_minimum_link_reports_w_stays_5() -> None:
    at = open_page("local_minimum", w0="5", alpha="0.1", predict="false")
    assert not at.exception
    assert any("w stays at 5 for all 30 iterations" in s.value and "local minimum" in s.value for s in at.success)


def test_local_minimum_other_start_moves() -> None:
    at = open_page("local_minimum", w0="3", predict="false")
    assert not at.exception
    text = all_text(at)
    assert "w stays" not in text and "converged in 20 iterations" in text


def test_learning_rate_verdicts_at_first_load() -> None:
    at = open_page("learning_rate", predict="false")
    assert not at.exception
    text = all_text(at)
    for word in ("creeping", "swinging from side to side", "diverg", "converged in"):
        assert word in text, word


def test_learning_rate_bad_alpha_list_keeps_last_good() -> None:
    at = open_page("learning_rate")
    at.text_input(key="alphas").set_value("0.1, 0.5").run()
    assert "α = 0.5" in all_text(at)
    at.text_input(key="alphas").set_value("0.1, fast").run()
    assert not at.exception
    assert "'fast' is not a number" in read_back(at.error[0].value)
    assert "α = 0.5" in all_text(at)


@pytest.mark.parametrize("page", ["intuition", "local_minimum"])
def test_formula_that_overflows_at_the_start_gives_a_message(page: str) -> None:
    at = open_page(page, curve="Your own formula", expr="exp(exp(exp(w)))")
    assert not at.exception, at.exception
    assert "cannot start" in at.error[0].value and "not a finite number" in at.error[0].value
