"""Starting the desktop app: ``dti-app`` and ``python -m dti_app`` call ``main()``.

``main`` makes the ``QApplication``, installs the translators for the saved language (Vietnamese
unless the user chose English), opens the main window on a ``Session`` and reopens the last
campaign. ``AppController.set_language`` switches language by rebuilding the window on the same
session. An unexpected error is shown as a short message box, never as a traceback.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from dti_app import __version__
from dti_app.core.errors import DtiError
from dti_app.gui.display import error_text
from dti_app.gui.main_window import MainWindow
from dti_app.gui.session import Session
from dti_app.gui.translations import install_language

__all__ = ["AppController", "create_application", "main", "ORGANIZATION", "APPLICATION"]

ORGANIZATION = "DTI Scorer"
APPLICATION = "dti-app"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    return app


class AppController:
    """Owns the session and the (current) main window."""

    def __init__(self, settings: QSettings | None = None, session: Session | None = None,
                 reopen_last: bool = True) -> None:
        self.settings = settings or QSettings()
        lang = str(self.settings.value("language", "vi"))
        self.lang = install_language(lang)
        self.session = session or Session(lang=self.lang)
        self.session.lang = self.lang
        self.window = self._new_window()
        if reopen_last:
            self.reopen_last()

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.session, self.settings)
        window.language_requested.connect(self.set_language)
        return window

    def reopen_last(self) -> None:
        recent = self.window.recent_campaigns()
        if recent and Path(recent[0]).is_file():
            self.window.open_campaign(recent[0])

    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = install_language(lang)
        self.settings.setValue("language", self.lang)
        self.session.lang = self.lang
        old = self.window
        old.close()
        self.window = self._new_window()
        self.window.setGeometry(old.geometry())
        self.window.tabs.setCurrentIndex(old.tabs.currentIndex())
        self.window.show()
        old.deleteLater()


def _excepthook(kind, value, tb) -> None:
    """Show unexpected errors briefly; details go to stderr for whoever runs it from a shell."""
    if sys.stderr is not None:  # None in a windowed app on Windows
        traceback.print_exception(kind, value, tb, file=sys.stderr)
    lang = str(QSettings().value("language", "vi"))
    if isinstance(value, DtiError):
        text = error_text(value, lang)
    else:
        text = QCoreApplication.translate("App", "Unexpected error (%1): %2") \
            .replace("%1", kind.__name__).replace("%2", str(value))
    box = QMessageBox(QMessageBox.Icon.Critical, "DTI Scorer", text)
    box.addButton(QCoreApplication.translate("App", "Close"),
                  QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _say(text: str) -> None:
    if sys.stdout is not None:  # None in a windowed app on Windows
        sys.stdout.write(text + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run the app. Arguments: campaign files to open or input files/folders to import.

    ``--version`` prints the version; ``--check-start`` opens the window, lets it draw once,
    prints its title and quits (used to check and time a cold start).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if "--version" in args:
        _say(f"dti-app {__version__}")
        return 0
    check = "--check-start" in args
    paths = [a for a in args if not a.startswith("--")]
    app = create_application(sys.argv[:1])
    sys.excepthook = _excepthook
    try:
        controller = AppController(reopen_last=not paths and not check)
    except DtiError as exc:  # e.g. the default criteria file cannot be read
        box = QMessageBox(QMessageBox.Icon.Critical, "DTI Scorer", error_text(exc))
        box.addButton(QCoreApplication.translate("App", "Close"),
                      QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return 2
    window = controller.window
    window.show()
    campaigns = [p for p in paths if p.endswith(".dticampaign")]
    if campaigns:
        window.open_campaign(campaigns[0])
    inputs = [p for p in paths if not p.endswith(".dticampaign")]
    if inputs:
        window.import_paths(inputs)
    if check:
        app.processEvents()
        _say(window.windowTitle())
        return 0
    return app.exec()
