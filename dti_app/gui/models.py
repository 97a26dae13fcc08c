"""Thin Qt item models: a table over a DataFrame, and the criteria tree.

Neither model computes anything in ``data()``: the caller hands over display text, sort keys and
colours already prepared (``FrameModel.set_frame``), or the criteria the tree shows
(``CriteriaTreeModel.set_criteria``). Editing a tree cell calls back ``on_edit(code, field,
value)``; the session applies the change and the model is given the new criteria.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from dti_app.core.criteria import Criteria
from dti_app.core.number_text import read_number

__all__ = ["FrameModel", "CriteriaTreeModel", "SORT_ROLE", "KEY_ROLE", "TREE_COLUMNS"]

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BOLD = QFont()
_BOLD.setBold(True)


class FrameModel(QAbstractTableModel):
    """Rows of a DataFrame of display strings; sort keys and row colours given alongside."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text: list[list[str]] = []
        self._sort: list[list[object]] = []
        self._keys: list[object] = []
        self._headers: list[str] = []
        self._numeric: set[int] = set()
        self._background: list[QColor | None] = []
        self._tips: list[str] = []

    def set_frame(self, text: pd.DataFrame, headers: list[str] | None = None,
                  sort_keys: pd.DataFrame | None = None, numeric: tuple[str, ...] = (),
                  background: list[QColor | None] | None = None,
                  tooltips: list[str] | None = None) -> None:
        """``text``: strings to show (index = row keys). ``sort_keys``: same shape, to sort by."""
        self.beginResetModel()
        self._text = text.astype(str).to_numpy().tolist() if len(text.columns) else []
        keys = sort_keys if sort_keys is not None else text
        self._sort = keys.to_numpy().tolist() if len(text.columns) else []
        self._keys = list(text.index)
        self._headers = headers or [str(c) for c in text.columns]
        self._numeric = {i for i, c in enumerate(text.columns) if c in numeric}
        self._background = background or []
        self._tips = tooltips or []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._text)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[row][col]
        if role == SORT_ROLE:
            return self._sort[row][col]
        if role == KEY_ROLE:
            return self._keys[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self._numeric:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and self._background:
            return self._background[row]
        if role == Qt.ItemDataRole.ToolTipRole and self._tips:
            return self._tips[row]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return None

    def key(self, row: int) -> object:
        return self._keys[row]

    def row_of(self, key: object) -> int:
        return self._keys.index(key) if key in self._keys else -1


TREE_COLUMNS = ("name", "points", "weight")


class CriteriaTreeModel(QAbstractItemModel):
    """The criteria hierarchy: name, maximum points and weight; points and weights editable."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self.on_edit: Callable[[str, str, float], None] | None = None
        self._codes: list[str] = []
        self._pos: dict[str, int] = {}
        self._rows: dict[str | None, tuple[str, ...]] = {}
        self._parent: dict[str, str | None] = {}
        self._cells: dict[str, tuple[str, str, str]] = {}
        self._editable: dict[str, tuple[bool, bool]] = {}
        self._changed: set[str] = set()

    def set_criteria(self, criteria: Criteria, original: Criteria, lang: str) -> None:
        same_shape = [n.code for n in criteria.nodes] == self._codes
        if same_shape:
            self.layoutAboutToBeChanged.emit()
        else:
            self.beginResetModel()
        self._codes = [n.code for n in criteria.nodes]
        self._pos = {c: i for i, c in enumerate(self._codes)}
        self._rows = dict(criteria.children)
        self._parent = {n.code: n.parent for n in criteria.nodes}
        self._cells, self._editable, self._changed = {}, {}, set()
        for n in criteria.nodes:
            parent_agg = (criteria.aggregation if n.parent is None
                          else criteria.by_code[n.parent].aggregation)
            weighted = parent_agg != "sum"
            self._cells[n.code] = (f"{n.code}  {n.name(lang)}",
                                   "" if n.points is None else f"{n.points:g}",
                                   f"{n.weight:g}" if weighted else "")
            self._editable[n.code] = (n.points is not None, weighted)
            old = original.by_code.get(n.code)
            if old is not None and (old.points != n.points or old.weight != n.weight):
                self._changed.add(n.code)
        if same_shape:
            self.layoutChanged.emit()
        else:
            self.endResetModel()

    def code(self, index: QModelIndex) -> str:
        return self._codes[index.internalId()]

    def index_of(self, code: str, column: int = 0) -> QModelIndex:
        siblings = self._rows.get(self._parent[code], ())
        return self.createIndex(siblings.index(code), column, self._pos[code])

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        key = self.code(parent) if parent.isValid() else None
        kids = self._rows.get(key, ())
        if 0 <= row < len(kids) and 0 <= column < len(self._headers):
            return self.createIndex(row, column, self._pos[kids[row]])
        return QModelIndex()

    def parent(self, index: QModelIndex) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self._parent[self.code(index)]
        return QModelIndex() if up is None else self.index_of(up)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        key = self.code(parent) if parent.isValid() else None
        return len(self._rows.get(key, ()))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        code = self.code(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._cells[code][index.column()]
        if role == KEY_ROLE:
            return code
        if role == Qt.ItemDataRole.FontRole and code in self._changed:
            return _BOLD
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = index.column()
        if col > 0 and self._editable[self.code(index)][col - 1]:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() == 0 or self.on_edit is None:
            return False
        number = read_number(str(value))  # "1.000" (one or a thousand?) is refused
        if number is None or number < 0:
            return False
        self.on_edit(self.code(index), TREE_COLUMNS[index.column()], number)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
