"""The import dialog: files and folders read off the UI thread, with progress, cancel and results.

``ImportDialog.start()`` runs ``import_inputs`` through the worker helper; the window stays
responsive. When it finishes, the result goes to the session (scored at once) and the table shows
per file what was read: its kind, its units, its errors and warnings. Cancelling stops after the
file being read and changes nothing.

The counts are the session's (``Session.issue_counts``, the issues about the data in use), the
same as the Issues tab: a file that was read but not used (another file of the same unit was
chosen) says so instead of adding issues that concern nothing in use.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

import dti_app.core.workbook_import  # noqa: F401  (registers the self-assessment workbook reader)
from dti_app.core.errors import DtiError
from dti_app.core.imported import ImportResult
from dti_app.core.importer import expand_inputs, import_inputs
from dti_app.core.issues import Severity
from dti_app.gui.display import counts_text, error_text, status_color
from dti_app.gui.models import FrameModel
from dti_app.gui.panel import compact, fit_columns
from dti_app.gui.session import Session
from dti_app.gui.worker import Job, run_in_background

__all__ = ["ImportDialog"]


class ImportDialog(QDialog):
    """Emits ``done(ok)`` when the import has finished (True), failed or was cancelled."""

    done = Signal(bool)

    def __init__(self, session: Session, paths: list[str | Path], newest_wins: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.paths = [Path(p) for p in paths]
        self.newest_wins = newest_wins
        self.job: Job | None = None
        self.result: ImportResult | None = None
        self.seconds = 0.0
        self.setWindowTitle(self.tr("Import"))
        self.resize(760, 460)
        self.label = QLabel(self.tr("Looking for files…"))
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.model = FrameModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)

    def start(self) -> Job:
        s = self.session
        self._started = time.perf_counter()
        self._pending = [p.name for p in expand_inputs(self.paths)[0]]
        self._show_pending(0)
        self.job = run_in_background(
            import_inputs, self.paths, s.criteria, s.register, s.year,
            newest_wins=self.newest_wins, on_progress=self._progress,
            on_finished=self._finished, on_failed=self._failed)
        return self.job

    def cancel(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.label.setText(self.tr("Stopping after the current file…"))
            self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(self.tr("Reading file %1 of %2…").replace("%1", str(done))
                           .replace("%2", str(total)))
        if len(self._pending) == total:
            self._show_pending(done)

    def _show_pending(self, done: int) -> None:
        """While reading: every file found, read or still waiting (files go in this order)."""
        names = self._pending
        states = ([self.tr("read")] * done + [self.tr("reading…")] * (done < len(names))
                  + [self.tr("waiting")] * max(0, len(names) - done - 1))
        frame = pd.DataFrame({"file": names, "result": states[:len(names)]},
                             index=range(len(names)))
        self.model.set_frame(frame, [self.tr("File"), self.tr("Result")],
                             background=[status_color("valid") if i < done else None
                                         for i in range(len(names))])
        if done == 0:
            self.table.resizeColumnsToContents()
        if done < len(names):
            self.table.scrollTo(self.model.index(done, 0))

    def _finished(self, result: ImportResult) -> None:
        self.seconds = time.perf_counter() - self._started
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        if self.job is not None and self.job.is_cancelled():
            self.label.setText(self.tr("Import cancelled: nothing was changed."))
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
            self.done.emit(False)
            return
        self.result = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        try:
            self.session.apply_import(result)
        except DtiError as exc:  # a campaign that cannot be written: say so, keep the window
            self._failed(exc)
            return
        self._show_files(result)
        self.label.setText(
            self.tr("%1 files read, %2 units imported. Issues about the data in use: %3.")
            .replace("%1", str(len(result.files))).replace("%2", str(len(result.values)))
            .replace("%3", counts_text(self.session.issue_counts())))
        self.done.emit(True)

    def _failed(self, error: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.label.setText(self.tr("The import failed: %1")
                           .replace("%1", error_text(error, self.session.lang)))
        self.done.emit(False)

    def _superseded(self, file, used: set[str]) -> bool:
        """Read, but another file of its unit was chosen: none of its issues are in use."""
        return bool(file.ok and file.units and file.name not in used
                    and not set(file.units) & set(self.session.imported.invalid))

    def _outcome(self, file, used: set[str], errors: int) -> str:
        if not file.ok:
            return self.tr("not usable")
        if self._superseded(file, used):
            return self.tr("not used: another file was chosen")
        if file.units and file.name not in used:
            return self.tr("not used: the unit sent several files")
        return self.tr("read with errors") if errors else self.tr("read")

    def _show_files(self, result: ImportResult) -> None:
        """Per file of this import: its unresolved issues among those in use (the session's)."""
        errors: Counter[str] = Counter()
        warnings: Counter[str] = Counter()
        for issue in self.session.issues():
            if not issue.resolved:
                (errors if issue.severity is Severity.ERROR else warnings)[issue.file] += 1
        used = set(self.session.imported.origin["file"]) if len(self.session.imported.origin) \
            else set()
        kinds = {"table": self.tr("table"), "workbook": self.tr("workbook"), "": ""}
        # files that need attention first: not usable, then with errors, then with warnings
        files = sorted(result.files, key=lambda f: (f.ok, not errors[f.name],
                                                    not warnings[f.name]))
        frame = pd.DataFrame({
            "file": [f.name for f in files],
            "kind": [kinds.get(f.kind, f.kind) for f in files],
            "units": [", ".join(self.session.unit_name(u) for u in f.units[:3])
                      + (" …" if len(f.units) > 3 else "") for f in files],
            "errors": ["–" if self._superseded(f, used) else str(errors[f.name])
                       for f in files],
            "warnings": ["–" if self._superseded(f, used) else str(warnings[f.name])
                         for f in files],
            "result": [self._outcome(f, used, errors[f.name]) for f in files],
        }, index=range(len(files)))
        colour = ["error" if not f.ok else "missing" if f.units and f.name not in used else
                  "warning" if errors[f.name] else "valid" for f in files]
        self.model.set_frame(frame, [self.tr("File"), self.tr("Kind"), self.tr("Units"),
                                     self.tr("Errors"), self.tr("Warnings"), self.tr("Result")],
                             numeric=("errors", "warnings"),
                             background=[status_color(c) for c in colour],
                             tooltips=[f.path for f in files])
        fit_columns(self.table, 260)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)   # sizing to contents fixed the last width: let go
        header.setStretchLastSection(True)
        self.table.scrollToTop()
