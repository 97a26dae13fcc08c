"""The analysis tab: rank stability run in the background, the 63 → 34 table, strengths."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt


def _column(model, header: str) -> list[str]:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = headers.index(header)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def _run(qtbot, view, runs: int = 200):
    view.runs.setValue(runs)
    with qtbot.waitSignal(view.stability_model.modelReset, timeout=20000):
        job = view.run_stability()
    qtbot.waitUntil(lambda: job.done)
    return job


def test_stability_run_fills_the_table_with_the_ranking_views_ranks(qtbot, loaded):
    window = loaded
    view = window.analysis
    window.tabs.setCurrentWidget(view)
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "Phân tích"
    assert view.stability_model.rowCount() == 0
    job = _run(qtbot, view)
    assert job.result.runs == 200 and not job.result.cancelled
    model = view.stability_model
    assert model.rowCount() == 63
    nominal = dict(zip(_column(model, "Mã"), _column(model, "Hạng"), strict=True))
    ranking = window.ranking.model
    shown = {ranking.index(r, 1).data(): ranking.index(r, 0).data()
             for r in range(ranking.rowCount())}
    assert nominal == {code: shown[code] for code in nominal}
    for interval, median in zip(_column(model, "Khoảng hạng\n5–95 %"),
                                _column(model, "Hạng\ntrung vị"), strict=True):
        low, high = (int(x) for x in interval.split("–"))
        assert 1 <= low <= float(median) <= high <= 63
    assert "200 lần chạy" in view.stability_status.text()
    assert view.chart.figure is not None
    assert view.run_button.isEnabled() and not view.stop_button.isEnabled()


def test_rerun_after_a_weight_change_uses_the_new_weights(qtbot, loaded):
    window, session = loaded, loaded.session
    view = window.analysis
    window.tabs.setCurrentWidget(view)
    _run(qtbot, view)
    before = view.stability.table["nominal_rank"].to_dict()
    with qtbot.waitSignal(view.stability_model.modelReset, timeout=20000):
        session.set_weights(points={"HTS": 400})       # the tab is on screen: it runs again
    after = view.stability.table["nominal_rank"].to_dict()
    assert after != before
    assert after == {c: int(r) for c, r in session.result.rank.dropna().items()}


def test_stop_leaves_the_table_as_it_was(qtbot, loaded):
    view = loaded.analysis
    loaded.tabs.setCurrentWidget(view)
    view.runs.setValue(20000)
    job = view.run_stability()
    view.stop_button.click()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    if job.result.cancelled:                           # it may have finished before the click
        assert view.stability is None
        assert view.stability_model.rowCount() == 0
        assert "Đã dừng" in view.stability_status.text()
    assert view.run_button.isEnabled()


def test_the_63_to_34_table_lists_the_former_provinces(qtbot, loaded):
    window = loaded
    view = window.analysis
    window.tabs.setCurrentWidget(view)
    model = view.merge_model
    assert model.rowCount() == 34
    codes = _column(model, "Mã")
    formers = dict(zip(codes, _column(model, "Các tỉnh cũ"), strict=True))
    assert re.findall(r"\((\d+)\)", formers["79"]) == ["79", "74", "77"]
    assert "Bình Dương (74)" in formers["79"]
    assert re.findall(r"\((\d+)\)", formers["01"]) == ["01"]
    ranks = [int(r) for r in _column(model, "Hạng") if r]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert f"{len(ranks)}/34 đơn vị được xếp hạng" in view.merge_note.text()


def test_the_63_to_34_page_is_a_note_for_another_unit_set(qtbot, window, tmp_path):
    session = window.session
    window.tabs.setCurrentWidget(window.analysis)
    session.new_campaign(tmp_path / "dot_34.dticampaign", register="34")
    assert len(session.register.codes) == 34
    assert window.analysis.merge_model.rowCount() == 0
    assert "chỉ áp dụng cho bộ 63" in window.analysis.merge_note.text()


def test_selecting_a_unit_fills_the_strengths_table(qtbot, loaded):
    window, session = loaded, loaded.session
    view = window.analysis
    window.tabs.setCurrentWidget(view)
    assert view.strengths_model.rowCount() == 0
    session.select_unit("48")
    assert view.strengths_title.text().startswith("Đà Nẵng (48)")
    model = view.strengths_model
    assert model.rowCount() > 0
    verdicts = set(_column(model, "Nhận định"))
    assert verdicts <= {"điểm mạnh", "điểm yếu"}
    # every row shown is at least one SD away from its region or the nation
    from dti_app.core.strengths import strengths_table

    table = strengths_table(session.result, session.register, units=["48"])
    far = table[(table["z_nation"].abs() >= 1) | (table["z_region"].abs() >= 1)]
    assert sorted(_column(model, "Chỉ số")) == sorted(far["node"])
    levels = _column(model, "Cấp")
    assert levels.index("chỉ số thành phần") > levels.index("chỉ số chính")
