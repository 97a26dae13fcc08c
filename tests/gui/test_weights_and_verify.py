"""Changing a weight re-ranks at once; a verified value changes the score and can be undone."""

from __future__ import annotations

import pytest
import yaml

from dti_app.core.criteria_load import load_criteria


def _rank_cells(window) -> dict[str, tuple[str, str]]:
    """code → (rank, change) as the ranking table shows them."""
    proxy = window.ranking.proxy
    return {proxy.index(r, 1).data(): (proxy.index(r, 0).data(), proxy.index(r, 6).data())
            for r in range(proxy.rowCount())}


def test_changing_a_weight_reranks_and_shows_the_change(qtbot, loaded):
    window, session = loaded, loaded.session
    before = {c: int(r) for c, r in session.result.rank.dropna().items()}
    editor = window.weights
    window.tabs.setCurrentWidget(editor)
    model = editor.tree_model
    hts_points = model.index_of("HTS", 1)
    assert hts_points.data() == "100"
    assert model.setData(hts_points, "400")            # what typing 400 in the cell does
    assert session.criteria.max_points("HTS") == 400
    assert session.criteria.max_points() == 1300
    after = {c: int(r) for c, r in session.result.rank.dropna().items()}
    moved = {c for c in before if before[c] != after[c]}
    assert moved                                         # some units change place
    assert "đơn vị thay đổi hạng" in editor.status.text()
    window.tabs.setCurrentWidget(window.ranking)
    cells = _rank_cells(window)
    for code in moved:
        gained = before[code] - after[code]
        arrow = f"▲{gained}" if gained > 0 else f"▼{-gained}"
        assert cells[code] == (str(after[code]), arrow)
    assert "(đã sửa trọng số)" in window.ranking.summary.text()
    editor.reset.click()
    assert {c: int(r) for c, r in session.result.rank.dropna().items()} == before
    assert all(change == "=" for _rank, change in _rank_cells(window).values())


def test_save_as_new_version_never_overwrites_the_original(qtbot, loaded, tmp_path):
    window, session = loaded, loaded.session
    editor = window.weights
    window.tabs.setCurrentWidget(editor)
    original = session.criteria_path
    text_before = original.read_bytes()
    editor.tree_model.setData(editor.tree_model.index_of("NTS", 1), "150")
    assert not editor.save_version(original, "1.1")
    assert "không bao giờ ghi đè" in editor.message.text().lower()
    assert original.read_bytes() == text_before
    target = tmp_path / "dti_2022_v1.1.yaml"
    assert editor.save_version(target, "1.1")
    saved = load_criteria(target)
    assert (saved.version, saved.max_points("NTS"), saved.max_points()) == ("1.1", 150.0, 1050.0)
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["framework"]["version"] == "1.1"
    assert session.criteria.label == f"{saved.id} v1.1"
    assert not session.weights_edited                    # the saved version is the new baseline


def test_verified_value_changes_the_score_and_undo_restores_it(qtbot, loaded):
    window, session = loaded, loaded.session
    code, leaf = "48", "NTS.01"                          # a yes/no sub-indicator, 10 points
    session.select_unit(code)
    panel = window.verify
    window.tabs.setCurrentWidget(panel)
    own = session.imported.values.at[code, leaf]
    new_value, gained = ("có", 10.0) if own == 0 else ("không", -10.0)
    points_before = session.result.node_points.at[code, "NTS"]
    index_before = session.result.index[code]
    assert not panel.set_value(leaf, new_value, "   ")    # a note is required
    assert "ghi chú" in panel.message.text().lower()
    assert session.result.index[code] == index_before
    assert panel.set_value(leaf, new_value, "Biên bản kiểm tra ngày 12/3")
    assert session.result.node_points.at[code, "NTS"] == pytest.approx(points_before + gained)
    assert session.result.index[code] == pytest.approx(index_before + gained / 1000)
    row = panel.model.row_of(leaf)
    shown = [panel.model.index(row, col).data() for col in (3, 4, 5, 8)]
    self_text = "có" if own == 1 else "không"
    assert shown == [self_text, new_value, new_value, "Biên bản kiểm tra ngày 12/3"]
    assert window.units.proxy.statuses[code] == "verified"
    session.undo_stack.undo()
    assert session.result.index[code] == pytest.approx(index_before)
    assert session.verified(code, leaf) is None
    assert panel.model.index(row, 4).data() == ""
    session.undo_stack.redo()
    assert session.result.index[code] == pytest.approx(index_before + gained / 1000)


def test_verified_value_out_of_range_is_refused(qtbot, loaded):
    window, session = loaded, loaded.session
    session.select_unit("01")
    window.tabs.setCurrentWidget(window.verify)
    before = session.result.index["01"]
    assert not window.verify.set_value("NTS.05", "250", "Kiểm tra lại")   # a share, 0–100 %
    assert window.verify.message.text()
    assert session.result.index["01"] == before
    assert session.undo_stack.count() == 0
