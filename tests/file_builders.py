"""Building spreadsheet files byte by byte for the hostile-file tests.

``sheet_xml``/``xlsx_members``/``write_xlsx`` assemble an xlsx from raw SpreadsheetML parts;
``write_raw_zip`` writes members with whatever sizes a test declares (zip bombs);
``biff_workbook``/``xls_bytes``/``write_xls`` make a legacy .xls: BIFF8 records in a hand-made
OLE compound file.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["sheet_xml", "xlsx_members", "write_xlsx", "write_raw_zip", "biff_workbook",
           "xls_bytes", "write_xls", "cfb_bytes"]

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _col(j: int) -> str:
    letters = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell(r: int, j: int, value: object) -> str:
    ref = f"{_col(j)}{r + 1}"
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(rows: Iterable[Iterable[object]], doctype: str = "", dimension: str = "") -> bytes:
    """A worksheet part with inline strings; ``doctype`` goes before the root element."""
    body = "".join(f'<row r="{r + 1}">' + "".join(_cell(r, j, v) for j, v in enumerate(row))
                   + "</row>" for r, row in enumerate(rows))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<worksheet xmlns="{NS}">{dim}<sheetData>{body}</sheetData></worksheet>').encode()


def xlsx_members(sheets: list[tuple[str, bytes]], hidden: Iterable[str] = (),
                 workbook_doctype: str = "") -> dict[str, bytes]:
    """The parts of a minimal workbook holding ``sheets`` (name, worksheet XML)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    types = (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
             '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicati'
             'on/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Conten'
             'tType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="appli'
             'cation/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             f'{overrides}</Types>')
    hidden = set(hidden)
    entries = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"'
        + (' state="hidden"' if name in hidden else "") + "/>"
        for i, (name, _) in enumerate(sheets, start=1))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1))
    members = {
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/'
                        'officeDocument" Target="xl/workbook.xml"/></Relationships>').encode(),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?>{workbook_doctype}'
                            f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{entries}'
                            '</sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
                                      .encode(),
    }
    for i, (_, xml) in enumerate(sheets, start=1):
        members[f"xl/worksheets/sheet{i}.xml"] = xml
    return members


def write_xlsx(path: Path, members: dict[str, bytes | Callable[[object], None]]) -> Path:
    """Write the members in order; a callable member streams its content into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            if callable(content):
                info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with zf.open(info, "w", force_zip64=True) as out:
                    content(out)
            else:
                zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), content,
                            zipfile.ZIP_DEFLATED)
    return path


def write_raw_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip of already-deflated members: (name, raw deflate data, crc32, uncompressed size).

    Lets a test declare any sizes and reuse one compressed block many times (a bomb in 1 MB).
    """
    local, central = bytearray(), bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5821, crc, len(data),
                             size, len(encoded), 0) + encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5821, crc,
                               len(data), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                      len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def _deflate(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def _repeated_deflate(head: bytes, block: bytes, times: int, tail: bytes
                      ) -> tuple[bytes, int, int]:
    """Deflate ``head + block * times + tail`` cheaply: the block is compressed once.

    After a full flush the compressor starts afresh, so each copy of the block compresses to the
    same bytes; only the CRC needs the whole content (computed block by block).
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    one = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    assert one == again, "the deflate block must be position independent"
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return first + one * times + last, crc, len(head) + len(block) * times + len(tail)


def _biff_record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def biff_workbook(sheet: str, cells: list[tuple[int, int, float]]) -> bytes:
    """A BIFF8 ``Workbook`` stream: globals (BOF, CODEPAGE, BOUNDSHEET, EOF), one sheet."""
    def bof(kind: int) -> bytes:
        return _biff_record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    name = sheet.encode("latin-1")
    head = bof(0x0005) + _biff_record(0x0042, struct.pack("<H", 1200))
    offset = len(head) + 4 + 8 + len(name) + 4          # + BOUNDSHEET + EOF
    globals_ = head + _biff_record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0)
                                   + name) + _biff_record(0x000A)
    body = b"".join(_biff_record(0x0203, struct.pack("<HHHd", r, c, 15, v)) for r, c, v in cells)
    return globals_ + bof(0x0010) + body + _biff_record(0x000A)


def write_xls(path: Path, stream: bytes) -> Path:
    path.write_bytes(xls_bytes(stream))
    return path


def xls_bytes(stream: bytes) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding one ``Workbook`` stream, padded
    beyond the 4096-byte mini-stream cutoff with a record no reader knows."""
    if len(stream) < 4096:
        stream += _biff_record(0x7FFF, bytes(4096 - len(stream)))
    return cfb_bytes({"Workbook": stream})


def cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding up to three streams, each
    padded to 4096 bytes at least (so none lives in the mini-stream).

    Sector 0 is the FAT, 1 the directory (the root and the streams, chained as right
    siblings), 2… the streams one after the other.
    """
    assert 1 <= len(streams) <= 3
    bodies = [(name, data.ljust(4096, b"\0")) for name, data in streams.items()]
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    starts = []
    for _, data in bodies:
        count = -(-len(data) // 512)
        first = len(fat)
        starts.append(first)
        fat += [*range(first + 1, first + count), 0xFFFFFFFE]
    assert len(fat) <= 128
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + struct.pack(
        "<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0,
        0xFFFFFFFE, 0) + struct.pack("<I", 0) + b"\xff" * (4 * 108)

    def entry(name: str, kind: int, start: int, size: int, right: int, child: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, 0xFFFFFFFF,
                                                     right, child)
                + bytes(36) + struct.pack("<IQ", start, size))

    entries = [entry("Root Entry", 5, 0xFFFFFFFE, 0, 0xFFFFFFFF, 1)]
    for index, ((name, data), start) in enumerate(zip(bodies, starts), start=1):
        right = index + 1 if index < len(bodies) else 0xFFFFFFFF
        entries.append(entry(name, 2, start, len(data), right, 0xFFFFFFFF))
    directory = b"".join(entries).ljust(512, b"\0")
    content = b"".join(data.ljust(-(-len(data) // 512) * 512, b"\0") for _, data in bodies)
    return header + struct.pack("<128I", *fat) + directory + content
