"""Hostile uploads of any size, built in moments: for tests (small) and bench_hostile_uploads (200 MB).

A workbook is written by hand (``zip_file``), so a member may declare a size it does not have,
and its XML may be gigabytes: ``deflate`` compresses one block of a repeated unit and repeats
the compressed block (after a sync flush, a block of the same periodic input compresses to the
same bytes), so a 200 MB zip of 200 GB of XML costs no more than writing 200 MB.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

BLOCK = 1 << 20  # bytes of XML per repeated compressed block
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
Segment = tuple[bytes, int]  # a unit of XML and how many times it repeats


def deflate(segments: Sequence[Segment]) -> tuple[bytes, int, int]:
    """(raw deflate stream, uncompressed size, CRC-32) of the units repeated in turn.

    The CRC is 0 past 2 GB (too slow to compute; a reader that gets that far finds it wrong)."""
    packer, out, size, crc = zlib.compressobj(9, zlib.DEFLATED, -15), [], 0, 0
    for unit, count in segments:
        if not unit:
            continue
        per = max(1, BLOCK // len(unit))
        block, seen, left = unit * per, None, count
        while left:
            n = min(per, left)
            data = block if n == per else unit * n
            packed = seen if n == per and seen is not None else packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH)
            if n == per and seen is None and out and packed == out[-1]:
                seen = packed
            out.append(packed)
            size += len(data)
            crc = zlib.crc32(data, crc) if size <= 2**31 else 0
            left -= n
    out.append(packer.flush())
    return b"".join(out), size, crc


def zip_file(members: Sequence[tuple[str, bytes | tuple[bytes, int, int]]], declared: dict[str, int] | None = None) -> bytes:
    """A zip of (name, bytes, or a ``deflate`` result); ``declared`` sizes replace the true ones."""
    local, central, offset = [], [], 0
    for name, content in members:
        packed, size, crc = content if isinstance(content, tuple) else deflate([(content, 1)]) if content else (b"", 0, 0)
        size32 = min((declared or {}).get(name, size), 0xFFFFFFFF)
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0, crc, len(packed), size32)
        head = b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name.encode()
        local += [head, packed]
        central.append(b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name.encode())
        offset += len(head) + len(packed)
    directory = b"".join(central)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(local) + directory + end


def workbook(sheet: bytes | tuple[bytes, int, int], *, strings: bytes | tuple | None = None, sheets: int = 1,
             declared: dict[str, int] | None = None) -> bytes:
    """A minimal .xlsx that openpyxl opens: ``sheets`` sheets all showing the one sheet XML."""
    names = b"".join(b'<sheet name="s%d" sheetId="%d" r:id="rId%d"/>' % (i, i, i) for i in range(1, sheets + 1))
    rels = b"".join(
        b'<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        b'Target="worksheets/sheet1.xml"/>' % i for i in range(1, sheets + 1)
    )
    if strings is not None:
        rels += (b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 b'sharedStrings" Target="sharedStrings.xml"/>')
    members: list[tuple[str, bytes | tuple[bytes, int, int]]] = [
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         b'<Default Extension="xml" ContentType="application/xml"/>'
         b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         + (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            if strings is not None else b"") + b"</Types>"),
        ("_rels/.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         b'Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", b"<workbook " + MAIN + b" " + REL + b"><sheets>" + names + b"</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         + rels + b"</Relationships>"),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if strings is not None:
        members.append(("xl/sharedStrings.xml", strings))
    return zip_file(members, declared)


def sheet_xml(rows: bytes, count: int = 1, *, before: bytes = b"", after: bytes = b"") -> tuple[bytes, int, int]:
    """A worksheet whose sheetData is ``before``, then ``rows`` repeated ``count`` times, then ``after``."""
    return deflate([(b"<worksheet " + MAIN + b"><sheetData>" + before, 1), (rows, count), (after + b"</sheetData></worksheet>", 1)])


def repeats_for(unit: bytes, packed_bytes: int) -> int:
    """How many repeats of ``unit`` make about ``packed_bytes`` of deflate stream."""
    per = max(1, BLOCK // len(unit))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    sizes = [len(packer.compress(unit * per) + packer.flush(zlib.Z_SYNC_FLUSH)) for _ in range(3)]
    return max(1, packed_bytes // sizes[-1]) * per
