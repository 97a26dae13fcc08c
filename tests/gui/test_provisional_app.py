"""The app never shows a unit with unresolved errors as plainly scored.

Inputs (``provisional_inputs``): five filled templates; Bắc Kạn (06) left NTS.01 blank and typed
"khoảng 20" for NTS.06. Imported through File › Import (the worker), verified through the
verification tab, in a campaign; strict ranking through the ranking tab's check box.
"""

from __future__ import annotations

import os
import shutil

import pytest
from gui_helpers import import_and_wait
from provisional_inputs import BAD, BLANK, UNITS, VAGUE, write_inputs, write_with_errors
from PySide6.QtCore import Qt

from dti_app.core.issues import IssueCode
from dti_app.gui.main_window import MainWindow


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, dti2022, units63):
    return write_inputs(tmp_path_factory.mktemp("nop") / "phieu", dti2022, units63)


def _row(view, code: str) -> dict[str, str]:
    """What the ranking table shows for ``code``: header → text."""
    model = view.model
    row = model.row_of(code)
    return {model.headerData(c, Qt.Orientation.Horizontal): model.index(row, c).data()
            for c in range(model.columnCount())}


def test_the_ranking_marks_the_provisional_unit_and_counts_agree(qtbot, window, inputs):
    dialog, ok = import_and_wait(qtbot, window, [inputs])
    assert ok
    session = window.session
    assert session.result.status[BAD] == "provisional"
    rank = int(session.result.rank[BAD])
    window.tabs.setCurrentWidget(window.ranking)
    shown = _row(window.ranking, BAD)
    assert shown["Hạng"] == f"{rank}*"
    assert shown["Trạng thái"] == "tạm tính (2 lỗi)"
    assert _row(window.ranking, "01")["Trạng thái"] == "hợp lệ"
    assert window.ranking.legend.isVisible()
    assert window.ranking.legend.text().startswith("* Tạm tính:")
    assert "5 đơn vị được xếp hạng (1 tạm tính)" in window.ranking.summary.text()
    assert window.units.proxy.statuses[BAD] == "provisional"
    session.select_unit(BAD)
    window.tabs.setCurrentWidget(window.detail)
    assert f"hạng {rank}/5" in window.detail.summary.text()
    assert "trạng thái: tạm tính (2 lỗi)" in window.detail.summary.text()
    # one count everywhere: the import dialog, the tab title, the issues panel, the ranking
    assert "Vấn đề về dữ liệu đang dùng: 2 lỗi, 0 cảnh báo." in dialog.label.text()
    assert window.tabs.tabText(5) == "Vấn đề (2)"
    window.tabs.setCurrentWidget(window.issues)
    assert window.issues.counts.text() == "Vấn đề về dữ liệu đang dùng: 2 lỗi, 0 cảnh báo"
    assert "vấn đề: 2 lỗi, 0 cảnh báo" in window.ranking.summary.text()
    assert window.issues.proxy.rowCount() == 2


def test_strict_ranking_is_a_remembered_option(qtbot, window, inputs, settings):
    import_and_wait(qtbot, window, [inputs])
    session, view = window.session, window.ranking
    window.tabs.setCurrentWidget(view)
    before = {u: int(session.result.rank[u]) for u in UNITS}
    view.strict.setChecked(True)
    assert session.strict and session.result.strict
    shown = _row(view, BAD)
    assert shown["Hạng"] == "" and shown["Chỉ số"] != ""           # keeps its score
    assert shown["Trạng thái"] == "tạm tính, không xếp hạng (2 lỗi)"
    after = {u: session.result.rank[u] for u in UNITS if u != BAD}
    assert sorted(int(r) for r in after.values()) == [1, 2, 3, 4]
    assert all(after[u] == before[u] - (before[u] > before[BAD]) for u in after)
    assert "1 tạm tính, không xếp hạng" in view.summary.text()
    assert "Xếp hạng nghiêm ngặt" in view.legend.text()
    assert settings.value("ranking/strict", False, bool) is True
    again = MainWindow(session, settings)                            # e.g. after a language switch
    qtbot.addWidget(again)
    assert again.ranking.strict.isChecked()
    view.strict.setChecked(False)
    assert not session.strict and int(session.result.rank[BAD]) == before[BAD]
    assert settings.value("ranking/strict", True, bool) is False


def test_verifying_the_bad_cells_resolves_them_and_clearing_brings_them_back(
        qtbot, window, inputs, tmp_path):
    session = window.session
    session.new_campaign(tmp_path / "dot.dticampaign", session.criteria_path, "63", 2022)
    import_and_wait(qtbot, window, [inputs])
    assert session.result.status[BAD] == "provisional"
    session.select_unit(BAD)
    window.tabs.setCurrentWidget(window.verify)
    assert window.verify.set_value(BLANK, "có", "Nghị quyết số 05-NQ/TU")
    assert session.result.status[BAD] == "provisional"                 # one left
    assert window.verify.set_value(VAGUE, "20", "Danh sách 20 hội thảo")
    assert session.result.status[BAD] == "scored"
    assert window.units.proxy.statuses[BAD] == "verified"
    window.tabs.setCurrentWidget(window.ranking)
    assert _row(window.ranking, BAD)["Trạng thái"] == "đã thẩm định"
    assert not _row(window.ranking, BAD)["Hạng"].endswith("*")
    window.tabs.setCurrentWidget(window.issues)
    panel = window.issues
    assert panel.counts.text() == ("Vấn đề về dữ liệu đang dùng: 0 lỗi, 0 cảnh báo; "
                                   "2 đã giải quyết bằng thẩm định")
    assert window.tabs.tabText(5) == "Vấn đề (0)"
    rows = {panel.model.index(r, 2).data(): [panel.model.index(r, c).data()
                                             for c in range(panel.model.columnCount())]
            for r in range(panel.model.rowCount())}
    assert rows["value_not_number"][1] == "đã giải quyết"
    assert rows["value_not_number"][-1].endswith(
        "— đã giải quyết bằng giá trị thẩm định 20 (ghi chú: Danh sách 20 hội thảo)")
    assert panel.select_first(code=IssueCode.VALUE_NOT_NUMBER)
    assert panel.detail["resolution"].text() == (
        "Đã giải quyết bằng giá trị thẩm định 20 (ghi chú: Danh sách 20 hội thảo)")
    session.undo_stack.undo()                     # clears the verified NTS.06
    assert session.result.status[BAD] == "provisional"
    assert panel.counts.text() == ("Vấn đề về dữ liệu đang dùng: 1 lỗi, 0 cảnh báo; "
                                   "1 đã giải quyết bằng thẩm định")
    back = next(i for i in session.issues() if i.node == VAGUE)
    assert not back.resolved
    with_file = session.campaign.score()                   # the file says the same
    assert with_file.status[BAD] == "provisional"


@pytest.mark.parametrize("campaign", [False, True], ids=["no campaign", "campaign"])
def test_the_import_dialog_and_the_issues_tab_count_the_same(qtbot, window, inputs, tmp_path,
                                                             campaign, dti2022, units63):
    """The counts once disagreed: the dialog counted every issue read, the tab only those about
    the data in use (a campaign drops the issues of a file that was not chosen)."""
    folder = tmp_path / "hai_lan"
    shutil.copytree(inputs, folder)
    first = next(folder.glob("DTI2022_01_*"))
    old = write_with_errors(folder / "DTI2022_01_Ha_Noi_cu.xlsx", dti2022, units63, "01")
    os.utime(old, (1_000_000_000, 1_000_000_000))            # older: the newest file wins
    assert first.stat().st_mtime > old.stat().st_mtime
    session = window.session
    if campaign:
        session.new_campaign(tmp_path / "dot.dticampaign", session.criteria_path, "63", 2022)
    window.newest_wins.setChecked(True)
    dialog, ok = import_and_wait(qtbot, window, [folder])
    assert ok and session.result.status["01"] == "scored"
    counts = session.issue_counts()
    assert (counts.errors, counts.warnings) == (2, 1)     # Bắc Kạn's two; "01 sent twice"
    text = f"{counts.errors} lỗi, {counts.warnings} cảnh báo"
    assert dialog.label.text().endswith(f"Vấn đề về dữ liệu đang dùng: {text}.")
    assert window.tabs.tabText(5) == f"Vấn đề ({counts.errors + counts.warnings})"
    window.tabs.setCurrentWidget(window.issues)
    assert window.issues.counts.text() == f"Vấn đề về dữ liệu đang dùng: {text}"
    files = dialog.model
    result = {files.index(r, 0).data(): files.index(r, 5).data() for r in range(files.rowCount())}
    assert result[old.name] == "không dùng: đã chọn tệp khác"
    per_file = {files.index(r, 0).data(): (files.index(r, 3).data(), files.index(r, 4).data())
                for r in range(files.rowCount())}
    assert per_file[old.name] == ("–", "–")
    total = sum(int(e) + int(w) for e, w in per_file.values() if e != "–")
    assert total == counts.errors + counts.warnings

