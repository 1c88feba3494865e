"""Where the regression and debug pages' data come from: a built-in dataset or an uploaded table (CSV, text, .xlsx).

Parsing is cached per file (keyed by the upload's id, in the user's own session), so changing
alpha or iterations never parses again; the one pass over the rows (``summarize``) is cached per
choice of columns. A bad upload shows what is wrong and keeps the last good data on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from gd_core.data import DataError, LoadedData, load_table, prepare_xy
from ui.app import state
from ui.app.challenge import locked
from ui.app.present import present_mode
from ui.app.choices import BUILTIN, DEFAULT, UPLOAD, dataset_label, is_upload
from ui.app.page import part_alone
from ui.controls.uploads import still_held, uploaded_data
from gd_core.hand_fit import HEAD
from gd_core.linreg import Stats, summarize
from ui.charts.regression_parts import sample_rows
from ui.app.last_good import kept, last_good
from ui.cache.shared_cache import shared
from ui.words.shown import MESSAGE_LIMIT, shown, shown_plain

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Source:
    key: str  # a built-in name, or "upload:<file id>:<sheet>"
    label: str
    data: LoadedData | None  # None in a kept last fit: the table itself may have left memory
    x_columns: list[str]
    y_column: str
    drop_missing: bool

    @property
    def data_id(self) -> tuple:
        """What the fit is of: the data, the columns, and what was done with missing values."""
        return (self.key, tuple(self.x_columns), self.y_column, self.drop_missing)

    @property
    def is_default(self) -> bool:
        """The lesson's own data as it opens: the course lab's houses, its two columns."""
        _, _, x, y = BUILTIN[DEFAULT]
        return self.data_id == (DEFAULT, (x,), y, True)


@dataclass(frozen=True)
class Prepared:
    stats: Stats
    x_sample: np.ndarray  # at most a few thousand rows, for drawing (first feature)
    y_sample: np.ndarray
    dropped: int
    x_head: np.ndarray  # the first rows, in the data's order (first feature): page 4 writes its cost out from them
    y_head: np.ndarray


@shared(max_entries=8)
def _load_builtin(name: str) -> LoadedData:
    # One copy for every session (st.cache_data made a copy on every rerun, which cost more than
    # the page); nothing in the app writes to a loaded table.
    return load_table((DATA_DIR / BUILTIN[name][1]).read_bytes())


@shared(max_entries=64, max_bytes=16 * 2**20)
def _prepare(source_key: str, x_columns: tuple[str, ...], y_column: str, drop_missing: bool, _frame: pd.DataFrame) -> Prepared:
    x, y, dropped = prepare_xy(_frame, list(x_columns), y_column, drop_missing=drop_missing)
    stats = summarize(x, y)
    rows = sample_rows(y.size)
    x_first = x if x.ndim == 1 else x[:, 0]
    return Prepared(
        stats=stats, x_sample=x_first[rows].copy(), y_sample=y[rows].copy(), dropped=dropped, x_head=x_first[:HEAD].copy(), y_head=y[:HEAD].copy(),
    )


def _pick_columns(key: str, data: LoadedData, default_x: str | None, default_y: str | None) -> tuple[list[str], str]:
    """The target y and the feature(s) x; new data start from their default columns."""
    columns = list(data.frame.columns)
    y_default = default_y if default_y in columns else columns[-1]
    x_default = [default_x] if default_x in columns and default_x != y_default else [c for c in columns if c != y_default][:1]
    previous = st.session_state.get(state.COLUMNS_FOR)
    if previous is not None and previous != key:
        # New data: start from its default columns (a first load keeps what the URL asked for).
        st.session_state[state.Y] = y_default
        st.session_state[state.X] = x_default
    st.session_state[state.COLUMNS_FOR] = key
    y_column = st.selectbox(
        "Target y (what to predict)", columns, index=columns.index(y_default), key=state.Y, bind="query-params", disabled=locked(state.Y), format_func=shown_plain,
        help="The column the line should predict.",
    )
    x_options = [c for c in columns if c != y_column]
    x_columns = st.multiselect(
        "Feature x (one or more)", x_options, default=[c for c in x_default if c in x_options] or x_options[:1],
        key=state.X, bind="query-params", disabled=locked(state.X), format_func=shown_plain,
        help="The input column(s). One feature draws the line and the cost contours; several fit w·x + b with a w per feature.",
    )
    return list(x_columns), y_column


def _missing_choice(data: LoadedData, chosen: list[str]) -> bool:
    """Whether to drop the rows with a gap in the chosen columns (asked only when there are some)."""
    if not any(data.missing.get(column, 0) for column in chosen):
        return True  # known from the table's counts, without a pass over its rows
    rows_with_missing = int(data.frame[chosen].isna().any(axis=1).sum())
    if not rows_with_missing:
        return True
    return st.checkbox(
        f"Drop the {rows_with_missing:,} rows with missing values", value=True, key=state.DROP_MISSING, bind="query-params", disabled=locked(state.DROP_MISSING),
        help="Gradient descent needs a number in every chosen cell. Untick to see which columns have gaps.",
    )


@shared(max_entries=32)
def _preview_tables(key: str, _data: LoadedData) -> tuple[pa.Table, pa.Table | None]:
    # Made once per table: st.dataframe sends an Arrow table as it is, and converts a DataFrame
    # on every rerun (0.6 ms against 0.2 ms each, measured). No gaps: no table of them.
    head = pa.Table.from_pandas(_data.frame.head(50))
    if not any(_data.missing.values()):
        return head, None
    missing = pd.DataFrame({"column": list(_data.missing), "missing values": list(_data.missing.values())})
    return head, pa.Table.from_pandas(missing, preserve_index=False)


def _preview(key: str, label: str, data: LoadedData, chosen: list[str]) -> None:
    # Its tables are drawn once it is opened: a table loads Streamlit's data grid, 1.2 MB of
    # JavaScript that page 4's first figure waited for although the preview starts closed (issue 26).
    preview = st.expander(f"Preview: {shown(label)} ({data.n_rows:,} rows)", key=state.DATA_PREVIEW, on_change="rerun")
    if not preview.open:
        return
    head, missing = _preview_tables(key, data)
    with preview:
        st.dataframe(head, width="stretch", height=240)
        if missing is None:
            st.caption("No missing values in any column.")
        else:
            st.dataframe(missing, hide_index=True, width="stretch")
        gaps = [f"{shown(c)}: {data.missing[c]:,}" for c in chosen if data.missing.get(c, 0)]
        if gaps:
            st.caption("Missing in the chosen columns: " + ", ".join(gaps))


def choose_data(default: str = DEFAULT) -> Source | None:
    """Sidebar widgets: the dataset (``default`` first), the columns, and what to do with missing values."""
    choice = st.selectbox(
        "Dataset", [*BUILTIN, UPLOAD], index=[*BUILTIN, UPLOAD].index(default), format_func=dataset_label, key=state.DATASET, bind="query-params", disabled=locked(state.DATASET),
        help="A built-in dataset, or your own table: CSV, text or Excel .xlsx, up to 200 MB.",
    )
    if choice == UPLOAD:
        uploaded = uploaded_data()
        if uploaded is None:
            return None
        (key, label, data), default_x, default_y = uploaded, None, None
        if data is None:  # set aside: the last fit of this file stands in for it (see prepare)
            last = kept(state.LAST_GOOD_PREPARED)
            if last is None or not last[0].key == key:
                return None
            return last[0]
    else:
        label, _, default_x, default_y = BUILTIN[choice]
        key, data = choice, _load_builtin(choice)
    for note in data.notes:  # the loader's sentences quote column names
        st.caption(shown(note, MESSAGE_LIMIT))
    x_columns, y_column = _pick_columns(key, data, default_x, default_y)
    if not x_columns:
        st.warning("Pick at least one feature column for x.", icon=":material/warning:")
        return None
    chosen = [*x_columns, y_column]
    drop = _missing_choice(data, chosen)
    if not present_mode():  # projector mode: the controls' row only
        _preview(key, label, data, chosen)
    return Source(key=key, label=label, data=data, x_columns=x_columns, y_column=y_column, drop_missing=drop)


def _columns_text(source: Source) -> str:
    """'‘size’, ‘age’ → ‘price’': the chosen columns, each as the characters it is."""
    return ", ".join(f"‘{shown(c)}’" for c in source.x_columns) + f" → ‘{shown(source.y_column)}’"


def rerun_if_set_aside(source: Source) -> None:
    """Call first in a page's live part (ui.app.page.live_part) drawn from ``source``.

    A rerun of the live part alone does not run the data part above it. So here, for an
    uploaded table: read it (a student changing α is using it, and the server's budget sets
    aside the least recently used table first), and when it was set aside, rerun the whole page,
    whose data part says so and keeps the last fit on screen (ui.controls.uploads).
    """
    if part_alone() and is_upload(source.key) and not still_held(source.key):
        st.rerun()


def prepare(source: Source) -> tuple[Source, Prepared] | None:
    """The one pass over the chosen columns; when they cannot be used, say why and keep the last good fit.

    What is kept (``state.LAST_GOOD_PREPARED``) holds the fit's sums and a sample, never the table.
    """
    if source.data is None:
        st.caption(f"Showing the last fit of ‘{shown(source.label)}’: {_columns_text(source)}.")
        return kept(state.LAST_GOOD_PREPARED)
    good, error = last_good(
        state.LAST_GOOD_PREPARED,
        lambda: (replace(source, data=None), _prepare(source.key, tuple(source.x_columns), source.y_column, source.drop_missing, source.data.frame)),
        DataError,
    )
    if error is not None:
        st.error(f"These columns cannot be fitted: {shown(error, MESSAGE_LIMIT)}", icon=":material/error:")
        if good is not None:
            st.caption(f"Still showing the last good choice: {_columns_text(good[0])} (‘{shown(good[0].label)}’).")
        return good
    if good is not None and good[1].dropped:
        st.caption(f"{good[1].dropped:,} rows with missing values were left out; the fit uses {good[1].stats.m:,} rows.")
    return good
