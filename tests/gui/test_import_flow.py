"""Importing through the window: 63 ranked rows, a broken file reported while the rest rank."""

from __future__ import annotations

import threading
import time

from gui_helpers import import_and_wait

from dti_app.core.issues import IssueCode
from dti_app.core.messages import render_issue


def test_import_63_inputs_gives_63_ranked_rows(qtbot, window, inputs_63, monkeypatch):
    from dti_app.gui.import_dialog import ImportDialog

    seen = []                                   # progress, as the UI thread receives it
    original = ImportDialog._progress
    monkeypatch.setattr(ImportDialog, "_progress", lambda self, done, total: (
        seen.append((done, total, threading.get_ident())), original(self, done, total)))
    started = time.perf_counter()
    dialog = window.import_paths([str(inputs_63)])
    with qtbot.waitSignal(dialog.done, timeout=20000) as blocker:
        pass
    elapsed = time.perf_counter() - started
    assert blocker.args == [True]
    files = len(dialog.result.files)
    # every file's progress reached the UI thread while the worker was still reading
    assert [(d, t) for d, t, _ in seen] == [(n, files) for n in range(1, files + 1)]
    assert {thread for _d, _t, thread in seen} == {threading.get_ident()}
    ranking = window.ranking
    assert ranking.proxy.rowCount() == 63
    ranks = [ranking.proxy.index(r, 0).data() for r in range(63)]
    assert ranks[0] == "1"                     # sorted by rank, best first
    assert all(rank for rank in ranks)         # every unit has a rank, none "not submitted"
    assert "63" in ranking.summary.text()
    assert window.session.result.status.value_counts().to_dict() == {"scored": 63}
    # the dialog's per-file table lists what was read
    assert dialog.model.rowCount() == len(dialog.result.files) >= 1
    print(f"\nimport of the 63 inputs in the app: {elapsed:.2f} s "
          f"(worker: {dialog.seconds:.2f} s)")


def test_broken_file_is_reported_and_the_rest_ranked(qtbot, window, folder_with_broken_file):
    dialog, ok = import_and_wait(qtbot, window, [folder_with_broken_file])
    assert ok
    assert window.ranking.proxy.rowCount() == 63
    assert int(window.session.result.status.eq("scored").sum()) == 63
    panel = window.issues
    assert panel.select_first(file="Tinh_hong.xlsx")
    issue = panel.current_issue()
    assert issue.code in (IssueCode.FILE_CORRUPT, IssueCode.FILE_NOT_SPREADSHEET)
    assert issue.severity.value == "error"
    assert panel.detail["file"].text() == "Tinh_hong.xlsx"
    assert panel.detail["message"].text() == render_issue(issue, "vi")
    # the per-file results list it first, as not usable; the 63 others as read
    rows = [(dialog.model.index(r, 0).data(), dialog.model.index(r, 5).data())
            for r in range(dialog.model.rowCount())]
    assert rows[0] == ("Tinh_hong.xlsx", "không dùng được")
    assert len(rows) == len(dialog.result.files) == len(list(folder_with_broken_file.iterdir()))
    # the tab title counts the issues
    assert window.tabs.tabText(5).startswith("Vấn đề (")


def test_missing_units_shown_as_not_submitted(qtbot, window, tmp_path, dti2022, units63):
    from gui_helpers import write_table

    path = write_table(tmp_path / "bang.csv", dti2022, units63, skip=("01", "79"))
    import_and_wait(qtbot, window, [path])
    ranking = window.ranking
    assert ranking.proxy.rowCount() == 63
    last_two = {ranking.proxy.index(r, 1).data(): ranking.proxy.index(r, 4).data()
                for r in (61, 62)}
    assert last_two == {"01": "chưa nộp", "79": "chưa nộp"}
    ranking.search.setText("ha noi")
    assert ranking.visible_codes() == ["01"]


def test_region_filter_and_search(qtbot, window, inputs_63):
    import_and_wait(qtbot, window, [inputs_63])
    ranking = window.ranking
    index = ranking.region.findText("Tây Nguyên")
    ranking.region.setCurrentIndex(index)
    codes = ranking.visible_codes()
    assert sorted(codes) == ["62", "64", "66", "67", "68"]
    ranking.region.setCurrentIndex(0)
    ranking.search.setText("đà nẵng")
    assert ranking.visible_codes() == ["48"]


def test_window_stays_responsive_and_cancel_changes_nothing(qtbot, window, inputs_63):
    dialog = window.import_paths([str(inputs_63)])
    dialog.cancel()                            # before a single file was read
    with qtbot.waitSignal(dialog.done, timeout=20000) as blocker:
        pass
    assert blocker.args == [False]
    assert dialog.label.text() == "Đã hủy nhập: không có gì thay đổi."
    assert int(window.session.result.status.eq("scored").sum()) == 0


def test_a_late_submission_is_added_to_the_earlier_import(qtbot, window, tmp_path, dti2022,
                                                          units63):
    from gui_helpers import write_table

    first = write_table(tmp_path / "dot1.csv", dti2022, units63, skip=("01", "79"))
    import_and_wait(qtbot, window, [first])
    assert int(window.session.result.status.eq("missing").sum()) == 2
    late = tmp_path / "muon"
    late.mkdir()
    full = write_table(tmp_path / "full.csv", dti2022, units63, seed=7)
    lines = full.read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + [line for line in lines[1:] if line.split(",")[0] in ("01", "79")]
    (late / "ha_noi_hcm.csv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    import_and_wait(qtbot, window, [late])
    status = window.session.result.status
    assert status.value_counts().to_dict() == {"scored": 63}
    assert window.ranking.proxy.rowCount() == 63
    assert {f.name for f in window.session.imported.files} == {"dot1.csv", "ha_noi_hcm.csv"}


def test_dropping_a_folder_on_the_window_imports_it(qtbot, window, inputs_63):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(inputs_63))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    dialog = window.import_dialog
    with qtbot.waitSignal(dialog.done, timeout=20000) as blocker:
        pass
    assert blocker.args == [True]
    assert int(window.session.result.status.eq("scored").sum()) == 63
