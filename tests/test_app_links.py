"""Issue 10: no link breaks a page. Hypothesis writes query strings for every URL parameter each
page reads (huge and tiny magnitudes, nan, inf, text, empty, unicode, very long values, repeated
and unknown keys, and for expr generated formulas); every case opens with no exception, and
every value the link asked for is either the one on screen or named in a message."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.app.lessons import LESSONS
from ui.app.link_check import MAX_SHOWN, READ_BY_THE_PAGE
from ui.words.shown import shown

ENTRY = str(ROOT / "streamlit_app.py")
CASES_PER_PAGE = 25

numbers = st.sampled_from(["1e308", "-1e308", "5e-324", "-5e-324", "0", "-0", "nan", "inf", "-inf", "1e999", "0.1", "-3", "42", "2.5"])
junk = st.one_of(
    st.sampled_from(["", "abc", "true", "False", "Convex bowl", "Two valleys", "Auto MPG cars", "Upload a CSV", "ünïcødé ☃", "0x10", "1,5"]),
    st.text(min_size=0, max_size=12),
    st.integers(300, 3000).map(lambda n: "9" * n),  # very long
)
leaf = st.sampled_from(["w", "2", "0", "0.5", "1e308"])


@st.composite
def formulas(draw: st.DrawFn, depth: int = 3) -> str:
    """Formulas a student might type: nested exp, powers, divisions by zero, partly finite ones."""
    if depth == 0:
        return draw(leaf)
    kind = draw(st.sampled_from(["leaf", "exp", "log", "sqrt", "pow", "div", "add", "mul"]))
    a = draw(formulas(depth - 1))
    if kind == "leaf":
        return a
    if kind in ("exp", "log", "sqrt"):
        return f"{kind}({a})"
    if kind == "pow":
        return f"({a})**{draw(st.sampled_from(['2', '3', '-1', '0.5', '20']))}"
    b = draw(formulas(depth - 1))
    return f"({a}){ {'div': '/', 'add': '+', 'mul': '*'}[kind] }({b})"


def value_for(name: str) -> st.SearchStrategy[str]:
    if name == "expr":
        return st.one_of(formulas(), junk)
    if name == "starts":  # page 3's starts on the landscape: w,b pairs, on the map or not
        pair = st.tuples(st.floats(-6, 6, allow_nan=False), st.floats(-6, 6, allow_nan=False)).map(lambda p: f"{p[0]:.3g},{p[1]:.3g}")
        return st.one_of(st.lists(pair, min_size=1, max_size=9).map(";".join), junk)
    return st.one_of(numbers, junk)


@st.composite
def query(draw: st.DrawFn, params: tuple[str, ...]) -> dict[str, list[str]]:
    chosen = draw(st.lists(st.sampled_from(params), min_size=1, max_size=4, unique=True))
    asked = {name: [draw(value_for(name))] for name in chosen}
    if draw(st.booleans()):  # a repeated key
        name = draw(st.sampled_from(chosen))
        asked[name].append(draw(value_for(name)))
    if draw(st.booleans()):
        asked[draw(st.sampled_from(["zzz", "ALPHA", "w_0", "☃"]))] = ["1"]
    if "expr" in asked and draw(st.booleans()):
        asked["curve"] = ["Your own formula"]
    return asked


def widget(at: AppTest, key: str):
    for kind in ("number_input", "slider", "selectbox", "multiselect", "text_input", "toggle", "checkbox", "text_area"):
        found = [w for w in at.get(kind) if getattr(w, "key", None) == key]
        if found:
            return found[0]
    return None


def shown_as_asked(w, values: list[str]) -> bool:
    """The test's own reading of 'the value on screen is the one the link asked for'."""
    if w is None or len(values) != 1:
        return False
    value, text = w.value, values[0]
    if isinstance(value, bool):
        return text.lower() == str(value).lower()
    if isinstance(value, (int, float)):
        try:
            return math.isfinite(float(text)) and float(text) == float(value)
        except ValueError:
            return False
    if isinstance(value, list):
        return [text] == [str(v) for v in value]
    label = w.options[w.index] if hasattr(w, "options") and getattr(w, "index", None) is not None else None
    return text in (value, label)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_no_link_breaks_a_page(lesson) -> None:
    @settings(
        max_examples=CASES_PER_PAGE, deadline=None, derandomize=True,
        phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
    )
    @given(asked=query(lesson.params))
    def case(asked: dict[str, list[str]]) -> None:
        at = AppTest.from_file(ENTRY, default_timeout=60).run()
        for key, values in asked.items():
            at.query_params[key] = values if len(values) > 1 else values[0]
        at.switch_page(lesson.file)
        at.run()
        assert not at.exception, (asked, at.exception[0].value[:500])
        messages = " ".join(w.value for w in at.warning)
        for name, values in asked.items():
            read = READ_BY_THE_PAGE.get(name)  # a value the page reads itself (no widget): used when it can be read
            used = shown_as_asked(widget(at, name), values) or (read is not None and len(values) == 1 and read(values[0]) is None)
            assert used or shown(name, MAX_SHOWN) in messages, (name, values, messages[:300])

    case()
