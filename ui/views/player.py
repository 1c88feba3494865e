"""The keyboard player and the text alternative of a moving figure (issue 23).

Plotly draws its player as SVG that Tab never reaches. Under each moving figure this Streamlit
custom component (st.components.v2, in the page's own document, no iframe) draws real buttons and
a slider: Play / Pause, step back and forward, first and last frame, and the iteration, each
labelled for a screen reader. They drive the figure's own frames with Plotly.animate, in the
browser, as Plotly's buttons do: playing sends nothing to the server, and the component is no
widget (it sets no state), so it never asks for a rerun.

It also gives the figure its text alternative (ui.words.figure_text): the figure's element gets
role "figure", a label and a description (what is drawn, start, end, verdict), and a line that
names the iteration on screen with its numbers, kept in step with the player (read out when the
player stops or steps, not at every frame while it plays); under it, a table of the numbers behind
every frame, the row on screen marked.

Keys, while focus is on the player: Space or Enter on a button presses it; Space or Enter on
the iteration slider, or K anywhere on it, plays and pauses; the arrow keys step one frame,
Page Up / Page Down ten; Home and End go to the first and the last frame.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from ui.app.challenge import any_hidden
from ui.app.state import keyboard_player_key
from ui.charts.style import CONTROL_BORDER, FOCUS_COLOR, INK, ROW_SHOWN, WHITE
from ui.views.verdicts import ANSWERS
from ui.words.figure_text import FigureText

CSS = f"""
.gdp {{ contain: layout; }}  /* a new line of text lays out this box, not the page */
.gdp-bar {{ display: flex; flex-wrap: wrap; align-items: center; gap: 0.35rem; margin: 0.25rem 0 0.5rem; }}
.gdp-btn {{ min-width: 2.75rem; min-height: 2.75rem; padding: 0 0.7rem; border: 1px solid {CONTROL_BORDER}; border-radius: 0.5rem;
  background: {WHITE}; color: {INK}; font: inherit; cursor: pointer; }}
.gdp-btn:hover {{ border-color: {FOCUS_COLOR}; }}
.gdp-btn:focus-visible, .gdp-range:focus-visible, .gdp-scroll:focus-visible, .gdp-numbers summary:focus-visible {{
  outline: 3px solid {FOCUS_COLOR}; outline-offset: 2px; }}
.gdp-range {{ flex: 1 1 8rem; min-width: 8rem; min-height: 2.75rem; accent-color: {FOCUS_COLOR}; }}
.gdp-now {{ flex: 1 1 100%; font-size: 0.9rem; font-variant-numeric: tabular-nums; }}
.gdp-hidden {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; border: 0; }}
.gdp-numbers summary {{ cursor: pointer; font-size: 0.9rem; }}
.gdp-scroll {{ position: relative; max-height: 18rem; overflow: auto; }}
.gdp-scroll table {{ border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }}
.gdp-scroll caption {{ text-align: left; font-size: 0.85rem; padding: 0.25rem 0; }}
.gdp-scroll th, .gdp-scroll td {{ padding: 0.1rem 0.6rem; text-align: right; border-bottom: 1px solid {ROW_SHOWN}; }}
.gdp-scroll thead th {{ position: sticky; top: 0; background: {WHITE}; }}
.gdp-scroll tr[aria-current="true"] {{ background: {ROW_SHOWN}; font-weight: 600; }}
"""

_player = st.components.v2.component(
    "gd_keyboard_player", js=(Path(__file__).with_name("player.js")).read_text(encoding="utf-8"), css=CSS, isolate_styles=False,
)


def keyboard_player(figure_key: str, text: FigureText) -> None:
    """The keyboard player and text alternative of the figure drawn under ``figure_key`` (st.plotly_chart or figure_2d).

    Its data goes as JSON bytes, which Streamlit passes on as they are: the figure's text made into
    JSON once (FigureText.json), with the chart's key put in front."""
    head = json.dumps({"chart": figure_key})[:-1].encode()  # '{"chart": "..."' without its closing brace
    _player(key=keyboard_player_key(figure_key), data=head + b", " + text.json[1:], height="content")


def verdict_words(verdict) -> str | None:
    """A verdict's sentence for a figure's description, or None while a challenge hides it."""
    return None if any_hidden(*ANSWERS) else verdict.text
