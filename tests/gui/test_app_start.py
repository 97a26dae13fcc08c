"""Starting the app: ``python -m dti_app`` opens the window; the About box says what it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from dti_app import __version__

REPO = Path(__file__).resolve().parents[2]


def test_python_m_dti_app_opens_the_main_window(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), PYTHONPATH=str(REPO))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dti_app", "--check-start"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "DTI Scorer — chưa mở đợt đánh giá"
    assert "Traceback" not in done.stderr
    print(f"\ncold start to a drawn window (whole process): {elapsed:.2f} s")


def test_about_box_names_version_criteria_and_the_illustrative_note(window):
    text = window.about_text()
    c = window.session.criteria
    assert f"DTI Scorer {__version__}" in text
    assert f"{c.id}" in text and f"phiên bản {c.version}" in text
    assert "chỉ mang tính minh họa" in text
    assert c.note_vi in text


def test_main_shortcuts(window):
    shortcuts = {a.text(): a.shortcut().toString() for a in window.findChildren(type(
        window.menuBar().actions()[0])) if not a.shortcut().isEmpty()}
    assert shortcuts["&Nhập tệp…"] == "Ctrl+I"
    assert shortcuts["Nhập &thư mục…"] == "Ctrl+Shift+I"
    assert shortcuts["&Xuất…"] == "Ctrl+E"
    assert shortcuts["Đợt đánh giá &mới…"] == "Ctrl+N"
    assert shortcuts["&Mở đợt đánh giá…"] == "Ctrl+O"
    assert shortcuts["Xếp hạng"] == "Ctrl+1"
