"""The app shows a consistently written file's one notation summary, not a warning per cell."""

from __future__ import annotations

import csv

from gui_helpers import import_and_wait, write_table

from dti_app.core.messages import render_issue


def test_a_table_written_with_decimal_commas_shows_one_summary(qtbot, window, tmp_path, dti2022,
                                                               units63):
    path = write_table(tmp_path / "bang.csv", dti2022, units63)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    commas = 0
    for row in rows[1:]:
        for j in range(2, len(row)):
            if "." in row[j]:
                row[j] = row[j].replace(".", ",")     # 85.3 -> "85,3"
                commas += 1
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    _dialog, ok = import_and_wait(qtbot, window, [path])
    assert ok and commas > 1000
    panel = window.issues
    panel.ensure_fresh()
    assert panel.proxy.rowCount() == 1            # not one warning per cell
    assert panel.select_first(file="bang.csv")
    issue = panel.current_issue()
    assert issue.code.value == "value_notation_summary" and issue.params["count"] == commas
    assert panel.detail["message"].text() == render_issue(issue, "vi")
    assert panel.detail["message"].text().startswith(
        f"{commas} ô của tệp viết số theo cùng một cách: dấu phẩy là dấu thập phân")
    assert int(window.session.result.status.eq("scored").sum()) == 63


def test_points_typed_in_the_weights_editor_are_read_in_either_notation(qtbot, loaded):
    model = loaded.weights.tree_model
    session = loaded.session
    hts = model.index_of("HTS", 1)
    assert not model.setData(hts, "1.000")          # one or a thousand: refused, not 1
    assert session.criteria.max_points("HTS") == 100
    assert model.setData(hts, "1.000,5")            # only one reading
    assert session.criteria.max_points("HTS") == 1000.5
    assert model.setData(hts, "150")
    assert session.criteria.max_points("HTS") == 150
    loaded.weights.reset.click()
