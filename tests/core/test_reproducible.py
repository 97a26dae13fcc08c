"""The same inputs and criteria give the same results, byte for byte, whatever the run.

Inputs: the 63 provinces under the bundled DTI 2022 criteria, split over three files (two CSV, one
xlsx) with a unit submitted twice, decimal commas (warnings) and text in a number cell (an error),
so the order of issues matters. The JSON document (``report.result_document`` + ``write_json``)
must be byte-identical across runs, across input file orders and across fresh processes with
other hash seeds, other working folders and the inputs copied elsewhere (as on another machine);
the ranking workbook must hold the same cell values, only its export time aside.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from dti_app.core.export_text import label

REPO = Path(__file__).resolve().parents[2]
CRITERIA = REPO / "criteria" / "dti_2022.yaml"


def produce(criteria_path: str, json_path: str, xlsx_path: str, inputs: list[str]) -> None:
    """Import, score, and write the JSON document and the ranking workbook."""
    from dti_app.core.criteria_load import load_criteria
    from dti_app.core.export_workbook import write_ranking_workbook
    from dti_app.core.importer import import_inputs
    from dti_app.core.report import result_document, write_json
    from dti_app.core.scoring import score_units
    from dti_app.core.units import builtin_register

    criteria = load_criteria(criteria_path)
    register = builtin_register("63")
    imported = import_inputs(inputs, criteria, register, 2022)
    result = score_units(criteria, imported.values, register, imported.invalid)
    issues = imported.issues + result.issues
    write_json(result_document(result, register, issues), Path(json_path))
    write_ranking_workbook(Path(xlsx_path), result, register, issues=issues,
                           files=imported.files, year=2022)


CHILD = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
         "from test_reproducible import produce; "
         "produce(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])")


def _value(node, rng: random.Random) -> object:
    if node.rule.kind == "yes_no":
        return rng.choice(["Có", "có", "Không", "x", 1, 0])
    low, high = node.valid_range or (0.0, 100.0)
    value = round(rng.uniform(low, min(high, 100.0)), 1)
    return f"{value:.1f}".replace(".", ",") if rng.random() < 0.1 else value


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, dti2022, units63) -> list[Path]:
    rng = random.Random(2022)
    folder = tmp_path_factory.mktemp("dau_vao")
    leaves = list(dti2022.leaves)
    rows = [[u.code, u.name_vi, *[_value(dti2022.by_code[leaf], rng) for leaf in leaves]]
            for u in units63.units]
    rows[5][7] = "khoảng 40"                          # an error at a known cell
    header = ["code", "name", *leaves]
    parts = [rows[:21], rows[21:42], rows[42:] + [rows[3][:2] + rows[4][2:]]]   # 04 twice
    paths = []
    for i, part in enumerate(parts):
        if i == 1:
            wb = Workbook()
            ws = wb.active
            ws.title = "Bảng tổng hợp"
            for row in [header, *part]:
                ws.append(row)
            path = folder / "phan_2.xlsx"
            wb.save(path)
        else:
            path = folder / f"phan_{i + 1}.csv"
            with open(path, "w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows([header, *part])
        paths.append(path)
    return paths


def _cells(path: Path) -> dict[tuple[str, str], object]:
    book = load_workbook(path)
    return {(ws.title, cell.coordinate): cell.value
            for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if cell.value is not None}


def _timestamp_cells(cells: dict) -> set[tuple[str, str]]:
    about = label("sheet_about", "vi")
    return {(sheet, "B" + ref[1:]) for (sheet, ref), value in cells.items()
            if sheet == about and ref.startswith("A") and value == label("exported_at", "vi")}


@pytest.fixture(scope="module")
def runs(inputs, tmp_path_factory) -> dict[str, tuple[bytes, dict]]:
    out = tmp_path_factory.mktemp("ket_qua")
    elsewhere = tmp_path_factory.mktemp("may_khac") / "Dữ liệu tỉnh gửi"
    shutil.copytree(inputs[0].parent, elsewhere)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    children = {
        "process_seed_1": ([str(inputs[0].parent)], "1", REPO),
        "process_seed_2_copied": ([str(elsewhere / p.name) for p in reversed(inputs)], "2",
                                  out),
    }
    procs = {}
    for name, (paths, seed, cwd) in children.items():
        procs[name] = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(CRITERIA), str(out / f"{name}.json"),
             str(out / f"{name}.xlsx"), *paths],
            env=dict(env, PYTHONHASHSEED=seed), cwd=cwd, stderr=subprocess.PIPE, text=True)
    orders = {"run_1": inputs, "run_2": inputs, "reversed": list(reversed(inputs)),
              "shuffled": [inputs[1], inputs[2], inputs[0]]}
    for name, paths in orders.items():
        produce(str(CRITERIA), str(out / f"{name}.json"), str(out / f"{name}.xlsx"),
                [str(p) for p in paths])
    for proc in procs.values():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
    names = [*orders, *children]
    return {n: ((out / f"{n}.json").read_bytes(), _cells(out / f"{n}.xlsx")) for n in names}


def test_the_inputs_exercise_issues_whose_order_matters(runs):
    text = runs["run_1"][0].decode("utf-8")
    assert '"code": "unit_duplicate"' in text and '"code": "value_cleaned"' in text
    assert '"code": "value_trailing_text"' in text or '"code": "value_not_number"' in text
    assert text.count('"status": "scored"') == 62         # 04 is invalid: submitted twice


@pytest.mark.parametrize("name", ["run_2", "reversed", "shuffled", "process_seed_1",
                                  "process_seed_2_copied"])
def test_json_is_byte_identical(runs, name):
    assert runs[name][0] == runs["run_1"][0]


@pytest.mark.parametrize("name", ["run_2", "reversed", "shuffled", "process_seed_1",
                                  "process_seed_2_copied"])
def test_workbook_cell_values_are_identical_but_the_export_time(runs, name):
    first, other = runs["run_1"][1], runs[name][1]
    stamps = _timestamp_cells(first)
    assert len(stamps) == 1
    differing = {k for k in first.keys() | other.keys() if first.get(k) != other.get(k)}
    assert differing <= stamps
    assert len(first) > 63 * 10
