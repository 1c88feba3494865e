"""Every session and URL key is a named constant in ui/app/state.py, and nowhere else a string.

The walk reads ui/ and pages/ (``ast``) for a key written as a string or made by a format
string: a widget's ``key=``, ``st.session_state[...]`` (or ``.get``, ``.pop``,
``.setdefault``), ``st.query_params`` likewise, and ``"name" in st.session_state``. A local
``session = st.session_state`` counts as the session. ui/patches/ is left out: it touches
Streamlit's own objects, not the app's keys. The last tests plant each kind of string key in a
snippet and see it reported.
"""

from __future__ import annotations

import ast
from pathlib import Path

from ui.app import state
from ui.app.lessons import BY_KEY
from tests.conftest import parse_source

ROOT = Path(__file__).resolve().parents[1]
STATE = ROOT / "ui" / "app" / "state.py"
FILES = sorted(p for p in [*ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py")] if p != STATE and "patches" not in p.parts)
SESSION_NAMES = {"session_state", "query_params", "session"}
READS = {"get", "pop", "setdefault", "get_all"}


def _is_session(node: ast.AST) -> bool:
    """st.session_state, st.query_params, or a local named session."""
    return (isinstance(node, ast.Attribute) and node.attr in SESSION_NAMES) or (isinstance(node, ast.Name) and node.id in SESSION_NAMES)


def _is_text(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def string_keys(source: str) -> list[str]:
    """Each place in ``source`` that writes a session or URL key as a string, as 'line: code'."""
    found = []

    def report(node: ast.AST) -> None:
        found.append(f"{node.lineno}: {ast.unparse(node)}")

    for node in ast.walk(parse_source(source)):
        if isinstance(node, ast.Call):
            is_lesson = isinstance(node.func, ast.Name) and node.func.id == "Lesson"  # a lesson's key is its page, not a session key
            if not is_lesson and any(k.arg == "key" and _is_text(k.value) for k in node.keywords):
                report(node)
            if isinstance(node.func, ast.Attribute) and node.func.attr in READS and _is_session(node.func.value) and node.args and _is_text(node.args[0]):
                report(node)
        elif isinstance(node, ast.Subscript) and _is_session(node.value) and _is_text(node.slice):
            report(node)
        elif isinstance(node, ast.Compare) and _is_text(node.left) and any(_is_session(c) for c in node.comparators):
            report(node)
    return found


def test_no_key_is_a_string_outside_the_state_module() -> None:
    found = {str(p.relative_to(ROOT)): string_keys(p.read_text(encoding="utf-8")) for p in FILES}
    found = {path: places for path, places in found.items() if places}
    assert not found, f"keys written as strings (name them in ui/app/state.py): {found}"


def test_the_walk_reads_the_files() -> None:
    # Passing on no files would prove nothing.
    names = {str(p.relative_to(ROOT)) for p in FILES}
    assert {"ui/app/page.py", "ui/controls/curve.py", "ui/controls/uploads.py", "pages/local_minimum.py"} <= names


def test_each_key_is_named_once() -> None:
    keys = {name: value for name, value in vars(state).items() if name.isupper() and isinstance(value, str)}
    values = list(keys.values())
    assert len(values) == len(set(values)), "two names for one key"


def test_every_lesson_parameter_is_in_the_state_table() -> None:
    keys = {value for name, value in vars(state).items() if name.isupper()}
    for lesson in BY_KEY.values():
        assert set(lesson.params) <= keys, lesson.key


def test_planted_string_keys_are_found() -> None:
    planted = "\n".join([
        'st.number_input("α", key="alpha")',  # 1: a widget's key
        'st.session_state["_last_good_prepared"]',  # 2: a read by subscript
        'st.session_state.get(f"_last_good_{name}")',  # 3: made by a format string
        'session["w0"] = 1.0',  # 4: through a local name
        '"_curve_choice" in st.session_state',  # 5: a membership test
        'st.query_params.get_all("x")',  # 6: a URL parameter
        'st.button("Load", key=f"_reload_{key}")',  # 7
        'st.session_state[state.W0]',  # named: not reported
        'Lesson(key="home")',  # a lesson's page key: not reported
    ])
    assert [line.split(":")[0] for line in string_keys(planted)] == ["1", "2", "3", "4", "5", "6", "7"]
