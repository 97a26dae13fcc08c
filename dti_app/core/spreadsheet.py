"""Opening a spreadsheet or CSV file read-only and getting its sheets as rows of cell values.

Every spreadsheet (xlsx, xlsm, xls, ods; also one saved with the wrong extension) is first
checked by ``file_safety`` (what the bytes really are; encryption; damage, bombs, unsafe names,
DOCTYPE/ENTITY declarations, oversized sheets, content readers would disagree on), then read by
python-calamine from the very bytes that were checked. CSV goes through the csv module. The file
is only ever read. Anything that is not a usable spreadsheet raises ``InputFileError`` with one
issue saying why, so one bad file never stops a batch.
"""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from dti_app.core.errors import InputFileError
from dti_app.core.file_safety import MAX_CELLS, MAX_ROWS, FileCheck, inspect_spreadsheet
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.sheet import Sheet

__all__ = ["Sheet", "open_sheets", "SPREADSHEET_SUFFIXES", "TABLE_SUFFIXES", "MAX_FILE_BYTES",
           "MAX_ROWS"]

C = IssueCode
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TABLE_SUFFIXES = (".csv",)
MAX_FILE_BYTES = 50 * 1024 * 1024


def _fail(path: Path, code: IssueCode, sheet: str = "", **params: object) -> InputFileError:
    return InputFileError([Issue.error(code, file=path.name, sheet=sheet, params=params)])


def open_sheets(path: Path, data: bytes | None = None) -> list[Sheet]:
    """Every worksheet of ``path`` as rows of Python values (str, float, int, bool, date, '').

    ``data``: the file's bytes, when the caller has read them already.
    """
    path = Path(path)
    try:
        size = path.stat().st_size if data is None else len(data)
    except OSError:
        raise _fail(path, C.FILE_NOT_FOUND) from None
    if size == 0:
        raise _fail(path, C.FILE_EMPTY)
    if size > MAX_FILE_BYTES:
        raise _fail(path, C.FILE_TOO_LARGE, reason=f"{size / 1e6:.0f} MB")
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES + TABLE_SUFFIXES:
        raise _fail(path, C.FILE_UNSUPPORTED, reason=suffix or "?")
    try:
        if data is None:
            data = path.read_bytes()
        if suffix in TABLE_SUFFIXES:
            return [_read_csv(path, data)]
        check = inspect_spreadsheet(path, data)
    except OSError as exc:
        raise _fail(path, C.FILE_CORRUPT, reason=exc.strerror or exc) from None
    return _read_calamine(path, check)


def _read_csv(path: Path, raw: bytes) -> Sheet:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1258")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _fail(path, C.FILE_CORRUPT, reason="encoding")
    if "\x00" in text:
        raise _fail(path, C.FILE_NOT_SPREADSHEET, kind="nhị phân/binary", suffix=path.suffix)
    try:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = []
        for row in csv.reader(io.StringIO(text), dialect):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise _fail(path, C.FILE_SHEET_TOO_LARGE, sheet=path.stem,
                            rows=f"> {MAX_ROWS:,}", cols=len(row), limit=f"{MAX_ROWS:,}")
    except csv.Error as exc:
        raise _fail(path, C.FILE_CORRUPT, reason=f"CSV: {exc}") from None
    return Sheet(path.stem, rows, True, "csv")


@contextmanager
def _calamine_errors(path: Path, sheet: str = ""):
    """Turn whatever calamine raises for a bad file (or ``sheet``) into one
    ``InputFileError``."""
    from python_calamine import PasswordError

    try:
        yield
    except InputFileError:
        raise
    except PasswordError:
        raise _fail(path, C.FILE_ENCRYPTED) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine raises many types; a Rust panic is a BaseException
        raise _fail(path, C.FILE_CORRUPT, sheet=sheet,
                    reason=type(exc).__name__ + ": " + str(exc)[:200]) from None


def _load_sheet(path: Path, book, name: str) -> list[list[object]]:
    """Parse one sheet of an open calamine workbook, refusing one too large to hold."""
    with _calamine_errors(path, name):
        sheet = book.get_sheet_by_name(name)
        end = sheet.end or (-1, -1)          # rows come from A1 to the last cell
        rows, cols = end[0] + 1, end[1] + 1
        if rows > MAX_ROWS or rows * cols > MAX_CELLS:  # the checks measured it: never here
            raise _fail(path, C.FILE_SHEET_TOO_LARGE, sheet=name, rows=f"{rows:,}",
                        cols=f"{cols:,}", limit=f"{MAX_ROWS:,}")
        return sheet.to_python(skip_empty_area=False)


def _read_calamine(path: Path, check: FileCheck) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    with _calamine_errors(path):
        book = CalamineWorkbook.from_filelike(io.BytesIO(check.data))
        listed = book.sheets_metadata
        if check.kind == "xlsx" and [m.name for m in listed] != check.sheet_names:
            raise _fail(path, C.FILE_AMBIGUOUS_CONTENT, part="workbook.xml",
                        reason_vi="danh sách trang tính không rõ ràng",
                        reason_en="the list of sheets is not clear")
        sheets = []
        for meta in listed:
            if not str(meta.typ).endswith(".WorkSheet"):
                continue  # chart and dialog sheets hold no cells
            visible = str(meta.visible).endswith(".Visible")
            sheets.append(Sheet(meta.name, None, visible, check.kind,
                                loader=partial(_load_sheet, path, book, meta.name),
                                may_hide=partial(check.may_hide, meta.name),
                                stored=partial(check.stored_cells, meta.name)))
        return sheets
