"""Inputs for the campaign tests: a 100-point framework (index = points), four departments.

Round 1 (points a reader can check; A.1 and B.1 yes/no worth 30 and 25, A.2 = % of 100 worth 20,
B.2 = count of 10 worth 25):
    D1  có, 80 %, có, 10        30 + 16 + 25 + 25   = 96.00   rank 1
    D2  không, 50 %, có, 5       0 + 10 + 25 + 12.5 = 47.50   rank 3
    D3  có, 100 %, không, 2     30 + 20 +  0 +  5   = 55.00   rank 2
    D4  no submission
"""

from __future__ import annotations

import csv
from pathlib import Path

from dti_app.core.campaign import Campaign, ImportRecord
from dti_app.core.importer import import_inputs

DATA = Path(__file__).resolve().parents[1] / "data" / "campaign"
CRITERIA_TEXT = (DATA / "criteria_small.yaml").read_text(encoding="utf-8")
UNITS_TEXT = (DATA / "units_small.csv").read_text(encoding="utf-8")
HEADER = ["code", "A.1", "A.2", "B.1", "B.2"]
ROUND1 = {"D1": ["có", 80, "có", 10], "D2": ["không", 50, "có", 5], "D3": ["có", 100, "không", 2]}


def write_table(path: Path, rows: dict[str, list]) -> Path:
    """A consolidated table: header row, then one row per unit (code first)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for code, values in rows.items():
            writer.writerow([code, *values])
    return path


def new_campaign(folder: Path, name: str = "dot.dticampaign", year: int | None = 2024
                 ) -> Campaign:
    return Campaign.create(folder / name, CRITERIA_TEXT, UNITS_TEXT, year,
                           criteria_name="criteria_small.yaml", units_name="so")


def import_table(campaign: Campaign, path: Path) -> ImportRecord:
    result = import_inputs([path], campaign.criteria(), campaign.register(), campaign.year)
    return campaign.record_import(result)
