"""A campaign's three value layers reach the ranking workbook: self-assessed, verified, final."""

from __future__ import annotations

from campaign_testdata import ROUND1, import_table, new_campaign, write_table
from openpyxl import load_workbook

from dti_app.core.export_workbook import write_ranking_workbook


def test_the_workbook_shows_self_assessed_verified_and_final_values(tmp_path):
    with new_campaign(tmp_path) as c:
        import_table(c, write_table(tmp_path / "round1.csv", ROUND1))
        c.set_verified("D2", "A.1", "có", note="Biên bản kiểm tra 12/3")
        result, layers = c.score(), c.value_layers()
        write_ranking_workbook(tmp_path / "xep-hang.xlsx", result, c.register(),
                               issues=c.issues(), files=c.files(),
                               self_values=layers["self_assessed"],
                               verified_values=layers["verified"], final_values=layers["final"],
                               year=c.year)
    book = load_workbook(tmp_path / "xep-hang.xlsx", read_only=True)
    found = {}
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        for i, row in enumerate(rows):
            if "Giá trị tự đánh giá" in row and "Giá trị thẩm định" in row:
                header = row
                for data in rows[i + 1:]:
                    if data[0] == "D2" and "A.1" in data:
                        found = dict(zip(header, data, strict=False))
    assert found, "no row for D2 › A.1 with the three values"
    assert found["Giá trị tự đánh giá"] == 0
    assert found["Giá trị thẩm định"] == 1
    assert found["Giá trị cuối cùng"] == 1
    # scored on the final value: A.1 (yes/no, 30 points) earns all its points
    assert (found["Điểm đạt"], found["Điểm tối đa"]) == (30, 30)
