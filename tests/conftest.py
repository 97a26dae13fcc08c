"""Shared test helpers: small criteria files written inline, and the bundled defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

# CI explores the same examples every run (a failure there is reproducible); locally they vary
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def dti2022():
    from dti_app.core.criteria_load import load_criteria

    return load_criteria(REPO / "criteria" / "dti_2022.yaml")


@pytest.fixture(scope="session")
def units63():
    from dti_app.core.units import builtin_register

    return builtin_register("63")


@pytest.fixture(scope="session")
def units34():
    from dti_app.core.units import builtin_register

    return builtin_register("34")


def make_table(criteria, units, seed: int = 7):
    """A consolidated table (list of dict rows): code, name, one plausible value per leaf."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rows = []
    for unit in units:
        row = {"code": unit.code, "name": unit.name_vi}
        for leaf in criteria.leaves:
            node = criteria.by_code[leaf]
            if node.rule.kind == "yes_no":
                row[leaf] = "Có" if rng.random() < 0.7 else "Không"
            else:
                low, high = node.valid_range or (0, 100)
                row[leaf] = round(float(rng.uniform(low, min(high, 100))), 1)
        rows.append(row)
    return rows


@pytest.fixture
def table_csv(tmp_path, dti2022, units63):
    """Write a 63-unit consolidated CSV; returns a function (n_units, name) -> path."""
    import pandas as pd

    def write(n: int = 63, name: str = "bang.csv", seed: int = 7):
        rows = make_table(dti2022, list(units63)[:n], seed)
        path = tmp_path / name
        if name.endswith(".xlsx"):
            pd.DataFrame(rows).to_excel(path, index=False)
        else:
            pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8")
        return path

    return write
