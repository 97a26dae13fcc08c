"""Measuring the sheets of an OpenDocument spreadsheet (content.xml) before it is read.

A row or a cell can be repeated by an attribute (``table:number-rows-repeated="1000000"``), so a
few bytes can describe a huge grid. ``OdsExtent`` streams content.xml (SAX through defusedxml,
not on the hot path) and counts rows and columns up to the last one holding something, refusing a
sheet beyond the limits as soon as it is seen (``FILE_SHEET_TOO_LARGE``).

python-calamine finds the elements by their written names (``table:table-row``), whatever
namespace the prefix is bound to; so do we (the parse is not namespace-aware), and a prefix bound
to anything but its OpenDocument namespace is refused (``FILE_AMBIGUOUS_CONTENT``): a reader that
honours namespaces would read other cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.handler import ContentHandler

from dti_app.core.issues import IssueCode
from dti_app.core.refused import Refused, ambiguous
from dti_app.core.safe_xml import XmlError, stream_xml
from dti_app.core.sheet_extent import check_extent

__all__ = ["OdsExtent", "measure_ods", "repeat"]

ODF_NAMESPACES = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def repeat(text: object) -> int:
    """A repeat count attribute (1 when absent or not a plain number)."""
    value = str(text or "1")
    return int(value) if value.isdigit() and len(value) < 12 else 1


class OdsExtent(ContentHandler):
    """Rows and columns of every table in content.xml, up to the last filled cell."""

    def __init__(self, part: str = "content.xml"):
        super().__init__()
        self.part = part
        self.sheet = ""
        self.pos = self.col = self.cell_end = self.row_cols = 0
        self.rows = self.cols = 0
        self.filled = False
        self.root = True

    def startElement(self, name: str, attrs) -> None:  # noqa: N802 - SAX's name
        for key, value in attrs.items():
            prefix = key[6:] if key.startswith("xmlns:") else ""
            if prefix in ODF_NAMESPACES and value != ODF_NAMESPACES[prefix]:
                raise ambiguous(self.part, f"tiền tố '{prefix}' gán cho '{value}'",
                                f"prefix '{prefix}' bound to '{value}'")
        if self.root:
            self.root = False
            if attrs.get("xmlns:table") != ODF_NAMESPACES["table"]:
                raise ambiguous(self.part, "thiếu khai báo không gian tên bảng",
                                "the table namespace is not declared")
        if name == "table:table":
            self.sheet = str(attrs.get("table:name", ""))
            self.pos = self.rows = self.cols = 0
        elif name == "table:table-row":
            self.pos += repeat(attrs.get("table:number-rows-repeated"))
            self.col = self.row_cols = 0
            self.filled = False
        elif name in ("table:table-cell", "table:covered-table-cell"):
            self.cell_end = self.col + repeat(attrs.get("table:number-columns-repeated"))
            if "office:value-type" in attrs or "table:formula" in attrs:
                self._fill()
            self.col = self.cell_end
        elif name == "text:p":
            self._fill()

    def _fill(self) -> None:
        self.filled = True
        self.row_cols = max(self.row_cols, self.cell_end)

    def endElement(self, name: str) -> None:  # noqa: N802 - SAX's name
        if name == "table:table-row" and self.filled:
            self.rows = self.pos
            self.cols = max(self.cols, self.row_cols)
            check_extent(self.sheet, self.rows, max(self.cols, 1))


def measure_ods(chunks: Iterable[bytes], part: str = "content.xml") -> None:
    """Measure content.xml; ``Refused`` when a table is too large or the XML is refused."""
    try:
        stream_xml(chunks, OdsExtent(part), namespaces=False)
    except XmlError as exc:
        if exc.declaration:
            raise Refused(IssueCode.FILE_UNSAFE_XML, part=part) from None
        raise Refused(IssueCode.FILE_CORRUPT, reason=f"XML ({part}): {exc}"[:200]) from None
