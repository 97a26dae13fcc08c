"""Verification: the assessor's checked values for one unit, each with a required note.

For every sub-indicator of the selected unit the table shows the self-assessed value (and the cell
it came from), the verified value, the final value used for scoring, and the points it earns. A
verified value is set or cleared with a note; each change is a ``VerifyCommand`` on the session's
``QUndoStack``, so Edit › Undo/Redo (Ctrl+Z / Ctrl+Y) walk back and forth through them. In a
campaign every change, undo included, is written to the file with its note.
"""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from dti_app.core.errors import DtiError
from dti_app.gui.display import error_text, fmt_number, fmt_value, status_color
from dti_app.gui.models import KEY_ROLE, FrameModel
from dti_app.gui.panel import LazyPanel, compact, fit_columns
from dti_app.gui.session import Session

__all__ = ["VerifyPanel", "VerifyCommand"]


class VerifyCommand(QUndoCommand):
    """Set (``value`` given) or clear (``value`` None) one verified value; undo restores it."""

    def __init__(self, session: Session, unit: str, leaf: str, value: float | None,
                 note: str) -> None:
        super().__init__()
        self.session, self.unit, self.leaf = session, unit, leaf
        self.value, self.note = value, note
        self.before = session.verified(unit, leaf)
        if value is not None:
            action = QCoreApplication.translate("VerifyPanel", "verify")
        else:
            action = QCoreApplication.translate("VerifyPanel", "clear")
        self.setText(f"{action} {unit} › {leaf}")

    def redo(self) -> None:
        if self.value is None:
            self.session.clear_verified(self.unit, self.leaf, self.note)
        else:
            self.session.set_verified(self.unit, self.leaf, self.value, self.note)

    def undo(self) -> None:
        note = QCoreApplication.translate("VerifyPanel", "Undo: %1").replace("%1", self.note)
        if self.before is None:
            self.session.clear_verified(self.unit, self.leaf, note)
        else:
            self.session.set_verified(self.unit, self.leaf, self.before[0], note)


class VerifyPanel(LazyPanel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.model = FrameModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        compact(self.table)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.leaf_label = QLabel()
        self.leaf_label.setWordWrap(True)
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("e.g. 85 or có / không"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why the value is changed (required)"))
        self.apply = QPushButton(self.tr("Set verified value"))
        self.clear = QPushButton(self.tr("Clear verified value"))
        self.undo = QPushButton(self.tr("Undo"))
        self.redo = QPushButton(self.tr("Redo"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a61b1b;")
        form = QFormLayout()
        form.addRow(self.tr("Sub-indicator:"), self.leaf_label)
        form.addRow(self.tr("Verified value:"), self.value)
        form.addRow(self.tr("Note:"), self.note)
        buttons = QHBoxLayout()
        for button in (self.apply, self.clear):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo)
        buttons.addWidget(self.redo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        stack = session.undo_stack
        self.undo.clicked.connect(stack.undo)
        self.redo.clicked.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self.apply.clicked.connect(self._apply)
        self.clear.clicked.connect(self._clear)
        self.note.textChanged.connect(self._update_buttons)
        self.value.textChanged.connect(self._update_buttons)
        self.table.selectionModel().currentRowChanged.connect(self._leaf_changed)
        session.scored.connect(self.mark_dirty)
        session.unit_selected.connect(self.mark_dirty)

    @property
    def leaf(self) -> str:
        index = self.table.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else ""

    def refresh(self) -> None:
        s, unit = self.session, self.session.current_unit
        c, leaves = s.criteria, list(s.criteria.leaves)
        keep = self.leaf
        if not unit:
            self.title.setText(self.tr("Choose a unit in the list on the left."))
        else:
            self.title.setText(f"{s.unit_name(unit)} ({unit})")
        imported = s.imported
        has_row = unit in imported.values.index
        final = s.final_values()
        result = s.result
        rows = []
        for leaf in leaves:
            node = c.by_code[leaf]
            own = imported.values.at[unit, leaf] if has_row else math.nan
            checked = s.verified(unit, leaf) if unit else None
            got = result.node_points.at[unit, leaf] if unit in result.node_points.index else None
            rows.append({
                "code": leaf, "name": node.name(s.lang), "unit": node.unit,
                "self": self._value_text(leaf, own),
                "verified": self._value_text(leaf, checked[0]) if checked else "",
                "final": self._value_text(leaf, final.at[unit, leaf] if has_row else math.nan),
                "points": f"{fmt_number(got, 2)} / {c.max_points(leaf):g}" if got == got and
                got is not None else f"– / {c.max_points(leaf):g}",
                "cell": imported.source_of(unit, leaf)[2] if has_row else "",
                "note": checked[1] if checked else "",
            })
        frame = pd.DataFrame(rows, index=leaves, columns=["code", "name", "unit", "self",
                                                         "verified", "final", "points", "cell",
                                                         "note"])
        headers = [self.tr("Code"), self.tr("Sub-indicator"), self.tr("Unit of measure"),
                   self.tr("Self-assessed"), self.tr("Verified"), self.tr("Final"),
                   self.tr("Points"), self.tr("Cell"), self.tr("Note")]
        self.model.set_frame(frame, headers, numeric=("self", "verified", "final", "points"),
                             background=[status_color("verified") if r["verified"] else None
                                         for r in rows],
                             tooltips=[r["name"] for r in rows])
        fit_columns(self.table, 420, key=len(leaves))
        row = self.model.row_of(keep) if keep else 0
        self.table.selectRow(max(0, row))
        self.setEnabled(True)
        self._leaf_changed(self.table.currentIndex(), QModelIndex())

    def _value_text(self, leaf: str, value: object) -> str:
        return fmt_value(value, self.session.criteria.by_code[leaf].rule.kind == "yes_no")

    def _leaf_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        leaf = current.data(KEY_ROLE) if current.isValid() else ""
        node = self.session.criteria.by_code.get(leaf)
        self.leaf_label.setText(f"{leaf} — {node.name(self.session.lang)}" if node else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        s, leaf = self.session, self.leaf
        submitted = s.current_unit in s.imported.values.index
        ready = bool(submitted and leaf and self.note.text().strip())
        self.apply.setEnabled(ready and bool(self.value.text().strip()))
        self.clear.setEnabled(ready and s.verified(s.current_unit, leaf) is not None)

    def set_value(self, leaf: str, value: str, note: str) -> bool:
        """Select ``leaf``, type the value and note, and apply (what the Set button does)."""
        self.ensure_fresh()
        self.table.selectRow(self.model.row_of(leaf))
        self.value.setText(value)
        self.note.setText(note)
        return self._apply()

    def _apply(self) -> bool:
        return self._push(self.value.text().strip())

    def _clear(self) -> bool:
        return self._push(None)

    def _push(self, value: str | None) -> bool:
        s = self.session
        try:  # checked before the push: an exception inside QUndoStack.push would be lost
            number, note = s.check_verification(s.current_unit, self.leaf, value,
                                                 self.note.text())
        except DtiError as exc:
            self.message.setText(error_text(exc, s.lang))
            return False
        s.undo_stack.push(VerifyCommand(s, s.current_unit, self.leaf, number, note))
        self.message.setText("")
        self.value.clear()
        self.note.clear()
        return True
