"""The unit list: every unit of the register with its status, coloured, and a count per status.

Statuses: not submitted, valid, warnings, errors, verified (``Session.unit_status``). Choosing a
unit here selects it for the detail and verification panels.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dti_app.gui.display import search_key, status_color, status_labels
from dti_app.gui.models import KEY_ROLE, FrameModel
from dti_app.gui.panel import fit_columns, list_table
from dti_app.gui.ranking_view import UnitFilterProxy
from dti_app.gui.session import UNIT_STATUSES, Session

__all__ = ["UnitsPanel"]


class _StatusProxy(UnitFilterProxy):
    status = ""
    statuses: dict[str, str] = {}

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        code = self.sourceModel().index(row, 0, parent).data(KEY_ROLE)
        if self.status and self.statuses.get(code) != self.status:
            return False
        return super().filterAcceptsRow(row, parent)


class UnitsPanel(QWidget):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = FrameModel(self)
        self.proxy = _StatusProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.table = list_table(self.proxy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        session.scored.connect(self.refresh)
        session.unit_selected.connect(self._show_unit)
        self.refresh()
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def refresh(self) -> None:
        s = self.session
        labels = status_labels()
        status = s.unit_status()
        codes = list(status.index)
        names = [s.unit_name(code) for code in codes]
        frame = pd.DataFrame({"code": codes, "name": names,
                              "status": [labels[x] for x in status]}, index=codes)
        self.proxy.keys = {code: search_key(code, n) for code, n in zip(codes, names)}
        self.proxy.statuses = dict(status)
        order = {name: i for i, name in enumerate(UNIT_STATUSES)}
        keys = frame.assign(status=[order[x] for x in status])
        self.model.set_frame(frame, [self.tr("Code"), self.tr("Unit"), self.tr("Status")],
                             keys, background=[status_color(x) for x in status])
        fit_columns(self.table, 220, key=len(codes))
        counts = status.value_counts()
        self.counts.setText(" · ".join(f"{labels[k]}: {int(counts.get(k, 0))}"
                                       for k in UNIT_STATUSES))
        current = self.filter.currentData() or ""
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("All units (%1)").replace("%1", str(len(codes))), "")
        for key in UNIT_STATUSES:
            self.filter.addItem(f"{labels[key]} ({int(counts.get(key, 0))})", key)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.blockSignals(False)
        self.proxy.invalidate()
        self._show_unit(s.current_unit)

    def _filter_changed(self) -> None:
        self.proxy.status = self.filter.currentData() or ""
        self.proxy.set_filter()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.session.select_unit(current.data(KEY_ROLE))

    def _show_unit(self, code: str) -> None:
        row = self.model.row_of(code)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid() and self.table.currentIndex().row() != index.row():
            self.table.selectRow(index.row())
