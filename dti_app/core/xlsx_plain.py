"""Reading a plain .xlsx file in one pass: safety checks and cells from the same inflated bytes.

Most self-assessment workbooks are small and written the usual way (our template, Excel,
LibreOffice). For those, ``read_plain_xlsx`` reads the zip's directory, inflates each member once,
applies the checks ``file_safety`` would apply, and reads the cells with a few regular
expressions, only in the rows and columns a reader asks for (``Sheet.head``, ``Sheet.column``):
several times faster than checking the file and then handing it to calamine.

It only answers for files it fully understands. Whenever a file is anything but plain (large, a
member stored another way, a DOCTYPE or CDATA anywhere, a cell written in an unusual form, a number
formatted as a date or time, phonetic text, an error value, a non-UTF-8 part ...) it returns None
and the caller reads the file the general way (``file_safety`` + calamine), which reports any
problem. So a file this module reads is one the general way accepts too, and the rows are the ones
calamine gives (the tests compare both ways on every workbook of the test corpus and on random
ones). The zip's members come from ``xlsx_zip``, the workbook's parts (sheet list, shared
strings, styles) and the text rules from ``xlsx_parts``.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter

from dti_app.core.sheet import Sheet
from dti_app.core.sheet_extent import MAX_CELLS, MAX_ROWS
from dti_app.core.xlsx_parts import (
    XML_SPACE,
    checked,
    dated_styles,
    shared_strings,
    unescape,
    worksheets,
)
from dti_app.core.xlsx_zip import NotPlain, inflate_members, kept_and_noted, note_kept

__all__ = ["read_plain_xlsx", "PLAIN_MAX_BYTES"]

PLAIN_MAX_BYTES = 4 << 20        # larger files go the general way

# One cell as the usual writers put it: its reference, optional s and t, then self-closing, or a
# value (after an optional plain formula), or one inline string. Content of any other form sets
# the "other" group, attributes of any other form (or none) the "odd" group: the file is then
# read the general way. Whatever follows the reference, the pattern matches.
_CELL_TAIL = (
    rb'(?:(?: s="([0-9]{1,6})")?(?: t="([a-zA-Z]{1,9})")?'
    rb'( ?/)?>(?:(?:<f\b[^>]*>[^<]*</f>|<f\b[^>]*/>)?(?:<v>([^<]*)</v>|<v ?/>)?</c>'
    rb'|<is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>|(?=(<)))|(?=([\s\S])))')
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"' + _CELL_TAIL)
# A cell without its reference first, or not written as A1 in columns A-Z and rows 1-99,999.
# A file with one goes the general way: only such a sheet can be too large to read (the limits
# in sheet_extent), and without it every cell of a column starts with the same text.
_UNUSUAL_CELL = re.compile(rb'<c(?=[\s>/])(?! r="[A-Z][1-9][0-9]{0,4}")')
_ROW_NUMBER = re.compile(rb'<row r="([0-9]{1,7})"')
_FORMULA = re.compile(rb"<f[\s/>]")  # a formula element (sheets read here carry no prefix)
_EMPTY_KINDS = (b"", b"n", b"str", b"inlineStr")  # types whose cell may hold no value
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


_NOT_PLAIN = (NotPlain, ValueError, KeyError, IndexError, struct.error, zlib.error,
              UnicodeDecodeError)


def read_plain_xlsx(data: bytes, general: Callable[[], list[Sheet]]) -> list[Sheet] | None:
    """The sheets of a plain .xlsx (``data`` is the whole file), or None to read it the general
    way.

    Sheets are parsed when a reader first looks at them, and only as far as it looks (its first
    rows, or some columns: ``Sheet.head``, ``Sheet.column``). A sheet found not to be plain then
    is taken from ``general()`` (the whole file read the general way, once).
    """
    if len(data) > PLAIN_MAX_BYTES or not data.startswith(b"PK\x03\x04"):
        return None
    try:
        book = _PlainBook(data, general)
        sheets = []
        for name, visible, xml in book.sheets():
            if not _cells_plain(xml):
                return None  # see _UNUSUAL_CELL
            part = _PlainSheet(book, name, xml)
            sheets.append(Sheet(name, None, visible, "xlsx", part.has_formula,
                                loader=part.rows, partial=part))
        return sheets
    except _NOT_PLAIN:
        return None


class _PlainBook:
    """The inflated members of one plain .xlsx, and what its sheets need to be read."""

    def __init__(self, data: bytes, general: Callable[[], list[Sheet]]):
        self.parts = inflate_members(data)
        if "mimetype" in self.parts or "[Content_Types].xml" not in self.parts:
            raise NotPlain
        self._general = general
        self._general_sheets: list[Sheet] | None = None
        self._strings: list[str] | None = None
        self._dated_styles: frozenset[bytes] | None = None

    def general_rows(self, name: str) -> list[list[object]]:
        """One sheet's rows read the general way (the whole file is read once)."""
        if self._general_sheets is None:
            self._general_sheets = self._general()
        return next((s.rows for s in self._general_sheets if s.name == name), [])

    def sheets(self) -> list[tuple[str, bool, bytes]]:
        """(name, visible, sheet XML) of every worksheet, in the workbook's order."""
        found = []
        for name, visible, path in worksheets(self.parts["xl/workbook.xml"],
                                               self.parts["xl/_rels/workbook.xml.rels"]):
            if path not in self.parts:
                raise NotPlain  # a sheet the file does not hold
            found.append((name, visible, checked(self.parts[path], b"<sheetData")))
        return found

    def placed(self, xml: bytes, cells: list[tuple]) -> list[tuple[int, int, object]]:
        """(row, column, value) of every cell holding a value, converted as calamine does."""
        escaped = b"&" in xml
        dated = self._dated() if b' s="' in xml else ()
        placed: list[tuple[int, int, object]] = []
        add = placed.append
        columns: dict[bytes, int] = {}
        for letters, digits, style, kind, closed, value, inline, other, odd in cells:
            if value:
                if not kind or kind == b"n":
                    if style in dated:
                        raise NotPlain  # a date, time or duration: calamine converts it
                    item: object = float(value)
                elif kind == b"s":
                    item = self._shared(int(value))
                    if not item:
                        continue
                elif kind == b"str":
                    item = unescape(value.decode()) if escaped else value.decode()
                elif kind == b"b" and (value == b"0" or value == b"1"):
                    item = value == b"1"
                else:
                    raise NotPlain  # an error value, an ISO date, an unknown type
            elif inline:
                if kind != b"inlineStr" or inline != inline.strip(XML_SPACE):
                    raise NotPlain  # calamine trims an unpreserved <t>: let it decide
                item = unescape(inline.decode()) if escaped else inline.decode()
            elif closed:
                continue  # <c .../>: no value
            elif odd or other or kind not in _EMPTY_KINDS:
                raise NotPlain  # rich text, other attributes, a formula of another form ...
            elif kind == b"inlineStr" or kind == b"str":
                raise NotPlain  # an empty text: calamine counts it as a cell
            else:
                continue  # a number cell without a value
            col = columns.get(letters)
            if col is None:
                col = columns[letters] = _column_index(letters)
            add((int(digits) - 1, col, item))
        return placed

    def _shared(self, index: int) -> str:
        if self._strings is None:
            self._strings = shared_strings(self.parts.get("xl/sharedStrings.xml", b""))
        return self._strings[index]

    def _dated(self) -> frozenset[bytes]:
        """The cell styles (cellXfs indices) that show a number as anything but a number."""
        if self._dated_styles is None:
            self._dated_styles = dated_styles(self.parts.get("xl/styles.xml", b""))
        return self._dated_styles


class _PlainSheet:
    """One worksheet's XML, read whole (``rows``), by its first rows or by columns."""

    def __init__(self, book: _PlainBook, name: str, xml: bytes):
        self.book, self.name, self.xml = book, name, xml
        self._text_checked = False

    def has_formula(self) -> bool:
        return _FORMULA.search(self.xml) is not None

    def rows(self) -> list[list[object]]:
        """The rows from A1 to the last cell holding a value, as calamine gives them."""
        try:
            placed = self._read(0, len(self.xml))
        except _NOT_PLAIN:
            return self.book.general_rows(self.name)
        if not placed:
            return []
        height = _FIRST(max(placed, key=_FIRST)) + 1
        width = _SECOND(max(placed, key=_SECOND)) + 1
        if height > MAX_ROWS or height * width > MAX_CELLS:
            return self.book.general_rows(self.name)  # which refuses it with the sizes
        return _grid(placed, height, width)

    def head(self, n: int) -> list[list[object]] | None:
        """The first ``n`` rows (each as long as its last value); None: read the whole sheet."""
        end = len(self.xml)
        for match in _ROW_NUMBER.finditer(self.xml):
            if int(match.group(1)) > n:
                end = match.start()
                break
        try:
            placed = [cell for cell in self._read(0, end) if cell[0] < n]
        except _NOT_PLAIN:
            return None
        if not placed:
            return []
        height = _FIRST(max(placed, key=_FIRST)) + 1
        return _grid(placed, height, _SECOND(max(placed, key=_SECOND)) + 1)

    def columns(self, js: tuple[int, ...]) -> dict[int, list[object]] | None:
        """Columns ``js``, each from row 0 to its last value, read in one pass over the sheet;
        None: read the whole sheet."""
        try:
            self._check_text()
            letters = b"|".join(_column_letters(j) for j in js)
            cells = _column_pattern(letters).findall(self.xml)
            placed = self.book.placed(self.xml, cells)
        except _NOT_PLAIN:
            return None
        found: dict[int, list[object]] = {j: [] for j in js}
        for row, col, item in placed:
            if row >= MAX_ROWS:
                return None
            column = found[col]
            if row >= len(column):
                column.extend([""] * (row + 1 - len(column)))
            column[row] = item
        return found

    def _check_text(self) -> None:
        if not self._text_checked:
            checked(self.xml, b"<sheetData", text=True)
            self._text_checked = True

    def _read(self, start: int, end: int) -> list[tuple[int, int, object]]:
        self._check_text()
        xml = self.xml
        # every cell starts as <c r="A1" (_cells_plain checked the sheet), and the pattern's
        # last branches match whatever follows: so every cell is found, flagged if unusual
        return self.book.placed(xml, _CELL.findall(xml, start, end))


def _grid(placed: list[tuple[int, int, object]], height: int, width: int) -> list[list[object]]:
    grid: list[list[object]] = [[""] * width for _ in range(height)]
    for row, col, item in placed:
        grid[row][col] = item
    return grid


@lru_cache(maxsize=64)
def _column_pattern(letters: bytes) -> re.Pattern:
    return re.compile(rb'<c r="(' + letters + rb')([1-9][0-9]{0,6})"' + _CELL_TAIL)


def _column_letters(j: int) -> bytes:
    letters = b""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = bytes([65 + rem]) + letters
    return letters


def _cells_plain(xml: bytes) -> bool:
    """No cell of the sheet is unusual (see _UNUSUAL_CELL); remembered for shared sheets."""
    if kept_and_noted(xml, "cells"):
        return True
    if _UNUSUAL_CELL.search(xml):
        return False
    note_kept(xml, "cells")
    return True


def _column_index(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number - 1
