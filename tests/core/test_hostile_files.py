"""A corpus of damaged and hostile workbooks, built here from the real template, in one batch.

Each case writes one file next to two valid workbooks (Hà Nội 01, Hà Giang 02). The whole folder
is imported once, as a user would drop it; every case must show its exact reason code at its
exact sheet and cell, and the valid workbooks (and the cases that only warn) must still be scored.
"""

from __future__ import annotations

import pytest
from damaged_workbooks import (  # noqa: F401
    FIXTURES,
    ROOT,
    VALID,
    Case,
    Kit,
    _cover,
    _data_sheet,
    _patch_central,
    _sheet_xml,
    absolute,
    billion_laughs,
    cell_value,
    code_name_clash,
    csv_binary,
    declared_bomb,
    empty,
    external_entity,
    far_cell,
    fixture,
    formula_no_cache,
    garbage,
    header_gone,
    html_xls,
    million_rows,
    no_meta,
    no_unit,
    not_template,
    ods_million_rows,
    ole_encrypted,
    other_framework,
    other_zip,
    ratio_bomb,
    renamed,
    row_deleted,
    row_twice,
    rows_swapped,
    traversal,
    truncated,
    twice,
    understated,
    unknown_code,
    unknown_unit,
    wrong_year,
    xml2003_xls,
    zip_encrypted,
)
from workbook_kit import YEAR

from dti_app.core.importer import import_inputs
from dti_app.core.scoring import score_units
from dti_app.core.standing import assess
from dti_app.core.template_layout import COVER_SHEET, DATA_SHEET, template_filename

C = Case
CASES = [
    C("rac.xlsx", garbage, "file_not_spreadsheet"),
    C("cat_doi.xlsx", truncated, "file_corrupt"),
    C("rong.xlsx", empty, "file_empty"),
    C("mat_khau_ole.xlsx", ole_encrypted, "file_encrypted"),
    C("mat_khau_zip.xlsx", zip_encrypted, "file_encrypted"),
    C("mat_khau.xls", fixture("mat_khau.xls"), "file_encrypted"),
    C("mat_khau.ods", fixture("mat_khau.ods"), "file_encrypted"),
    C("bom_ti_le.xlsx", ratio_bomb, "file_compression_bomb"),
    C("bom_khai_lon.xlsx", declared_bomb, "file_compression_bomb"),
    C("khai_nho.xlsx", understated, "file_corrupt"),
    C("trieu_dong.xlsx", million_rows, "file_sheet_too_large", DATA_SHEET),
    C("o_xfd.xlsx", far_cell, "file_sheet_too_large", DATA_SHEET),
    C("trieu_dong.ods", ods_million_rows, "file_sheet_too_large", DATA_SHEET),
    C("tiec_cuoi.xlsx", billion_laughs, "file_unsafe_xml"),
    C("thuc_the_ngoai.xlsx", external_entity, "file_unsafe_xml"),
    C("duong_dan.xlsx", traversal, "file_unsafe_member"),
    C("duong_dan_tuyet_doi.xlsx", absolute, "file_unsafe_member"),
    C("xuat_web.xls", html_xls, "file_html_disguised"),
    C("xml_2003.xls", xml2003_xls, "file_html_disguised"),
    C("zip_khac.xlsx", other_zip, "file_not_spreadsheet"),
    C("khong_theo_mau.xlsx", not_template, "file_not_template"),
    C("nhi_phan.csv", csv_binary, "file_not_spreadsheet"),
    C("don_vi_la.xlsx", unknown_unit, "unit_unknown", COVER_SHEET, "B5", template=True),
    C("khong_ghi_don_vi.xlsx", no_unit, "unit_not_stated", COVER_SHEET, "B6", template=True),
    C("ma_ten_lech.xlsx", code_name_clash, "unit_code_name_mismatch", COVER_SHEET, "B5",
      template=True),
    C("DTI2022_01_Ha_Noi_nham.xlsx", renamed, "unit_filename_mismatch", COVER_SHEET, "B5",
      "warning", True, True),
    C("nam_2021.xlsx", wrong_year, "year_mismatch", COVER_SHEET, "B8", template=True),
    C("mau_2024.xlsx", other_framework, "criteria_version_mismatch", COVER_SHEET, "B11",
      template=True),
    C("xoa_dong.xlsx", row_deleted, "row_missing", DATA_SHEET, "F8", template=True,
      scored=True),
    C("dong_lap.xlsx", row_twice, "row_duplicate", DATA_SHEET, "F10, F112", template=True,
      scored=True),
    C("doi_cho.xlsx", rows_swapped, "row_moved", DATA_SHEET, "F7", "warning", True, True),
    C("ma_la.xlsx", unknown_code, "row_unknown_code", DATA_SHEET, "A112", "warning", True, True),
    C("cong_thuc.xlsx", formula_no_cache, "value_formula_no_cache", DATA_SHEET, "F11",
      template=True, scored=True),
    C("chu.xlsx", cell_value("F11", "mười"), "value_not_number", DATA_SHEET, "F11",
      template=True, scored=True),
    C("qua_lon.xlsx", cell_value("F11", 200000), "value_out_of_range", DATA_SHEET, "F11",
      template=True, scored=True),
    C("uoc_tinh.xlsx", cell_value("F11", "5 (ước tính)"), "value_trailing_text", DATA_SHEET,
      "F11", template=True, scored=True),
    C("bo_trong.xlsx", cell_value("F6", None), "value_missing", DATA_SHEET, "F6",
      template=True, scored=True),
    C("co_le.xlsx", cell_value("F6", "có lẽ"), "value_not_yes_no", DATA_SHEET, "F6",
      template=True, scored=True),
    C("khong_meta.xlsx", no_meta, "template_no_meta", "", "", "warning", True, True),
    C("mat_tieu_de.xlsx", header_gone, "sheet_missing", DATA_SHEET, template=True),
    C("DTI2022_95_Bac_Lieu.xlsx", twice, "unit_duplicate", DATA_SHEET),
    C("DTI2022_95_Bac_Lieu_lan_2.xlsx", twice, "unit_duplicate", DATA_SHEET),
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, dti2022, units63):
    folder = tmp_path_factory.mktemp("hostile")
    kit = Kit(dti2022, units63)
    for code in VALID:
        kit.template(folder / template_filename(units63.by_code[code], YEAR), code)
    pool = iter(c for c in units63.codes if c not in (*VALID, "95"))
    units = {}
    for case in CASES:
        units[case.name] = next(pool) if case.template else ""
        case.build(folder / case.name, units[case.name], kit)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = import_inputs([folder], dti2022, units63, YEAR)
    scores = score_units(dti2022, result.values, units63, result.invalid,
                         standing=assess(result.issues, result.origin))
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    return result, scores, units, kit, before == after


def test_corpus_is_large_enough():
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_file_reports_its_reason_at_its_cell(batch, case):
    result, scores, units, _, _ = batch
    found = [(i.severity.value, i.code.value, i.sheet, i.cell) for i in result.issues
             if i.file == case.name]
    assert (case.severity, case.code, case.sheet, case.cell) in found, found
    unit = units[case.name]
    if case.scored:  # still scored: plainly when the problem is a warning, provisionally (ranked,
        # marked) when a value could not be used
        assert scores.status[unit] == ("scored" if case.severity == "warning" else "provisional")
        assert scores.rank[unit] >= 1
    elif unit:
        assert scores.status[unit] in ("missing", "invalid")


def test_file_level_refusals_say_nothing_else(batch):
    result = batch[0]
    for case in CASES:
        if not case.template and case.code.startswith("file_"):
            issues = [i for i in result.issues if i.file == case.name]
            assert len(issues) == 1, (case.name, issues)


def test_valid_files_in_the_same_batch_are_scored(batch):
    result, scores, _, kit, _ = batch
    for code in VALID:
        assert scores.status[code] == "scored"
        assert result.values.loc[code].equals(kit.values.loc[code].rename(code))
        assert 0 < scores.shown[code] < 1


def test_unusable_units_are_invalid_not_silently_missing(batch):
    _, scores, units, _, _ = batch
    assert scores.status[units["nam_2021.xlsx"]] == "invalid"
    assert scores.status[units["mau_2024.xlsx"]] == "invalid"
    assert scores.status["95"] == "invalid"                    # sent twice, nobody chose


def test_input_files_are_never_changed(batch):
    assert batch[4]


def test_messages_are_vietnamese_sentences_without_gaps(batch):
    from dti_app.core.messages import render_issue

    for issue in batch[0].issues:
        for lang in ("vi", "en"):
            text = render_issue(issue, lang)
            assert "?" not in text.replace("(?)", ""), (issue.code, text)
    bomb = next(i for i in batch[0].issues if i.file == "bom_ti_le.xlsx")
    assert render_issue(bomb).startswith("Tệp nén bất thường")


def test_bombs_are_refused_before_inflating(tmp_path, dti2022, units63):
    """A 4 GB declared member is refused from the zip directory, in well under a second."""
    import time

    path = tmp_path / "bom.xlsx"
    declared_bomb(path, "", Kit(dti2022, units63))
    started = time.perf_counter()
    result = import_inputs([path], dti2022, units63, YEAR)
    assert time.perf_counter() - started < 1.0
    assert [i.code.value for i in result.issues] == ["file_compression_bomb"]
