"""The main window: menus, the unit list, and one tab per task, all bound to one ``Session``.

Tabs: ranking, unit detail, verification, weights, charts, issues, analysis. Files and folders
dropped on the window (or chosen with Import…) are imported in the background. Campaigns: new, open,
save as, recent; the last one is reopened at start (``app.py``). Language: Vietnamese (default)
or English; switching rebuilds the window on the same session. ``QSettings`` keeps only UI state:
geometry, recent campaigns and folders, language, the duplicate-file choice, strict ranking.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from dti_app import __version__
from dti_app.core.errors import DtiError
from dti_app.gui.analysis_view import AnalysisView
from dti_app.gui.campaign_dialog import CampaignDialog
from dti_app.gui.charts_view import ChartsView
from dti_app.gui.display import error_text
from dti_app.gui.export_dialog import ExportDialog
from dti_app.gui.guide_view import GuideDialog
from dti_app.gui.import_dialog import ImportDialog
from dti_app.gui.issues_panel import IssuesPanel
from dti_app.gui.ranking_view import RankingView
from dti_app.gui.session import Session
from dti_app.gui.translations import LANGUAGES
from dti_app.gui.unit_detail import UnitDetail
from dti_app.gui.units_panel import UnitsPanel
from dti_app.gui.verify_panel import VerifyPanel
from dti_app.gui.weights_editor import WeightsEditor

__all__ = ["MainWindow", "CAMPAIGN_FILTER", "MAX_RECENT"]

CAMPAIGN_FILTER = "*.dticampaign"
MAX_RECENT = 8
INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
# Roomier tabs: the default ones clip the upper tone mark of "ố", "ồ", "ề" on unselected tabs.
TAB_STYLE = ("QTabBar::tab { padding: 6px 14px; border: 1px solid #b9b9b9; border-bottom: none;"
             " background: #ebebeb; margin-right: 2px; border-top-left-radius: 3px;"
             " border-top-right-radius: 3px; }"
             " QTabBar::tab:selected { background: #ffffff; }")


class MainWindow(QMainWindow):
    language_requested = Signal(str)

    def __init__(self, session: Session, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.import_dialog: ImportDialog | None = None
        self.setAcceptDrops(True)
        self.units = UnitsPanel(session)
        dock = QDockWidget(self.tr("Units"), self)
        dock.setObjectName("units")
        dock.setWidget(self.units)
        dock.setMinimumWidth(330)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        session.set_strict(settings.value("ranking/strict", session.strict, bool))
        self.ranking = RankingView(session)
        self.ranking.strict.toggled.connect(
            lambda on: self.settings.setValue("ranking/strict", bool(on)))
        self.detail = UnitDetail(session)
        self.verify = VerifyPanel(session)
        self.weights = WeightsEditor(session)
        self.charts = ChartsView(session)
        self.issues = IssuesPanel(session)
        self.analysis = AnalysisView(session)
        self.tabs = QTabWidget()
        self.tabs.setStyleSheet(TAB_STYLE)
        for widget, title in ((self.ranking, self.tr("Ranking")),
                              (self.detail, self.tr("Unit detail")),
                              (self.verify, self.tr("Verification")),
                              (self.weights, self.tr("Weights")),
                              (self.charts, self.tr("Charts")),
                              (self.issues, self.tr("Issues")),
                              (self.analysis, self.tr("Analysis"))):
            self.tabs.addTab(widget, title)
        self.setCentralWidget(self.tabs)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        session.scored.connect(self._update_titles)
        session.campaign_changed.connect(self._update_titles)
        self._update_titles()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    # --- menus ------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        S = QKeySequence.StandardKey
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(self.tr("&New campaign…"), self.new_campaign, S.New, file_menu)
        self._action(self.tr("&Open campaign…"), self.ask_open_campaign, S.Open, file_menu)
        self._action(self.tr("Save campaign &as…"), self.save_campaign_as, "Ctrl+Shift+S",
                     file_menu)
        self.recent_menu = file_menu.addMenu(self.tr("&Recent campaigns"))
        self._fill_recent()
        file_menu.addSeparator()
        self._action(self.tr("&Import files…"), self.ask_import_files, "Ctrl+I", file_menu)
        self._action(self.tr("Import a &folder…"), self.ask_import_folder, "Ctrl+Shift+I",
                     file_menu)
        self.newest_wins = self._action(self.tr("Newest file wins when a unit sends twice"),
                                        self._save_newest, None, file_menu)
        self.newest_wins.setCheckable(True)
        self.newest_wins.setChecked(self.settings.value("import/newest_wins", False, bool))
        self._action(self.tr("&Export…"), self.open_export, "Ctrl+E", file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Quit"), self.close, S.Quit, file_menu)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence(S.Undo))
        redo = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(S.Redo)])
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self._action(self.tr("Reset &weights"), self.session.reset_weights, None, edit_menu)
        view_menu = bar.addMenu(self.tr("&View"))
        for i in range(self.tabs.count()):
            self._action(self.tabs.tabText(i).split(" (")[0],
                         lambda _c=False, i=i: self.tabs.setCurrentIndex(i),
                         f"Ctrl+{i + 1}", view_menu)
        lang_menu = bar.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = self._action(name, lambda _c=False, code=code:
                                  self.language_requested.emit(code), None, lang_menu)
            action.setCheckable(True)
            action.setChecked(code == self.session.lang)
            group.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(self.tr("&User guide"), self.open_guide, S.HelpContents, help_menu)
        self._action(self.tr("&About DTI Scorer"), self.about, None, help_menu)

    def _save_newest(self) -> None:
        self.settings.setValue("import/newest_wins", self.newest_wins.isChecked())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_campaigns()
        for path in recent:
            self._action(path, lambda _c=False, p=path: self.open_campaign(p), None,
                         self.recent_menu)
        self.recent_menu.setEnabled(bool(recent))

    def recent_campaigns(self) -> list[str]:
        value = self.settings.value("campaigns/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if p]

    def _remember(self, path: Path) -> None:
        items = [str(path)] + [p for p in self.recent_campaigns() if p != str(path)]
        self.settings.setValue("campaigns/recent", items[:MAX_RECENT])
        self._fill_recent()

    def _update_titles(self) -> None:
        s = self.session
        campaign = s.campaign
        where = campaign.path.name if campaign is not None else self.tr("no campaign open")
        self.setWindowTitle(f"DTI Scorer — {where}")
        counts = s.issue_counts()
        self.tabs.setTabText(5, self.tr("Issues (%1)").replace(
            "%1", str(counts.errors + counts.warnings)))
        self.status_label.setText(
            self.tr("Criteria %1 · units %2 · year %3")
            .replace("%1", s.criteria.label).replace("%2", s.register.code_set)
            .replace("%3", str(s.shown_year or "–")))

    # --- campaigns --------------------------------------------------------------------------
    def _ask(self, title: str, open_file: bool) -> str:
        folder = self.settings.value("folders/campaigns", str(Path.home()))
        pattern = self.tr("Campaign files (%1)").replace("%1", CAMPAIGN_FILTER)
        if open_file:
            path, _ = QFileDialog.getOpenFileName(self, title, folder, pattern)
        else:
            path, _ = QFileDialog.getSaveFileName(self, title, folder, pattern)
            if path and not path.endswith(".dticampaign"):
                path += ".dticampaign"
        if path:
            self.settings.setValue("folders/campaigns", str(Path(path).parent))
        return path

    def new_campaign(self) -> None:
        dialog = CampaignDialog(self.session, self.settings, self)
        if dialog.exec():
            self._try(lambda: self.session.new_campaign(dialog.path, dialog.criteria_path,
                                                        dialog.register, dialog.year),
                      dialog.path)

    def ask_open_campaign(self) -> None:
        path = self._ask(self.tr("Open campaign"), True)
        if path:
            self.open_campaign(path)

    def open_campaign(self, path: str | Path) -> bool:
        return self._try(lambda: self.session.open_campaign(path), path)

    def save_campaign_as(self) -> None:
        path = self._ask(self.tr("Save campaign as"), False)
        if path:
            self._try(lambda: self.session.save_campaign_as(path), path)

    def _try(self, work, path: str | Path) -> bool:
        try:
            work()
        except DtiError as exc:
            self.show_error(error_text(exc, self.session.lang))
            recent = self.recent_campaigns()
            if str(path) in recent:  # a recent campaign that cannot be opened is forgotten
                self.settings.setValue("campaigns/recent", [p for p in recent if p != str(path)])
                self._fill_recent()
            return False
        self._remember(Path(path))
        self.statusBar().showMessage(self.tr("Campaign: %1").replace("%1", str(path)), 5000)
        return True

    def show_error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "DTI Scorer", text, parent=self)
        box.addButton(self.tr("Close"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    # --- import and export ------------------------------------------------------------------
    def ask_import_files(self) -> None:
        folder = self.settings.value("folders/import", str(Path.home()))
        pattern = self.tr("Spreadsheets (%1)").replace(
            "%1", " ".join(f"*{s}" for s in INPUT_SUFFIXES))
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"), folder, pattern)
        if paths:
            self.import_paths(paths)

    def ask_import_folder(self) -> None:
        folder = self.settings.value("folders/import", str(Path.home()))
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"), folder)
        if path:
            self.import_paths([path])

    def import_paths(self, paths: list[str | Path]) -> ImportDialog:
        """Start importing in the background; the returned dialog shows progress and results."""
        first = Path(paths[0])
        self.settings.setValue("folders/import", str(first if first.is_dir() else first.parent))
        dialog = ImportDialog(self.session, paths, self.newest_wins.isChecked(), self)
        dialog.done.connect(self._import_done)
        self.import_dialog = dialog
        dialog.show()
        dialog.start()
        return dialog

    def _import_done(self, ok: bool) -> None:
        if ok:
            self.statusBar().showMessage(self.import_dialog.label.text(), 8000)

    def open_export(self) -> ExportDialog:
        dialog = ExportDialog(self.session, self.settings, self)
        dialog.show()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [QUrl(url).toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        campaigns = [p for p in paths if p.endswith(".dticampaign")]
        if campaigns:
            self.open_campaign(campaigns[0])
        elif paths:
            self.import_paths(paths)
        event.acceptProposedAction()

    # --- help and closing -------------------------------------------------------------------
    def about_text(self) -> str:
        c = self.session.criteria
        note = c.note_en if self.session.lang == "en" and c.note_en else c.note_vi
        lines = [f"<b>DTI Scorer {__version__}</b>",
                 self.tr("Offline scoring and ranking of the digital transformation index."),
                 self.tr("Criteria: %1 (%2), version %3").replace("%1", c.name(self.session.lang))
                 .replace("%2", c.id).replace("%3", c.version)]
        if c.illustrative:
            lines.append(self.tr("Note: the sub-indicators of this criteria file are "
                                 "illustrative."))
        if note:
            lines.append(note)
        return "<br><br>".join(lines)

    def open_guide(self) -> GuideDialog:
        """Help › User guide (F1): the guide in the UI language, read from disk."""
        dialog = GuideDialog(self.session.lang, self)
        dialog.show()
        return dialog

    def about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About DTI Scorer"),
                          self.about_text(), parent=self)
        box.addButton(self.tr("Close"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
