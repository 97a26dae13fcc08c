"""Opening a spreadsheet or CSV file read-only and getting its sheets as rows of cell values.

All formats go through python-calamine (xlsx, xlsm, xls, ods) or the csv module; the file is only
ever read. Anything that is not a usable spreadsheet raises ``InputFileError`` with one issue
saying why, so one bad file never stops a batch.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from dti_app.core.errors import InputFileError
from dti_app.core.issues import Issue, IssueCode

__all__ = ["Sheet", "open_sheets", "SPREADSHEET_SUFFIXES", "TABLE_SUFFIXES", "MAX_FILE_BYTES"]

C = IssueCode
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TABLE_SUFFIXES = (".csv",)
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    visible: bool = True


def _fail(path: Path, code: IssueCode, **params: object) -> InputFileError:
    return InputFileError([Issue.error(code, file=path.name, params=params)])


def open_sheets(path: Path) -> list[Sheet]:
    """Every sheet of ``path`` as rows of Python values (str, float, int, bool, date, None)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise _fail(path, C.FILE_NOT_FOUND) from None
    if size == 0:
        raise _fail(path, C.FILE_EMPTY)
    if size > MAX_FILE_BYTES:
        raise _fail(path, C.FILE_TOO_LARGE, reason=f"{size / 1e6:.0f} MB")
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return [_read_csv(path)]
    if suffix not in SPREADSHEET_SUFFIXES:
        raise _fail(path, C.FILE_UNSUPPORTED, reason=suffix or "?")
    return _read_calamine(path)


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _fail(path, C.FILE_CORRUPT, reason="encoding")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:
        rows = list(csv.reader(io.StringIO(text)))
    return Sheet(path.stem, [list(r) for r in rows[:MAX_ROWS]])


def _read_calamine(path: Path) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() != ".xls":
        raise _fail(path, C.FILE_ENCRYPTED)
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.height > MAX_ROWS:
                raise _fail(path, C.FILE_TOO_LARGE, reason=f"{sheet.height} dòng/rows")
            visible = str(getattr(meta, "visible", "Visible")).endswith("Visible")
            sheets.append(Sheet(meta.name, sheet.to_python(skip_empty_area=False), visible))
        return sheets
    except InputFileError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise _fail(path, C.FILE_CORRUPT, reason=type(exc).__name__ + ": " + str(exc)[:200]) \
            from None
