"""Importing through the window: 63 ranked rows, a broken file reported while the rest rank."""

from __future__ import annotations

import time

from gui_helpers import import_and_wait

from dti_app.core.issues import IssueCode
from dti_app.core.messages import render_issue


def test_import_63_inputs_gives_63_ranked_rows(qtbot, window, inputs_63):
    started = time.perf_counter()
    dialog, ok = import_and_wait(qtbot, window, [inputs_63])
    elapsed = time.perf_counter() - started
    assert ok
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
    # the per-file results mark it as not usable
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    row = names.index("Tinh_hong.xlsx")
    assert dialog.model.index(row, 5).data() == "không dùng được"
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
