"""One sheet of an input file, as rows of Python values from A1."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Sheet"]


class Sheet:
    """One sheet: rows of Python values from A1 (row 0 is Excel row 1), and whether it shows.

    ``rows`` may be given, or loaded on first use by ``loader`` (a workbook's sheets are only
    parsed when a reader looks at them; a sheet too large or damaged raises ``InputFileError``
    then).
    """

    def __init__(self, name: str, rows: list[list[object]] | None = None, visible: bool = True,
                 kind: str = "", formulas: bool = True,
                 loader: Callable[[], list[list[object]]] | None = None):
        self.name = name
        self.visible = visible
        self.kind = kind  # "xlsx" | "ods" | "xls" | "csv": what the file really was
        self.formulas = formulas  # False when known to hold no formula without a result
        self._rows = rows
        self._loader = loader

    @property
    def rows(self) -> list[list[object]]:
        if self._rows is None:
            self._rows = self._loader() if self._loader is not None else []
            self._loader = None
        return self._rows

    @rows.setter
    def rows(self, value: list[list[object]]) -> None:
        self._rows, self._loader = value, None

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, visible={self.visible}, kind={self.kind!r})"
