"""Measuring an .xlsx worksheet from its bytes: how large a grid the reader will build, cheaply.

python-calamine reads a sheet's cells between its first ``sheetData`` start tag and the first
``sheetData`` end tag, places each cell at its ``r`` reference (letters in either case), and the
project then builds the grid from A1 to the farthest cell. One cell at XFD1048576 is enough to
exhaust memory, so every member of the zip is measured before calamine sees it.

``XlsxScan`` does it with C-speed byte counts and regular expressions, chunk by chunk, and never
under-estimates: the farthest row and column are the largest numbers and letters of any ``r``
attribute in the cell data (row tags included). It only answers when every cell tag carries its
own unprefixed ``r``; anything else sets ``exact`` (the reason), and ``sheet_exact`` then reads
that sheet with a real XML parser:

- a cell without ``r`` (its place depends on the cells before it);
- a prefixed element, or a namespace declared, in the cell data (a reader that matches names
  without namespaces, as calamine does, could see cells that a namespace-aware one does not);
- a default namespace other than SpreadsheetML's before the cell data;
- a cell or row tag after the end of the cell data (that end tag might not be a real one).

A CDATA section in the cell data is refused outright: calamine drops its text while other readers
keep it. ``may_hide`` tells, from bytes, whether a sheet may hold a formula or an error value
(calamine gives both as an empty cell; ``xlsx_cells`` then tells which cell it was).
"""

from __future__ import annotations

import re

from dti_app.core.refused import ambiguous, too_large
from dti_app.core.safe_xml import SPREADSHEET_NS

__all__ = ["XlsxScan", "MAX_ROWS", "MAX_CELLS", "check_extent", "column_number", "may_hide"]

MAX_ROWS = 200_000
MAX_CELLS = 4_000_000
MAX_TAIL = 1 << 20          # longest tag that may be cut between two chunks
_NAME = rb"[^\s<>/!?=\"':]+"
_PREFIXED_TAG = re.compile(rb"<" + _NAME + rb":")
_DATA_TAG = re.compile(rb"sheetData[\s/>]")
_TAG_OPENING = re.compile(rb"/?(?:" + _NAME + rb":)?")
_CELL = re.compile(rb"<c[\s/>]")
# A tag starting <c that is not a near cell written as every writer writes it, <c r="F17"...
# with one letter and at most five digits (A1 to Z99999: 2.6 million cells at most, within the
# limits whatever else the sheet holds). When there is none, the sheet is measured. Otherwise
# every cell tag with well-formed attributes and an unprefixed r anywhere among them gives its
# reference's letters and digits.
_NOT_NEAR = re.compile(rb'<c(?! r="[A-Za-z][0-9]{1,5}")')
_CELL_WITH_R = re.compile(
    rb"<c(?:\s+(?!r\s*=)[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s+r\s*=\s*[\"']([A-Za-z]*)([0-9]*)")
_CELLISH_TAG = re.compile(rb"[<:](?:c|row)[\s/>]")
_FORMULA = re.compile(rb"<f[\s/>]")
_ERROR = re.compile(rb"(?<![\w:.-])t\s*=\s*[\"']e[\"']")
_DEFAULT_NS = re.compile(rb"xmlns\s*=\s*[\"']([^\"']*)[\"']")
_MAIN = {ns.encode() for ns in SPREADSHEET_NS}
_BEFORE, _IN, _AFTER = 0, 1, 2


def column_number(letters: str | bytes) -> int:
    """'A' -> 1, 'xfd' -> 16384."""
    number = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.upper():
        number = number * 26 + (ch if isinstance(ch, int) else ord(ch)) - 64
    return number


def _data_tag(text: bytes, start: int, end: int, closing: bool) -> tuple[int, int] | None:
    """(where it starts, where its name ends) of the first ``<sheetData`` (or ``</sheetData``)
    tag, any prefix, in ``text[start:end]``; None if there is none."""
    for found in _DATA_TAG.finditer(text, start, end):
        opened = text.rfind(b"<", max(found.start() - 256, start), found.start())
        if opened >= 0 and _TAG_OPENING.fullmatch(text, opened + 1, found.start()) and \
                (text[opened + 1:opened + 2] == b"/") == closing:
            return opened, found.end()
    return None


def may_hide(data: bytes) -> bool:
    """Whether a sheet part may hold a formula or an error value (never False when it does)."""
    if b"<f" in data and _FORMULA.search(data) is not None:
        return True
    return (b'"e"' in data or b"'e'" in data) and _ERROR.search(data) is not None


def check_extent(sheet: str, rows: int, cols: int) -> None:
    """Refuse a grid of ``rows`` × ``cols`` beyond the limits."""
    if rows > MAX_ROWS or rows * cols > MAX_CELLS:
        raise too_large(sheet, rows, cols, MAX_ROWS)


class XlsxScan:
    """One worksheet part, measured as its bytes are fed (see the module docstring)."""

    def __init__(self, part: str, sheet: str = ""):
        self.part, self.sheet = part, sheet or part
        self.state = _BEFORE
        self.tail = b""
        self.cells = self.placed = 0        # cell tags, and those with their own r
        self.max_row = self.max_col = 0
        self.exact = ""                     # why the exact parser must measure it ('' = no)
        self.defaults: set[bytes] = set()   # the default namespaces declared before the data

    def feed(self, data: bytes, final: bool = False) -> None:
        text = self.tail + data if self.tail else data
        cut = len(text)
        if not final:
            opened = text.rfind(b"<")
            if opened > text.rfind(b">"):
                cut = opened                  # a tag cut in two waits for its end
        self.tail = text[cut:]
        if len(self.tail) > MAX_TAIL:
            raise ambiguous(self.part, "thẻ XML quá dài", "an XML tag too long")
        self._scan(text, 0, cut)
        if final and self.state != _AFTER and not self.exact and self.cells:
            self.exact = "cell data without an end"

    def _scan(self, text: bytes, start: int, end: int) -> None:
        """Look at ``text[start:end]`` (indices, so that no copy is made)."""
        if self.state == _AFTER:
            if not self.exact and _CELLISH_TAG.search(text, start, end):
                self.exact = "cells after the cell data"
            return
        if self.state == _BEFORE:
            found = _data_tag(text, start, end, closing=False) \
                if text.find(b"sheetData", start, end) >= 0 else None
            opened = end if found is None else found[0]
            self.defaults.update(_DEFAULT_NS.findall(text, start, opened))
            if found is None:
                return
            self.state = _IN
            if len(self.defaults) != 1 or not self.defaults <= _MAIN:
                self.exact = self.exact or "not one SpreadsheetML default namespace"
            start = opened
        close = text.find(b"/sheetData", start, end)
        if close < 0:
            close = text.find(b":sheetData", start, end)
        if close >= 0:
            found = _data_tag(text, max(close - 256, start), end, closing=True)
            if found is not None:
                closed = text.find(b">", found[1], end)
                closed = end if closed < 0 else closed + 1
                self.state = _AFTER
                self._cells(text, start, closed)
                self._scan(text, closed, end)
                return
        self._cells(text, start, end)

    def _cells(self, text: bytes, start: int, end: int) -> None:
        if text.find(b"<![CDATA[", start, end) >= 0:
            raise ambiguous(self.part, "đoạn CDATA trong dữ liệu ô", "a CDATA section in cell data")
        if not self.exact:
            if text.find(b"xmlns", start, end) >= 0:
                self.exact = "a namespace declared in the cell data"
            elif text.find(b":", start, end) >= 0 and _PREFIXED_TAG.search(text, start, end):
                self.exact = "a prefixed element in the cell data"
        if _NOT_NEAR.search(text, start, end) is None:
            return                         # every cell is <c r="A1" .. <c r="Z99999"
        refs = _CELL_WITH_R.findall(text, start, end)
        self.cells += len(_CELL.findall(text, start, end))
        self.placed += len(refs)
        if self.cells != self.placed and not self.exact:
            self.exact = "a cell without its reference"
        if refs:
            letters = {ref[0] for ref in refs}
            digits = [ref[1] for ref in refs if ref[1]]
            if digits and max(map(len, digits)) > 9:
                raise too_large(self.sheet, "> 999,999,999", max(self.max_col, 1), MAX_ROWS)
            if max(map(len, letters)) > 3:
                raise too_large(self.sheet, max(self.max_row, 1), "> 16,384", MAX_ROWS)
            if digits:
                self.max_row = max(self.max_row, max(map(int, digits)))
            self.max_col = max([self.max_col, *(column_number(x) for x in letters if x)])
        check_extent(self.sheet, self.max_row, max(self.max_col, 1))
