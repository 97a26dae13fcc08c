"""``dti-scorer analyse ...`` on consolidated tables: what is printed, written, and returned."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from dti_app.cli.main import main


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_stability_prints_intervals_and_writes_json_and_chart(table_csv, tmp_path):
    table, out, chart = table_csv(63), tmp_path / "stab.json", tmp_path / "stab.png"
    proc = subprocess.run([sys.executable, "-m", "dti_app.cli.main", "analyse", "stability",
                           str(table), "--runs", "200", "--seed", "3", "--json", str(out),
                           "--chart", str(chart)], capture_output=True, text=True,
                          encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    doc = load(out)
    assert doc["runs"] == 200 and doc["spread"] == 0.2 and len(doc["units"]) == 63
    first = doc["units"][0]
    assert first["nominal_rank"] == 1 and first["rank_p05"] <= first["median_rank"]
    assert "Độ ổn định thứ hạng: 200 lần chạy" in proc.stdout and first["name"] in proc.stdout
    assert "Khoảng 5–95 %" in proc.stdout
    for pair in doc["indistinguishable"]:
        assert pair["rank_a"] <= pair["rank_b"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_stability_with_the_same_seed_repeats(table_csv, tmp_path):
    table = table_csv(63)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["analyse", "stability", str(table), "--runs", "100", "--json", str(a)]) == 0
    assert main(["analyse", "stability", str(table), "--runs", "100", "--json", str(b)]) == 0
    assert load(a)["units"] == load(b)["units"]


def test_gain_for_a_unit_named_in_any_spelling(table_csv, tmp_path, capsys):
    out = tmp_path / "gain.json"
    code = main(["analyse", "gain", str(table_csv(63)), "--unit", "TP. Hà Nội",
                 "--target-rank", "1", "--json", str(out)])
    assert code == 0
    doc = load(out)
    gains = [row["index_gain"] for row in doc["gain"]]
    assert doc["unit"] == "01" and gains == sorted(gains, reverse=True)
    assert all(row["available"] >= 0 for row in doc["gain"])
    target = doc["target"]
    assert target["reached"] and target["final_rank"] == 1
    assert [s["step"] for s in target["steps"]] == list(range(1, len(target["steps"]) + 1))
    text = capsys.readouterr().out
    assert "Đơn vị: Hà Nội (01)" in text and "Để đạt hạng 1" in text


def test_gain_for_an_unknown_or_unscored_unit_exits_2(table_csv, capsys):
    assert main(["analyse", "gain", str(table_csv(63)), "--unit", "Xứ Sở Thần Tiên"]) == 2
    assert "Không tìm thấy đơn vị" in capsys.readouterr().err
    assert main(["analyse", "gain", str(table_csv(5)), "--unit", "Cà Mau"]) == 2
    assert "chưa có kết quả" in capsys.readouterr().err


def test_merge34_ranks_the_34_and_flags_a_unit_missing_a_former_province(table_csv, tmp_path,
                                                                         capsys):
    out = tmp_path / "m.json"
    # the first 62 units of the register: Bạc Liêu (95) is missing, so Cà Mau (96) is partial
    assert main(["analyse", "merge34", str(table_csv(62)), "--json", str(out)]) == 0
    doc = load(out)
    units = {u["code"]: u for u in doc["units"]}
    assert len(units) == 34 and units["96"]["status"] == "partial"
    assert units["96"]["rank"] is None and units["96"]["n_scored"] == 1
    assert sum(u["rank"] is not None for u in units.values()) == 33
    assert {c["former_code"] for c in doc["composition"] if c["new_code"] == "79"} == {
        "79", "74", "77"}
    text = capsys.readouterr().out
    assert "[merge_partial]" in text and "Bạc Liêu" in text and "thiếu tỉnh cũ" in text


def test_merge34_refuses_a_34_unit_result(table_csv, capsys):
    assert main(["analyse", "merge34", str(table_csv(63)), "--units", "34"]) == 2
    assert "bộ 63 tỉnh" in capsys.readouterr().err


def test_strengths_in_english(table_csv, tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["--lang", "en", "analyse", "strengths", str(table_csv(63)), "--unit", "48",
                 "--json", str(out)]) == 0
    doc = load(out)
    mains = [r for r in doc["rows"] if r["level"] == "main"]
    assert {r["node"] for r in mains} == {"NTS", "TCS", "HTS", "NLS", "ATTT", "HDCQS", "HDKTS",
                                          "HDXHS"}
    assert all(r["code"] == "48" for r in doc["rows"])
    text = capsys.readouterr().out
    assert "Unit: Da Nang (48)" in text and "Compared with the national mean (63 units)" in text


def test_trends_from_score_json_files(table_csv, tmp_path, capsys):
    a, b = tmp_path / "2022.json", tmp_path / "2023.json"
    assert main(["score", str(table_csv(63, "a.csv", seed=1)), "--json", str(a)]) == 0
    assert main(["score", str(table_csv(63, "b.csv", seed=2)), "--json", str(b)]) == 0
    out = tmp_path / "t.json"
    capsys.readouterr()
    assert main(["analyse", "trends", f"2022={a}", f"2023={b}", "--unit", "Yên Bái",
                 "--json", str(out)]) == 0
    rows = pd.DataFrame(load(out)["rows"])
    yb = rows[(rows["code"] == "15") & (rows["measure"] == "index")].sort_values("year")
    first, second = load(a), load(b)
    scores = [next(u["score"] for u in d["units"] if u["code"] == "15") for d in (first, second)]
    assert yb["score"].tolist() == scores
    assert yb["score_change"].iloc[1] == pytest.approx(scores[1] - scores[0])
    text = capsys.readouterr().out
    assert "Yên Bái" in text and "2022" in text and "2023" in text


def test_trends_needs_year_equals_a_score_json_file(tmp_path, capsys):
    assert main(["analyse", "trends", str(tmp_path / "x.json")]) == 2
    assert "NĂM=TỆP" in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text("[1, 2]", encoding="utf-8")
    assert main(["analyse", "trends", f"2020={other}"]) == 2
    assert "không phải kết quả của score --json" in capsys.readouterr().err


def test_trends_from_a_ranking_workbook_and_a_json_result(table_csv, tmp_path, capsys):
    first_json, second_book = tmp_path / "2022.json", tmp_path / "xep_hang_2023.xlsx"
    assert main(["score", str(table_csv(63, "a.csv", seed=1)), "--json", str(first_json)]) == 0
    second_json = tmp_path / "2023.json"
    assert main(["score", str(table_csv(63, "b.csv", seed=2)), "--out", str(second_book),
                 "--json", str(second_json)]) == 0
    out = tmp_path / "t.json"
    capsys.readouterr()
    assert main(["analyse", "trends", f"2022={first_json}", f"2023={second_book}",
                 "--unit", "48", "--json", str(out)]) == 0
    rows = pd.DataFrame(load(out)["rows"])
    dn = rows[(rows["code"] == "48") & (rows["measure"] == "index")].sort_values("year")
    expected = [next(u["score"] for u in load(p)["units"] if u["code"] == "48")
                for p in (first_json, second_json)]
    assert dn["score"].tolist() == pytest.approx(expected)


def test_trends_mixing_workbooks_and_json_give_one_row_per_unit_with_its_name(
        table_csv, tmp_path, capsys, units63):
    """2022 from a ranking workbook, 2023 from a JSON result, 2024 from a workbook again: every
    unit is one row, named (not "31 31"), with its three values."""
    book22, doc23, book24 = tmp_path / "a.xlsx", tmp_path / "b.json", tmp_path / "c.xlsx"
    assert main(["score", str(table_csv(63, "a.csv", seed=1)), "--out", str(book22)]) == 0
    assert main(["score", str(table_csv(63, "b.csv", seed=2)), "--json", str(doc23)]) == 0
    assert main(["score", str(table_csv(63, "c.csv", seed=3)), "--out", str(book24)]) == 0
    out = tmp_path / "t.json"
    capsys.readouterr()
    assert main(["analyse", "trends", f"2022={book22}", f"2023={doc23}", f"2024={book24}",
                 "--json", str(out)]) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("63 ")]
    assert len(printed) == 63                                       # one row per unit
    hp = next(line for line in printed if line.split()[1] == "31")
    assert hp.split()[2:4] == ["Hải", "Phòng"] and hp.count("(") == 3      # three years
    rows = pd.DataFrame(load(out)["rows"])
    index = rows[rows["measure"] == "index"]
    assert index.groupby("code")["year"].nunique().eq(3).all()
    names = dict(zip(index["code"], index["name"]))
    assert names == {u.code: u.name_vi for u in units63.units}
