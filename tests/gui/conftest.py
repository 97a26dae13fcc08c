"""GUI test fixtures: an app window on a fresh session, isolated settings, inputs to import.

``inputs_63`` is the folder of the 63 sample workbooks when it is there; otherwise a folder with
one consolidated CSV (a row per unit of the 63) whose values follow each sub-indicator's rule,
from a fixed seed. Either way, importing it must give 63 ranked units.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gui_helpers import SAMPLES, sample_workbooks, write_table


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path, monkeypatch):
    """Every test gets its own QSettings (INI file in tmp_path), never the user's."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("dti-scorer-tests")
    QCoreApplication.setApplicationName("dti-app-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    yield


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "dti-app.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def controller(qtbot, settings):
    """The app as ``dti-app`` starts it (Vietnamese), on a fresh session, no campaign open."""
    from dti_app.gui.app import AppController

    ctl = AppController(settings=settings, reopen_last=False)
    qtbot.addWidget(ctl.window)
    ctl.window.show()
    yield ctl
    ctl.window.close()


@pytest.fixture
def window(controller):
    return controller.window


@pytest.fixture(scope="session")
def inputs_63(tmp_path_factory, dti2022, units63) -> Path:
    if len(sample_workbooks()) >= 63:
        return SAMPLES
    folder = tmp_path_factory.mktemp("inputs_63")
    write_table(folder / "bang_tong_hop.csv", dti2022, units63)
    return folder


@pytest.fixture(scope="session")
def imported_63(inputs_63, dti2022, units63):
    """The 63 inputs read once (by the core, as the worker would) for tests of later steps."""
    import dti_app.core.workbook_import  # noqa: F401  (the app registers this reader too)
    from dti_app.core.importer import import_inputs

    return import_inputs([inputs_63], dti2022, units63, 2022)


@pytest.fixture
def loaded(window, imported_63):
    """The window after the 63 inputs were imported."""
    window.session.apply_import(imported_63)
    return window


@pytest.fixture
def folder_with_broken_file(tmp_path, inputs_63) -> Path:
    """The 63 inputs plus a file named like a workbook that is not one (bytes of nothing)."""
    folder = tmp_path / "nop_ve"
    shutil.copytree(inputs_63, folder, ignore=shutil.ignore_patterns("*.md"))
    (folder / "Tinh_hong.xlsx").write_bytes(b"this is not a spreadsheet\x00\x01\x02" * 10)
    return folder
