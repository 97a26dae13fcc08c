"""The issues panel: every problem about the data in use, filterable, with its place.

The list is the session's standing (``core.standing``): an issue about a value that an assessor
has since verified is shown as resolved, with the verified value and the note, and no longer
counts; clearing the verification brings it back. The line above the list gives the same counts
as the tab title, the import dialog and the ranking's summary.

Filters: severity, resolved or not, unit, file. Selecting an issue shows where it is (file,
sheet, cell), the value found there, the full message and how it was resolved, in the UI
language.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dti_app.core.issues import Issue
from dti_app.core.messages import render_issue, render_resolution
from dti_app.gui.display import counts_text, severity_labels, status_color
from dti_app.gui.models import KEY_ROLE, FrameModel
from dti_app.gui.panel import LazyPanel, fit_columns, list_table
from dti_app.gui.session import Session

__all__ = ["IssuesPanel"]


class _IssueFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.issues: list[Issue] = []
        self.wanted = {"severity": "", "state": "", "unit": "", "file": ""}

    def set_filter(self, field: str, value: str) -> None:
        self.beginFilterChange()
        self.wanted[field] = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        issue = self.issues[self.sourceModel().index(row, 0, parent).data(KEY_ROLE)]
        found = {"severity": issue.severity.value, "unit": issue.unit, "file": issue.file,
                 "state": "resolved" if issue.resolved else "open"}
        return all(not want or found[k] == want for k, want in self.wanted.items())


class IssuesPanel(LazyPanel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = FrameModel(self)
        self.proxy = _IssueFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.DisplayRole)
        self.combos = {k: QComboBox() for k in ("severity", "state", "unit", "file")}
        bar = QHBoxLayout()
        for key, label in (("severity", self.tr("Severity:")), ("state", self.tr("State:")),
                           ("unit", self.tr("Unit:")), ("file", self.tr("File:"))):
            bar.addWidget(QLabel(label))
            bar.addWidget(self.combos[key], 1)
            self.combos[key].currentIndexChanged.connect(
                lambda _i, k=key: self.proxy.set_filter(k, self.combos[k].currentData() or ""))
        self.table = list_table(self.proxy)
        self.table.setWordWrap(False)
        self.detail = {k: QLabel() for k in ("file", "sheet", "cell", "unit", "value", "code",
                                             "message", "resolution")}
        form = QFormLayout()
        for key, label in (("file", self.tr("File")), ("sheet", self.tr("Sheet")),
                           ("cell", self.tr("Cell")), ("unit", self.tr("Unit")),
                           ("value", self.tr("Value found")), ("code", self.tr("Reason code")),
                           ("message", self.tr("Message")),
                           ("resolution", self.tr("Resolution"))):
            self.detail[key].setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail[key].setWordWrap(True)
            form.addRow(label + ":", self.detail[key])
        box = QWidget()
        box.setLayout(form)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.empty = QLabel(self.tr("No errors or warnings."))
        self.counts = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        self.table.doubleClicked.connect(self._go_to_unit)
        session.scored.connect(self.mark_dirty)
        self.ensure_fresh()

    def refresh(self) -> None:
        s = self.session
        issues = s.issues()
        self.proxy.issues = issues
        sev = severity_labels()
        resolved = self.tr("resolved")
        frame = pd.DataFrame({
            "severity": [sev[i.severity.value] for i in issues],
            "state": [resolved if i.resolved else "" for i in issues],
            "code": [i.code.value for i in issues],
            "unit": [s.unit_name(i.unit) if i.unit else "" for i in issues],
            "file": [i.file for i in issues],
            "sheet": [i.sheet for i in issues],
            "cell": [i.cell for i in issues],
            "message": [render_issue(i, s.lang) + (" — " + render_resolution(i, s.lang)
                                                   if i.resolved else "") for i in issues],
        }, index=range(len(issues)))
        headers = [self.tr("Severity"), self.tr("State"), self.tr("Reason code"), self.tr("Unit"),
                   self.tr("File"), self.tr("Sheet"), self.tr("Cell"), self.tr("Message")]
        self.model.set_frame(frame, headers, background=[
            status_color("resolved" if i.resolved else
                         "error" if i.severity.value == "error" else "warning") for i in issues])
        self.empty.setVisible(not issues)
        self.counts.setText(self.tr("Issues about the data in use: %1")
                            .replace("%1", counts_text(s.issue_counts())))
        self._fill("severity", [("error", sev["error"]), ("warning", sev["warning"])],
                   self.tr("All severities"))
        self._fill("state", [("open", self.tr("unresolved")), ("resolved", resolved)],
                   self.tr("Resolved or not"))
        units = sorted({i.unit for i in issues if i.unit})
        self._fill("unit", [(u, f"{s.unit_name(u)} ({u})") for u in units], self.tr("All units"))
        files = sorted({i.file for i in issues if i.file})
        self._fill("file", [(f, f) for f in files], self.tr("All files"))
        fit_columns(self.table, 600, key=len(issues))
        self._show(QModelIndex(), QModelIndex())

    def _fill(self, key: str, items: list[tuple[str, str]], everything: str) -> None:
        combo = self.combos[key]
        current = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value, label in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        self.proxy.set_filter(key, combo.currentData() or "")

    def select_first(self, **match: str) -> bool:
        """Select the first shown issue whose fields equal ``match`` (e.g. file="x.xlsx")."""
        self.ensure_fresh()
        for row in range(self.proxy.rowCount()):
            issue = self.proxy.issues[self.proxy.index(row, 0).data(KEY_ROLE)]
            if all(getattr(issue, k) == v for k, v in match.items()):
                self.table.selectRow(row)
                return True
        return False

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            for label in self.detail.values():
                label.setText("")
            return
        issue = self.proxy.issues[current.data(KEY_ROLE)]
        s = self.session
        value = issue.value
        if not value and issue.unit and issue.node and s.imported.raw is not None:
            raw = s.imported.raw
            if issue.unit in raw.index and issue.node in raw.columns:
                found = raw.at[issue.unit, issue.node]
                value = "" if pd.isna(found) else str(found)
        texts = {"file": issue.file, "sheet": issue.sheet, "cell": issue.cell,
                 "unit": f"{s.unit_name(issue.unit)} ({issue.unit})" if issue.unit else "",
                 "value": value, "code": issue.code.value,
                 "message": render_issue(issue, s.lang),
                 "resolution": _sentence(render_resolution(issue, s.lang))}
        for key, text in texts.items():
            self.detail[key].setText(text or "–")

    def _go_to_unit(self, index: QModelIndex) -> None:
        """Double-click: make the issue's unit the selected one (list, detail, verification)."""
        issue = self.proxy.issues[index.data(KEY_ROLE)]
        if issue.unit:
            self.session.select_unit(issue.unit)

    def current_issue(self) -> Issue | None:
        index = self.table.currentIndex()
        return self.proxy.issues[index.data(KEY_ROLE)] if index.isValid() else None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
