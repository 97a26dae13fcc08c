"""Provisional units through the real ``dti-scorer`` entry point: marked in the table, the JSON
and the workbook; left out by ``--strict``; resolved by ``campaign verify``, back on ``--clear``.

Inputs (``provisional_inputs``): five filled templates; Bắc Kạn (06) left NTS.01 blank and typed
"khoảng 20" for NTS.06.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from provisional_inputs import BAD, BLANK, UNITS, VAGUE, YEAR, cells, write_inputs

from dti_app.cli.main import main


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, dti2022, units63):
    return write_inputs(tmp_path_factory.mktemp("nop") / "phieu", dti2022, units63)


def _units(path) -> dict[str, dict]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {u["code"]: u for u in doc["units"]}


def test_score_marks_the_provisional_unit_in_the_table_and_the_json(inputs, tmp_path):
    out = tmp_path / "ket_qua.json"
    proc = subprocess.run([sys.executable, "-m", "dti_app.cli.main", "score", str(inputs),
                           "--year", str(YEAR), "--json", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1, proc.stderr                  # errors in an input
    unit = _units(out)[BAD]
    assert (unit["status"], unit["errors"], unit["warnings"]) == ("provisional", 2, 0)
    assert unit["rank"] in range(1, 6) and unit["score"] > 0
    line = next(x for x in proc.stdout.splitlines() if "Bắc Kạn" in x and "tạm tính" in x)
    assert line.split()[0] == f"{unit['rank']}*" and "(tạm tính: 2 lỗi)" in line
    assert "* tạm tính: được xếp hạng" in proc.stdout
    assert "Trong đó 1 đơn vị tạm tính (xếp hạng, còn lỗi chưa giải quyết)." in proc.stdout
    assert "2 lỗi, 0 cảnh báo" in proc.stdout
    where = cells_of(inputs)
    assert f"LỖI [value_missing] Chỉ số › {where[BLANK]}" in proc.stdout
    assert "'khoảng 20'" in proc.stdout


def cells_of(_inputs):
    from dti_app.core.bundled import default_criteria_path
    from dti_app.core.criteria_load import load_criteria

    return cells(load_criteria(default_criteria_path()))


@pytest.mark.parametrize("command", ["score", "validate"])
def test_strict_leaves_it_out_and_closes_up_the_ranks(inputs, tmp_path, capsys, command):
    loose, strict = tmp_path / "a.json", tmp_path / "b.json"
    assert main([command, str(inputs), "--year", str(YEAR), "--json", str(loose)]) == 1
    capsys.readouterr()
    assert main([command, str(inputs), "--year", str(YEAR), "--strict", "--json",
                 str(strict)]) == 1
    said = capsys.readouterr().out
    before, after = _units(loose), _units(strict)
    assert after[BAD]["status"] == "provisional" and after[BAD]["rank"] is None
    assert after[BAD]["score"] == before[BAD]["score"]
    others = [u for u in UNITS if u != BAD]
    assert sorted(after[u]["rank"] for u in others) == [1, 2, 3, 4]
    for u in others:
        moved = 1 if before[u]["rank"] > before[BAD]["rank"] else 0
        assert after[u]["rank"] == before[u]["rank"] - moved
    assert json.loads(strict.read_text(encoding="utf-8"))["strict"] is True
    if command == "score":
        assert "Tạm tính, không xếp hạng (--strict) (1): Bắc Kạn" in said
        assert not any(line.split()[:1] and "Bắc Kạn" in line and line.split()[0].isdigit()
                       for line in said.splitlines())
    assert "1 đơn vị tạm tính không được xếp hạng (--strict)" in said


def test_the_ranking_workbook_from_the_cli_marks_the_unit(inputs, tmp_path, capsys):
    path = tmp_path / "xep_hang.xlsx"
    assert main(["score", str(inputs), "--year", str(YEAR), "--out", str(path)]) == 1
    ws = load_workbook(path)["Xếp hạng"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == BAD)
    assert row[header.index("Trạng thái")].value == "tạm tính (còn lỗi)"
    assert row[0].number_format == '0"*"'


def _campaign(tmp_path, inputs, capsys):
    path = tmp_path / "dot.dticampaign"
    assert main(["campaign", "new", str(path), "--units", "63", "--year", str(YEAR)]) == 0
    assert main(["campaign", "import", str(path), str(inputs)]) == 1
    capsys.readouterr()
    return path


def test_verifying_in_a_campaign_resolves_the_errors_and_clearing_brings_them_back(
        inputs, tmp_path, capsys):
    path = _campaign(tmp_path, inputs, capsys)
    out = tmp_path / "truoc.json"
    assert main(["campaign", "score", str(path), "--json", str(out)]) == 1
    assert _units(out)[BAD]["status"] == "provisional"
    capsys.readouterr()
    assert main(["campaign", "verify", str(path), "--unit", "Bắc Kạn", "--indicator", BLANK,
                 "--value", "có", "--note", "Nghị quyết số 05-NQ/TU"]) == 0
    said = capsys.readouterr().out
    assert "ĐÃ GIẢI QUYẾT LỖI [value_missing]" in said
    assert "đã giải quyết bằng giá trị thẩm định 1 (ghi chú: Nghị quyết số 05-NQ/TU)" in said
    assert "tạm tính (còn lỗi) → tạm tính (còn lỗi) (1 lỗi chưa giải quyết)" in said
    assert main(["campaign", "verify", str(path), "--unit", BAD, "--indicator", VAGUE,
                 "--value", "20", "--note", "Danh sách 20 hội thảo"]) == 0
    assert "tạm tính (còn lỗi) → đã chấm (0 lỗi chưa giải quyết)" in capsys.readouterr().out
    out = tmp_path / "sau.json"
    assert main(["campaign", "score", str(path), "--json", str(out)]) == 0   # none left
    doc = json.loads(out.read_text(encoding="utf-8"))
    unit = next(u for u in doc["units"] if u["code"] == BAD)
    assert (unit["status"], unit["errors"]) == ("scored", 0)
    mine = {i["code"]: i for i in doc["issues"] if i["unit"] == BAD}
    assert mine["value_not_number"]["resolved_by_verification"] is True
    assert mine["value_not_number"]["verified"] == [
        {"unit": BAD, "value": 20.0, "note": "Danh sách 20 hội thảo"}]
    said = capsys.readouterr().out
    assert "2 vấn đề đã giải quyết bằng giá trị thẩm định." in said
    assert main(["campaign", "verify", str(path), "--unit", BAD, "--indicator", VAGUE,
                 "--clear", "--note", "Chưa đủ chứng cứ"]) == 0
    assert "đã chấm → tạm tính (còn lỗi) (1 lỗi chưa giải quyết)" in capsys.readouterr().out
    assert main(["campaign", "score", str(path), "--json", str(out)]) == 1
    unit = _units(out)[BAD]
    assert (unit["status"], unit["errors"]) == ("provisional", 1)


def test_campaign_export_strict_shows_the_unit_unranked(inputs, tmp_path, capsys):
    path = _campaign(tmp_path, inputs, capsys)
    book, out = tmp_path / "xep_hang.xlsx", tmp_path / "kq.json"
    assert main(["campaign", "export", str(path), "--strict", "--out", str(book),
                 "--json", str(out)]) == 1
    assert _units(out)[BAD]["rank"] is None
    ws = load_workbook(book)["Xếp hạng"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == BAD)
    assert row[0].value is None
    assert row[header.index("Trạng thái")].value == "tạm tính, không xếp hạng"
    assert main(["campaign", "score", str(path), "--strict"]) == 1
    assert "Tạm tính, không xếp hạng (--strict) (1): Bắc Kạn" in capsys.readouterr().out
