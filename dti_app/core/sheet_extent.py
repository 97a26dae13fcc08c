"""Measuring a worksheet's XML as it streams: how many rows and columns it really spans.

A reader allocates a sheet's whole grid, from A1 to its farthest cell, so one cell at XFD1048576
or one row repeated a million times (ODS) is enough to exhaust memory. These scanners read the
sheet XML chunk by chunk and raise ``Refused`` (``FILE_SHEET_TOO_LARGE``) as soon as the extent
passes ``MAX_ROWS`` rows or ``MAX_CELLS`` cells, and on any DOCTYPE/ENTITY declaration
(``FILE_UNSAFE_XML``). ``file_safety`` decides which scanner each member gets.

- ``XlsxExtent``: regular expressions over the tags (fast); when cells do not all carry their
  reference it asks for ``XlsxCells``, an exact expat parse.
- ``OdsExtent``: expat over content.xml, counting repeated rows and columns only where cells hold
  something.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from dti_app.core.issues import IssueCode

__all__ = ["Refused", "Recount", "Extent", "XlsxExtent", "XlsxCells", "OdsExtent", "MAX_ROWS",
           "MAX_CELLS", "CHUNK"]

C = IssueCode
MAX_ROWS = 200_000
MAX_CELLS = 4_000_000
CHUNK = 1 << 20
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


class Refused(Exception):
    """A file refused for one reason code (turned into an issue by ``file_safety``)."""

    def __init__(self, code: IssueCode, **params: object):
        super().__init__(code.value)
        self.code, self.params = code, params


class Extent:
    """Streams a sheet's XML and stops as soon as it is larger than the limits."""

    sheet = ""

    def parser(self):
        parser = expat.ParserCreate(namespace_separator="|")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._declaration
        parser.EntityDeclHandler = self._declaration
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        return parser

    def _declaration(self, *args) -> None:
        raise Refused(C.FILE_UNSAFE_XML, part=self.sheet or "XML")

    def check(self, rows: int, cols: int) -> None:
        if rows > MAX_ROWS or rows * cols > MAX_CELLS:
            raise Refused(C.FILE_SHEET_TOO_LARGE, sheet=self.sheet, rows=f"{rows:,}",
                          cols=f"{cols:,}", limit=f"{MAX_ROWS:,}")

    def start(self, name: str, attrs: dict) -> None:
        raise NotImplementedError

    def end(self, name: str) -> None:
        return None


_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_FORMULA_TAG = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
# a cell's own reference as every writer puts it; anything unusual is measured exactly instead
_CELL_REF_START = re.compile(rb'<c r="[A-Z]{1,3}[1-9]\d{0,8}"')
_ROW_NUMBER = re.compile(rb'<row r="([1-9]\d{0,8})"')
_DEEP_REF = re.compile(rb' r="[A-Z]{1,3}([1-9]\d{2,8})"')
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})([1-9]\d{0,8})"')
_SINGLE = {n: f' r="{chr(64 + n)}'.encode() for n in range(1, 27)}


class XlsxExtent(Extent):
    """Rows and columns of a worksheet from its tags, with C-speed regular expressions.

    Cells normally carry their reference (r="F17"); when some do not (or write it unusually),
    their position depends on the cells before them, and the exact streaming parser
    (``XlsxCells``) measures the sheet instead.
    """

    def __init__(self, sheet: str):
        self.sheet = sheet
        self.rows = self.cells = self.refs = self.max_row = self.max_col = 0
        self.carry = b""
        self.formulas = False

    def parser(self):
        return self

    def Parse(self, data: bytes, final: bool) -> None:  # noqa: N802 - same call as expat's
        window = self.carry + data
        opened = window.rfind(b"<")
        cut = opened if not final and opened > window.rfind(b">") else len(window)
        part, self.carry = window[:cut], window[cut:]   # a tag cut in two waits for its end
        if len(self.carry) > CHUNK:
            raise Refused(C.FILE_CORRUPT, reason="XML: tag too long")
        # plain counts; prefixed tags (<x:c>) make the counts disagree with the references,
        # and the exact parser then measures the sheet
        self.rows += part.count(b"<row")
        self.cells += part.count(b"<c ") + part.count(b"<c>") + part.count(b"<c/>")
        if not self.formulas and (b"<f" in part or b":f" in part):
            self.formulas = _FORMULA_TAG.search(part) is not None
        self.refs += len(_CELL_REF_START.findall(part))
        # the farthest row: from the row tags, and from every cell at row 100 or beyond (a cell
        # cannot hide a far row inside a near <row>); rows 1–99 can add at most 99
        rows = _ROW_NUMBER.findall(part) + _DEEP_REF.findall(part)
        if rows:
            self.max_row = max(self.max_row, max(map(int, rows)))
        for letters, digits in _WIDE_REF.findall(part):  # columns past Z are rare: measure each
            self.max_col = max(self.max_col, _column_number(letters))
            self.max_row = max(self.max_row, int(digits))
        rows_seen = max(self.max_row, self.rows)
        if self.max_col < 26 and rows_seen * 26 > MAX_CELLS:
            # only a very long sheet needs its single-letter width: the farthest letter present
            for number in range(26, max(self.max_col, 0), -1):
                if _SINGLE[number] in part:
                    self.max_col = number
                    break
        self.check(rows_seen, max(self.max_col, 1))
        if final and self.refs != self.cells:
            raise Recount(XlsxCells(self.sheet))


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


class Recount(Exception):
    """Raised when a sheet must be measured again by the exact parser."""

    def __init__(self, scanner: Extent):
        super().__init__("recount")
        self.scanner = scanner


class XlsxCells(Extent):
    """Exact positions for worksheets whose cells omit their references (rare)."""

    def __init__(self, sheet: str):
        self.sheet = sheet
        self.row = self.col = self.max_row = self.max_col = 0
        self.formulas = True  # not measured here: let the reader look

    def start(self, name: str, attrs: dict) -> None:
        local = name.rpartition("|")[2]
        if local == "row":
            ref = attrs.get("r", "")
            self.row = int(ref) if ref.isdigit() else self.row + 1
            self.col = 0
        elif local == "c":
            match = _CELL_REF.match(attrs.get("r", ""))
            if match:
                self.col = _column_number(match.group(1).upper().encode())
                self.row = max(self.row, int(match.group(2)))
            else:
                self.col += 1
            self.max_col = max(self.max_col, self.col)
        else:
            return
        self.max_row = max(self.max_row, self.row)
        self.check(self.max_row, max(self.max_col, 1))


class OdsExtent(Extent):
    _ROWS_REPEATED = f"{_TABLE_NS}|number-rows-repeated"
    _COLS_REPEATED = f"{_TABLE_NS}|number-columns-repeated"
    _VALUE_TYPE = f"{_OFFICE_NS}|value-type"
    _FORMULA = f"{_TABLE_NS}|formula"
    _NAME = f"{_TABLE_NS}|name"

    def __init__(self):
        self.pos = self.col = self.cell_end = self.row_cols = 0
        self.rows = self.cols = 0
        self.filled = False

    def start(self, name: str, attrs: dict) -> None:
        ns, _, local = name.rpartition("|")
        if ns == _TABLE_NS:
            if local == "table":
                self.sheet = str(attrs.get(self._NAME, ""))
                self.pos = self.rows = self.cols = 0
            elif local == "table-row":
                self.pos += _count(attrs.get(self._ROWS_REPEATED))
                self.col = self.row_cols = 0
                self.filled = False
            elif local in ("table-cell", "covered-table-cell"):
                self.cell_end = self.col + _count(attrs.get(self._COLS_REPEATED))
                if self._VALUE_TYPE in attrs or self._FORMULA in attrs:
                    self._fill()
                self.col = self.cell_end
        elif ns == _TEXT_NS and local == "p":
            self._fill()

    def _fill(self) -> None:
        self.filled = True
        self.row_cols = max(self.row_cols, self.cell_end)

    def end(self, name: str) -> None:
        if name == f"{_TABLE_NS}|table-row" and self.filled:
            self.rows = self.pos
            self.cols = max(self.cols, self.row_cols)
            self.check(self.rows, max(self.cols, 1))


def _count(text: object) -> int:
    value = str(text or "1")
    return int(value) if value.isdigit() and len(value) < 12 else 1
