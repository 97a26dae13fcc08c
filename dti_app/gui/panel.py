"""``LazyPanel``: a tab that redraws only when it can be seen.

A session change marks every panel out of date; the visible ones redraw at once and the others
when they are shown. Re-ranking after a weight change then costs only what is on screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

__all__ = ["LazyPanel", "fit_columns", "compact", "list_table"]


class LazyPanel(QWidget):
    """Subclasses implement ``refresh()`` and connect session signals to ``mark_dirty``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._dirty = True

    def mark_dirty(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self.ensure_fresh()

    def ensure_fresh(self) -> None:
        if self._dirty:
            self._dirty = False
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_fresh()

    def refresh(self) -> None:
        raise NotImplementedError


def fit_columns(table: QTableView, max_width: int = 0, sample: int = 80,
                key: object = None) -> None:
    """Size the columns to their contents (the first ``sample`` rows), at most ``max_width``.

    With ``key``, only when it differs from the last call's (e.g. the headers and row count), so
    a refresh with the same shape keeps the widths the user set.
    """
    if key is not None and getattr(table, "_fit_key", None) == key:
        return
    table._fit_key = key
    header: QHeaderView = table.horizontalHeader()
    header.setResizeContentsPrecision(sample)
    table.resizeColumnsToContents()
    if max_width:
        for col in range(header.count()):
            if table.columnWidth(col) > max_width:
                table.setColumnWidth(col, max_width)


def list_table(model, *, stretch_last: bool = True) -> QTableView:
    """A sortable list of rows, one selected at a time, compact, columns the user can resize."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    compact(table)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table


def compact(table: QTableView) -> None:
    """Rows as tall as one line of text (plus a little air), no row numbers."""
    header = table.verticalHeader()
    header.setVisible(False)
    header.setDefaultSectionSize(table.fontMetrics().height() + 8)
