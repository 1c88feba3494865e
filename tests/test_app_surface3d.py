"""Pages 3 and 4 draw their 3-D surface only when asked (issue 26): the first screen has no WebGL
scene, no surface and no 3-D path; the switch "Turn the surface in 3-D" (URL ``surface3d``) draws
them, and a link carries it."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app_lessons import open_page
from ui.app import state
from ui.controls.surface3d import LABEL
from tests.conftest import plotly_charts

THREE_D = {"surface", "scatter3d"}


def figure(at: AppTest) -> dict:
    return json.loads(plotly_charts(at)[0].proto.spec)


def kinds(at: AppTest) -> set[str]:
    return {trace["type"] for trace in figure(at)["data"]}


def switch(at: AppTest):
    (toggle,) = [t for t in at.toggle if t.label == LABEL]
    return toggle


@pytest.mark.parametrize("page", ["local_minimum", "regression"])
def test_the_first_screen_has_no_3d_scene_until_the_switch_is_on(page: str) -> None:
    at = open_page(page, predict="false")
    assert not at.exception, at.exception
    assert not switch(at).value and not kinds(at) & THREE_D and "scene" not in figure(at)["layout"]
    # No 3-D trace to move: no frame asks for a full redraw (every frame is Plotly's fast path).
    play = figure(at)["layout"]["updatemenus"][0]["buttons"][0]["args"][1]["frame"]
    assert play == {"duration": play["duration"], "redraw": False}
    titles = " ".join(a["text"] for a in figure(at)["layout"]["annotations"])
    assert "in 3-D" in titles and "Turn the surface in 3-D" in titles  # the empty cell says how to draw it

    switch(at).set_value(True).run()
    assert not at.exception, at.exception
    assert kinds(at) >= THREE_D | {"scatter"} and "scene" in figure(at)["layout"]
    assert switch(at).key == state.SURFACE_3D  # the URL's name (a link with it opens with the surface: below)
    frames = figure(at)["layout"]["updatemenus"][0]["buttons"][0]["args"][1]["frame"]
    assert isinstance(frames, list) and any(f["redraw"] for f in frames)  # the 3-D points move on full redraws


@pytest.mark.parametrize("page", ["local_minimum", "regression"])
def test_a_link_with_surface3d_opens_with_the_surface(page: str) -> None:
    at = open_page(page, predict="false", surface3d="true")
    assert not at.exception, at.exception
    assert switch(at).value and kinds(at) >= THREE_D


def test_captions_name_the_surface_only_when_it_is_drawn() -> None:
    at = open_page("local_minimum", predict="false")
    captions = " ".join(c.value for c in at.caption)
    assert "drag the surface" not in captions.lower()
    switch(at).set_value(True).run()
    assert "drag the surface to turn it" in " ".join(c.value for c in at.caption)
