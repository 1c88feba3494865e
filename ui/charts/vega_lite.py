"""Small helpers to write Vega-Lite specs as plain dicts.

The chart builders return plain Vega-Lite specs rather than Altair objects: Altair's schema
machinery (deep copies and validation on every method call) cost 150 to 400 ms per chart on
this machine, more than the whole rerun budget, while a dict costs well under a millisecond.
Data travel as named datasets (pandas DataFrames), which Streamlit sends as Arrow; a chart kept
in a cache holds them as Arrow bytes already (``with_arrow_data``).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

Spec = dict[str, Any]


def field(name: str, kind: str = "quantitative", title: str | None = None, **props: Any) -> Spec:
    """An encoding channel bound to a data field."""
    channel: Spec = {"field": name, "type": kind}
    if title is not None:
        channel["title"] = title
    channel.update(props)
    return channel


def value(v: Any) -> Spec:
    return {"value": v}


def layer_of(data: str, mark: str | Spec, encoding: Spec, transform: list[Spec] | None = None, **extra: Any) -> Spec:
    """One layer drawing the named dataset ``data`` with ``mark``."""
    spec: Spec = {"data": {"name": data}, "mark": {"type": mark} if isinstance(mark, str) else mark, "encoding": encoding}
    if transform:
        spec["transform"] = transform
    spec.update(extra)
    return spec


def chart(
    layers: list[Spec],
    datasets: dict[str, pd.DataFrame],
    *,
    height: int,
    params: list[Spec] | None = None,
    resolve: Spec | None = None,
) -> Spec:
    """A layered chart; top-level ``params`` (e.g. a slider) are visible to every layer."""
    spec: Spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "height": height,
        "datasets": datasets,
        "layer": layers,
    }
    if params:
        spec["params"] = params
    if resolve:
        spec["resolve"] = resolve
    return spec


def nominal(name: str, labels: list[str], values: list[Any], title: str | None = None, legend: bool = True) -> Spec:
    """A nominal field drawn with ``values`` in the order of ``labels`` (colours, shapes, dashes).
    Two channels made of the same field, labels and title share one legend."""
    channel = field(name, "nominal", title, scale={"domain": labels, "range": values[: max(len(labels), 1)]}, sort=labels)
    if not legend:
        channel["legend"] = None
    return channel


def say_marks(channel: Spec, marks: dict[str, str]) -> Spec:
    """``channel``'s legend with each label's mark written after it ("correct: dashed line"), so
    the legend tells the series apart without their colours (issue 23)."""
    expr = "datum.label"
    for label, mark in reversed(list(marks.items())):
        expr = f"datum.label === {json.dumps(label)} ? {json.dumps(f'{label}: {mark}')} : ({expr})"
    channel.setdefault("legend", {})["labelExpr"] = expr
    return channel


def nominal_color(name: str, labels: list[str], colors: list[str], title: str | None = None, legend: bool = True) -> Spec:
    return nominal(name, labels, colors, title, legend)


def with_arrow_data(spec: Spec) -> Spec:
    """``spec`` with its datasets as Arrow IPC bytes, as st.vega_lite_chart sends them.

    st.vega_lite_chart converts every DataFrame dataset to Arrow on every rerun (about 0.4 ms
    each) and passes bytes through as they are: a chart kept in a cache is converted once.
    """
    return {**spec, "datasets": {name: convert_anything_to_arrow_bytes(frame) for name, frame in spec["datasets"].items()}}
