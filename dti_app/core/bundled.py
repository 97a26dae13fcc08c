"""Where the files shipped with the tool are: default criteria, sample workbooks, the user guide.

In a source checkout they are the top-level ``criteria/``, ``sample_workbooks/`` and ``docs/``
folders; in an installed wheel, and in the frozen app (``packaging/dti_app.spec`` puts them at the
same place inside the bundle), they are inside the package as ``dti_app/_bundled/<name>``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_dir", "default_criteria_path", "guide_path", "BUNDLED_CRITERIA", "GUIDES"]

BUNDLED_CRITERIA = {"2022": "dti_2022.yaml", "2024": "dti_2024.yaml"}
GUIDES = {"vi": "huong-dan.md", "en": "guide.md"}


def bundled_dir(name: str) -> Path:
    """``name``: "criteria", "sample_workbooks" or "docs"."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_bundled" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    return package / "_bundled" / name


def default_criteria_path(year: str = "2022") -> Path:
    return bundled_dir("criteria") / BUNDLED_CRITERIA[year]


def guide_path(lang: str = "vi") -> Path:
    """The user guide (Markdown) in ``lang`` ('vi' or 'en'; anything else gives Vietnamese)."""
    return bundled_dir("docs") / GUIDES.get(lang, GUIDES["vi"])
