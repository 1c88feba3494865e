"""A text upload's encoding: UTF-8 (with or without BOM), else Latin-1; UTF-16 converted to UTF-8.

Both are done a chunk at a time: one str of a whole file can take 4x its bytes (one emoji in
200 MB of ASCII makes every character 4 bytes wide).
"""

from __future__ import annotations

import codecs

CHUNK = 1024 * 1024  # decoded a chunk at a time: one str of a whole file can be 4x its bytes


def is_utf8(raw: bytes) -> bool:
    decoder, view = codecs.getincrementaldecoder("utf-8")(), memoryview(raw)
    try:
        for start in range(0, len(raw), CHUNK):
            decoder.decode(view[start : start + CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def utf16_to_utf8(raw: bytes) -> bytes:
    """UTF-16 (with its BOM) as UTF-8 with a BOM; UnicodeDecodeError when damaged."""
    decoder, view = codecs.getincrementaldecoder("utf-16")(), memoryview(raw)
    parts = [decoder.decode(view[start : start + CHUNK]).encode("utf-8") for start in range(0, len(raw), CHUNK)]
    parts.append(decoder.decode(b"", final=True).encode("utf-8"))
    return b"\xef\xbb\xbf" + b"".join(parts)


def decode_head(raw: bytes) -> tuple[str, str, list[str]]:
    """(encoding for pandas, decoded head, notes)."""
    notes: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif is_utf8(raw):
        encoding = "utf-8"
    else:
        encoding = "latin-1"
        notes.append("The file is not UTF-8, so it was read as Latin-1 (Western European).")
    head = raw[:65536].decode(encoding, errors="ignore")
    if len(raw) > 65536:  # drop a possibly cut last line
        head = head.rsplit("\n", 1)[0]
    return encoding, head, notes
