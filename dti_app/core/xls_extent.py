"""Checking a legacy .xls workbook (an OLE compound file) before a reader loads it.

``check_xls`` opens the compound file with ``olefile`` and refuses (``Refused``):

- an encrypted OOXML package in an OLE container (streams ``EncryptionInfo``/
  ``EncryptedPackage``), and BIFF records encrypted with a password (a ``FILEPASS`` record):
  ``FILE_ENCRYPTED``;
- a compound file without a ``Workbook`` (or ``Book``) stream: ``FILE_NOT_SPREADSHEET``;
- a damaged container: ``FILE_CORRUPT``;
- a sheet too large to hold: a reader allocates a sheet as one dense grid from its first to its
  last cell, so a 6 kB .xls with two cells, at A1 and IV65536, costs a gigabyte of memory. The
  BIFF records of the workbook stream are walked and the largest sheet, as (name, rows,
  columns) between its first and last cell record, must be within the limits
  (``FILE_SHEET_TOO_LARGE``).

``xls_extent`` gives that largest sheet, or None for anything it cannot follow.
``xls_errors`` finds the cells holding an error value (#DIV/0!, #N/A ...), which a reader gives
as empty cells: a formula's error result, or an error typed as a value.
"""

from __future__ import annotations

import io
import struct

import olefile

from dti_app.core.issues import IssueCode
from dti_app.core.refused import Refused
from dti_app.core.sheet_extent import check_extent

__all__ = ["xls_extent", "check_xls", "xls_errors"]

C = IssueCode
_CELLS = {0x0006, 0x00FD, 0x0203, 0x0204, 0x027E, 0x0201, 0x0205, 0x00D6}  # row, col first
_MULTI = {0x00BD, 0x00BE}              # MULRK, MULBLANK: row, first col, ..., last col
_BOF, _EOF, _SHEET, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F
_FORMULA, _BOOLERR = 0x0006, 0x0205
ERROR_TEXT = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
              0x24: "#NUM!", 0x2A: "#N/A"}


def _sheet_name(body: bytes) -> tuple[int, str]:
    offset, length = struct.unpack_from("<I", body)[0], body[6]
    wide = len(body) > 7 and body[7] & 1
    raw = body[8:8 + length * (2 if wide else 1)]
    return offset, raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _walk(stream: bytes) -> tuple[str, int, int] | None:
    """The largest sheet's (name, rows, cols); ``_Encrypted`` at a FILEPASS record."""
    names: dict[int, str] = {}
    largest: tuple[str, int, int] | None = None
    pair, one = struct.Struct("<HH").unpack_from, struct.Struct("<H").unpack_from
    cells, multi = frozenset(_CELLS), frozenset(_MULTI)
    start = pos = 0
    top = left = 1 << 20
    bottom = right = -1
    end = len(stream) - 4
    while pos <= end:
        kind, size = pair(stream, pos)
        if kind in cells and size >= 6:      # the hot path: one comparison per bound
            row, col = pair(stream, pos + 4)
            if row < top:
                top = row
            if row > bottom:
                bottom = row
            if col < left:
                left = col
            if col > right:
                right = col
        elif kind in multi and size >= 6:
            row, first = pair(stream, pos + 4)
            last = one(stream, pos + 2 + size)[0]
            top, bottom = min(top, row), max(bottom, row)
            left, right = min(left, first), max(right, last)
        elif kind == _BOF:
            start, top, left, bottom, right = pos, 1 << 20, 1 << 20, -1, -1
        elif kind == _EOF and bottom >= 0:
            rows, cols = bottom - top + 1, max(right - left + 1, 1)
            if largest is None or rows * cols > largest[1] * largest[2]:
                largest = (names.get(start, ""), rows, cols)
            bottom = -1
        elif kind == _SHEET and size >= 8:
            offset, name = _sheet_name(stream[pos + 4:pos + 4 + size])
            names[offset] = name
        elif kind == _FILEPASS:
            raise _Encrypted
        pos += 4 + size
    return largest


class _Encrypted(Exception):
    """The workbook's records are encrypted (a FILEPASS record)."""


_OLE_ERRORS = (OSError, ValueError, IndexError, KeyError, TypeError, struct.error,
               AttributeError, RecursionError, MemoryError)


def _workbook_stream(data: bytes) -> bytes:
    """The BIFF workbook stream of an OLE compound file; ``Refused`` when there is none."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except _OLE_ERRORS as exc:
        raise Refused(C.FILE_CORRUPT, reason=f"OLE: {exc}"[:200]) from None
    with ole:
        try:
            names = [entry[-1] for entry in ole.listdir(streams=True, storages=True)]
            folded = [name.casefold() for name in names]
            if "encryptioninfo" in folded or "encryptedpackage" in folded:
                raise Refused(C.FILE_ENCRYPTED)
            if len(set(folded)) != len(folded):
                raise Refused(C.FILE_CORRUPT, reason="OLE: two streams of the same name")
            for wanted in ("Workbook", "Book"):
                if wanted in names:
                    return ole.openstream(wanted).read()
        except _OLE_ERRORS as exc:
            raise Refused(C.FILE_CORRUPT, reason=f"OLE: {exc}"[:200]) from None
    raise Refused(C.FILE_NOT_SPREADSHEET, kind="OLE", suffix=".xls")


def check_xls(data: bytes) -> None:
    """Refuse the .xls file ``data`` if it is encrypted, damaged or too large (module doc)."""
    stream = _workbook_stream(data)
    try:
        largest = _walk(stream)
    except _Encrypted:
        raise Refused(C.FILE_ENCRYPTED) from None
    except (struct.error, IndexError) as exc:
        raise Refused(C.FILE_CORRUPT, reason=f"BIFF: {exc}"[:200]) from None
    if largest is not None:
        check_extent(*largest)


def xls_extent(data: bytes) -> tuple[str, int, int] | None:
    """The largest sheet of an .xls file's bytes: (name, rows, columns); None if unreadable or
    encrypted."""
    try:
        return _walk(_workbook_stream(data))
    except (Refused, _Encrypted, struct.error, IndexError):
        return None


def xls_errors(data: bytes) -> dict[str, dict[str, str]]:
    """Sheet name -> {cell reference: error text} of every cell holding an error value."""
    from dti_app.core.issues import cell_ref

    try:
        stream = _workbook_stream(data)
    except Refused:
        return {}
    names: dict[int, str] = {}
    found: dict[int, dict[str, str]] = {}
    start = pos = 0
    end = len(stream) - 4
    while pos <= end:
        kind, size = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + size]
        if kind == _BOF:
            start = pos
        elif kind == _SHEET and size >= 8:
            offset, name = _sheet_name(body)
            names[offset] = name
        elif kind == _FORMULA and size >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
            row, col = struct.unpack_from("<HH", body)
            found.setdefault(start, {})[cell_ref(row, col)] = ERROR_TEXT.get(body[8], "#?")
        elif kind == _BOOLERR and size >= 8 and body[7] == 1:
            row, col = struct.unpack_from("<HH", body)
            found.setdefault(start, {})[cell_ref(row, col)] = ERROR_TEXT.get(body[6], "#?")
        pos += 4 + size
    return {names.get(offset, ""): cells for offset, cells in found.items()}
