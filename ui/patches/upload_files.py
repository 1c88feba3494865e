"""The bytes of each student's uploaded files, kept on disk instead of in the server's memory.

Streamlit 1.67 keeps every uploaded file's bytes in memory for as long as the file sits in its
uploader (``MemoryUploadedFileManager``): as large as the file, on top of the parsed table, and
``st.file_uploader`` hands each run a fresh deep copy of them. The
page needs those bytes only to parse the file, and again to read another sheet of a workbook or
a table the upload store set aside ("Load my file again"). So the first run that sees an upload
writes its bytes to a folder of this server process (``UploadFiles.keep``) and empties
Streamlit's copy (``release_streamlit_copy``); later reads come from the disk.

The folder is ``GD_UPLOAD_DIR`` if set, else /var/tmp (on disk where /tmp may be memory), else
the system's temporary folder; a session keeps at most ``PER_SESSION`` files there, all deleted
when the session ends (``ui.patches.session_reaper``) and the folder itself when the server stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from pathlib import Path

import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ui.cache.upload_store import PER_SESSION


def _parent_folder() -> str | None:
    chosen = os.environ.get("GD_UPLOAD_DIR")
    if chosen:
        return chosen
    return "/var/tmp" if os.path.isdir("/var/tmp") and os.access("/var/tmp", os.W_OK) else None


class UploadFiles:
    """Uploaded files' bytes on disk, keyed by (session id, file id); thread-safe."""

    def __init__(self, parent: str | None = None) -> None:
        self._parent = parent
        self._lock = threading.Lock()
        self._folder: tempfile.TemporaryDirectory[str] | None = None  # made on the first upload
        self._paths: dict[tuple[str, str], Path] = {}  # oldest first

    def keep(self, session: str, file_id: str, raw: bytes) -> bool:
        """Write ``raw`` to disk; False when it could not be written (the caller keeps it in memory).

        A session's oldest file goes when it passes PER_SESSION.
        """
        try:
            with self._lock:
                if self._folder is None:
                    self._folder = tempfile.TemporaryDirectory(prefix="gd-uploads-", dir=self._parent)
                folder = Path(self._folder.name)
        except OSError:  # the folder cannot be made: nothing kept
            return False
        path = folder / hashlib.sha256(f"{session}\n{file_id}".encode()).hexdigest()
        try:
            path.write_bytes(raw)  # outside the lock: other students' files are not held up
        except OSError:  # disk full: nothing kept, not even a part
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            return False
        with self._lock:
            self._paths.pop((session, file_id), None)
            self._paths[(session, file_id)] = path
            mine = [key for key in self._paths if key[0] == session]
            for old in mine[:-PER_SESSION]:
                self._paths.pop(old).unlink(missing_ok=True)
        return True

    def read(self, session: str, file_id: str) -> bytes | None:
        """The file's bytes; None when it was never kept. OSError when it was kept but is gone."""
        with self._lock:
            path = self._paths.get((session, file_id))
        return None if path is None else path.read_bytes()

    def forget(self, session: str) -> None:
        """Delete every file of a session that has ended."""
        with self._lock:
            for key in [k for k in self._paths if k[0] == session]:
                self._paths.pop(key).unlink(missing_ok=True)

    def count(self) -> int:
        with self._lock:
            return len(self._paths)

    def sessions(self) -> set[str]:
        with self._lock:
            return {session for session, _ in self._paths}


def release_streamlit_copy(widget_key: str) -> bool:
    """Empty Streamlit's in-memory copies of the upload in the uploader ``widget_key``.

    Streamlit holds an upload's bytes twice over: in its file manager's record, and in the
    ``UploadedFile`` it keeps as the widget's value (``st.session_state[widget_key]``; what
    ``st.file_uploader`` returns is a deep copy of it, made on every run). The record is replaced
    through the manager's ``add_file``, as Streamlit's upload route stores it, by one with the same
    id, name and type and no bytes, so the uploader keeps working and later runs get an
    ``UploadedFile`` of size 0 (the page reads ``UploadFiles``); the kept value lets go of its
    bytes with ``truncate(0)`` (a BytesIO shares the record's bytes until written). With a manager
    that is not Streamlit's ``MemoryUploadedFileManager`` (the one a server and AppTest use)
    nothing is changed: False. tests/test_upload_files.py fails if these move.
    """
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "uploaded_file_mgr", None)
    kept = st.session_state.get(widget_key)
    if ctx is None or not isinstance(manager, MemoryUploadedFileManager) or not isinstance(kept, UploadedFile):
        return False
    for record in manager.get_files(ctx.session_id, [kept.file_id]):
        if record.data:
            manager.add_file(ctx.session_id, record._replace(data=b""))
    kept.truncate(0)
    return True


# One folder per server process, like the upload store.
FILES = UploadFiles(_parent_folder())
