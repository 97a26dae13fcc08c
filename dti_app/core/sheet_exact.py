"""Reading an .xlsx worksheet's cell data with a real XML parser, cell by cell, as calamine does.

For the sheets ``sheet_extent`` cannot measure from bytes alone (cells without a reference,
prefixes, namespaces declared in the cell data), and for ``xlsx_cells``. ``CellPlacer`` puts each
cell where python-calamine puts it: at its own ``r`` (unprefixed; letters in either case), else
after the previous cell of the row; a row without ``r`` follows the previous row. ``CellData`` is
a namespace-aware SAX handler over the first ``sheetData`` element that

- refuses (``FILE_AMBIGUOUS_CONTENT``) a cell-data element (``row``, ``c``, ``v``, ``f``, ``is``,
  ``t``, ``r``, ``rPh``) outside SpreadsheetML's namespace: calamine matches names without their
  namespace and would read it, a namespace-aware reader (openpyxl, Excel) would not;
- measures the grid (``FILE_SHEET_TOO_LARGE`` as soon as it is too large);
- notes whether any cell holds a formula or an error value, and hands every cell to ``on_cell``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from xml.sax.handler import ContentHandler

from dti_app.core.issues import IssueCode
from dti_app.core.refused import Refused, ambiguous
from dti_app.core.safe_xml import SPREADSHEET_NS, XmlError, stream_xml
from dti_app.core.sheet_extent import check_extent, column_number

__all__ = ["CellPlacer", "CellData", "measure_exactly"]

_REF = re.compile(r"([A-Za-z]*)([0-9]*)")
_CELL_NAMES = frozenset({"sheetData", "row", "c", "v", "f", "is", "t", "r", "rPh"})


def _parse(ref: str, what: str) -> tuple[int, int]:
    """A reference as calamine reads it: (row, column) from 0; column -1 when it has none."""
    match = _REF.fullmatch(ref)
    if match is None or not match.group(2) or int(match.group(2)[:12]) == 0 or \
            (what == "c" and not match.group(1)):
        raise Refused(IssueCode.FILE_CORRUPT, reason=f"XML: {what} r={ref[:20]!r}")
    return int(match.group(2)[:12]) - 1, column_number(match.group(1)[:4]) - 1


class CellPlacer:
    """Row and column of each cell, as python-calamine places them (see the module doc)."""

    def __init__(self) -> None:
        self.row = self.col = 0

    def start_row(self, ref: str | None) -> None:
        if ref is not None:
            self.row = _parse(ref, "row")[0]

    def end_row(self) -> None:
        self.row += 1
        self.col = 0

    def place(self, ref: str | None) -> tuple[int, int]:
        row, col = _parse(ref, "c") if ref is not None else (self.row, self.col)
        self.col = col + 1
        return row, col


class CellData(ContentHandler):
    """Streams one sheet's cell data (see the module docstring)."""

    def __init__(self, part: str, sheet: str = "",
                 on_cell: Callable[[int, int, dict], None] | None = None):
        super().__init__()
        self.part, self.sheet = part, sheet or part
        self.on_cell = on_cell
        self.placer = CellPlacer()
        self.state = 0                      # 0 before the cell data, 1 in it, 2 after
        self.rows = self.cols = 0
        self.formulas = self.errors = False

    def startElementNS(self, name, qname, attrs) -> None:  # noqa: N802 - SAX's name
        uri, local = name
        if self.state == 0:
            if local == "sheetData":
                self._check_namespace(uri, local)
                self.state = 1
            return
        if self.state != 1 or local not in _CELL_NAMES:
            return
        self._check_namespace(uri, local)
        if local == "row":
            self.placer.start_row(attrs.get((None, "r")))
        elif local == "c":
            row, col = self.placer.place(attrs.get((None, "r")))
            if row >= self.rows or col >= self.cols:
                self.rows, self.cols = max(self.rows, row + 1), max(self.cols, col + 1)
                check_extent(self.sheet, self.rows, self.cols)
            if attrs.get((None, "t")) == "e":
                self.errors = True
            if self.on_cell is not None:
                self.on_cell(row, col, {key[1]: value for key, value in attrs.items()
                                        if key[0] is None})
        elif local == "f":
            self.formulas = True

    def endElementNS(self, name, qname) -> None:  # noqa: N802 - SAX's name
        if self.state != 1:
            return
        if name[1] == "row":
            self.placer.end_row()
        elif name[1] == "sheetData":
            self.state = 2

    def _check_namespace(self, uri: str | None, local: str) -> None:
        if uri not in SPREADSHEET_NS:
            raise ambiguous(self.part, f"phần tử '{local}' trong không gian tên '{uri or ''}'",
                            f"element '{local}' in namespace '{uri or ''}'")


def measure_exactly(chunks: Iterable[bytes], part: str, sheet: str = "",
                    handler: CellData | None = None) -> CellData:
    """Measure one sheet part with ``CellData`` (or ``handler``); ``Refused`` as described
    there."""
    handler = handler if handler is not None else CellData(part, sheet)
    try:
        stream_xml(chunks, handler)
    except XmlError as exc:
        if exc.declaration:
            raise Refused(IssueCode.FILE_UNSAFE_XML, part=part[:120]) from None
        raise Refused(IssueCode.FILE_CORRUPT, reason=f"XML ({part[:60]}): {exc}"[:200]) from None
    return handler
