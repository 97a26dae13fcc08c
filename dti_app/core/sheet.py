"""One sheet of an input file, as rows of Python values from A1."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dti_app.core.xlsx_cells import StoredCell

__all__ = ["Sheet"]


class Sheet:
    """One sheet: rows of Python values from A1 (row 0 is Excel row 1), and whether it shows.

    ``rows`` may be given, or loaded on first use by ``loader`` (a workbook's sheets are only
    parsed when a reader looks at them; a sheet too large or damaged raises ``InputFileError``
    then). ``head`` and ``column`` are views over the rows.

    What the reader cannot see in the values (an .xlsx cell holding a formula without a stored
    result, or an error value, reads as ''; a number in a date-formatted cell reads as a date):
    ``may_hide`` says whether the sheet may hold the first two, ``stored()`` what each cell really
    stores (both read from the file only when asked; {} where the format tells nothing more).
    """

    def __init__(self, name: str, rows: list[list[object]] | None = None, visible: bool = True,
                 kind: str = "", loader: Callable[[], list[list[object]]] | None = None,
                 may_hide: Callable[[], bool] | None = None,
                 stored: Callable[[], dict[str, StoredCell]] | None = None):
        self.name = name
        self.visible = visible
        self.kind = kind  # "xlsx" | "ods" | "xls" | "csv": what the file really was
        self._may_hide = may_hide
        self._rows = rows
        self._loader = loader
        self._stored = stored
        self._columns: dict[int, list[object]] = {}

    @property
    def rows(self) -> list[list[object]]:
        if self._rows is None:
            self._rows = self._loader() if self._loader is not None else []
            self._loader = None
        return self._rows

    @rows.setter
    def rows(self, value: list[list[object]]) -> None:
        self._rows, self._loader = value, None
        self._columns = {}

    @property
    def may_hide(self) -> bool:
        """Whether a cell read as '' may really be a formula without a result or an error."""
        if callable(self._may_hide):
            self._may_hide = self._may_hide()
        return bool(self._may_hide)

    def stored(self) -> dict[str, StoredCell]:
        """What each cell stores, by reference ('F17'): see the class docstring."""
        return self._stored() if self._stored is not None else {}

    def head(self, n: int) -> list[list[object]]:
        """The first ``n`` rows."""
        return self.rows[:n]

    def column(self, j: int) -> list[object]:
        """Column ``j`` from row 0 (Excel row 1) to the sheet's last row."""
        if j not in self._columns:
            self._columns[j] = [row[j] if j < len(row) else "" for row in self.rows]
        return self._columns[j]

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, visible={self.visible}, kind={self.kind!r})"
