"""A student's own file: the uploader, what a usable file looks like, and reading it once.

A parsed upload is kept in the server's upload store (ui.cache.upload_store), keyed by the session
and the upload, and the file's bytes on disk (ui.patches.upload_files), not in Streamlit's memory; a
file that cannot be read says why (once: a rerun does not parse it again) and the last good one
stays; a file the store had to set aside says so, and can be read again with one click.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

from gd_core.data import DataError, LoadedData, load_table
from ui.app import last_good, state
from ui.app.choices import upload_key
from ui.patches import memory
from ui.patches.upload_files import FILES, release_streamlit_copy
from ui.words.shown import MESSAGE_LIMIT, shown, shown_plain
from ui.cache.upload_store import STORE
from ui.charts.vega_lite import chart, field, layer_of
from ui.charts.style import DATA_COLOR


def still_held(key: str) -> bool:
    """Whether this session's uploaded table ``key`` is in memory. Asking counts as a use: the
    server's budget sets aside the least recently used table first."""
    return STORE.get(_session_id(), key) is not None


def _session_id() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "bare"


def _file_bytes(uploaded: UploadedFile) -> bytes:
    """The upload's bytes: from disk once kept there, else from the uploader (key "upload"),
    whose copies are then emptied."""
    session = _session_id()
    try:
        raw = FILES.read(session, uploaded.file_id)
    except OSError:
        raise DataError("the server no longer has a copy of this file. Upload it again.") from None
    if raw is None:
        raw = uploaded.getvalue()
        if FILES.keep(session, uploaded.file_id, raw):
            release_streamlit_copy("upload")
    return raw


def _load_upload(key: str, sheet: str | None, uploaded: UploadedFile) -> LoadedData:
    """Parse an upload once; later runs find it in the server's upload store (ui.cache.upload_store)."""
    data = STORE.get(_session_id(), key)
    if data is None:
        with st.spinner("Reading your file…"):
            data = load_table(_file_bytes(uploaded), sheet=sheet)
        STORE.put(_session_id(), key, data)
        memory.release()  # parsing left large freed buffers behind: give them back to the system
    return data


EXAMPLE = pd.DataFrame({"size_1000sqft": [0.8, 1.0, 1.5, 2.0, 2.5, 3.0], "price_1000usd": [250, 300, 390, 500, 610, 700]})


def show_upload_help() -> None:
    """What a usable file looks like, shown while the page waits for one."""
    st.subheader("What your file should look like")
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(
            "A header row with column names, then one row per example, numbers only in the columns "
            "you want to use. Text columns are left out; empty cells count as missing."
        )
        st.dataframe(EXAMPLE, hide_index=True, width="stretch")
        st.download_button(
            "Download this example", EXAMPLE.to_csv(index=False).encode(), "example_houses.csv", "text/csv",
            icon=":material/download:", help="A small CSV you can upload to try the page.",
        )
    with right:
        spec = chart(
            [
                layer_of(
                    "example",
                    {"type": "circle", "size": 90, "color": DATA_COLOR},
                    {"x": field("size_1000sqft", title="size_1000sqft (x)"), "y": field("price_1000usd", title="price_1000usd (y)")},
                )
            ],
            {"example": EXAMPLE},
            height=240,
        )
        st.vega_lite_chart(spec=spec, width="stretch")
        st.caption("Pick the column to predict as y and one or more columns as x in the sidebar.")


def uploaded_data() -> tuple[str, str, LoadedData | None] | None:
    """The uploaded file as (key, label, data); a bad file says why and the last good one stays.

    data is None when the file was set aside for the server's memory budget (its last fit stays).
    """
    uploaded = st.file_uploader(
        "Your data file", key=state.UPLOADER,
        help="A CSV or text table (comma, semicolon, tab or space separated) or an Excel .xlsx workbook, "
        "with at least two numeric columns: one for x, one for y. A header row is optional.",
    )
    if uploaded is None:
        kept = last_good.kept(state.LAST_GOOD_UPLOAD)
        data = STORE.get(_session_id(), kept[0]) if kept is not None else None
        if data is None:
            st.info("Upload a CSV, text or Excel (.xlsx) file to fit a line to it. Until then, pick a built-in dataset above.", icon=":material/upload_file:")
            return None
        st.caption(f"Using your earlier file, ‘{shown(kept[1])}’.")
        return kept[0], kept[1], data
    if st.session_state.get(state.SHEET_FOR) != uploaded.file_id:
        st.session_state[state.SHEET_FOR] = uploaded.file_id  # a new file opens on its own first sheet
        st.session_state.pop(state.SHEET, None)
    sheet = st.session_state.get(state.SHEET)
    key = upload_key(uploaded.file_id, sheet)
    if STORE.was_dropped(_session_id(), key) and not st.session_state.get(state.reload_key(key)):
        st.warning(
            f"‘{shown(uploaded.name)}’ was set aside to make room for other students' data on this server. "
            "Its last fit stays on screen; load it again to change the fit.",
            icon=":material/memory:",
        )
        st.button("Load my file again", key=state.reload_key(key), icon=":material/refresh:", help="Read your file again (a few seconds).")
        return key, uploaded.name, None
    failed = st.session_state.get(state.FAILED_UPLOAD)
    error = failed[1] if failed is not None and failed[0] == key else None  # said already: not parsed again
    if error is None:
        try:
            data = _load_upload(key, sheet, uploaded)
        except DataError as problem:
            error = str(problem)
            st.session_state[state.FAILED_UPLOAD] = (key, error)
        else:
            kept = (key, uploaded.name)  # light: the data stay in the store
            last_good.keep(state.LAST_GOOD_UPLOAD, kept)
    if error is not None:
        st.error(f"‘{shown(uploaded.name)}’ could not be used: {shown(error, MESSAGE_LIMIT)}", icon=":material/error:")
        kept = last_good.kept(state.LAST_GOOD_UPLOAD)
        data = STORE.get(_session_id(), kept[0]) if kept is not None else None
        if data is None:
            st.info("Nothing else to show yet: fix the file and upload it again, or pick a built-in dataset.")
            return None
        st.caption(f"Still showing the last good file, ‘{shown(kept[1])}’.")
    if len(data.sheets) > 1:
        st.selectbox(
            "Sheet", data.sheets, index=data.sheets.index(data.sheet), key=state.SHEET, format_func=shown_plain,
            help="This workbook has several sheets: pick the one that holds your table.",
        )
    return kept[0], kept[1], data
