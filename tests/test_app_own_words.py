"""AppTest, issue 19: a formula or a log that used to end in a traceback now gets our message on
the page, with the last good curve or diagnosis kept on screen."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app_debug import open_page as open_debug
from tests.test_app_debug import verdict
from tests.conftest import read_back, plotly_charts
from tests.test_app_lessons import all_text, open_page

GOOD = "(w - 1)**2"
BAD_FORMULAS = {  # what is typed: words of our message
    "w**²": "'²' is a superscript: type ** and the number instead, e.g. w**2",
    "²": "e.g. w**2",
    "w**٣": "'٣' is not one of the digits 0-9: type 3 instead",
    "*".join(["w"] * 100): "its slope dJ/dw takes 10,097 operations to compute, above the limit of 150",
}


def curve_shown(at: AppTest) -> str:
    """The figure and every number written beside it: what the student sees of the curve."""
    return "\n".join([chart.proto.spec for chart in plotly_charts(at)] + [latex.value for latex in at.latex])


@pytest.mark.parametrize("page", ["intuition", "local_minimum"])
def test_a_formula_that_raised_gets_our_message_and_the_last_good_curve_stays(page: str) -> None:
    at = open_page(page, curve="Your own formula")
    at.text_input(key="expr").set_value(GOOD).run()
    assert not at.exception and not at.error, at.exception
    good = curve_shown(at)
    for typed, words in BAD_FORMULAS.items():
        at.text_input(key="expr").set_value(typed).run()
        assert not at.exception, (typed, at.exception)
        said = [read_back(e.value) for e in at.sidebar.error]  # and once more beside the chart (ui.controls.curve)
        assert len(said) == 1 and words in said[0], (typed, said)
        assert f"Still showing the last formula that worked: {GOOD}" in all_text(at), typed
        assert curve_shown(at) == good, typed  # the same figure, the same numbers


@pytest.mark.parametrize("page", ["intuition", "local_minimum"])
def test_a_link_with_such_a_formula_opens_on_the_default_curve_with_our_message(page: str) -> None:
    for typed, words in BAD_FORMULAS.items():
        at = open_page(page, curve="Your own formula", expr=typed)
        assert not at.exception, (typed, at.exception)
        assert any(words in read_back(e.value) for e in at.error), typed  # (page 3 also shows its run's verdict)
        assert "Still showing the last formula that worked: w**4 - 3*w**2 + w" in all_text(at), typed
        assert plotly_charts(at), typed


def test_exp_30w_on_page_3_writes_its_step_in_powers_of_ten() -> None:
    at = open_page("local_minimum", curve="Your own formula", expr="exp(30*w)")
    assert not at.exception, at.exception
    assert [read_back(e.value) for e in at.error] == ["diverges on its first update: it would take w to −3.661e39, past ±1e6."]  # the verdict, no more
    # w0 = 5 is clamped to the plotted range's end, 3, where dJ/dw = 30 e^90 = 3.661e40
    assert any(r"-0.1 \times 3.661 \cdot 10^{40} = -3.661 \cdot 10^{39}" in latex.value for latex in at.latex)


BAD_LOGS = {
    "Iteration 0: Cost 0e999\nIteration 1: Cost 1": "line 1 holds 0e999, beyond the range of a float",
    "Iteration 0: Cost 1\nIteration 1: Cost 0e400": "line 2 holds 0e400",
    "iteration,cost\n0,1\n1,0e999999": "line 3 holds 0e999999",
    "Iteration 0: Cost 1\nIteration 100000000000000000000: Cost 2": "the iteration number 100000000000000000000 is too large",
    "Iteration 0: Cost 1\nIteration 9223372036854775807: Cost 2": "the iteration number 9223372036854775807 is too large",
    "Iteration 0: Cost 1\nIteration " + "1" * 5000 + ": Cost 2": "the iteration number of 5,000 digits is too large",
}


def test_a_log_that_raised_gets_our_message_and_the_last_diagnosis_stays() -> None:
    at = open_debug()
    assert verdict(at).startswith("**correct**")
    good = [chart.proto.spec for chart in at.get("vega_lite_chart")]
    for pasted, words in BAD_LOGS.items():
        at.text_area(key="log").set_value(pasted).run()
        assert not at.exception, (pasted[:60], at.exception)
        said = [read_back(e.value) for e in at.error]
        assert len(said) == 1 and words in said[0], (pasted[:60], [e[:200] for e in said])
        assert "Exceeds the limit" not in said[0]
        assert verdict(at).startswith("**correct**"), pasted[:60]
        assert [chart.proto.spec for chart in at.get("vega_lite_chart")] == good, pasted[:60]
