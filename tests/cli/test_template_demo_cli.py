"""``dti-scorer demo``, ``template`` and ``validate`` on workbooks, through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from dti_app.cli.main import main
from dti_app.core.template import write_template
from dti_app.core.template_layout import DATA_SHEET, template_filename

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dti_app.cli.main", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_demo_ranks_all_63_sample_provinces(tmp_path):
    proc = run("demo", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "TỔNG HỢP" in lines[0]                                   # says the data are synthetic
    ranking = [line for line in lines if line[:4].strip().isdigit()]
    assert [int(line[:4]) for line in ranking] == list(range(1, 11))
    assert "63 tệp; 63 đơn vị được chấm, 0 chưa nộp, 0 không hợp lệ; 0 lỗi" in proc.stdout
    doc = json.loads((tmp_path / "ket_qua.json").read_text(encoding="utf-8"))
    assert [u["status"] for u in doc["units"]] == ["scored"] * 63
    assert sorted(u["rank"] for u in doc["units"]) == list(range(1, 64))
    top = min(doc["units"], key=lambda u: u["rank"])
    assert top["name"] in ranking[0] and f"{top['score']:.4f}" in ranking[0]
    assert doc["issues"] == []


def test_validate_sample_workbooks_reports_no_errors(capsys):
    assert main(["validate", str(ROOT / "sample_workbooks")]) == 0
    text = capsys.readouterr().out
    assert text.splitlines() == [
        "Không có lỗi hay cảnh báo.",
        "63 tệp; 63 đơn vị được chấm, 0 chưa nộp, 0 không hợp lệ; 0 lỗi, 0 cảnh báo.",
        "Năm đánh giá: 2022 (năm ghi trên các tệp đầu vào)."]


def test_template_writes_one_workbook_per_unit(tmp_path, capsys):
    units = tmp_path / "so_nganh.csv"
    units.write_text("code,name_vi,region_vi\nSTTTT,Sở Thông tin và Truyền thông,Khối sở\n"
                     "SYT,Sở Y tế,Khối sở\nHPT,Huyện Phú Tân,Khối huyện\n", encoding="utf-8")
    out = tmp_path / "mau"
    dti2024 = str(ROOT / "criteria" / "dti_2024.yaml")
    assert main(["template", "--units", str(units), "--year", "2025", "--criteria", dti2024,
                 "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["DTI2025_HPT_Huyen_Phu_Tan.xlsx", "DTI2025_STTTT_So_Thong_tin_va_Truyen_thong"
                     ".xlsx", "DTI2025_SYT_So_Y_te.xlsx"]
    assert "Đã tạo 3 mẫu phiếu (dti-tinh-2024 v1.0, năm 2025, bộ mã so_nganh)" in \
        capsys.readouterr().out
    # a blank template validates as a file with every required value missing
    assert main(["validate", str(out / names[0]), "--units", str(units), "--year", "2025",
                 "--criteria", dti2024]) == 1
    text = capsys.readouterr().out
    assert "[value_missing] Chỉ số › F6: Chưa nhập giá trị cho chỉ tiêu NTS.01" in text


def test_template_needs_an_output_folder(capsys):
    try:
        main(["template"])
    except SystemExit as stop:
        assert stop.code == 2
    assert "--out" in capsys.readouterr().err


def test_validate_groups_problems_by_file(tmp_path, capsys, dti2022, units63):
    folder = tmp_path / "nop"
    files = []
    for code in ("01", "48"):
        unit = units63.by_code[code]
        files.append(folder / template_filename(unit, 2022))
        write_template(dti2022, unit, "63", 2022, files[-1])
    keep = {files[0].name, files[1].name}
    (folder / "hong.xlsx").write_bytes(b"not a workbook")
    wb = openpyxl.load_workbook(files[1])
    wb[DATA_SHEET]["F10"] = "khoảng 80"
    wb.save(files[1])
    assert main(["--lang", "en", "validate", str(folder)]) == 1
    text = capsys.readouterr().out
    heads = [line for line in text.splitlines() if line.startswith("File ")]
    assert heads == [f"File {name}:" for name in sorted(keep | {"hong.xlsx"})]
    block = text.split(f"File {files[1].name}:")[1].split("\nFile ")[0]
    assert "ERROR [value_not_number] Chỉ số › F10" in block
    assert "[file_not_spreadsheet]" in text.split("File hong.xlsx:")[1]
