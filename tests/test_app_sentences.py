"""Issue 14 on the pages themselves: every finding of the audit, opened by its link, now reads
true; and every update written on pages 1, 3 and 4 adds up at its printed precision."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, plotly_charts
from tests.test_text import NUM, NEGATIVE_ZERO, check_step, check_update

ENTRY = str(ROOT / "streamlit_app.py")


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py")
    return at.run()


def words(at: AppTest) -> str:
    """Everything a student reads on the page (boxes, captions, text, formulas, headings, metrics)."""
    parts = [x.value for x in [*at.success, *at.info, *at.warning, *at.error, *at.caption, *at.markdown, *at.latex, *at.subheader]]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def plain(latex: str) -> str:
    """A written update as plain text: the form ui.words.text writes without LaTeX."""
    text = latex.strip().strip("$").strip()
    text = re.sub(r"(\d+(?:\.\d+)?) \\cdot 10\^\{(-?\d+)\}", lambda m: f"{m[1]}e{m[2]}", text)  # 1 \cdot 10^{-5}
    for old, new in ((r"\mathrel{:=}", ":="), (r"\times", "×"), (r"\alpha", "α"), (r"\frac{dJ}{dw}", "dJ/dw"), ("\\", "")):
        text = text.replace(old, new)
    text = re.sub(r"(?<=[\s(])-(?=\d)", "−", text).replace("e-", "e−")
    text = text.replace(" - ", " − ").replace("= -", "= −")
    return re.sub(r"\s+", " ", text)


def figure_texts(at: AppTest) -> list[str]:
    """The text each frame of the page's moving figures writes (page 1 writes its update there)."""
    texts = []
    for chart in plotly_charts(at):
        for frame in json.loads(chart.proto.spec).get("frames", []):
            for trace in frame.get("data", []):
                texts += [t for t in trace.get("text") or [] if isinstance(t, str)]
    return texts


def written_updates(at: AppTest) -> list[str]:
    found = [plain(l.value) for l in at.latex]
    found += [m for t in figure_texts(at) for m in re.findall(r"<b>(w = [^<]*)</b>", t)]
    return [t for t in found if re.match(r"^(\w'?|step) :?= ", t) and "×" in t]


def check(text: str) -> None:
    if text.startswith("step"):
        check_step(text)
    else:
        check_update(re.sub(r"^(\w)'", r"\1", text))


alphas = st.one_of(st.sampled_from([0.0, 0.0125, 0.0004, 0.1, 0.9, 1.05]), st.floats(1e-5, 2.0).map(lambda a: float(f"{a:.4g}")))
starts = st.floats(-2.0, 8.0).map(lambda w: round(w, 3))


# Each example is a whole page run: no shrinking (a failure prints its example as it is).
QUICK = {"deadline": None, "phases": [Phase.explicit, Phase.reuse, Phase.generate]}


@settings(max_examples=12, **QUICK)
@given(alpha=alphas, w0=starts, page=st.sampled_from(["intuition", "local_minimum"]))
@example(alpha=1e-05, w0=0.0, page="intuition")  # alpha written in scientific notation
@example(alpha=1e-05, w0=0.0, page="local_minimum")
def test_every_written_update_on_pages_1_and_3_adds_up(alpha: float, w0: float, page: str) -> None:
    at = open_page(page, alpha=repr(alpha), w0=repr(w0), curve="Convex bowl", predict="false")
    assert not at.exception, at.exception
    updates = written_updates(at)
    assert updates, [l.value for l in at.latex]
    for text in updates:
        check(text)


@settings(max_examples=8, **QUICK)
@given(alpha=st.floats(1e-4, 0.7).map(lambda a: float(f"{a:.3g}")), w0=st.floats(-50, 300).map(lambda w: round(w, 2)),
       b0=st.floats(-50, 300).map(lambda b: round(b, 2)), scale=st.booleans())
def test_every_written_update_on_page_4_adds_up(alpha: float, w0: float, b0: float, scale: bool) -> None:
    at = open_page("regression", alpha=repr(alpha), w0=repr(w0), b0=repr(b0), scale=str(scale).lower(), predict="false")
    assert not at.exception, at.exception
    updates = written_updates(at)
    assert len(updates) == 2, [l.value for l in at.latex]
    for text in updates:
        check(text)


# --- the audit's findings, each by the link that showed it ------------------------------------


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("local_minimum", {"w0": "3.5"}),
        ("intuition", {"curve": "Two valleys", "w0": "3.5"}),
        ("learning_rate", {"curve": "Two valleys", "w0": "3.5"}),
        ("local_minimum", {"curve": "Your own formula", "expr": "-w**2", "w0": "0"}),
    ],
)
def test_a_maximum_is_called_a_maximum(page: str, query: dict[str, str]) -> None:
    text = words(open_page(page, **query, predict="false"))
    assert "maximum" in text and "unstable" in text
    assert "This is a local minimum" not in text and "converged in 0 iterations" not in text


def test_alpha_zero_stands_still_because_alpha_is_zero() -> None:
    text = words(open_page("local_minimum", alpha="0", w0="4.5", predict="false"))
    assert "α = 0" in text and "slope here is exactly 0" not in text and "local minimum, a fixed point" not in text
    at = open_page("intuition", alpha="0", predict="false")
    said = " ".join(b.value for b in [*at.success, *at.info, *at.warning, *at.error])
    assert "α = 0" in said and "converged" not in said


def test_above_the_limit_is_never_creeping() -> None:
    text = words(open_page("learning_rate", curve="Steep wall", alphas="2.5", predict="false"))
    assert "creeping" not in text and "cycling" in text


def test_plateau_steps_and_basins_are_described_as_they_are() -> None:
    text = words(open_page("local_minimum", curve="Flat plateau", predict="false"))
    assert "the steps get smaller because the slope does" not in text
    assert "grow before they shrink" in text


def test_alpha_is_written_as_typed_and_the_arithmetic_holds() -> None:
    for alpha, shown in (("0.0125", "0.0125"), ("0.0004", "0.0004")):
        at = open_page("intuition", alpha=alpha, predict="false")
        update = written_updates(at)[0]  # the first frame's update
        assert f"− {shown} × 8 =" in update
        check(update)


def test_a_badly_conditioned_creep_names_scaling_not_a_bigger_alpha() -> None:
    text = words(open_page("regression", dataset="Auto MPG cars", alpha="2e-7", predict="false"))
    assert "condition number" in text and "feature scaling" in text and "Raise α towards it" not in text


def test_learning_rate_cards_read_true() -> None:
    text = words(open_page("learning_rate", predict="false"))
    assert "swinging from side to side on the way" in text and "still oscillating after 60" not in text
    assert "converging while oscillating" in words(open_page("learning_rate", iters="20", predict="false"))
    assert "Bigger α is faster, up to the wall" not in text
    short = words(open_page("learning_rate", iters="1", predict="false"))
    assert "α = 1.1" in short and "1 iterations" not in short
    assert short.count("still creeping") <= 1  # only the smallest α can be creeping after one step


def test_the_step_is_written_as_minus_alpha_times_the_slope() -> None:
    text = words(open_page("local_minimum", w0="4.5", predict="false"))
    assert "step = −α × dJ/dw = −0.1 × (−0.7) = 0.07" in plain(text) or r"-0.1 \times (-0.7) = 0.07" in text


def test_the_last_row_writes_no_update_that_was_never_taken() -> None:
    at = open_page("intuition", iters="2", predict="false")
    texts = figure_texts(at)
    last = [t for t in texts if "After 2 iterations" in t]
    assert last and "no update is taken" in last[0] and "<b>w =" not in last[0]
    assert not any("Iteration 3" in t for t in texts)


def test_a_constant_formula_is_flat_not_a_minimum() -> None:
    text = words(open_page("intuition", curve="Your own formula", expr="5", predict="false"))
    assert "flat" in text and "This is a local minimum" not in text


def test_regression_captions_match_what_is_drawn() -> None:
    text = words(open_page("regression", predict="false"))
    assert "The dashed line is the lowest cost" not in text and "J* = 0" in text
    assert "Batch gradient descent: every update computes the gradient from all m examples" in text
    assert "Stop rule: converged means" in text


def test_the_limit_is_rounded_down_and_compared_as_printed() -> None:
    text = words(open_page("regression", alpha="0.584", predict="false"))
    assert "α = 0.584 is above the stable limit 0.583" in text
    assert "above the stable limit 0.584" not in text


def test_a_diverged_run_has_no_r_squared() -> None:
    at = open_page("regression", alpha="0.7", predict="false")
    assert next(m.value for m in at.metric if m.label == "R²") == "— (diverged)"


def test_the_sequential_comparison_is_explained() -> None:
    text = words(open_page("regression", alpha="0.7", sequential="true", predict="false"))
    assert "different updates with different stable limits" in text
    text = words(open_page("regression", alpha="0.7", sequential="true", scale="true", predict="false"))
    assert "the two runs are identical" in text


@pytest.mark.parametrize("page", ["intuition", "learning_rate", "local_minimum", "regression"])
def test_no_bad_plural_and_no_negative_zero(page: str) -> None:
    # With the questions off (the run shown at once), and on (before an answer: the start only).
    for query in ({"predict": "false"}, {"iters": "1", "predict": "false"}, {}, {"iters": "1"}):
        text = words(open_page(page, **query))
        assert not re.search(r"\b1 (iterations|updates)\b", text), text
        assert not any(NEGATIVE_ZERO.fullmatch(t) for t in re.findall(NUM, text))
        assert "−0.000" not in text and "-0.000" not in text
        if "converged" in text:
            assert "Stop rule" in text or "converged means" in text


def test_readme_counts_the_cars_in_the_file() -> None:
    rows = len((ROOT / "data" / "auto_mpg.csv").read_text().strip().splitlines()) - 1
    readme = (ROOT / "README.md").read_text()
    assert f"{rows} cars" in readme and "398 cars" not in readme
