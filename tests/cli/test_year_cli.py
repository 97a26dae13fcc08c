"""The assessment year through the real entry point: ``--year``, else the year every input states,
never the criteria file's year; inputs of different years publish nothing (exit status 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dti_app.cli.main import main
from dti_app.core.export_text import label

ROOT = Path(__file__).resolve().parents[2]
DTI2022 = str(ROOT / "criteria" / "dti_2022.yaml")           # written for 2022


@pytest.fixture
def units(tmp_path) -> Path:
    path = tmp_path / "so.csv"
    path.write_text("code,name_vi,region_vi\nSYT,Sở Y tế,Khối sở\nSGD,Sở Giáo dục,Khối sở\n",
                    encoding="utf-8")
    return path


def _template(units: Path, out: Path, year: int, capsys) -> tuple[str, str]:
    assert main(["template", "--units", str(units), "--criteria", DTI2022, "--year", str(year),
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def _about(path: Path) -> dict:
    ws = load_workbook(path)[label("sheet_about")]
    return {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value}


def test_templates_for_2025_scored_without_year_are_2025_everywhere(units, tmp_path, capsys):
    folder = tmp_path / "mau"
    _, err = _template(units, folder, 2025, capsys)
    assert "được viết cho năm 2022, mẫu phiếu này cho năm 2025" in err      # a warning
    doc_path, book, charts = tmp_path / "kq.json", tmp_path / "xh.xlsx", tmp_path / "bd"
    status = main(["score", str(folder), "--units", str(units), "--criteria", DTI2022,
                   "--json", str(doc_path), "--out", str(book), "--charts", str(charts)])
    assert status == 1                                  # blank templates: values missing
    out = capsys.readouterr().out
    assert "Năm đánh giá: 2025 (năm ghi trên các tệp đầu vào)." in out
    assert json.loads(doc_path.read_text(encoding="utf-8"))["year"] == 2025
    assert _about(book)["Năm đánh giá"] == 2025
    ranking = load_workbook(book)[label("sheet_ranking")]
    assert "năm 2025" in ranking.oddHeader.center.text
    svg = (charts / "ranking.svg").read_text(encoding="utf-8")
    assert "năm 2025" in svg and "năm 2022" not in svg


def test_inputs_of_two_years_write_nothing_and_ask_for_a_year(units, tmp_path, capsys):
    folder = tmp_path / "nop"
    _template(units, folder / "a", 2024, capsys)
    _template(units, folder / "b", 2025, capsys)
    doc_path, book = tmp_path / "kq.json", tmp_path / "xh.xlsx"
    args = ["score", str(folder), "--units", str(units), "--criteria", DTI2022,
            "--json", str(doc_path), "--out", str(book)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert ("Các tệp đầu vào ghi những năm đánh giá khác nhau: 2024 (2 tệp/files: "
            "DTI2024_SGD_So_Giao_duc.xlsx, DTI2024_SYT_So_Y_te.xlsx); 2025 (2 tệp/files: "
            "DTI2025_SGD_So_Giao_duc.xlsx, DTI2025_SYT_So_Y_te.xlsx). Hãy chọn năm bằng "
            "--year YYYY") in err
    assert not doc_path.exists() and not book.exists()
    assert main(["validate", str(folder), "--units", str(units), "--criteria", DTI2022,
                 "--json", str(doc_path)]) == 2
    assert not doc_path.exists()
    # with --year the other year's files are refused, the rest published under that year
    assert main([*args, "--year", "2025"]) == 1
    doc = json.loads(doc_path.read_text(encoding="utf-8"))
    assert doc["year"] == 2025
    assert {i["file"] for i in doc["issues"] if i["code"] == "year_mismatch"} == {
        "DTI2024_SGD_So_Giao_duc.xlsx", "DTI2024_SYT_So_Y_te.xlsx"}


def test_template_year_defaults_to_the_criteria_year_and_says_so(units, tmp_path, capsys):
    assert main(["template", "--units", str(units), "--criteria", DTI2022, "--out",
                 str(tmp_path / "m")]) == 0
    out = capsys.readouterr().out
    assert "Năm đánh giá 2022: năm ghi trong bộ tiêu chí dti-tinh-2022 v1.0 (không có --year)." \
        in out
    no_year = tmp_path / "khong_nam.yaml"
    no_year.write_text(Path(DTI2022).read_text(encoding="utf-8").replace("  year: 2022\n", ""),
                       encoding="utf-8")
    assert main(["template", "--units", str(units), "--criteria", str(no_year), "--out",
                 str(tmp_path / "n")]) == 2
    assert "Cần --year YYYY" in capsys.readouterr().err
    assert not (tmp_path / "n").exists()


def test_a_table_that_states_no_year_is_published_without_one(table_csv, tmp_path, capsys):
    doc_path = tmp_path / "kq.json"
    assert main(["score", str(table_csv(5)), "--json", str(doc_path)]) == 0
    assert "Năm đánh giá: chưa rõ (không tệp đầu vào nào ghi năm)" in capsys.readouterr().out
    assert json.loads(doc_path.read_text(encoding="utf-8"))["year"] is None
    assert main(["score", str(table_csv(5)), "--json", str(doc_path), "--year", "2023"]) == 0
    assert json.loads(doc_path.read_text(encoding="utf-8"))["year"] == 2023
