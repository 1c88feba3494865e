"""Uploaded files' bytes on disk (ui.patches.upload_files), and Streamlit's in-memory copies emptied.

The second test runs a real uploader in AppTest: it fails if Streamlit 1.67 stops keeping an
upload where ``release_streamlit_copy`` empties it (its file manager's record, and the
``UploadedFile`` kept as the widget's value) or stops handing runs a copy of that value.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui.patches.upload_files import UploadFiles
from ui.cache.upload_store import PER_SESSION


def test_files_are_kept_read_bounded_per_session_and_deleted_with_it(tmp_path) -> None:
    files = UploadFiles(str(tmp_path))
    for k in range(PER_SESSION + 1):
        assert files.keep("ann", f"f{k}", f"x,y\n{k},1\n".encode())
    assert files.keep("bob", "g", b"x,y\n5,6\n")
    assert files.read("ann", "f0") is None  # Ann's oldest went when she passed PER_SESSION
    assert files.read("ann", f"f{PER_SESSION}") == f"x,y\n{PER_SESSION},1\n".encode()
    assert files.read("cat", "f1") is None  # keyed by session: nobody reads another's file
    on_disk = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(on_disk) == PER_SESSION + 1 == files.count()
    files.forget("ann")
    assert files.sessions() == {"bob"} and len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1


def test_a_folder_that_cannot_be_written_keeps_nothing(tmp_path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    files = UploadFiles(str(not_a_folder))
    assert not files.keep("ann", "f", b"x,y\n1,2\n")  # the caller keeps Streamlit's copy
    assert files.read("ann", "f") is None


def _uploader_script() -> None:
    import streamlit as st
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from ui.patches.upload_files import release_streamlit_copy

    uploaded = st.file_uploader("File", key="f")
    if uploaded is not None:
        st.session_state.setdefault("seen", []).append((uploaded.file_id, uploaded.name, uploaded.getvalue()))
        if uploaded.getvalue():
            ctx = get_script_run_ctx()
            assert release_streamlit_copy("f")
            record = ctx.uploaded_file_mgr.get_files(ctx.session_id, [uploaded.file_id])[0]
            st.session_state["record_after"] = (record.name, record.data)


def test_streamlit_copies_are_emptied_and_the_uploader_keeps_its_file() -> None:
    at = AppTest.from_function(_uploader_script, default_timeout=30).run()
    at.file_uploader(key="f").set_value(("data.csv", b"x,y\n1,2\n3,4\n", "text/csv")).run()
    assert not at.exception, at.exception
    assert at.session_state["record_after"] == ("data.csv", b"")  # the manager's record: no bytes
    assert at.file_uploader(key="f").value.getvalue() == b""  # the widget's kept value: none either
    at.run()  # a later run: the same file, still in the uploader, without its bytes
    assert not at.exception, at.exception
    (first_id, first_name, first_bytes), (later_id, later_name, later_bytes) = at.session_state["seen"]
    assert first_bytes == b"x,y\n1,2\n3,4\n" and later_bytes == b""
    assert (later_id, later_name) == (first_id, first_name) == (first_id, "data.csv")
