"""AppTest: page 4's fit by hand. The URL sets the line (and a bad value is named), the sum
written out over 2m is the J shown and the lab's per-row cost on the data's rows, Continue makes
the line gradient descent's start, large data draw a sample of squares and say so, and nothing
shows the least-squares line before an answer or while a challenge hides it."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from gd_core.data import load_table, prepare_xy
from gd_core.hand_fit import line_from_angle
from gd_core.linreg import compute_cost
from gd_core.scaling import scale_params, scale_stats
from gd_core.sums import summarize
from tests.conftest import ROOT, link_texts, read_back, plotly_charts
from tests.test_app_regression import metric, open_page

NUMBER = r"−?[0-9.]+(?:e−?[0-9]+)?"


def link_note(at) -> str:
    return " ".join(read_back(w.value) for w in at.warning if "This link asked" in w.value)


def value(text: str) -> float:
    return float(text.replace("−", "-"))


def hand_figure(at) -> dict:
    """The fit by hand's figure: the one whose first trace's hover names a residual."""
    for chart in plotly_charts(at):
        spec = json.loads(chart.proto.spec)
        if "residual" in spec["data"][0].get("hovertemplate", ""):
            return spec
    raise AssertionError("no figure of the fit by hand on the page")


def the_sum(at) -> tuple[list[float], float, float, int, float]:
    """The written-out sum's last line: (the residuals written, the rest, the total, 2m, J)."""
    line = next(l.value for l in at.latex if r"\frac{1}{2 \cdot" in l.value)
    m2 = re.search(r"\\frac\{(" + NUMBER + r")\}\{([0-9,]+)\} = (" + NUMBER + r")\s*\$*\s*$", line.strip())
    terms = re.findall(r"\((" + NUMBER + r")\)\^2", line)
    rest = re.search(r"\)\^2 \+ (" + NUMBER + r")\\Big\]", line)
    return [value(t) for t in terms], value(rest.group(1)) if rest else 0.0, value(m2.group(1)), int(m2.group(2).replace(",", "")), value(m2.group(3))


def cars() -> tuple[np.ndarray, np.ndarray]:
    data = load_table((ROOT / "data" / "auto_mpg.csv").read_bytes())
    x, y, _ = prepare_xy(data.frame, ["weight_lbs"], "miles_per_gallon", drop_missing=True)
    return x, y


def test_the_url_sets_the_line_and_the_link_keeps_it() -> None:
    at = open_page(hand="true", angle="30", height="350")
    assert not at.exception and not link_note(at)
    assert at.slider(key="angle").value == 30.0 and at.slider(key="height").value == 350.0
    w, b = line_from_angle(summarize([1.0, 2.0], [300.0, 500.0]), 30.0, 350.0)
    caption = next(c.value for c in at.caption if c.value.startswith("Your line:"))
    assert f"w = {w:.6g}, b = {b:.6g}" in caption.replace("−", "-")
    spec = hand_figure(at)
    line = next(t for t in spec["data"] if t.get("name") == "your line")
    assert math.isclose(line["y"][1] - line["y"][0], w * (line["x"][1] - line["x"][0]), rel_tol=1e-9)
    assert "angle=30" in link_texts(at)[-1] and "height=350" in link_texts(at)[-1]  # the Link to this view


def test_the_switch_is_off_by_default_and_then_nothing_of_it_is_drawn() -> None:
    at = open_page()
    assert not at.exception and not at.toggle(key="hand").value
    assert not at.slider and len(plotly_charts(at)) == 1


@pytest.mark.parametrize("name, bad", [("angle", "abc"), ("angle", "200"), ("height", "1e9"), ("height", "nan"), ("hand", "maybe")])
def test_a_bad_link_value_is_named_and_the_page_keeps_its_own(name: str, bad: str) -> None:
    at = open_page(**{"hand": "true", name: bad})
    assert not at.exception
    note = link_note(at)
    assert f"{name} = ‘{bad}’ could not be used here" in note
    if name != "hand":
        assert at.slider(key=name).value == {"angle": 0.0, "height": 400.0}[name]  # flat, through the mean price


def test_the_written_sum_over_2m_is_the_j_shown_and_the_per_row_cost() -> None:
    """The oracle: on 398 cars the first three squared residuals and the other 395 rows' total, as
    written, over 2m, equal the J the page shows, and the lab's compute_cost over every row."""
    at = open_page(hand="true", dataset="Auto MPG cars", angle="-35", height="25")
    assert not at.exception and not link_note(at)
    terms, rest, total, two_m, j = the_sum(at)
    x, y = cars()
    assert two_m == 2 * y.size and len(terms) == 3 and rest > 0
    assert math.isclose(sum(t * t for t in terms) + rest, total, rel_tol=1e-5)
    assert math.isclose(total / two_m, j, rel_tol=1e-5)
    assert math.isclose(value(metric(at, "Your J(w, b)")), j, rel_tol=1e-5)
    stats = summarize(x, y)
    w, b = line_from_angle(stats, -35.0, 25.0)
    assert math.isclose(compute_cost(x, y, w, b), j, rel_tol=1e-5)
    w_star, b_star = np.polyfit(x, y, 1)  # how far from least squares, against numpy's own fit
    assert math.isclose(value(metric(at, "Above best J")), j - compute_cost(x, y, w_star, b_star), rel_tol=1e-3)
    assert math.isclose(value(metric(at, "From best (w, b)")), math.hypot(w - w_star, b - b_star), rel_tol=1e-3)
    assert np.allclose(terms, (w * x[:3] + b - y[:3]), rtol=1e-5)
    first = next(l.value for l in at.latex if "r^{(1)} = w" in l.value)
    assert first.strip().strip("$").strip().endswith(f"= {terms[0]:.6g}".replace("-", "−"))


def test_continue_makes_the_line_the_start_of_the_run() -> None:
    at = open_page(hand="true", angle="17.8", height="380")  # b = 283.681 to 6 figures: 1.2e-6 of it off the line's b
    w, b = line_from_angle(summarize([1.0, 2.0], [300.0, 500.0]), 17.8, 380.0)
    at.button(key="hand_continue").click().run()
    assert not at.exception
    assert at.number_input(key="w0").value == float(f"{w:.6g}") and at.number_input(key="b0").value == float(f"{b:.6g}")
    assert at.query_params["w0"] == f"{w:.6g}" and at.query_params["b0"] == f"{b:.6g}"  # the link follows
    assert any(c.value.startswith("Gradient descent starts from your line") for c in at.caption)
    run = json.loads(plotly_charts(at)[-1].proto.spec)  # the player's figure: its first frame is the start
    # each moving trace at the first frame (an axis no frame changes is in the trace alone)
    first = [{**run["data"][i], **entry} for entry, i in zip(run["frames"][0]["data"], run["frames"][0]["traces"])]
    line = next(t for t in first if len(t.get("x", [])) == 4)  # the run's line, with its written-out label
    # A frame keeps a drawn line's ends to 1e-5 of the span they cover over the run (ui.charts.drawn_numbers)
    assert math.isclose(line["y"][1] - line["y"][0], float(f"{w:.6g}") * (line["x"][1] - line["x"][0]), rel_tol=1e-4)


def test_a_large_upload_draws_a_fixed_sample_of_squares_and_says_so() -> None:
    from tests.test_app_regression import upload  # noqa: PLC0415

    rng = np.random.default_rng(7)
    x = rng.uniform(0, 10, 5000)
    csv = "x,y\n" + "\n".join(f"{a:.6f},{3 * a + 2 + rng.normal():.6f}" for a in x)
    at = open_page(hand="true")
    at = upload(at, "big.csv", csv.encode())
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert "Showing 50 of 5,000 squares" in said and "the residuals of 1,000 of the 5,000 points" in said
    spec = hand_figure(at)
    squares = next(s for s in spec["layout"]["shapes"] if s.get("fillcolor"))
    assert squares["path"].count("Z") == 50
    again = hand_figure(upload(open_page(hand="true"), "big.csv", csv.encode()))
    assert next(s for s in again["layout"]["shapes"] if s.get("fillcolor"))["path"] == squares["path"]  # the same sample


def test_several_features_say_to_pick_one() -> None:
    at = open_page(hand="true", dataset="Auto MPG cars")
    at.multiselect(key="x").set_value(["weight_lbs", "horsepower"]).run()
    assert not at.exception
    assert any("pick a single x column" in i.value for i in at.info) and not at.slider


def test_with_scaling_the_line_is_also_given_in_the_scaled_units() -> None:
    at = open_page(hand="true", dataset="Auto MPG cars", scale="true", angle="-40", height="24")
    caption = read_back(next(c.value for c in at.caption if c.value.startswith("Your line:"))).replace("−", "-")
    x, y = cars()
    stats = summarize(x, y)
    w, b = line_from_angle(stats, -40.0, 24.0)
    _, mu, sigma = scale_stats(stats)
    w_s, b_s = scale_params(np.array([w]), b, mu, sigma)
    assert f"w' = w σ = {float(w_s[0]):.6g}, b' = b + w μ = {b_s:.6g}" in caption
    assert "in the data's own units" in caption


def _shows_lstsq(at) -> bool:
    spec = hand_figure(at)
    dashed = [s for s in spec["layout"]["shapes"] if s.get("line", {}).get("dash") == "dash"]
    diamonds = [t for t in spec["data"] if t.get("name") == "least squares"]
    return bool(dashed or diamonds) or metric(at, "From best (w, b)") != "hidden"


def test_before_an_answer_the_least_squares_line_is_not_shown() -> None:
    at = open_page(hand="true", predict="true", angle="30")
    assert not at.exception
    assert not _shows_lstsq(at)
    assert len(hand_figure(at)["data"]) == 2  # the points and the line: no map, no surface
    assert math.isclose(value(metric(at, "Your J(w, b)")), the_sum(at)[4], rel_tol=1e-5)  # the hand fit itself is shown
    at.button(key="predict_skip").click().run()  # Just show me
    assert _shows_lstsq(at)
    assert any(t.get("type") == "surface" for t in hand_figure(at)["data"])


def test_a_challenge_that_hides_least_squares_hides_it_here_too() -> None:
    at = open_page(hand="true", goal="converge:10", hide="lstsq")
    assert not at.exception and any("Not yet" in read_back(i.value) for i in [*at.info, *at.warning])
    assert not _shows_lstsq(at)
    assert any(t.get("name") == "your line" for t in hand_figure(at)["data"])


def test_a_hand_goal_is_met_by_a_line_whose_j_is_below_it() -> None:
    """A teacher's "beat J = X by hand": moving the line is a try; a line under X meets it."""
    goal = "hand:6000"  # the flat line through the mean price costs 5000 on the course's two houses, 30° more
    at = open_page(hand="true", goal=goal, angle="-30")
    assert not at.exception
    box = " ".join(read_back(x.value) for x in [*at.info, *at.success, *at.warning])
    assert "Beat J = 6000 by hand" in " ".join(read_back(m.value) for m in at.markdown) and "Not yet: your line's J =" in box
    at.slider(key="angle").set_value(10.0).run()
    box = " ".join(read_back(x.value) for x in [*at.success])
    assert "Met: your line's J =" in box and "in 2 tries" in box


def test_the_teachers_panel_makes_a_hand_goal_from_the_line_on_screen() -> None:
    from tests.test_app_challenge import panel_link  # noqa: PLC0415

    teacher = open_page(hand="true", angle="30", height="380")
    teacher.session_state["challenge_panel"] = True  # the panel opened (state.CHALLENGE_PANEL): its controls are drawn
    teacher.run()
    teacher.selectbox(key="challenge_goal").set_value("hand").run()
    j = value(metric(teacher, "Your J(w, b)"))
    prefilled = next(n for n in teacher.number_input if n.label == "Cost J below, by hand")
    assert prefilled.value == float(f"{j * 1.01:.3g}")  # the teacher's own line, just above its J
    params = panel_link(teacher)
    assert params["goal"] == f"hand:{prefilled.value:g}" and params["hand"] == "true"
