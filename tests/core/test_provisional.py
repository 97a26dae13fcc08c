"""A unit with unresolved errors is ranked provisionally, marked as such everywhere, and becomes
plainly scored once an assessor has verified the values in error (``standing``).

Inputs (``provisional_inputs``): five filled templates; Bắc Kạn (06) left NTS.01 blank and typed
"khoảng 20" for NTS.06. Verified: NTS.01 = có, NTS.06 = 20.
"""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook
from provisional_inputs import BAD, BLANK, TWIN, UNITS, VAGUE, YEAR, cells, write_inputs, write_twin

from dti_app.core.campaign import Campaign
from dti_app.core.export_text import label
from dti_app.core.export_workbook import write_ranking_workbook
from dti_app.core.importer import import_inputs
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.report import result_document
from dti_app.core.scoring import score_units
from dti_app.core.standing import assess

C = IssueCode


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, dti2022, units63):
    return write_inputs(tmp_path_factory.mktemp("nop") / "phieu", dti2022, units63)


@pytest.fixture(scope="module")
def imported(inputs, dti2022, units63):
    return import_inputs([inputs], dti2022, units63, YEAR)


def _score(imported, criteria, register, strict=False, verified=None):
    standing = assess(imported.issues, imported.origin, verified)
    return score_units(criteria, imported.values, register, imported.invalid,
                       standing=standing, strict=strict)


def test_the_bad_workbook_is_read_with_its_two_errors_at_their_cells(imported, dti2022):
    where = cells(dti2022)
    found = {(i.code, i.cell, i.node) for i in imported.issues if i.unit == BAD}
    assert found == {(C.VALUE_MISSING, where[BLANK], BLANK),
                     (C.VALUE_NOT_NUMBER, where[VAGUE], VAGUE)}
    assert imported.values.loc[BAD, [BLANK, VAGUE]].isna().all()   # counted as missing


def test_a_unit_with_unresolved_errors_is_provisional_and_still_ranked(imported, dti2022,
                                                                      units63):
    result = _score(imported, dti2022, units63)
    assert result.status[BAD] == "provisional"
    assert (result.status.loc[[u for u in UNITS if u != BAD]] == "scored").all()
    assert result.status.value_counts()["missing"] == 63 - len(UNITS)
    assert pd.notna(result.rank[BAD]) and BAD in result.scored
    assert sorted(result.rank.dropna().astype(int)) == [1, 2, 3, 4, 5]
    assert result.node_points.loc[BAD, [BLANK, VAGUE]].fillna(0).tolist() == [0.0, 0.0]
    assert result.standing.of_unit(BAD).errors == 2
    assert result.standing.counts().errors == 2


def test_strict_leaves_it_out_and_closes_up_the_ranks(imported, dti2022, units63):
    loose = _score(imported, dti2022, units63)
    strict = _score(imported, dti2022, units63, strict=True)
    assert strict.status[BAD] == "provisional" and strict.strict
    assert pd.isna(strict.rank[BAD]) and BAD not in strict.scored
    assert strict.shown[BAD] == loose.shown[BAD]                     # keeps its score
    assert list(strict.unranked_provisional) == [BAD]
    others = [u for u in UNITS if u != BAD]
    assert sorted(strict.rank[others].astype(int)) == [1, 2, 3, 4]   # no gap where it was
    below = [u for u in others if loose.rank[u] > loose.rank[BAD]]
    assert all(strict.rank[u] == loose.rank[u] - 1 for u in below)
    assert pd.isna(strict.pillar_rank.loc[BAD]).all()
    assert pd.isna(strict.indicator_rank.loc[BAD]).all()


def test_verifying_the_bad_cells_resolves_them_and_the_unit_is_scored(inputs, imported, dti2022,
                                                                     units63, tmp_path):
    verified = {(BAD, leaf): (value, f"Biên bản kiểm tra {leaf}")
                for leaf, (_text, value) in TWIN.items()}
    final = imported.values.copy()
    for (unit, leaf), (value, _note) in verified.items():
        final.at[unit, leaf] = value
    standing = assess(imported.issues, imported.origin, verified)
    result = score_units(dti2022, final, units63, imported.invalid, standing=standing)
    assert result.status[BAD] == "scored"
    assert result.standing.of_unit(BAD).errors == 0
    issues = {i.node: i for i in result.standing.issues if i.unit == BAD}
    assert issues[BLANK].resolved and issues[VAGUE].resolved
    assert [(v.value, v.note) for v in issues[VAGUE].verified] == [(20.0,
                                                                    "Biên bản kiểm tra NTS.06")]
    assert result.standing.counts().resolved == 2 and result.standing.counts().errors == 0
    # the verified score is the one the unit would have with those values typed in
    shutil.copytree(inputs, tmp_path / "twin")
    write_twin(tmp_path / "twin", dti2022, units63)
    twin = import_inputs([tmp_path / "twin"], dti2022, units63, YEAR)
    assert twin.issues == []
    typed = score_units(dti2022, twin.values, units63)
    assert result.index[BAD] == pytest.approx(typed.index[BAD], abs=1e-12)
    assert result.rank[BAD] == typed.rank[BAD]
    assert result.shown[BAD] > _score(imported, dti2022, units63).shown[BAD]


def test_one_verified_cell_of_two_leaves_it_provisional(imported, dti2022, units63):
    result = _score(imported, dti2022, units63, verified={(BAD, BLANK): (1.0, "đã kiểm tra")})
    assert result.status[BAD] == "provisional"
    assert result.standing.of_unit(BAD).errors == 1
    assert result.standing.counts().resolved == 1


def test_the_json_gives_status_counts_and_resolution(imported, dti2022, units63):
    result = _score(imported, dti2022, units63, verified={(BAD, BLANK): (1.0, "đã kiểm tra")})
    doc = json.loads(json.dumps(result_document(result, units63, result.standing.issues)))
    unit = next(u for u in doc["units"] if u["code"] == BAD)
    assert (unit["status"], unit["errors"], unit["warnings"]) == ("provisional", 1, 0)
    assert unit["score"] == result.shown[BAD] and unit["rank"] == int(result.rank[BAD])
    clean = next(u for u in doc["units"] if u["code"] == "01")
    assert (clean["status"], clean["errors"]) == ("scored", 0)
    by_code = {i["code"]: i for i in doc["issues"]}
    assert by_code["value_missing"]["resolved_by_verification"] is True
    assert by_code["value_missing"]["verified"] == [{"unit": BAD, "value": 1.0,
                                                     "note": "đã kiểm tra"}]
    assert "đã kiểm tra" in by_code["value_missing"]["resolution"]
    assert by_code["value_not_number"]["resolved_by_verification"] is False
    assert doc["strict"] is False
    strict = _score(imported, dti2022, units63, strict=True)
    doc = result_document(strict, units63, strict.standing.issues)
    unit = next(u for u in doc["units"] if u["code"] == BAD)
    assert unit["rank"] is None and unit["score"] == strict.shown[BAD] and doc["strict"]


def test_a_campaign_resolves_by_verification_and_clearing_brings_the_errors_back(
        inputs, tmp_path, dti2022, repo):
    text = (repo / "criteria" / "dti_2022.yaml").read_text(encoding="utf-8")
    with Campaign.create(tmp_path / "dot.dticampaign", text, "63", YEAR) as c:
        c.record_import(import_inputs([inputs], c.criteria(), c.register(), c.year))
        before = c.score()
        assert before.status[BAD] == "provisional"
        for leaf, (typed, _value) in TWIN.items():
            c.set_verified(BAD, leaf, typed, f"Biên bản {leaf}", who="Lan")
        after = c.score()
        assert after.status[BAD] == "scored"
        resolved = [i for i in after.standing.issues if i.unit == BAD]
        assert len(resolved) == 2 and all(i.resolved for i in resolved)
        assert {i.node: (i.verified[0].value, i.verified[0].note) for i in resolved} == {
            BLANK: (1.0, "Biên bản NTS.01"), VAGUE: (20.0, "Biên bản NTS.06")}
        doc = c.results_document(after)
        assert next(u for u in doc["units"] if u["code"] == BAD)["status"] == "scored"
        assert all(i["resolved_by_verification"] for i in doc["issues"] if i["unit"] == BAD)
        c.clear_verified(BAD, VAGUE, "Chưa đủ chứng cứ")
        again = c.score()
        assert again.status[BAD] == "provisional"
        back = next(i for i in again.standing.issues if i.node == VAGUE)
        assert not back.resolved and again.standing.of_unit(BAD).errors == 1


def test_errors_of_a_file_not_used_do_not_make_a_unit_provisional(imported, dti2022, units63):
    """Issues of another file of the unit (newest wins, an earlier submission) are not about
    the data in use; a year mismatch there says nothing about the values scored (it is listed,
    so the user knows why that file was not used, but held against no unit)."""
    stale = [Issue.error(C.VALUE_NOT_NUMBER, file="cu.xlsx", unit="01", node="NTS.02",
                         cell="F7", value="?"),
             Issue.error(C.YEAR_MISMATCH, file="nam_2021.xlsx", unit="02")]
    result = _score(type(imported)(imported.values, imported.cells, imported.origin,
                                   issues=imported.issues + stale, invalid=imported.invalid),
                    dti2022, units63)
    assert result.status[["01", "02"]].tolist() == ["scored", "scored"]
    assert not any(i.file == "cu.xlsx" for i in result.standing.issues)
    # the refused file is still said (why it was not used), held against no unit
    refused = [i for i in result.standing.issues if i.file == "nam_2021.xlsx"]
    assert [i.code for i in refused] == [C.YEAR_MISMATCH]
    assert result.standing.of_unit("02").errors == 0


def test_a_column_missing_from_a_table_makes_its_units_provisional(dti2022, units63):
    """A table's missing column names no unit; it is missing for every unit of that table."""
    origin = pd.DataFrame({"file": ["bang.csv", "bang.csv", "phieu.xlsx"],
                           "sheet": ["bang", "bang", "Chỉ số"]},
                          index=pd.Index(["01", "02", "04"], name="code"))
    missing = Issue.error(C.ROW_MISSING, file="bang.csv", sheet="bang", node="NTS.03")
    standing = assess([missing], origin, {("01", "NTS.03"): (1.0, "kiểm tra")})
    assert standing.blocking == {"02"}
    assert standing.of_unit("02").errors == 1 and standing.of_unit("04").errors == 0
    assert not standing.issues[0].resolved                       # 02 still needs it
    standing = assess([missing], origin, {("01", "NTS.03"): (1.0, "a"),
                                          ("02", "NTS.03"): (0.0, "b")})
    assert standing.issues[0].resolved and not standing.blocking
    assert [v.unit for v in standing.issues[0].verified] == ["01", "02"]


def test_errors_that_make_a_unit_unusable_never_make_it_provisional(dti2022, units63):
    duplicate = Issue.error(C.UNIT_DUPLICATE, unit="95", file="a.xlsx")
    standing = assess([duplicate], None)
    assert standing.blocking == frozenset() and standing.of_unit("95").errors == 1


def test_the_ranking_workbook_marks_the_provisional_unit_on_every_unit_sheet(
        imported, dti2022, units63, tmp_path):
    result = _score(imported, dti2022, units63)
    path = tmp_path / "xep_hang.xlsx"
    write_ranking_workbook(path, result, units63, issues=result.standing.issues,
                           files=imported.files, final_values=imported.values, year=YEAR)
    wb = load_workbook(path)
    ws = wb[label("sheet_ranking")]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[header.index("Mã")].value == BAD)
    assert row[header.index("Trạng thái")].value == "tạm tính (còn lỗi)"
    assert row[header.index("Lỗi chưa giải quyết")].value == 2
    rank = row[header.index("Hạng")]
    assert rank.value == int(result.rank[BAD]) and rank.number_format == '0"*"'
    assert row[header.index("Chỉ số")].number_format.endswith('"*"')
    assert {c.fill.fgColor.rgb for c in row} == {"00FDE0C2"}
    legend = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("*")]
    assert legend and "Tạm tính" in legend[0]
    for key in ("sheet_indicators", "sheet_points", "sheet_final_values"):
        sheet = wb[label(key)]
        codes = [c.value for c in sheet["B" if key == "sheet_indicators" else "A"]]
        marked = sheet.cell(codes.index(BAD) + 1, 1).fill.fgColor.rgb
        assert marked == "00FDE0C2", key
        assert any(isinstance(c.value, str) and c.value.startswith("* Tạm tính")
                   for c in sheet["A"]), key
    about = {r[0].value: r[1].value for r in wb[label("sheet_about")].iter_rows() if r[0].value}
    assert about["Số đơn vị (đã chấm / tạm tính / chưa nộp / không hợp lệ)"] == "4 / 1 / 58 / 0"


def test_the_charts_and_scorecard_mark_the_provisional_unit(imported, dti2022, units63):
    from dti_app.core.charts import ranking_bars
    from dti_app.core.scorecard import scorecard_figure

    result = _score(imported, dti2022, units63)
    name = units63.by_code[BAD].name_vi
    fig = ranking_bars(result, units63, year=YEAR)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert f"{int(result.rank[BAD])}*. {name}" in ticks
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "Tạm tính" in texts
    card = " ".join(t.get_text() for t in scorecard_figure(
        result, units63, BAD, result.standing.issues, imported.values, year=YEAR).texts)
    assert "TẠM TÍNH: còn 2 lỗi chưa giải quyết" in card and f"{result.shown[BAD]:.4f}*" in card
    strict = _score(imported, dti2022, units63, strict=True)
    card = " ".join(t.get_text() for t in scorecard_figure(
        strict, units63, BAD, strict.standing.issues, imported.values, year=YEAR).texts)
    assert "Không xếp hạng (xếp hạng nghiêm ngặt)" in card
    fig = ranking_bars(strict, units63, year=YEAR)
    assert all(name not in t.get_text() for t in fig.axes[0].get_yticklabels())
    assert "tạm tính, không xếp hạng (1): " + name.lower() in " ".join(
        t.get_text() for t in fig.texts).lower().replace("\n", " ")
