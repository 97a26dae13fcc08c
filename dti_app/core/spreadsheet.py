"""Opening a spreadsheet or CSV file read-only and getting its sheets as rows of cell values.

Spreadsheets (xlsx, xlsm, xls, ods) are first checked by ``file_safety`` (what the bytes really
are; encryption; zip damage, bombs, unsafe names, DOCTYPE/ENTITY declarations, oversized sheets),
then read by python-calamine; a file saved with the wrong extension is read by its content. CSV
goes through the csv module. The file is only ever read. Anything that is not a usable
spreadsheet raises ``InputFileError`` with one issue saying why, so one bad file never stops a
batch.
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
from dti_app.core.xlsx_plain import PLAIN_MAX_BYTES, read_plain_xlsx

__all__ = ["Sheet", "open_sheets", "SPREADSHEET_SUFFIXES", "TABLE_SUFFIXES", "MAX_FILE_BYTES",
           "MAX_ROWS", "PLAIN_MAX_BYTES"]

C = IssueCode
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TABLE_SUFFIXES = (".csv",)
MAX_FILE_BYTES = 50 * 1024 * 1024
PLAIN_SUFFIXES = (".xlsx", ".xlsm")  # tried first by ``xlsx_plain`` (one pass), else calamine
SUFFIX_KIND = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}


def _fail(path: Path, code: IssueCode, sheet: str = "", **params: object) -> InputFileError:
    return InputFileError([Issue.error(code, file=path.name, sheet=sheet, params=params)])


def open_sheets(path: Path, data: bytes | None = None) -> list[Sheet]:
    """Every sheet of ``path`` as rows of Python values (str, float, int, bool, date, '').

    ``data``: the file's bytes, when the caller has read them already.
    """
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
    try:
        if suffix in PLAIN_SUFFIXES and size <= PLAIN_MAX_BYTES:
            if data is None:
                data = path.read_bytes()
            sheets = read_plain_xlsx(data, partial(_open_general, path))
            if sheets is not None:
                return sheets
    except OSError as exc:
        raise _fail(path, C.FILE_CORRUPT, reason=exc.strerror or exc) from None
    return _open_general(path)


def _open_general(path: Path) -> list[Sheet]:
    """Any spreadsheet: checked by ``file_safety``, then read by calamine."""
    try:
        check = inspect_spreadsheet(path)
    except OSError as exc:
        raise _fail(path, C.FILE_CORRUPT, reason=exc.strerror or exc) from None
    return _read_calamine(path, check)


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
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
    return Sheet(path.stem, rows, True, "csv", False)


@contextmanager
def _calamine_errors(path: Path):
    """Turn whatever calamine raises for a bad file into one ``InputFileError``."""
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
        raise _fail(path, C.FILE_CORRUPT, reason=type(exc).__name__ + ": " + str(exc)[:200]) \
            from None


def _load_sheet(path: Path, book, name: str) -> list[list[object]]:
    """Parse one sheet of an open calamine workbook, refusing one too large to hold."""
    with _calamine_errors(path):
        sheet = book.get_sheet_by_name(name)
        if sheet.height > MAX_ROWS or sheet.height * sheet.width > MAX_CELLS:
            raise _fail(path, C.FILE_SHEET_TOO_LARGE, sheet=name, rows=f"{sheet.height:,}",
                        cols=f"{sheet.width:,}", limit=f"{MAX_ROWS:,}")
        return sheet.to_python(skip_empty_area=False)


def _read_calamine(path: Path, check: FileCheck) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    with _calamine_errors(path):
        if SUFFIX_KIND.get(path.suffix.lower()) == check.kind:
            book = CalamineWorkbook.from_path(str(path))
        else:  # saved with the wrong extension: let calamine go by the content
            book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        sheets = []
        for meta in book.sheets_metadata:
            visible = str(getattr(meta, "visible", "Visible")).endswith(".Visible")
            formulas = check.kind == "xlsx" and (check.formula_sheets is None
                                                 or meta.name in check.formula_sheets)
            sheets.append(Sheet(meta.name, None, visible, check.kind, formulas,
                                loader=partial(_load_sheet, path, book, meta.name)))
        return sheets
