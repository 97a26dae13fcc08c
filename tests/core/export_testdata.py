"""Inputs for the export tests.

A small framework a reader can check (100 points, index = points / 100):
    A  Thể chế   A.1 yes/no worth 30; A.2 share of 100 % worth 20
    B  Hạ tầng   B.1 count against a target of 10 worth 50
    pillars: P1 = A (50 points); P2 = A + B (100 points)

    D1  có, 80 %, 10      30 + 16 + 50 = 96   index 0.96   rank 1   P1 46/50 = 0.92
    D2  không, 50 %, 5     0 + 10 + 25 = 35   index 0.35   rank 3   P1 10/50 = 0.20
    D3  có, 100 %, 2      30 + 20 + 10 = 60   index 0.60   rank 2   P1 50/50 = 1.00
    D4  no submission: "chưa nộp", no rank
    D5  two rows in the table: "không hợp lệ", no rank

The consolidated table also carries columns whose headers a province typed as
``=HYPERLINK("http://x","y")``, ``+1``, ``-2`` and ``@SUM(A1)``: each is reported as an unknown
column, so that text reaches the issues sheet. ``sample_case`` builds the 63 (or 34) units with
seeded synthetic values.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pandas as pd

from dti_app.core.bundled import default_criteria_path
from dti_app.core.criteria_load import load_criteria, parse_criteria
from dti_app.core.importer import import_inputs
from dti_app.core.sample_data import generate_values
from dti_app.core.scoring import score_units
from dti_app.core.units import builtin_register, load_register

SMALL_CRITERIA = """
framework: {id: thu-nghiem, version: '2', year: 2024, name: {vi: Chỉ số thử, en: Test index}}
index: {scale: 1, decimals: 4, aggregation: sum}
nodes:
- {code: A, name: {vi: Thể chế, en: Institutions}}
- {code: A.1, parent: A, name: {vi: Có nghị quyết, en: Resolution}, points: 30, rule: yes_no}
- {code: A.2, parent: A, name: {vi: Tỷ lệ hồ sơ trực tuyến, en: Online files}, points: 20,
   unit: '%', range: [0, 100], rule: {type: target, target: 100}}
- {code: B, name: {vi: Hạ tầng, en: Infrastructure}}
- {code: B.1, parent: B, name: {vi: Số nền tảng, en: Platforms}, points: 50,
   rule: {type: target, target: 10}}
pillars:
- {code: P1, name: {vi: Trụ một, en: Pillar one}, indicators: [A]}
- {code: P2, name: {vi: Trụ hai, en: Pillar two}, indicators: [A, B]}
"""
SMALL_UNITS = """code,name_vi,name_en,region_vi,region_en
D1,Sở Một,Department One,Vùng Bắc,North
D2,Sở Hai,Department Two,Vùng Bắc,North
D3,Sở Ba,Department Three,Vùng Nam,South
D4,Sở Bốn,Department Four,Vùng Nam,South
D5,Sở Năm,Department Five,Vùng Nam,South
"""
HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"]
ROWS = [["D1", "có", 80, 10], ["D2", "không", 50, 5], ["D3", "có", 100, 2],
        ["D5", "có", 10, 1], ["D5", "không", 20, 2]]
EXPECTED = {"D1": (1, 0.96, 0.92), "D2": (3, 0.35, 0.20), "D3": (2, 0.60, 1.00)}


def small_case(folder: Path):
    """(criteria, register, imported, result, issues) for the table above, read from a CSV."""
    criteria = parse_criteria(SMALL_CRITERIA, "small.yaml")
    units_csv = folder / "units.csv"
    units_csv.write_text(SMALL_UNITS, encoding="utf-8")
    register = load_register(units_csv)
    table = folder / "inputs" / "=tong_hop.csv"
    table.parent.mkdir(parents=True, exist_ok=True)
    with open(table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "A.1", "A.2", "B.1", *HOSTILE])
        for row in ROWS:
            writer.writerow([*row, "", "", "", ""])
    imported = import_inputs([table.parent], criteria, register)
    result = score_units(criteria, imported.values, register, imported.invalid)
    return criteria, register, imported, result, imported.issues + result.issues


@functools.lru_cache(maxsize=4)
def sample_case(code_set: str = "63", missing: tuple[str, ...] = ("02", "04"),
                invalid: tuple[str, ...] = ("06",), year: str = "2022"):
    """(criteria, register, values, result) with seeded synthetic values for every unit.

    Cached: callers must not change what they get."""
    criteria = load_criteria(default_criteria_path(year))
    register = builtin_register(code_set)
    values = generate_values(criteria, register)
    values = values.drop(index=[c for c in missing if c in values.index])
    result = score_units(criteria, values, register, set(invalid) & set(values.index))
    return criteria, register, values, result


def previous_ranks(result) -> pd.DataFrame:
    """A made-up previous year: every scored unit one place lower, the first one absent."""
    ranked = result.ranking()
    prev = pd.DataFrame({"rank": ranked["rank"] + 1, "score": ranked["index"] - 0.01})
    return prev.iloc[1:]
