"""The ranking workbook: read back cell by cell against the engine, safe against typed-in text,
atomic against a locked or read-only target."""

from __future__ import annotations

import os
import re
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from export_testdata import EXPECTED, HOSTILE, previous_ranks, sample_case, small_case
from openpyxl import load_workbook

import dti_app
from dti_app.core import atomic
from dti_app.core.errors import ExportError
from dti_app.core.export_text import label
from dti_app.core.export_workbook import write_ranking_workbook
from dti_app.core.imported import SourceFile, file_sha256
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.previous import load_previous
from dti_app.core.ranking_read import read_ranking_workbook


@pytest.fixture
def small(tmp_path):
    criteria, register, imported, result, issues = small_case(tmp_path)
    path = tmp_path / "out" / "xep_hang.xlsx"
    warnings = write_ranking_workbook(path, result, register, issues=issues,
                                      files=imported.files, final_values=imported.values,
                                      year=2025)
    return path, result, register, imported, issues, warnings


def _rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, [c.value for c in row])) for row in ws.iter_rows(min_row=2)]


def _sheet_xml(path: Path, title: str) -> str:
    wb = load_workbook(path)
    index = wb.sheetnames.index(title) + 1
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_ranking_sheet_matches_the_hand_computed_ranking(small):
    path, result, *_ = small
    ws = load_workbook(path)[label("sheet_ranking")]
    rows = _rows(ws)
    assert [r["Mã"] for r in rows] == ["D1", "D3", "D2", "D5", "D4"]
    for row in rows[:3]:
        rank, index, pillar_one = EXPECTED[row["Mã"]]
        assert row["Hạng"] == rank
        assert row["Chỉ số"] == pytest.approx(index, abs=1e-12)
        assert row["Điểm Trụ một"] == pytest.approx(pillar_one, abs=1e-12)
        assert row["Trạng thái"] == "đã chấm"
    assert rows[3]["Hạng"] is None and rows[3]["Trạng thái"] == "không hợp lệ"
    assert rows[4]["Hạng"] is None and rows[4]["Trạng thái"] == "chưa nộp"
    assert rows[4]["Đơn vị"] == "Sở Bốn" and rows[4]["Chỉ số"] is None
    assert rows[0]["Tổng điểm"] == pytest.approx(96)


def test_ranking_sheet_matches_the_engine_for_63_units(tmp_path):
    criteria, register, values, result = sample_case()
    path = tmp_path / "r.xlsx"
    write_ranking_workbook(path, result, register, issues=result.issues, files=[],
                           final_values=values)
    wb = load_workbook(path)
    rows = _rows(wb[label("sheet_ranking")])
    assert len(rows) == 63
    for row in rows:
        code = row["Mã"]
        status = result.status[code]
        if status == "scored":
            assert row["Hạng"] == int(result.rank[code])
            assert row["Chỉ số"] == float(result.shown[code])
            for p in criteria.pillars:
                assert row[f"Điểm {p.name_vi}"] == float(result.pillar_shown.at[code, p.code])
                assert row[f"Hạng {p.name_vi}"] == int(result.pillar_rank.at[code, p.code])
        else:
            assert row["Hạng"] is None and row["Chỉ số"] is None
    ranks = [r["Hạng"] for r in rows if r["Hạng"] is not None]
    assert ranks == sorted(ranks)
    indicators = _rows(wb[label("sheet_indicators")])
    top = next(r for r in indicators if r["Hạng"] == 1)
    code = top["Mã"]
    assert top["NTS: Nhận thức số"] == float(result.indicator_shown.at[code, "NTS"])
    assert top["Hạng NTS"] == int(result.indicator_rank.at[code, "NTS"])
    assert "DTTM: Đô thị thông minh" not in top          # 0 points: not scored, not shown
    points = {r["Mã"]: r for r in _rows(wb[label("sheet_points")])}
    assert points[code]["HDCQS.01"] == pytest.approx(result.node_points.at[code, "HDCQS.01"],
                                                     abs=1e-4)


def test_about_sheet_names_versions_and_hashes(small):
    path, result, register, imported, *_ = small
    ws = load_workbook(path)[label("sheet_about")]
    pairs = {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value}
    assert pairs["Phiên bản công cụ"] == dti_app.__version__
    assert pairs["Mã bộ tiêu chí"] == "thu-nghiem"
    assert pairs["Phiên bản bộ tiêu chí"] == "2"
    assert pairs["SHA-256 bộ tiêu chí"] == result.criteria.sha256
    assert pairs["Bộ mã đơn vị"] == register.code_set
    assert pairs["Số đơn vị (đã chấm / tạm tính / chưa nộp / không hợp lệ)"] == "3 / 0 / 1 / 1"
    source = Path(imported.files[0].path)
    assert pairs[source.name] == file_sha256(source)          # the input file's own hash
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", pairs["Thời điểm xuất"])


def test_province_text_is_written_as_text_never_as_a_formula(tmp_path, small):
    path, result, register, imported, issues, warnings = small
    ws = load_workbook(path)[label("sheet_issues")]
    values = [c.value for row in ws.iter_rows() for c in row]
    for text in HOSTILE:
        cells = [c for row in ws.iter_rows() for c in row if c.value == text]
        assert cells, text
        assert all(c.data_type == "s" for c in cells)
        assert all(c.quotePrefix for c in cells)
    assert "=tong_hop.csv" in values                            # the file name, too
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(r"<f[ >]", z.read(name).decode("utf-8")), name
    xml = _sheet_xml(path, label("sheet_issues"))
    assert '<t>=HYPERLINK("http://x","y")</t>' in xml.replace("&quot;", '"')
    assert warnings == []


def test_typed_text_in_values_notes_and_extra_sheets_stays_text(tmp_path):
    criteria, register, values, result = sample_case()
    raw = values.astype(object)
    raw.iloc[0, 0], raw.iloc[1, 1], raw.iloc[2, 2] = HOSTILE[0], HOSTILE[3], "\tTAB"
    note = pd.DataFrame({"unit": ["01"], "note": ["=1+1"], "link": ["@cmd"]})
    issue = Issue.error(IssueCode.VALUE_NOT_NUMBER, file="-x.xlsx", cell="D9", unit="01",
                        node="NTS.05", value="+SUM(1)")
    files = [SourceFile(path="/x/=evil.xlsx", name="=evil.xlsx", sha256="ab" * 32)]
    path = tmp_path / "r.xlsx"
    write_ranking_workbook(path, result, register, issues=[issue], files=files,
                           self_values=raw.iloc[:3], extra_sheets=[("Ghi chú: [1]", note)])
    wb = load_workbook(path)
    assert wb.sheetnames[-1] == "Ghi chú 1"                     # ':' '[' ']' not allowed
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t":
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert {HOSTILE[0], HOSTILE[3], "\tTAB", "=1+1", "@cmd", "+SUM(1)", "-x.xlsx",
            "=evil.xlsx"} <= texts


def test_characters_excel_cannot_store_are_removed_and_reported(tmp_path):
    criteria, register, imported, result, issues = small_case(tmp_path)
    issue = Issue.error(IssueCode.VALUE_NOT_NUMBER, unit="D1", node="A.2",
                        value="12\x07 ab\x1bc")
    path = tmp_path / "r.xlsx"
    warnings = write_ranking_workbook(path, result, register, issues=[issue], files=[])
    assert [w.code for w in warnings] == [IssueCode.EXPORT_CHARACTER_REMOVED]
    assert warnings[0].sheet == label("sheet_issues") and warnings[0].value == "12 abc"
    ws = load_workbook(path)[label("sheet_issues")]
    assert ws["H2"].value == "12 abc"


def _locked_replace(src, dst):
    raise PermissionError(13, "Permission denied (open in Excel)", str(dst))


def test_locked_target_fails_cleanly_and_keeps_the_old_file(small, monkeypatch):
    path, result, register, imported, issues, _ = small
    before = path.read_bytes()
    monkeypatch.setattr(atomic.os, "replace", _locked_replace)
    with pytest.raises(ExportError) as err:
        write_ranking_workbook(path, result, register, issues=issues, files=imported.files)
    assert str(path) in str(err.value) and "vẫn giữ nguyên" in str(err.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]    # no temp left


def test_crash_while_writing_keeps_the_old_file(small, monkeypatch):
    path, result, register, imported, issues, _ = small
    before = path.read_bytes()

    def broken_save(self, filename):
        Path(filename).write_bytes(b"PK half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(ExportError):
        write_ranking_workbook(path, result, register, issues=issues, files=imported.files)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_target_that_is_a_folder_fails_with_export_error(small, tmp_path):
    path, result, register, imported, issues, _ = small
    folder = tmp_path / "is_a_folder.xlsx"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(ExportError):
        write_ranking_workbook(folder, result, register, issues=issues, files=imported.files)
    assert (folder / "inside").is_dir()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_read_only_folder_fails_cleanly(small):
    path, result, register, imported, issues, _ = small
    before = path.read_bytes()
    path.parent.chmod(0o555)
    try:
        with pytest.raises(ExportError):
            write_ranking_workbook(path, result, register, issues=issues, files=imported.files)
    finally:
        path.parent.chmod(0o755)
    assert path.read_bytes() == before


def test_formatting_a_reader_expects(small):
    path, result, *_ = small
    wb = load_workbook(path)
    ws = wb[label("sheet_ranking")]
    assert ws.freeze_panes == "E2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws["E2"].number_format == "0.0000"                  # the criteria's 4 decimals
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1"
    assert any("E2:E" in str(rng.sqref) for rng in ws.conditional_formatting)
    assert ws.column_dimensions["C"].width >= 8
    charts = wb[label("sheet_charts")]._charts
    assert len(charts) == 2                                    # ranking bars, pillars
    with zipfile.ZipFile(path) as z:
        chart_xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    assert "'Xếp hạng'!$E$2:$E$4" in chart_xml or "'Xếp hạng'!$E$1:$E$4" in chart_xml


def test_english_headers_on_request(tmp_path):
    criteria, register, imported, result, issues = small_case(tmp_path)
    path = tmp_path / "en.xlsx"
    write_ranking_workbook(path, result, register, issues=issues, files=imported.files,
                           lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames[:3] == ["Ranking", "Main indicators", "Sub-indicator points"]
    rows = _rows(wb["Ranking"])
    assert rows[0]["Rank"] == 1 and rows[0]["Unit"] == "Department One"
    assert rows[-1]["Status"] == "not submitted"


def test_rank_change_against_previous_year(tmp_path):
    criteria, register, values, result = sample_case()
    previous = previous_ranks(result)
    path = tmp_path / "r.xlsx"
    write_ranking_workbook(path, result, register, issues=[], files=[], previous=previous)
    rows = {r["Mã"]: r for r in _rows(load_workbook(path)[label("sheet_ranking")])}
    first = result.ranking().index[0]
    assert rows[first]["Hạng năm trước"] is None and rows[first]["Thay đổi hạng"] is None
    for code in previous.index:
        assert rows[code]["Hạng năm trước"] == int(result.rank[code]) + 1
        assert rows[code]["Thay đổi hạng"] == 1                 # one place up
        assert rows[code]["Thay đổi chỉ số"] == pytest.approx(0.01, abs=1e-9)


def test_self_verified_final_values_side_by_side(tmp_path):
    criteria, register, imported, result, issues = small_case(tmp_path)
    verified = imported.values.copy()
    verified.loc["D2", "A.2"] = 40.0
    path = tmp_path / "r.xlsx"
    write_ranking_workbook(path, result, register, issues=issues, files=imported.files,
                           self_values=imported.values, verified_values=verified,
                           final_values=verified)
    rows = _rows(load_workbook(path)[label("sheet_values")])
    row = next(r for r in rows if r["Mã"] == "D2" and r["Chỉ số thành phần"] == "A.2")
    assert (row["Giá trị tự đánh giá"], row["Giá trị thẩm định"], row["Giá trị cuối cùng"]) \
        == (50, 40, 40)
    assert row["Điểm đạt"] == pytest.approx(10) and row["Điểm tối đa"] == 20
    assert len(rows) == 3 * 3                                   # 3 units with data × 3 leaves


def test_exported_workbook_reads_back_as_previous_year(small):
    path, result, register, *_ = small
    previous = load_previous(path)
    assert previous.table["rank"].to_dict() == {"D1": 1, "D2": 3, "D3": 2}
    assert previous.table.loc["D1", "score"] == pytest.approx(0.96)
    assert previous.code_set == register.code_set and previous.criteria == "thu-nghiem v2"
    assert read_ranking_workbook(path).year == 2025     # the year given, not the criteria's 2024


def test_workbook_for_63_units_is_written_quickly(tmp_path):
    criteria, register, values, result = sample_case()
    start = time.perf_counter()
    write_ranking_workbook(tmp_path / "r.xlsx", result, register, issues=result.issues,
                           files=[], final_values=values)
    assert time.perf_counter() - start < 4.0       # target under 2 s; slack for a busy runner


def test_text_longer_than_an_excel_cell_is_cut_and_reported(tmp_path):
    criteria, register, imported, result, issues = small_case(tmp_path)
    issue = Issue.error(IssueCode.VALUE_NOT_NUMBER, unit="D1", node="A.2", value="x" * 40000)
    path = tmp_path / "r.xlsx"
    warnings = write_ranking_workbook(path, result, register, issues=[issue], files=[])
    assert {w.code for w in warnings} == {IssueCode.EXPORT_TEXT_TRUNCATED}
    assert warnings[0].params["limit"] == 32767
    assert len(load_workbook(path)[label("sheet_issues")]["H2"].value) == 32767
