"""``dti-scorer campaign ...`` end to end: what an assessor types and what they read back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dti_app.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data" / "campaign"
SMALL = ["--criteria", str(DATA / "criteria_small.yaml"), "--units", str(DATA / "units_small.csv")]


@pytest.fixture
def campaign(tmp_path, capsys):
    """A campaign of the four departments with round1.csv imported (see tests/data/campaign)."""
    path = tmp_path / "so.dticampaign"
    assert main(["campaign", "new", str(path), *SMALL, "--year", "2024"]) == 0
    assert main(["campaign", "import", str(path), str(DATA / "round1.csv")]) == 0
    capsys.readouterr()
    return path


def test_new_and_import_report_what_was_saved(tmp_path, capsys):
    path = tmp_path / "so.dticampaign"
    assert main(["campaign", "new", str(path), *SMALL, "--year", "2024"]) == 0
    said = capsys.readouterr().out
    assert "Đã tạo đợt đánh giá" in said and "4 đơn vị" in said and "năm 2024" in said
    assert main(["campaign", "import", str(path), str(DATA / "round1.csv")]) == 0
    said = capsys.readouterr().out
    assert "Sở Tài chính (D2): bản nộp số 2 (round1.csv)" in said
    assert "3 đơn vị có bản nộp mới, 0 không đổi; 0 lỗi" in said
    assert main(["campaign", "import", str(path), str(DATA / "round1.csv")]) == 0
    assert "0 đơn vị có bản nộp mới, 3 không đổi" in capsys.readouterr().out


def test_verify_shows_the_score_change_and_score_ranks_on_final_values(campaign, capsys):
    code = main(["campaign", "verify", str(campaign), "--unit", "Sở Tài chính",
                 "--indicator", "A.1", "--value", "có", "--note", "Biên bản 12/3", "--who", "An"])
    assert code == 0
    said = capsys.readouterr().out
    assert "D2) › A.1 = 1 (tự đánh giá: 0)" in said
    assert "47.50 → 77.50; hạng 3 → 2" in said  # A.1 is worth 30 of 100 points
    assert main(["campaign", "score", str(campaign)]) == 0
    lines = capsys.readouterr().out.splitlines()
    ranking = [line.split()[:2] for line in lines[1:4]]
    assert ranking == [["1", "D1"], ["2", "D2"], ["3", "D3"]]
    assert "77.50" in lines[2]


def test_clear_is_recorded_in_the_history(campaign, capsys):
    main(["campaign", "verify", str(campaign), "--unit", "D3", "--indicator", "B.2",
          "--value", "10", "--note", "Số liệu Sở KH&ĐT"])
    assert main(["campaign", "verify", str(campaign), "--unit", "D3", "--indicator", "B.2",
                 "--clear", "--note", "chưa xác nhận"]) == 0
    said = capsys.readouterr().out
    assert "75.00 → 55.00" in said  # B.2: 10 of 10 (25 points) back to 2 of 10 (5 points)
    assert main(["campaign", "history", str(campaign), "--unit", "D3"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert len(lines) == 3
    assert "bản nộp mới #3" in lines[0] and "round1.csv" in lines[0]
    assert " thẩm định " in lines[1] and "Số liệu Sở KH&ĐT" in lines[1]
    assert "xóa thẩm định" in lines[2] and "chưa xác nhận" in lines[2]


def test_a_verification_needs_a_note(campaign, capsys):
    before = campaign.read_bytes()
    assert main(["campaign", "verify", str(campaign), "--unit", "D2", "--indicator", "A.1",
                 "--value", "1", "--note", "  "]) == 2
    err = capsys.readouterr().err
    assert "Cần ghi chú" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as stop:
        main(["campaign", "verify", str(campaign), "--unit", "D2", "--indicator", "A.1",
              "--value", "1"])
    assert stop.value.code == 2
    assert campaign.read_bytes() == before


def test_restore_brings_back_an_earlier_submission(campaign, tmp_path, capsys):
    revised = tmp_path / "round2.csv"
    revised.write_text((DATA / "round1.csv").read_text(encoding="utf-8")
                       .replace("D2,không,50", "D2,không,100"), encoding="utf-8")
    main(["campaign", "import", str(campaign), str(revised)])
    assert "Sở Tài chính (D2): bản nộp số 4 (round2.csv)" in capsys.readouterr().out
    assert main(["campaign", "restore", str(campaign), "--submission", "2"]) == 0
    assert "Đã khôi phục bản nộp số 2 cho Sở Tài chính (D2)" in capsys.readouterr().out
    out = tmp_path / "now.json"
    main(["campaign", "score", str(campaign), "--json", str(out)])
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {u["code"]: u["score"] for u in doc["units"]}["D2"] == 47.5


def test_import_with_errors_exits_1_and_names_the_cell(campaign, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,A.1,A.2,B.1,B.2\nD4,có,nhiều,có,3\n", encoding="utf-8")
    assert main(["campaign", "import", str(campaign), str(bad)]) == 1
    said = capsys.readouterr().out
    assert "[value_not_number] bad › C2:" in said
    assert main(["campaign", "score", str(campaign)]) == 1  # the error is in the data in use


def test_score_json_keeps_a_snapshot_and_previous_shows_changes(campaign, tmp_path, capsys):
    last = tmp_path / "2023.json"
    assert main(["campaign", "score", str(campaign), "--json", str(last)]) == 0
    assert "Đã lưu bản chụp kết quả số 1" in capsys.readouterr().out
    main(["campaign", "verify", str(campaign), "--unit", "D2", "--indicator", "A.1",
          "--value", "1", "--note", "kiểm tra lại"])
    capsys.readouterr()
    assert main(["--lang", "en", "campaign", "score", str(campaign), "--previous", str(last)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Rank")
    assert lines[2].split()[:2] == ["2", "D2"]
    assert lines[2].split()[-4:] == ["77.50", "47.50", "+1", "+30.00"]
    assert lines[3].split()[-4:] == ["55.00", "55.00", "-1", "+0.00"]


def test_refused_files_exit_2_without_traceback_and_stay_unchanged(tmp_path):
    bad = tmp_path / "notes.dticampaign"
    bad.write_text("không phải tệp đợt đánh giá", encoding="utf-8")
    before = bad.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "dti_app.cli.main", "campaign", "score",
                           str(bad)], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "không phải tệp đợt đánh giá DTI" in proc.stderr and "Traceback" not in proc.stderr
    assert bad.read_bytes() == before
    assert main(["campaign", "new", str(bad)]) == 2  # never overwritten
    assert bad.read_bytes() == before


def test_export_shows_self_assessed_verified_and_final_values(campaign, tmp_path, capsys):
    from openpyxl import load_workbook

    main(["campaign", "verify", str(campaign), "--unit", "D2", "--indicator", "A.1",
          "--value", "1", "--note", "Đã có minh chứng"])
    book = tmp_path / "xep_hang.xlsx"
    assert main(["campaign", "export", str(campaign), "--out", str(book)]) == 0
    assert "Đã ghi" in capsys.readouterr().out
    wb = load_workbook(book, read_only=True)
    found = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        for row in rows:
            texts = [str(c) for c in row if c is not None]
            if "D2" in texts and "A.1" in texts:
                found.append(row)
    # the D2 / A.1 row: self-assessed 0, verified 1, final 1, then 30 of 30 points
    assert found == [("D2", "Sở Tài chính", "A.1", "Có kế hoạch chuyển đổi số", 0, 1, 1, 30, 30)]
    from dti_app.core.campaign import Campaign

    with Campaign.open(campaign) as c:
        assert any("export" in label for label in c.snapshots()["label"])
