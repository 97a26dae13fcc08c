"""The "New campaign" dialog: criteria file, unit set (63, 34 or a CSV), year and where to save.

The choices are only collected here; ``Session.new_campaign`` creates the file (and refuses to
overwrite an existing one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dti_app.core.bundled import BUNDLED_CRITERIA, bundled_dir
from dti_app.gui.session import Session

__all__ = ["CampaignDialog"]


class CampaignDialog(QDialog):
    def __init__(self, session: Session, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("New campaign"))
        self.criteria = QComboBox()
        for year, name in BUNDLED_CRITERIA.items():
            self.criteria.addItem(self.tr("DTI %1 (built in)").replace("%1", year),
                                  str(bundled_dir("criteria") / name))
        self.criteria.addItem(self.tr("Other criteria file…"), "")
        current = self.criteria.findData(str(session.criteria_path))
        if current >= 0:
            self.criteria.setCurrentIndex(current)
        self.units = QComboBox()
        self.units.addItem(self.tr("63 provinces and cities (until 30/06/2025)"), "63")
        self.units.addItem(self.tr("34 provincial units (from 01/07/2025)"), "34")
        self.units.addItem(self.tr("Custom list of units (CSV)…"), "")
        self.units.setCurrentIndex(max(0, self.units.findData(session.register_spec)))
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(session.year or 2024)
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Criteria:"), self.criteria)
        form.addRow(self.tr("Units:"), self.units)
        form.addRow(self.tr("Year:"), self.year_box)
        form.addRow(self.tr("Campaign file:"), holder)
        ok = QPushButton(self.tr("Create"))
        cancel = QPushButton(self.tr("Cancel"))
        ok.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.criteria.activated.connect(self._pick_criteria)
        self.units.activated.connect(self._pick_units)
        browse.clicked.connect(self._pick_path)
        ok.clicked.connect(self._accept)
        cancel.clicked.connect(self.reject)
        self._other_criteria = ""
        self._other_units = ""

    @property
    def criteria_path(self) -> str:
        return self.criteria.currentData() or self._other_criteria

    @property
    def register(self) -> str:
        return self.units.currentData() or self._other_units

    @property
    def year(self) -> int:
        return self.year_box.value()

    @property
    def path(self) -> str:
        text = self.path_edit.text().strip()
        return text if not text or text.endswith(".dticampaign") else text + ".dticampaign"

    def _pick_criteria(self) -> None:
        if self.criteria.currentData():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Criteria file"), str(Path.home()),
                                              self.tr("Criteria files (*.yaml *.yml)"))
        if path:
            self._other_criteria = path
            self.criteria.setItemText(self.criteria.currentIndex(), Path(path).name)
        else:
            self.criteria.setCurrentIndex(0)

    def _pick_units(self) -> None:
        if self.units.currentData():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("List of units"), str(Path.home()),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self._other_units = path
            self.units.setItemText(self.units.currentIndex(), Path(path).name)
        else:
            self.units.setCurrentIndex(0)

    def _pick_path(self) -> None:
        folder = self.settings.value("folders/campaigns", str(Path.home()))
        suggested = str(Path(folder) / f"DTI_{self.year_box.value()}.dticampaign")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Campaign file"), suggested,
                                              self.tr("Campaign files (%1)")
                                              .replace("%1", "*.dticampaign"))
        if path:
            self.path_edit.setText(path)

    def _accept(self) -> None:
        if not self.path:
            self.message.setText(self.tr("Choose where to save the campaign file."))
        elif Path(self.path).exists():
            self.message.setText(self.tr("This file exists already; choose another name."))
        elif not self.criteria_path or not self.register:
            self.message.setText(self.tr("Choose a criteria file and a list of units."))
        else:
            self.accept()
