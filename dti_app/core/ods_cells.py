"""The cells of an OpenDocument spreadsheet that hold an error value, read from content.xml.

python-calamine gives a formula cell whose result is an error (#DIV/0!, #N/A ...) as an empty
cell. LibreOffice marks such a cell ``calcext:value-type="error"`` and writes the error as its
text; ``ods_errors`` finds them (placed as calamine places cells: repeated rows and columns
counted) so that the reader reports them instead of taking them for blank cells. It is only
called when a reader meets an empty cell in an ODS sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.handler import ContentHandler

from dti_app.core.issues import cell_ref
from dti_app.core.ods_extent import repeat
from dti_app.core.safe_xml import XmlError, stream_xml

__all__ = ["ods_errors"]

_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


class _Errors(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, dict[str, str]] = {}
        self.sheet = ""
        self.row = self.col = 0
        self.repeat_rows = 1
        self.cell: tuple[int, int] | None = None    # row and column of a cell that may be one
        self.text: list[str] = []

    def startElement(self, name: str, attrs) -> None:  # noqa: N802 - SAX's name
        if name == "table:table":
            self.sheet, self.row = str(attrs.get("table:name", "")), 0
        elif name == "table:table-row":
            self.col = 0
            self.repeat_rows = repeat(attrs.get("table:number-rows-repeated"))
        elif name in ("table:table-cell", "table:covered-table-cell"):
            marked = attrs.get("calcext:value-type") == "error"
            formula = "table:formula" in attrs and attrs.get("office:value-type") == "string"
            self.cell = (self.row, self.col) if marked or formula else None
            self.text = []
            self.col += repeat(attrs.get("table:number-columns-repeated"))

    def characters(self, content: str) -> None:
        if self.cell is not None:
            self.text.append(content)

    def endElement(self, name: str) -> None:  # noqa: N802 - SAX's name
        if name in ("table:table-cell", "table:covered-table-cell") and self.cell is not None:
            text = "".join(self.text).strip()
            row, col = self.cell
            if text in _ERRORS:
                self.found.setdefault(self.sheet, {})[cell_ref(row, col)] = text
            self.cell = None
        elif name == "table:table-row":
            self.row += self.repeat_rows


def ods_errors(chunks: Iterable[bytes]) -> dict[str, dict[str, str]]:
    """Sheet name -> {cell reference: error text}; {} when content.xml cannot be read."""
    handler = _Errors()
    try:
        stream_xml(chunks, handler, namespaces=False)
    except XmlError:
        return {}
    return handler.found
