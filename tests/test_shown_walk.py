"""A walk over the app's code: every string handed to Streamlit's markdown is either ours or
passed through ui.words.shown.

Streamlit renders markdown in st.markdown, captions, alerts, metrics, headers, toasts, radio
options and help text. An argument there may be a literal, a number formatted with a format
spec, a call of ``shown`` or of a reviewed function that returns only our words and numbers,
or one of the reviewed names below. Anything else fails here, so a new call that formats a
column name, a link value or a message quoting one must go through ``shown`` (or be reviewed
and listed with its reason).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from tests.conftest import parse_source

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "streamlit_app.py"])

# Streamlit calls whose text is markdown (positional text and these keywords).
MARKDOWN_CALLS = {
    "markdown", "caption", "error", "warning", "info", "success", "exception", "toast", "metric",
    "title", "header", "subheader", "write", "expander", "popover", "radio", "button", "link_button",
    "download_button", "checkbox", "toggle", "page_link", "tabs",
}
MARKDOWN_KEYWORDS = {"body", "label", "value", "help", "delta"}

# Functions that return markdown made safe, or only our words and numbers (each read for this list).
SAFE_CALLS = {
    "shown",  # ui.words.shown: the user's characters, escaped
    # ui.words.text / gd_core.wording: numbers written out
    "fmt", "exact", "number", "plural", "limit_text", "limit", "update_equation", "step_equation",
    "iteration_heading", "direction_text", "update_text",
    # ui.words.captions: sentences made from numbers of the run
    "sweep_caption", "steps_caption", "cost_chart_caption", "rate_note", "sequential_comparison_text", "r2_text",
    "_sentence",  # ui.views.verdicts: adds a full stop to its argument, which is checked too
    "_columns_text",  # ui.controls.data_source: each column name through shown
    "limit_sentence",  # ui.words.stable_limit: the curve's stable limit and minimum, as numbers
    "hills_sentence", "iterations_sentence",  # ui.controls.landscape: minima, valleys and iteration counts
    "end_words",  # ui.charts.local_minimum: where a run ends, as a number
    "len", "round", "abs", "min", "max",  # numbers
    "headline",  # gd_core.log_verdict: a catalogue entry's name, or 'none of these'
    "chart_key",  # ui.charts.debug: fixed words naming the chart's lines, and a catalogue entry's name
    "start_caption",  # ui.views.local_minimum and ui.views.regression: fixed sentences and numbers (before an answer is committed)
    "start_cost",  # ui.views.regression: the cost at the start, a number
    "race_sentence",  # ui.views.local_minimum: fixed words, numbers and gd_core.momentum_landscape.race_words (the two runs' numbers, surface.DEPTH)
    "units_text", "squares_text",  # ui.views.hand_fit: fixed words and numbers (the hand line's w, b, angle, height; row counts)
    # ui.words.batches: sentences made from the numbers of the three runs (batch sizes, counts, costs, alphas)
    "run_label", "one_epoch_text", "near_minimum_text", "noise_text", "walls_text", "alpha_text",
}

# Expressions whose text is ours (each read for this list), per file, with where it comes from.
REVIEWED = {
    # The class page (issue 25): what its messages hold.
    "ui/views/class_student.py": {
        "form.keys": "gd_core.question_types: a question's option keys, from the lesson's table (shown by their labels)",
        "note[1]": "ui.views.class_student._commit: a fixed sentence, or a store error's message through shown",
        "title": "ui.views.class_lessons.START_TITLE: fixed expander titles, by lesson",
    },
    "ui/views/class_show.py": {
        "totals": "ui.views.class_show.draw_spread: fixed round names ('Round 1') and counts",
        "f'{totals}. No answers yet.' if totals else 'No answers yet.'": "the same totals, fixed words",
    },
    "ui/views/class_setup.py": {"OWN": "a fixed choice of ui.views.class_setup", "DEFAULT": "a fixed choice of ui.views.class_setup"},
    "ui/views/class_run.py": {
        "name": "a fixed round name ('Round 1')", "share": "a percentage, or fixed words",
    },
    "ui/views/class_page.py": {"problem": "ui.views.class_page._join / _new_class: a store error's message through shown"},
    "ui/views/class_teacher.py": {"problem": "ui.views.class_teacher._act: a store error's message through shown"},
    "pages/home.py": {
        "lesson.file": "a page path from the ui.app.lessons table",
        "lesson.title": "the ui.app.lessons table",
        "lesson.summary": "the ui.app.lessons table",
    },
    "ui/views/predict.py": {
        "form.keys": "gd_core.question_types: a question's option keys, from the lesson's table (shown by their labels)",
        "lesson.file": "a page path from the ui.app.lessons table",
        "problem": "ui.views.predict._commit: a fixed sentence, or a ResponseError's message through shown",
        "hidden_note": "a page's fixed sentence (ui.views.predict.HIDDEN_NOTE, ui.views.find_the_bug.HIDDEN_NOTE)",
    },
    "pages/regression.py": {"BATCH_TEXT": "a fixed sentence in ui.words.captions"},
    "ui/controls/data_source.py": {"gaps": "each column name through shown"},
    "ui/app/page.py": {"lesson.heading": "the ui.app.lessons table"},
    "ui/app/present.py": {
        "heading": "a page's fixed sidebar heading (pages/regression.py: 'Data', 'Gradient descent')",
        "text": "a page's fixed subheading (ui.app.present.heading)",
    },
    "pages/learning_rate.py": {
        "label": "'α = 0.1' built from the numbers of the run", "WHY": "a fixed sentence in ui.words.stable_limit",
        "said": "ui.views.predicted.card_notes: fixed words and a question's option keys",
    },
    "pages/local_minimum.py": {
        "caption": "ui.views.local_minimum.start_caption (fixed words) or played_caption: numbers and ui.charts.local_minimum.end_words",
    },
    "ui/controls/curve.py": {"curve.description": "gd_core.curves: the catalogue's sentences, or a fixed one for a typed formula"},
    "ui/app/link_check.py": {"notes": "ui.app.link_check.replaced: each name and value through shown"},
    "ui/views/debug.py": {
        "fields": "the names of gd_core.log_parse.FIELDS that the log holds",
        "diagnosis.name": "a gd_core.bug_catalogue entry's name",
        "diagnosis.verdict": "gd_core.log_match: written from the numbers of the match",
        "diagnosis.timing_note": "gd_core.log_match: one of two fixed sentences",
        "diagnosis.compared": "gd_core.log_match: field names and counts",
        "diagnosis.entry.where": "the gd_core.bug_catalogue table",
        "diagnosis.entry.explanation": "the gd_core.bug_catalogue table",
        "entry.where": "the gd_core.bug_catalogue table",
        "entry.explanation": "the gd_core.bug_catalogue table",
        "which": "' (if it is ...)' with a gd_core.bug_catalogue entry's name",
    },
    "ui/views/find_the_bug.py": {
        "TABS": "the page's two fixed tab labels",
        "printed": "which iterations the lab's loop prints: a fixed phrase with a number",
        "entry.name": "a gd_core.bug_catalogue entry's name",
        "entry.explanation": "the gd_core.bug_catalogue table",
        "where": "a function name of the lab's code, from gd_core.questions_debug.MISTAKES, or a fixed phrase",
        "numbers": "line numbers from gd_core.questions_debug.MISTAKES",
        "fixed_alpha": "a fixed sentence with α written by gd_core.wording.exact",
        "stopped": "a fixed sentence with a count written by gd_core.wording.plural",
    },
    "ui/views/hand_fit.py": {
        "why_hidden": "ui.views.hand_fit.HIDDEN_LSTSQ or CHALLENGE_LSTSQ, fixed sentences",
    },
    "ui/controls/batches.py": {"defaults.scale": "a bool from the ui.app.lessons table (the toggle's value, not text)"},
    "ui/views/regression.py": {
        "HIDDEN_LIMIT": "a fixed sentence in ui.views.regression",
        "w_text": "learned weights formatted as numbers",
        "{'dJ/dw': [float(f'{v:.6g}') for v in update.dj_dw], 'dJ/db': float(f'{update.dj_db:.6g}')}": "numbers (st.write of a dict draws JSON)",
    },
    "ui/views/verdicts.py": {
        "verdict.text": "gd_core.verdict: written from the numbers of the run",
        "verdict.rule": "gd_core.verdict: the stop rule with its numbers",
        "rule": "gd_core.stop_rule: the stop rule with its numbers",
        "VERDICT_ICONS[verdict.kind]": "fixed icons",
        "prefix": "a page's fixed words and numbers (ui.views.regression, pages/intuition.py)",
        "fix": "ui.views.regression.verdict_banner: advice made from the numbers",
    },
}
# A call through a name that holds st.success / st.info / st.warning / st.error.
ALERT_NAMES = {"box"}


def _safe(node: ast.expr, reviewed: dict[str, str]) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(_safe(part, reviewed) for part in node.values)
    if isinstance(node, ast.FormattedValue):
        return node.format_spec is not None or _safe(node.value, reviewed)
    if isinstance(node, ast.BinOp):
        return _safe(node.left, reviewed) and _safe(node.right, reviewed)
    if isinstance(node, ast.IfExp):
        return _safe(node.body, reviewed) and _safe(node.orelse, reviewed)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_safe(e, reviewed) for e in node.elts)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "join" and _safe(func.value, reviewed):
            return all(_safe(a, reviewed) for a in node.args)
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "_sentence":
            return all(_safe(a, reviewed) for a in node.args)
        return name in SAFE_CALLS
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return _safe(node.elt, reviewed)
    return ast.unparse(node) in reviewed


def _markdown_call(call: ast.Call) -> str | None:
    """The Streamlit call's name where its text is markdown, else None."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in MARKDOWN_CALLS:
        return func.attr
    if isinstance(func, ast.Name) and func.id in ALERT_NAMES:
        return "error"
    return None


def unsafe_calls(path: Path) -> list[str]:
    tree = parse_source(path.read_text(), filename=str(path))
    reviewed = REVIEWED.get(path.relative_to(ROOT).as_posix(), {})
    found = []
    for call in ast.walk(tree):
        kind = _markdown_call(call) if isinstance(call, ast.Call) else None
        if kind is None:
            continue
        texts = list(call.args[:2] if kind in {"metric", "radio"} else call.args[:1])
        texts += [k.value for k in call.keywords if k.arg in MARKDOWN_KEYWORDS]
        for text in texts:
            if not _safe(text, reviewed):
                found.append(f"{path.relative_to(ROOT)}:{text.lineno}: {ast.unparse(text)[:100]}")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_text_is_ours_or_shown(path: Path) -> None:
    assert unsafe_calls(path) == []


def test_the_walk_finds_an_unescaped_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import streamlit as st\n"
        "st.error(f'{name} could not be used')\n"
        "st.caption('Left out: ' + ', '.join(columns))\n"
        "st.metric('x', value=column)\n"
        "st.error(f'{shown(name)} could not be used: {shown(error)}')\n"
        "st.caption(f'{m:,} rows')\n"
    )
    global ROOT
    root, ROOT = ROOT, tmp_path
    try:
        found = unsafe_calls(bad)
    finally:
        ROOT = root
    assert [line.split(":")[1] for line in found] == ["2", "3", "4"]
