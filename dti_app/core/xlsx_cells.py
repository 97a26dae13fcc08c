"""What the cells of an .xlsx/.xlsm sheet really store, read from the sheet's XML.

python-calamine gives each cell's value as Excel shows it, which hides three things the reader
must know: a formula with no stored result (``<f>`` without ``<v>``) and an error value
(``t="e"``, "#DIV/0!") both come back as an empty string, and a number in a date-, time- or
duration-formatted cell comes back as a date, time or timedelta (1 as 1900-01-01, 0.855 as
20:31:12, rounded to the millisecond). ``stored_cells`` reads one sheet's XML (the same bytes
calamine read, placed as calamine places them: ``sheet_exact``) and gives, for each cell, its
formula flag, type and stored text, so the reader can report the first two and recover the exact
number in the third. It is only called when such a cell is met. ODS and XLS give no such look.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dti_app.core.issues import cell_ref
from dti_app.core.sheet_exact import CellData, measure_exactly

__all__ = ["StoredCell", "stored_cells"]


@dataclass(frozen=True)
class StoredCell:
    formula: bool          # the cell holds a formula
    value: str | None      # the stored <v> (or inline string) text; None when there is none
    kind: str = "n"        # the cell's t attribute: n (number), s, str, inlineStr, b, e, d


class _Stored(CellData):
    """``CellData`` that also keeps each cell's formula flag, type and text."""

    def __init__(self, part: str):
        super().__init__(part, on_cell=self._cell)
        self.found: dict[str, StoredCell] = {}
        self.ref = ""
        self.kind = "n"
        self.formula = False
        self.text: list[str] | None = None
        self.depth_in_value = 0

    def _cell(self, row: int, col: int, attrs: dict) -> None:
        self.ref = cell_ref(row, col)
        self.kind = attrs.get("t", "n")
        self.formula = False
        self.text = None

    def startElementNS(self, name, qname, attrs) -> None:  # noqa: N802 - SAX's name
        super().startElementNS(name, qname, attrs)
        if self.state != 1:
            return
        if name[1] == "f":
            self.formula = True
        elif name[1] in ("v", "t"):
            self.depth_in_value += 1
            if self.text is None:
                self.text = []

    def characters(self, content: str) -> None:
        if self.depth_in_value and self.text is not None:
            self.text.append(content)

    def endElementNS(self, name, qname) -> None:  # noqa: N802 - SAX's name
        if self.state == 1:
            if name[1] in ("v", "t"):
                self.depth_in_value = max(self.depth_in_value - 1, 0)
            elif name[1] == "c" and self.ref:
                text = "".join(self.text) if self.text is not None else None
                self.found[self.ref] = StoredCell(self.formula, text, self.kind)
                self.ref = ""
        super().endElementNS(name, qname)


def stored_cells(chunks: Iterable[bytes], part: str) -> dict[str, StoredCell]:
    """Every cell of one sheet part by reference ('F17'), placed as calamine places it."""
    handler = _Stored(part)
    measure_exactly(chunks, part, handler=handler)
    return handler.found
