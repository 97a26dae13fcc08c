"""The export dialog: ranking workbook, charts and scorecards, written in the background.

The user picks a folder and what to write; ``ExportDialog.start`` runs the core's export through
the worker helper with a progress bar and a cancel button. Every file is written atomically by the
core. In a campaign, the result the files were made from is kept as a snapshot in the campaign.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from dti_app.core.errors import DtiError
from dti_app.core.export_text import label as export_label
from dti_app.core.messages import render_issue
from dti_app.gui.display import error_text
from dti_app.gui.export_job import FORMATS, ExportRequest, run_export
from dti_app.gui.session import Session
from dti_app.gui.worker import Job, run_in_background

__all__ = ["ExportDialog"]


class ExportDialog(QDialog):
    """Emits ``done(ok)`` when the export has finished (True), failed or was cancelled."""

    done = Signal(bool)

    def __init__(self, session: Session, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.job: Job | None = None
        self.written: list[Path] = []
        self.outcome = None
        self.seconds = 0.0
        self.setWindowTitle(self.tr("Export"))
        self.resize(640, 440)
        default = Path(settings.value("folders/export", str(Path.home() / "DTI_export")))
        self.folder = QLineEdit(str(default))
        browse = QPushButton(self.tr("Choose…"))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.workbook = QCheckBox(self.tr("Ranking workbook (Excel)"))
        self.charts = QCheckBox(self.tr("Charts"))
        self.formats = {fmt: QCheckBox(fmt.upper()) for fmt in FORMATS}
        self.scorecards = QCheckBox(self.tr("One-page scorecard per unit (PDF)"))
        for box in (self.workbook, self.charts, self.scorecards, *self.formats.values()):
            box.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Folder:"), row)
        self.label = QLabel(self.tr("Choose what to export, then press Export."))
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setValue(0)
        self.files = QListWidget()
        self.start_button = QPushButton(self.tr("Export"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.close_button = QPushButton(self.tr("Close"))
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        formats = QHBoxLayout()
        formats.addWidget(self.charts)
        for box in self.formats.values():
            formats.addWidget(box)
        formats.addStretch(1)
        layout.addWidget(self.workbook)
        layout.addLayout(formats)
        layout.addWidget(self.scorecards)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        browse.clicked.connect(self._pick_folder)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Export folder"),
                                                self.folder.text())
        if path:
            self.folder.setText(path)

    def request(self) -> ExportRequest:
        s = self.session
        return ExportRequest(
            folder=Path(self.folder.text().strip()), result=s.result, register=s.register,
            issues=s.issues(), files=list(s.imported.files), final_values=s.final_values(),
            self_values=s.imported.values, verified_values=s.verified_values(),
            lang=s.lang, year=s.shown_year,
            workbook=self.workbook.isChecked(), charts=self.charts.isChecked(),
            scorecards=self.scorecards.isChecked(),
            formats=tuple(f for f, box in self.formats.items() if box.isChecked()) or ("png",))

    def start(self) -> Job | None:
        request = self.request()
        if not str(request.folder) or str(request.folder) == ".":
            self.label.setText(self.tr("Choose a folder first."))
            return None
        year = self.session.assessment_year()
        if year.conflict:           # never published under a year some files contradict
            self.label.setText(export_label("year_conflict", self.session.lang,
                                            years=year.summary()))
            return None
        self.settings.setValue("folders/export", str(request.folder))
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.files.clear()
        self.bar.setRange(0, 0)
        self.label.setText(self.tr("Exporting…"))
        self._started = time.perf_counter()
        self.job = run_in_background(run_export, request, on_progress=self._progress,
                                     on_finished=self._finished, on_failed=self._failed)
        return self.job

    def cancel(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Stopping after the current file…"))

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.label.setText(self.tr("Writing %1 of %2…").replace("%1", str(done))
                           .replace("%2", str(total)))

    def _finished(self, outcome) -> None:
        self.seconds = time.perf_counter() - self._started
        self.outcome = outcome
        self.written = list(outcome.files)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.cancel_button.setEnabled(False)
        self.start_button.setEnabled(True)
        for warning in outcome.warnings:
            self.files.addItem("⚠ " + render_issue(warning, self.session.lang, with_place=True))
        for path in self.written:
            self.files.addItem(str(path))
        cancelled = outcome.cancelled
        text = (self.tr("Export stopped: %1 files written.") if cancelled
                else self.tr("%1 files written.")).replace("%1", str(len(self.written)))
        if outcome.warnings:
            text += " " + self.tr("%1 warnings.").replace("%1", str(len(outcome.warnings)))
        try:
            self.session.keep_snapshot(self.tr("Export to %1").replace("%1", self.folder.text()))
        except DtiError as exc:
            text += " " + error_text(exc, self.session.lang)
        self.label.setText(text)
        self.done.emit(not cancelled)

    def _failed(self, error: BaseException) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(False)
        self.start_button.setEnabled(True)
        self.label.setText(self.tr("The export failed: %1")
                           .replace("%1", error_text(error, self.session.lang)))
        self.done.emit(False)
