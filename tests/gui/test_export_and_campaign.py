"""Exporting from the window, and a campaign that keeps imports and verified values."""

from __future__ import annotations

import openpyxl
import pytest
from gui_helpers import import_and_wait

from dti_app.core.campaign import Campaign


def test_export_writes_the_ranking_workbook(qtbot, loaded, tmp_path):
    dialog = loaded.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "xuat"))
    dialog.charts.setChecked(False)         # charts: see the next test (they take a while)
    dialog.scorecards.setChecked(False)
    with qtbot.waitSignal(dialog.done, timeout=60000) as blocker:
        dialog.start()
    assert blocker.args == [True]
    names = {p.relative_to(tmp_path / "xuat").as_posix() for p in dialog.written}
    assert names == {"xep_hang_DTI.xlsx"}
    assert dialog.label.text() == f"Đã ghi {len(dialog.written)} tệp."
    book = openpyxl.load_workbook(tmp_path / "xuat" / "xep_hang_DTI.xlsx", read_only=True)
    first = book.worksheets[0]
    rows = list(first.iter_rows(values_only=True))
    best = loaded.session.result.ranking().index[0]
    assert any(best in [str(v) for v in row] for row in rows[:6])   # the top unit is near the top


def test_a_chart_is_saved_from_the_charts_tab(qtbot, loaded, tmp_path):
    charts = loaded.charts
    loaded.tabs.setCurrentWidget(charts)
    assert charts.current_key == "ranking"
    assert charts.view.canvas is not None and charts.view.canvas.width() > 300
    written = charts.export_current(tmp_path / "xep_hang.png")
    assert written == tmp_path / "xep_hang.png"
    assert written.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert charts.message.text() == f"Đã lưu: {written}"


def test_campaign_keeps_imports_and_verified_values(qtbot, window, inputs_63, tmp_path):
    session = window.session
    path = tmp_path / "dot_2022.dticampaign"
    session.new_campaign(path, session.criteria_path, "63", 2022)
    assert window.windowTitle() == "DTI Scorer — dot_2022.dticampaign"
    import_and_wait(qtbot, window, [inputs_63])
    assert int(session.result.status.eq("scored").sum()) == 63
    session.select_unit("01")
    window.tabs.setCurrentWidget(window.verify)
    assert window.verify.set_value("NTS.05", "80", "Đã đối chiếu minh chứng")
    index_after = session.result.index["01"]
    session.close_campaign()
    with Campaign.open(path) as campaign:
        assert campaign.verified_values().at["01", "NTS.05"] == 80.0
        log = campaign.verification_log()
        assert log["note"].tolist() == ["Đã đối chiếu minh chứng"]
        assert len(campaign.current_values()[0]) == 63
    assert window.open_campaign(path)
    assert session.result.index["01"] == pytest.approx(index_after)
    assert session.verified("01", "NTS.05") == (80.0, "Đã đối chiếu minh chứng")
    assert window.recent_campaigns()[0] == str(path)


def test_opening_a_file_that_is_not_a_campaign_says_so(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "show_error", shown.append)
    bad = tmp_path / "khong_phai.dticampaign"
    bad.write_bytes(b"not sqlite at all")
    assert not window.open_campaign(bad)
    assert shown and "khong_phai.dticampaign" in shown[0]
    assert bad.read_bytes() == b"not sqlite at all"
    assert window.session.campaign is None


def test_save_as_keeps_what_was_done_before_a_campaign_existed(qtbot, loaded, tmp_path):
    session = loaded.session
    session.select_unit("02")
    loaded.tabs.setCurrentWidget(loaded.verify)
    assert loaded.verify.set_value("NTS.06", "12", "Theo báo cáo bổ sung")
    path = tmp_path / "luu_thanh.dticampaign"
    session.save_campaign_as(path)
    assert session.campaign is not None and session.campaign.path == path
    assert session.verified("02", "NTS.06") == (12.0, "Theo báo cáo bổ sung")
    with Campaign.open(path, read_only=True) as campaign:
        assert len(campaign.current_values()[0]) == 63
        assert campaign.verified_values().at["02", "NTS.06"] == 12.0
        assert campaign.criteria().label == session.criteria.label


def _export_workbook(qtbot, window, folder) -> openpyxl.Workbook:
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(folder))
    dialog.charts.setChecked(False)
    dialog.scorecards.setChecked(False)
    with qtbot.waitSignal(dialog.done, timeout=60000) as blocker:
        dialog.start()
    assert blocker.args == [True]
    return openpyxl.load_workbook(folder / "xep_hang_DTI.xlsx")


def test_edited_weights_are_named_in_the_apps_export_until_saved(qtbot, loaded, tmp_path):
    session, editor = loaded.session, loaded.weights
    loaded.tabs.setCurrentWidget(editor)
    editor.tree_model.setData(editor.tree_model.index_of("HTS", 1), "400")
    assert session.weights_edited and session.shown_year == 2022      # the samples' year
    book = _export_workbook(qtbot, loaded, tmp_path / "sua")
    banner = book.worksheets[0]["A1"].value
    assert banner.startswith("TRỌNG SỐ ĐÃ SỬA: không phải bộ tiêu chí dti-tinh-2022 v1.0.")
    assert "HTS 100 → 400 điểm; tổng 1000 → 1300 điểm" in banner
    about = {r[0].value: r[1].value for r in book["Thông tin"].iter_rows() if r[0].value}
    assert about["Phiên bản bộ tiêu chí"].startswith("trọng số đã sửa từ phiên bản 1.0")
    assert about["Năm đánh giá"] == 2022
    # the file's own version is refused for edited weights; a new version is named again
    assert not editor.save_version(tmp_path / "v.yaml", "1.0")
    assert "phiên bản của tệp tiêu chí gốc" in editor.message.text()
    assert editor.save_version(tmp_path / "v.yaml", "1.1")
    assert not session.weights_edited
    book = _export_workbook(qtbot, loaded, tmp_path / "luu")
    assert book.worksheets[0]["A1"].value == "Hạng"
    about = {r[0].value: r[1].value for r in book["Thông tin"].iter_rows() if r[0].value}
    assert about["Phiên bản bộ tiêu chí"] == "1.1"
