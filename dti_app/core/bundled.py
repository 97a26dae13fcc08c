"""Where the files shipped with the tool are: default criteria and the sample workbooks.

In a source checkout they are the top-level ``criteria/`` and ``sample_workbooks/`` folders; in an
installed wheel (or a frozen app) they are inside the package as ``dti_app/_bundled/<name>``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_dir", "default_criteria_path", "BUNDLED_CRITERIA"]

BUNDLED_CRITERIA = {"2022": "dti_2022.yaml", "2024": "dti_2024.yaml"}


def bundled_dir(name: str) -> Path:
    """``name``: "criteria" or "sample_workbooks"."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_bundled" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    return package / "_bundled" / name


def default_criteria_path(year: str = "2022") -> Path:
    return bundled_dir("criteria") / BUNDLED_CRITERIA[year]
