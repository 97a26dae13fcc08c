"""The weights editor: the criteria tree with editable points and weights, and the live ranking.

Each edit goes to ``Session.set_weights`` and the ranking is re-scored at once (the leaf fractions
are re-used, only the aggregation runs again). The table beside the tree shows every unit's rank
and how many places it moved against the criteria file's own weights. "Reset" goes back to the
file's weights; "Save as new version…" writes a new criteria file with a new version label and
refuses to write over the file the criteria came from.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dti_app.core.errors import DtiError
from dti_app.gui.display import error_text, fmt_change, fmt_number, fmt_rank
from dti_app.gui.models import SORT_ROLE, CriteriaTreeModel, FrameModel
from dti_app.gui.panel import LazyPanel, compact, fit_columns
from dti_app.gui.ranking_view import UnitFilterProxy
from dti_app.gui.session import Session

__all__ = ["WeightsEditor", "next_version"]


def next_version(version: str) -> str:
    """'1.0' → '1.1', '2' → '3', 'draft' → 'draft.1'."""
    match = re.search(r"(\d+)$", version)
    if not match:
        return f"{version}.1"
    return version[:match.start()] + str(int(match.group(1)) + 1)


class WeightsEditor(LazyPanel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.tree_model = CriteriaTreeModel([self.tr("Indicator"), self.tr("Max points"),
                                             self.tr("Weight")], self)
        self.tree_model.on_edit = self._edited
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 2px 0px; }")
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.rank_model = FrameModel(self)
        self.rank_proxy = UnitFilterProxy(self)
        self.rank_proxy.setSourceModel(self.rank_model)
        self.rank_proxy.setSortRole(SORT_ROLE)
        self.ranks = QTableView()
        self.ranks.setModel(self.rank_proxy)
        self.ranks.setSortingEnabled(True)
        compact(self.ranks)
        self.ranks.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reset = QPushButton(self.tr("Reset to the file's weights"))
        self.save = QPushButton(self.tr("Save as new version…"))
        hint = QLabel(self.tr("Double-click a number to change it. Points of a group are shared "
                              "out over its sub-indicators in proportion."))
        hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.tree, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.ranks)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([620, 480])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.reset)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.reset.clicked.connect(self._reset)
        self.save.clicked.connect(self._ask_and_save)
        session.scored.connect(self.mark_dirty)
        self.ensure_fresh()
        self.tree.expandToDepth(0)
        self.ranks.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def refresh(self) -> None:
        s = self.session
        self.tree_model.set_criteria(s.criteria, s.file_criteria, s.lang)
        self.tree.resizeColumnToContents(1)
        self.tree.resizeColumnToContents(2)
        result, change = s.result, s.rank_change()
        codes = list(result.scored)
        names = [s.unit_name(c) for c in codes]
        star = {c: "*" if result.status[c] == "provisional" else "" for c in codes}
        frame = pd.DataFrame({
            "rank": [fmt_rank(result.rank[c]) + star[c] for c in codes],  # * provisional
            "change": [fmt_change(change[c]) for c in codes],
            "name": names,
            "index": [fmt_number(result.shown[c], s.criteria.decimals) for c in codes],
            "before": [fmt_rank(s.baseline.rank[c]) for c in codes],
        }, index=codes)
        keys = pd.DataFrame({
            "rank": [int(result.rank[c]) for c in codes],
            "change": [-int(change[c]) for c in codes], "name": names,
            "index": [-float(result.shown[c]) for c in codes],
            "before": [int(s.baseline.rank[c]) for c in codes]}, index=codes)
        self.rank_model.set_frame(frame, [self.tr("Rank"), self.tr("Change"), self.tr("Unit"),
                                          self.tr("Index"), self.tr("File rank")], keys,
                                  numeric=("rank", "index", "before", "change"))
        fit_columns(self.ranks, 180, key=len(codes))
        moved = int((change.dropna() != 0).sum())
        edited = s.weights_edited
        self.status.setText(
            (self.tr("Weights edited: %1 units change rank.").replace("%1", str(moved))
             if edited else self.tr("Weights of the criteria file."))
            + "  " + s.criteria.named.label + f" · {s.criteria_path.name}")
        self.reset.setEnabled(edited)

    def _edited(self, code: str, field: str, value: float) -> None:
        if field == "points":
            self.session.set_weights(points={code: value})
        else:
            self.session.set_weights(weights={code: value})

    def _reset(self) -> None:
        self.session.reset_weights()

    def save_version(self, path: str | Path, version: str) -> bool:
        """Write the edited criteria as ``version`` to ``path``; False (and why) if refused."""
        s = self.session
        if Path(path).resolve() == s.criteria_path.resolve():
            self.message.setText(self.tr("The original criteria file is never overwritten: "
                                         "choose another file name."))
            return False
        try:
            saved = s.save_criteria_version(path, version)
        except DtiError as exc:
            self.message.setText(error_text(exc, s.lang))
            return False
        self.message.setText(self.tr("Saved %1 to %2").replace("%1", saved.label)
                             .replace("%2", str(path)))
        return True

    def _ask_and_save(self) -> None:
        s = self.session
        version, ok = QInputDialog.getText(self, self.tr("New criteria version"),
                                           self.tr("Version label:"),
                                           text=next_version(s.criteria.version))
        if not ok or not version.strip():
            return
        folder = s.criteria_path.parent
        if not folder.is_dir() or not _writable(folder):
            folder = Path.home()
        suggested = folder / f"{s.criteria.id}_v{version.strip()}.yaml"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save criteria as"), str(suggested),
                                              self.tr("Criteria files (*.yaml *.yml)"))
        if path:
            self.save_version(path, version.strip())


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)
