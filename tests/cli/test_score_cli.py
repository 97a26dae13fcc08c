"""The real ``dti-scorer`` entry point on consolidated tables: statuses, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dti_app.cli.main import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dti_app.cli.main", *args],
                          capture_output=True, text=True, encoding="utf-8")


def test_63_rows_all_scored_and_ranked(table_csv, tmp_path):
    table = table_csv(63, "bang.xlsx")
    out = tmp_path / "out.json"
    proc = run("score", str(table), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["units"]) == 63
    assert all(u["status"] == "scored" for u in doc["units"])
    assert sorted(u["rank"] for u in doc["units"])[0] == 1
    assert doc["criteria"]["id"] == "dti-tinh-2022" and len(doc["criteria"]["sha256"]) == 64
    first = next(u for u in doc["units"] if u["rank"] == 1)
    assert set(first["pillars"]) == {"CQS", "KTS", "XHS"}
    assert set(first["indicators"]) >= {"NTS", "HDCQS", "HDXHS"}
    assert "Hạng" in proc.stdout and first["name"] in proc.stdout


def test_five_rows_leave_58_missing(table_csv, tmp_path):
    out = tmp_path / "out.json"
    assert main(["score", str(table_csv(5)), "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    statuses = [u["status"] for u in doc["units"]]
    assert statuses.count("missing") == 58 and statuses.count("scored") == 5
    assert all(u["rank"] is None for u in doc["units"] if u["status"] == "missing")


def test_errors_in_an_input_exit_1_and_name_the_cell(table_csv, tmp_path, capsys):
    import pandas as pd

    path = table_csv(63)
    frame = pd.read_csv(path, dtype=str)
    frame.loc[2, "HTS.01"] = "85 (ước tính)"  # row 4 of the sheet, column of HTS.01
    frame.to_csv(path, index=False)
    col = list(frame.columns).index("HTS.01")
    letter = chr(ord("A") + col) if col < 26 else "A" + chr(ord("A") + col - 26)
    out = tmp_path / "o.json"
    assert main(["score", str(path), "--json", str(out)]) == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    [issue] = [i for i in doc["issues"] if i["code"] == "value_trailing_text"]
    assert issue["cell"] == f"{letter}4" and issue["severity"] == "error"
    assert issue["unit"] == frame.loc[2, "code"].zfill(2)
    assert "ước tính" in capsys.readouterr().out


def test_criteria_check_ok_and_broken(repo, tmp_path):
    ok = run("criteria", "check", str(repo / "criteria" / "dti_2022.yaml"))
    assert ok.returncode == 0 and "98" in ok.stdout and "1000" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("framework: {id: x, version: '1', name: X}\nnodes:\n"
                   "  - {code: A, name: A}\n  - {code: A1, parent: B, name: A1, points: 1, "
                   "rule: yes_no}\n", encoding="utf-8")
    proc = run("criteria", "check", str(bad))
    assert proc.returncode == 2
    assert "'B' không tồn tại" in proc.stderr and "Traceback" not in proc.stderr
    en = run("--lang", "en", "criteria", "check", str(bad))
    assert "unknown parent 'B'" in en.stderr


@pytest.mark.parametrize("args", [
    ["score", "nonexistent-folder"],
    ["score", "x.csv", "--units", "99"],
    ["score", "x.csv", "--criteria", "none.yaml"],
    ["frobnicate"],
])
def test_unusable_invocations_never_show_a_traceback(args):
    proc = run(*args)
    assert proc.returncode in (1, 2)
    assert "Traceback" not in proc.stderr + proc.stdout


def test_a_missing_input_is_reported_and_exit_1(tmp_path, table_csv):
    proc = run("score", str(table_csv(3)), str(tmp_path / "khong-co.xlsx"))
    assert proc.returncode == 1
    assert "Không tìm thấy" in proc.stdout


def test_score_writes_workbook_charts_and_compares_with_previous(table_csv, tmp_path):
    from openpyxl import load_workbook

    first = tmp_path / "nam_truoc.json"
    assert main(["score", str(table_csv(63, seed=1)), "--json", str(first)]) == 0
    book = tmp_path / "xep_hang.xlsx"
    charts = tmp_path / "charts"
    code = main(["score", str(table_csv(63, "b2.csv", seed=2)), "--out", str(book), "--charts",
                 str(charts), "--previous", str(first)])
    assert code == 0
    assert {p.suffix for p in charts.iterdir()} == {".png", ".svg", ".pdf"}
    wb = load_workbook(book, read_only=True)
    assert len(wb.sheetnames) >= 5
    # the analysis sheets: 63 rank intervals, 34 merged units (HCM from 79, 74 and 77)
    stability = list(wb["Độ ổn định thứ hạng"].iter_rows(values_only=True))
    assert len(stability) == 1 + 63 and stability[0][:2] == ("Mã", "Đơn vị")
    merged = list(wb["Quy đổi 34 đơn vị"].iter_rows(values_only=True))
    assert len(merged) == 1 + 34
    parts = [r for r in wb["Thành phần 34 đơn vị"].iter_rows(values_only=True) if r[0] == "79"]
    assert sorted(r[2] for r in parts) == ["74", "77", "79"]
    before = {u["code"]: u["rank"] for u in json.loads(first.read_text("utf-8"))["units"]}
    ranking = wb.worksheets[0]
    rows = list(ranking.iter_rows(values_only=True))
    header_row = next(i for i, r in enumerate(rows) if r and "Mã" in [str(c) for c in r])
    header = [str(c) for c in rows[header_row]]
    code_col = header.index("Mã")
    change_col = next(i for i, h in enumerate(header) if "thay đổi" in h.lower()
                      or "change" in h.lower())
    rank_col = header.index("Hạng")
    checked = 0
    for row in rows[header_row + 1:]:
        if row[code_col] in before and row[rank_col] is not None:
            assert row[change_col] == before[row[code_col]] - row[rank_col]
            checked += 1
    assert checked == 63


def test_previous_from_another_code_set_is_refused(table_csv, tmp_path):
    doc = {"criteria": {}, "code_set": "34", "units": [], "issues": []}
    prev = tmp_path / "p.json"
    prev.write_text(json.dumps(doc), encoding="utf-8")
    proc = run("score", str(table_csv(5)), "--previous", str(prev), "--json",
               str(tmp_path / "o.json"))
    assert proc.returncode == 2
    assert "bộ mã 34" in proc.stderr and "Traceback" not in proc.stderr
