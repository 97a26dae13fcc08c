"""Self-assessment templates: what a province receives, as it opens in Excel or LibreOffice."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import openpyxl
import pytest
from workbook_kit import YEAR, blank

from dti_app.core.bundled import bundled_dir
from dti_app.core.errors import ExportError
from dti_app.core.template import leaf_cells, write_template, write_templates
from dti_app.core.template_layout import (
    COVER_SHEET,
    DATA_SHEET,
    GENERAL_SHEET,
    GUIDE_SHEET,
    META_SHEET,
    template_filename,
)
from dti_app.core.units import UnitRegister

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def da_nang(tmp_path_factory, dti2022, units63) -> openpyxl.Workbook:
    path = blank(tmp_path_factory.mktemp("tpl"), dti2022, units63, "48")
    return openpyxl.load_workbook(path)


def _cover(wb: openpyxl.Workbook) -> dict[str, object]:
    ws = wb[COVER_SHEET]
    return {row[0].value: row[1].value for row in ws.iter_rows(min_row=5) if row[0].value}


def test_sheets_in_order_and_meta_hidden(da_nang):
    assert da_nang.sheetnames == [COVER_SHEET, GUIDE_SHEET, GENERAL_SHEET, DATA_SHEET, META_SHEET]
    assert da_nang[META_SHEET].sheet_state == "hidden"
    assert all(da_nang[n].sheet_state == "visible" for n in da_nang.sheetnames[:-1])


def test_cover_names_unit_year_and_criteria(da_nang, dti2022):
    cover = _cover(da_nang)
    assert cover["Đơn vị"] == "Đà Nẵng"
    assert cover["Mã đơn vị"] == "48"
    assert cover["Bộ mã đơn vị"] == "63"
    assert cover["Năm đánh giá"] == 2022
    assert cover["Mã bộ tiêu chí"] == "dti-tinh-2022"
    assert cover["Phiên bản bộ tiêu chí"] == "1.0"
    assert cover["SHA-256 bộ tiêu chí"] == dti2022.sha256
    for contact in ("Người liên hệ", "Điện thoại", "Thư điện tử"):
        assert contact in cover and cover[contact] is None
    assert "Ghi chú dữ liệu" in cover and not cover["Ghi chú dữ liệu"]  # not synthetic


def test_one_row_per_sub_indicator_grouped_under_its_main_indicator(da_nang, dti2022):
    ws = da_nang[DATA_SHEET]
    codes = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]
    assert [c for c in codes if c in dti2022.leaves] == list(dti2022.leaves)
    assert len(dti2022.leaves) == 98
    # NTS heads its 10 sub-indicators; HDCQS is worth 200 points
    assert codes[:2] == ["NTS", "NTS.01"]
    hdcqs = codes.index("HDCQS") + 5
    assert ws.cell(hdcqs, 5).value == 200
    assert ws.cell(hdcqs, 1).font.b
    # a sub-indicator's row: code, name, unit, allowed values, points
    row = [c.value for c in ws[6]][:5]
    assert row == ["NTS.01", dti2022.by_code["NTS.01"].name_vi, "có/không", "Có / Không", 10]
    assert ws["D10"].value == "0 – 100 %"           # NTS.05, a percentage
    assert ws["F10"].number_format == "0.0%"
    assert leaf_cells(dti2022)["NTS.05"] == "F10"


def test_structure_locked_inputs_unlocked_without_password(da_nang):
    ws = da_nang[DATA_SHEET]
    assert ws.protection.sheet is True
    assert not ws.protection.password
    assert ws["A6"].protection.locked and ws["B6"].protection.locked
    assert not ws["F6"].protection.locked      # the value
    assert not ws["G6"].protection.locked      # the evidence ("minh chứng")
    assert ws["F5"].protection.locked              # the group row stays locked
    cover = da_nang[COVER_SHEET]
    assert cover["B5"].protection.locked                       # the unit cannot be typed over
    assert not cover["B15"].protection.locked                  # contact fields can


def test_data_validation_on_every_input_cell(da_nang, dti2022):
    ws = da_nang[DATA_SHEET]
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                for cell in row:
                    rules[cell.coordinate] = dv
    cells = leaf_cells(dti2022)
    assert set(cells.values()) == set(rules)
    yes_no = rules[cells["NTS.01"]]
    assert (yes_no.type, yes_no.formula1) == ("list", '"Có,Không"')
    percent = rules[cells["NTS.05"]]
    assert (percent.type, percent.operator, percent.formula1, percent.formula2) == \
        ("decimal", "between", "0", "1")
    staff = rules[cells["NLS.02"]]                                  # 0–50 people per agency
    assert (staff.formula1, staff.formula2) == ("0", "50")
    assert yes_no.showErrorMessage and "Có" in yes_no.error


def test_instructions_in_vietnamese(da_nang):
    text = "\n".join(str(c.value) for c in da_nang[GUIDE_SHEET]["A"] if c.value)
    assert text.startswith("HƯỚNG DẪN ĐIỀN PHIẾU TỰ ĐÁNH GIÁ")
    assert "cột F" in text and "minh chứng" in text and "Không xóa, chèn" in text


def test_general_information_block_is_collected_not_scored(da_nang):
    ws = da_nang[GENERAL_SHEET]
    assert "không tính điểm" in ws["A1"].value
    assert ws["A4"].value == "TT.01" and not ws["D4"].protection.locked


def test_meta_records_every_leaf_cell(da_nang, dti2022):
    ws = da_nang[META_SHEET]
    pairs = {r[0].value: r[1].value for r in ws.iter_rows() if r[0].value}
    assert pairs["format"] == "dti-scorer-template" and pairs["format_version"] == 1
    assert pairs["percent_storage"] == "fraction"
    assert pairs["unit_code"] == "48" and pairs["year"] == 2022
    assert all(pairs[leaf] == cell for leaf, cell in leaf_cells(dti2022).items())


def test_file_names_are_ascii_and_say_year_code_and_unit(units63, units34):
    assert template_filename(units63.by_code["48"], 2022) == "DTI2022_48_Da_Nang.xlsx"
    assert template_filename(units63.by_code["46"], 2022) == "DTI2022_46_Thua_Thien_Hue.xlsx"
    assert template_filename(units63.by_code["77"], 2022) == "DTI2022_77_Ba_Ria_Vung_Tau.xlsx"
    names = [template_filename(u, 2025) for u in units34]
    assert all(n.isascii() for n in names) and len(set(names)) == 34


def test_write_templates_one_per_unit_with_progress_and_cancel(tmp_path, dti2022, units34):
    five = UnitRegister("34", units34.units[:5])
    seen = []
    paths = write_templates(dti2022, five, 2025, tmp_path / "all",
                            progress=lambda done, total: seen.append((done, total)))
    assert len(paths) == 5 and seen == [(i, 5) for i in range(1, 6)]
    assert paths[0].name == "DTI2025_01_Ha_Noi.xlsx"
    assert {p.name for p in (tmp_path / "all").iterdir()} == {p.name for p in paths}
    assert all(p.stat().st_size < 60_000 for p in paths)
    stop = write_templates(dti2022, five, 2025, tmp_path / "some",
                           cancelled=lambda: len(list((tmp_path / "some").glob("*.xlsx"))) >= 3)
    assert len(stop) == 3


def test_same_inputs_same_bytes(tmp_path, dti2022, units63):
    from datetime import datetime

    when = datetime(2023, 1, 1)
    for name in ("a.xlsx", "b.xlsx"):
        write_template(dti2022, units63.by_code["01"], "63", YEAR, tmp_path / name, when=when)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_a_failed_write_leaves_the_old_file(tmp_path, dti2022, units63, monkeypatch):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"previous")
    import dti_app.core.atomic as atomic

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken)
    with pytest.raises(ExportError):
        write_template(dti2022, units63.by_code["01"], "63", YEAR, target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


# --- the sample workbooks shipped with the tool ---------------------------------------------
def _load_tool():
    spec = importlib.util.spec_from_file_location("make_samples",
                                                  ROOT / "tools" / "make_sample_workbooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_workbooks_are_63_small_synthetic_files():
    folder = bundled_dir("sample_workbooks")
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == 63
    assert all(f.stat().st_size < 60_000 for f in files)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme and "không phải số liệu thật" in readme.lower()
    cover = _cover(openpyxl.load_workbook(folder / "DTI2022_48_Da_Nang.xlsx"))
    assert "SYNTHETIC" in cover["Ghi chú dữ liệu"]


def test_sample_workbooks_are_reproduced_byte_for_byte(tmp_path):
    tool = _load_tool()
    written = tool.write_samples(tmp_path, codes=["48", "02"])
    assert [p.name for p in written] == ["DTI2022_02_Ha_Giang.xlsx", "DTI2022_48_Da_Nang.xlsx"]
    for path in written:
        assert path.read_bytes() == (bundled_dir("sample_workbooks") / path.name).read_bytes()


def test_text_never_becomes_a_formula(tmp_path, dti2022, units63):
    path = tmp_path / "t.xlsx"
    write_template(dti2022, units63.by_code["48"], "63", YEAR, path,
                   evidence={"NTS.01": '=HYPERLINK("http://example.invalid")'},
                   contact={"contact_name": "=1+1\x07"})
    wb = openpyxl.load_workbook(path)
    assert wb[DATA_SHEET]["G6"].data_type == "s"
    assert wb[DATA_SHEET]["G6"].value == '=HYPERLINK("http://example.invalid")'
    assert wb[COVER_SHEET]["B15"].value == "=1+1" and wb[COVER_SHEET]["B15"].data_type == "s"
