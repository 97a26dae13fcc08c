"""No network from the desktop app: starting it, importing, scoring and exporting open no socket.

In this process: Python's socket layer is replaced by one that fails the test on any Internet
socket, connection or host lookup; then the app starts (the controller and main window, as
``dti-app`` makes them), imports a consolidated table through the worker, and exports the ranking
workbook through the export dialog (charts and scorecards: ``tests/core/test_no_network.py``).

In a fresh process (``python -m dti_app`` as a user starts it, offscreen): an audit hook records
the same events from the very start, and where ``strace`` works the run is traced at the
system-call level as well, which also sees what Qt's C++ code does.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from gui_helpers import import_and_wait, write_table
from net_guard import AUDIT_HOOK, internet_calls, strace_command

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def attempts(monkeypatch) -> list[str]:
    """Make every Internet socket, connection and host lookup fail, and record it."""
    seen: list[str] = []
    inet = (socket.AF_INET, socket.AF_INET6)
    real_init = socket.socket.__init__

    def guarded_init(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in inet or (family == -1 and fileno is None):
            seen.append(f"socket({family})")
            raise OSError("network access is not allowed in DTI Scorer")
        real_init(self, family, type, proto, fileno)

    def refuse(name: str):
        def refused(*args, **kwargs):
            seen.append(f"{name}{args!r}"[:200])
            raise OSError("network access is not allowed in DTI Scorer")
        return refused

    monkeypatch.setattr(socket.socket, "__init__", guarded_init)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "getnameinfo"):
        monkeypatch.setattr(socket, name, refuse(name))
    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    return seen


def test_the_guard_does_catch_a_socket(attempts):
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(attempts) == 2


def test_start_import_score_and_export_open_no_socket(attempts, qtbot, settings, tmp_path,
                                                      dti2022, units63):
    from dti_app.gui.app import AppController

    controller = AppController(settings=settings, reopen_last=False)
    window = controller.window
    qtbot.addWidget(window)
    window.show()
    table = write_table(tmp_path / "bang_tong_hop.csv", dti2022, units63)
    _, ok = import_and_wait(qtbot, window, [table])
    assert ok is True
    assert window.session.result.status.value_counts()["scored"] == 63
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "xuat"))
    dialog.charts.setChecked(False)        # charts and scorecards: tests/core/test_no_network
    dialog.scorecards.setChecked(False)
    with qtbot.waitSignal(dialog.done, timeout=120000) as blocker:
        dialog.start()
    assert blocker.args == [True]
    assert [p.suffix for p in dialog.written] == [".xlsx"]
    window.close()
    assert attempts == []


APP = r'''
from PySide6.QtCore import QEventLoop, QTimer
from dti_app.gui.app import AppController, create_application

app = create_application(["dti-app"])
controller = AppController(reopen_last=True)
window = controller.window
window.show()
app.processEvents()
steps = ["started"]

def wait(signal):
    loop = QEventLoop()
    signal.connect(lambda *a: loop.quit())
    QTimer.singleShot(120000, loop.quit)
    return loop

dialog = window.import_paths([sys.argv[1]])
loop = wait(dialog.done)
loop.exec()
if window.session.result is not None:
    steps.append("imported")
export = window.open_export()
export.folder.setText(sys.argv[2])
export.charts.setChecked(False)
export.scorecards.setChecked(False)
loop = wait(export.done)
export.start()
loop.exec()
if export.written:
    steps.append("exported")
window.close()
sys.__stdout__.write("\n@@" + json.dumps({"steps": steps, "events": _EVENTS}) + "\n")
sys.__stdout__.flush()
'''


def test_the_app_started_as_a_user_starts_it_opens_no_socket(tmp_path, dti2022, units63):
    table = write_table(tmp_path / "bang_tong_hop.csv", dti2022, units63)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(REPO),
               MPLCONFIGDIR=str(tmp_path / "mpl"))
    trace = tmp_path / "trace.txt"
    strace = strace_command()
    prefix = [*strace, "-o", str(trace)] if strace else []
    done = subprocess.run([*prefix, sys.executable, "-c", AUDIT_HOOK + APP, str(table),
                           str(tmp_path / "xuat")], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads([x for x in done.stdout.splitlines() if x.startswith("@@")][-1][2:])
    assert report["steps"] == ["started", "imported", "exported"]
    assert report["events"] == []
    if strace:
        assert internet_calls(trace) == []
