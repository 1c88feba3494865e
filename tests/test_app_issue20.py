"""Issue 20 on pages 1-4: the first screen and every typed curve tell the truth.

Each finding opens its own link (AppTest) and fails on the code before the fix (the property
over generated typed formulas is in test_verdict_typed.py).
"""

from __future__ import annotations

import json
import re

from tests.test_app_sentences import figure_texts, open_page, words
from ui.app import state
from tests.conftest import plotly_charts


def boxes(at) -> str:
    return "\n".join(b.value for b in [*at.success, *at.info, *at.warning, *at.error])


def test_intuition_defaults_converge_by_the_stated_rule() -> None:
    # "still creeping ... |dJ/dw| = 0.009904 is not yet under 1e−6 ... raise α towards it".
    at = open_page("intuition", predict="false")
    assert not at.exception
    assert len(at.success) == 1 and "converged in 21 iterations" in at.success[0].value
    text = words(at)
    assert "creeping" not in text and "raise α" not in text
    assert "Stop rule: converged means w no longer changes much: a step under 0.01" in text
    assert [e.label for e in at.main.expander] == ["Every iteration, in a table"]
    at.session_state[state.ITERATIONS_TABLE] = True  # opened: the table and its count
    at.run()
    assert any(c.value == "This run: 21 updates, one row each." for c in at.main.expander[0].caption)  # the run stops where the rule is met


def test_exp_thrown_onto_its_flat_tail_is_not_converged() -> None:
    # "converged in 1 iteration: |dJ/dw| < 1e−6 at w = −102.7" beside "no local minimum".
    at = open_page("intuition", curve="Your own formula", expr="exp(w)", w0="7", predict="false")
    assert not at.exception and not at.success
    assert "converged" not in boxes(at)
    assert "ran off onto a flat tail" in boxes(at) and "w = −102.7" in boxes(at) and "this is not a minimum" in boxes(at)


def test_log_names_no_minimum_that_does_not_exist() -> None:
    # "still creeping ... towards w* = 3.292e−22 ...: raise α towards it".
    at = open_page("intuition", curve="Your own formula", expr="log(w)", w0="7", predict="false")
    assert not at.exception
    assert "w* =" not in boxes(at) and "raise α" not in boxes(at)
    assert "running away" in boxes(at) and "no minimum of J ahead" in boxes(at)


def test_abs_is_a_kink_whose_steps_never_shrink() -> None:
    # "towards w* = −6.505e−22 ... |dJ/dw| = 1 ... raise α".
    at = open_page("intuition", curve="Your own formula", expr="abs(w)", w0="7", predict="false")
    assert not at.exception
    text = boxes(at)
    assert "e−22" not in text and "raise α" not in text and "creeping" not in text
    assert "does not shrink" in text and "sharp corner at w = 0" in text and "only at a smooth minimum" in text


def test_your_own_formula_starts_where_its_curve_suits_it() -> None:
    # Choosing it kept the bowl's w0 = 7: the two valleys diverged on their first frame.
    at = open_page("intuition", predict="false")
    at.selectbox(key="curve").set_value("custom").run()
    assert not at.exception
    assert at.number_input(key="w0").value == 2.4
    assert "diverg" not in boxes(at) and "converged in" in at.success[0].value


def test_a_diverged_run_counts_its_updates_once() -> None:
    # "diverged at iteration 3", "Iteration 0: update 1 of 2", "Every iteration (2 updates)".
    at = open_page("intuition", curve="Your own formula", expr="w**4 - 3*w**2 + w", w0="7", predict="false")
    assert not at.exception
    assert "diverged after 2 updates" in boxes(at) and "iteration 3" not in words(at)
    assert [e.label for e in at.main.expander] == ["Every iteration, in a table"]
    at.session_state[state.ITERATIONS_TABLE] = True  # opened: the table and its count
    at.run()
    assert any(c.value == "This run: 2 updates, one row each." for c in at.main.expander[0].caption)
    assert any("update 1 of 2" in t for t in figure_texts(at))


def test_one_number_one_printed_value() -> None:
    # "... = 6.052", then "w = 6.053 − ...": the float 6.05250000000000021 rounded two ways.
    at = open_page("intuition", alpha="0.0375", w0="6.3", predict="false")
    updates = [m for t in figure_texts(at) for m in re.findall(r"<b>w = ([^<]*)</b>", t)]
    starts = [u.split(" − ")[0] for u in updates]
    results = [u.rsplit(" = ", 1)[1] for u in updates]
    assert updates[0].endswith("= 6.053")
    pairs = list(zip(results, starts[1:]))
    assert len(pairs) > 10 and all(a == b for a, b in pairs), [p for p in pairs if p[0] != p[1]]


def test_learning_rate_defaults_show_the_four_behaviours_and_agree_with_the_sweep() -> None:
    # α = 0.02's card said "raise α towards the limit 1", while the sweep below says 0.484 is fastest.
    at = open_page("learning_rate", predict="false")
    assert not at.exception
    cards = [m.value for m in at.markdown if m.value.startswith(":material/")]
    assert [c.split(":")[2].split()[0] for c in cards] == ["still", "converged", "converged", "diverging"]
    assert "swinging from side to side" in cards[2] and "swinging" not in cards[1]
    assert "fastest α is about 0.484" in cards[0] and "fastest here is α = 0.484" in words(at)


def test_regression_says_it_ran_on_after_converging() -> None:
    # "converged in 3,531 iterations" while the slider, metrics and cost chart show 10,000.
    at = open_page("regression", predict="false")
    assert not at.exception
    assert "converged in 3,531 iterations" in at.success[0].value
    assert "went on to its limit of 10,000 iterations" in at.success[0].value
    layout = json.loads(plotly_charts(at)[0].proto.spec)["layout"]
    marks = [a for a in layout["annotations"] if a["text"] == "stop rule met: iteration 3,531"]
    assert len(marks) == 1 and marks[0]["x"] == 3531 and marks[0]["xref"] == "x2"  # on the cost panel
