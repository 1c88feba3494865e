"""Page 3's momentum race on the landscape: the beta control (URL round trip, bad values), the
sentence read off the two runs, and what the figure draws (and hides before an answer)."""

from __future__ import annotations

import numpy as np
import pytest

from gd_core.momentum_landscape import race, race_words
from ui.app import state
from ui.app.lessons import BY_KEY
from ui.charts.momentum import race_names
from ui.charts.style import RACE_COLORS

from tests.conftest import read_back
from tests.test_app_formula_note import link
from tests.test_app_lessons import open_page
from tests.test_app_predict_pages_3_4 import commit, graded_box, spec, text, values

DEFAULTS = BY_KEY["local_minimum"].defaults


def _race(beta: float, alpha: float = DEFAULTS.surface_alpha, iters: int = DEFAULTS.surface_iters):
    return race(DEFAULTS.race_start, alpha, beta, iters)


def _momentum_sentence(at) -> str:
    (said,) = [m.value for m in at.markdown if m.value.startswith("**Momentum.**")]
    return read_back(said)


def _race_ball(figure: dict, symbol: str) -> tuple[float, float]:
    """Where the map's moving ball of ``symbol`` (square: plain descent, diamond: momentum) is in the figure's last frame."""
    balls = [t for t in figure["frames"][-1]["data"] if t.get("type", "scatter") == "scatter" and isinstance(t.get("x"), list) and len(t["x"]) > 5]  # no type: a scatter
    index = next(i for i, t in enumerate(figure["data"]) if t.get("xaxis") == "x3" and isinstance(t.get("marker", {}).get("symbol"), list))
    k = figure["data"][index]["marker"]["symbol"].index(symbol)
    (ball,) = [b for b in balls if len(b["x"]) == len(figure["data"][index]["marker"]["symbol"])]
    return float(ball["x"][k]), float(ball["y"][k])


def test_first_load_tells_the_race_from_its_runs() -> None:
    at = open_page("local_minimum", predict="false", surface3d="true")  # the 3-D panel too (drawn on request)
    assert not at.exception, at.exception
    assert at.slider(key=state.BETA).value == DEFAULTS.beta
    r = _race(DEFAULTS.beta)
    said = _momentum_sentence(at)
    assert read_back(race_words(r)) in said and "shallowest valley" in said and "deepest valley" in said
    figure = spec(at)
    names = [t.get("name") for t in figure["data"]]
    assert all(name in names for name in race_names(DEFAULTS.beta))
    # the two balls end where the runs end: plain descent's square, momentum's diamond (a frame keeps
    # a ball's place to 1e-5 of the span the balls cover, ui.charts.drawn_numbers: the map is 10 wide)
    assert np.allclose(_race_ball(figure, "square"), (r.plain.w, r.plain.b), atol=1e-4)
    assert np.allclose(_race_ball(figure, "diamond"), (r.heavy.w, r.heavy.b), atol=1e-4)
    lines = [t for t in figure["data"] if t["type"] == "scatter3d" and t.get("mode") == "lines" and t["line"]["color"] in RACE_COLORS]
    assert len(lines) == 2 and all(values(t["x"]).size == DEFAULTS.surface_iters + 1 for t in lines)
    assert any("\\beta" in l.value and "v_w" in l.value for l in at.latex)  # the rule written out


def test_beta_round_trips_through_the_url() -> None:
    at = open_page("local_minimum", predict="false", beta="0.5")
    assert not at.exception and at.slider(key=state.BETA).value == 0.5
    assert not at.warning  # a value the slider takes is used, with no note
    said = _momentum_sentence(at)
    assert "β = 0.5" in said and read_back(race_words(_race(0.5))) in said and "same valley" in said
    assert link(at)[state.BETA] == ["0.5"]  # the Link to this view carries it
    again = open_page("local_minimum", **{name: values[0] for name, values in link(at).items()})  # the link, followed
    assert again.slider(key=state.BETA).value == 0.5 and _momentum_sentence(again) == said
    # (AppTest does not write a moved bound control back to the URL: tests/test_browser_momentum.py does that in Chromium)
    at.slider(key=state.BETA).set_value(0.95).run()
    assert read_back(race_words(_race(0.95))) in _momentum_sentence(at)


@pytest.mark.parametrize("bad", ["abc", "1.5", "-0.2", "nan"])
def test_a_bad_beta_gets_the_link_note_and_the_default(bad: str) -> None:
    at = open_page("local_minimum", predict="false", beta=bad)
    assert not at.exception, at.exception
    assert at.slider(key=state.BETA).value == DEFAULTS.beta
    assert any("beta" in w.value and "could not be used" in w.value for w in at.warning), [w.value for w in at.warning]
    assert read_back(race_words(_race(DEFAULTS.beta))) in _momentum_sentence(at)


def test_before_an_answer_the_race_shows_only_its_start() -> None:
    at = open_page("local_minimum", surface3d="true")  # predict first: a question on screen; the 3-D panel too
    assert not at.exception
    said = _momentum_sentence(at)
    assert "settles" not in said and "H =" not in said and "once you commit" in said
    figure = spec(at)
    assert "frames" not in figure
    lines = [t for t in figure["data"] if t["type"] == "scatter3d" and t.get("mode") == "lines" and t["line"]["color"] in RACE_COLORS]
    assert lines and all(values(t["x"]).size == 1 for t in lines)  # cut to the start
    at.button(key="predict_skip").click()
    at.run()
    assert read_back(race_words(_race(DEFAULTS.beta))) in _momentum_sentence(at)


@pytest.mark.parametrize("beta, answer", [("0.9", "deeper"), ("0.5", "same")])
def test_the_momentum_question_is_graded_from_the_race(beta: str, answer: str) -> None:
    at = open_page("local_minimum", ask="local_minimum.momentum", beta=beta)
    assert not at.exception, at.exception
    assert at.selectbox(key=state.ASK).value == "local_minimum.momentum"
    figure = spec(at)
    ring = [a for a in figure["layout"].get("annotations", []) if "this start" in a.get("text", "")]
    assert ring  # the start the question asks about is ringed on the map
    assert "settles" not in text(at)  # no outcome before the answer
    r = _race(float(beta))
    assert r.outcome == answer  # the grade comes from the race the page draws
    commit(at, "local_minimum.momentum", "deeper")
    box = graded_box(at)
    assert box.startswith("Right" if answer == "deeper" else "Not quite"), box
    assert read_back(race_words(r)) in text(at) and "frames" in spec(at)
    assert any("you said: momentum ends in a deeper valley" in a.get("text", "") for a in spec(at)["layout"]["annotations"])
