"""One sheet of an input file, as rows of Python values from A1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

__all__ = ["Sheet", "PartialReader"]


class PartialReader(Protocol):
    """Reads part of a sheet without parsing all of it; None means: use the whole rows."""

    def head(self, n: int) -> list[list[object]] | None: ...

    def columns(self, js: tuple[int, ...]) -> dict[int, list[object]] | None: ...


class Sheet:
    """One sheet: rows of Python values from A1 (row 0 is Excel row 1), and whether it shows.

    ``rows`` may be given, or loaded on first use by ``loader`` (a workbook's sheets are only
    parsed when a reader looks at them; a sheet too large or damaged raises ``InputFileError``
    then). ``head`` and ``column`` give part of the sheet; with a ``partial`` reader they parse
    only that part while the whole rows are not loaded.
    """

    def __init__(self, name: str, rows: list[list[object]] | None = None, visible: bool = True,
                 kind: str = "", formulas: bool | Callable[[], bool] = True,
                 loader: Callable[[], list[list[object]]] | None = None,
                 partial: PartialReader | None = None):
        self.name = name
        self.visible = visible
        self.kind = kind  # "xlsx" | "ods" | "xls" | "csv": what the file really was
        self._formulas = formulas
        self._rows = rows
        self._loader = loader
        self._partial = partial
        self._columns: dict[int, list[object]] = {}
        self._heads: dict[int, list[list[object]]] = {}

    @property
    def formulas(self) -> bool:
        """False when the sheet is known to hold no formula (so none without a result); may be
        worked out on first use."""
        if callable(self._formulas):
            self._formulas = self._formulas()
        return self._formulas

    @property
    def rows(self) -> list[list[object]]:
        if self._rows is None:
            self._rows = self._loader() if self._loader is not None else []
            self._loader = None
        return self._rows

    @rows.setter
    def rows(self, value: list[list[object]]) -> None:
        self._rows, self._loader, self._partial = value, None, None
        self._columns, self._heads = {}, {}

    def head(self, n: int) -> list[list[object]]:
        """The first ``n`` rows; a row may be shorter than the sheet is wide (the rest is
        empty)."""
        if self._rows is None and self._partial is not None:
            longer = min((m for m in self._heads if m >= n), default=None)
            if longer is not None:
                return self._heads[longer][:n]
            rows = self._partial.head(n)
            if rows is not None:
                self._heads[n] = rows
                return rows
        return self.rows[:n]

    def column(self, j: int) -> list[object]:
        """Column ``j`` from row 0 (Excel row 1) down; it may end before the sheet's last row
        (the rest is empty)."""
        if j not in self._columns:
            self.load_columns(j)
        return self._columns[j]

    def load_columns(self, *js: int) -> None:
        """Make columns ``js`` ready for ``column`` (a partial reader reads them in one pass)."""
        wanted = tuple(sorted({j for j in js if j not in self._columns}))
        if not wanted:
            return
        if self._rows is None and self._partial is not None:
            found = self._partial.columns(wanted)
            if found is not None:
                self._columns.update(found)
                return
        for j in wanted:
            self._columns[j] = [row[j] if j < len(row) else "" for row in self.rows]

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, visible={self.visible}, kind={self.kind!r})"
