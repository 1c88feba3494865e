"""`streamlit run` with a window into the server, for tests/test_session_reaper.py.

Takes the same arguments as ``streamlit run``. Every line read from stdin is answered with one
line on stdout, ``PROBE`` and a JSON object (Streamlit prints there too): how many sessions
the server still knows (connected, or kept for a reconnect), and how many sessions Streamlit
still holds things for: download-button callables and files (MediaFileManager) and uploaded
files (UploadedFileManager) with the bytes it still holds, the uploaded files kept on disk
(ui.patches.upload_files), and the bytes of parsed uploads in ui.cache.upload_store against its budget. A
session that is gone
but still holds things is an orphan: its memory is never given back.
"""

from __future__ import annotations

import json
import sys
import threading

from streamlit.runtime import Runtime
from streamlit.web.cli import main


def report() -> dict[str, int]:
    sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parents[1]))
    runtime = Runtime.instance()
    known = {info.session.id for info in runtime._session_mgr.list_sessions()}
    media = runtime.media_file_mgr
    with media._lock:
        media_holders = set(media._files_by_session_and_coord)
        media_holders |= {entry["session_id"] for entry in media._deferred_callables.values()}
    uploads = runtime._uploaded_file_mgr
    with uploads._lock:
        upload_holders = {session for session, files in uploads.file_storage.items() if files}
        upload_bytes = sum(len(rec.data) for files in uploads.file_storage.values() for rec in files.values())
    from ui.patches.upload_files import FILES
    from ui.cache.upload_store import STORE

    return {
        "store_bytes": STORE.total_bytes,
        "store_budget": STORE.budget_bytes,
        "sessions": len(known),
        "media_holders": len(media_holders),
        "media_orphans": len(media_holders - known),
        "upload_holders": len(upload_holders),
        "upload_orphans": len(upload_holders - known),
        "upload_bytes": upload_bytes,
        "files_on_disk": FILES.count(),
        "file_orphans": len(FILES.sessions() - known),
    }


def answer() -> None:
    for _ in sys.stdin:
        print("PROBE " + json.dumps(report()), flush=True)


if __name__ == "__main__":
    threading.Thread(target=answer, daemon=True).start()
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    main()
