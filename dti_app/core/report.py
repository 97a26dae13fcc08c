"""The machine-readable result: one JSON object as documented in the README (``--json``).

Each unit carries its status (``scored | provisional | missing | invalid``) and its unresolved
``errors`` and ``warnings`` (``standing``); a provisional unit has its score, and its rank unless
the ranking was ``strict``. Each issue says whether a verified value resolved it, and which.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from dti_app.core.atomic import atomic_write_bytes
from dti_app.core.issues import Issue
from dti_app.core.messages import render_issue, render_resolution
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["result_document", "write_json"]


def _num(value: Any) -> float | int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if isinstance(value, float) and math.isnan(value):
            return None
    except TypeError:
        return None
    return float(value)


def _rank(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _issue(issue: Issue, lang: str) -> dict[str, Any]:
    return {"severity": issue.severity.value, "code": issue.code.value, "file": issue.file,
            "sheet": issue.sheet, "cell": issue.cell, "unit": issue.unit,
            "message": render_issue(issue, lang), "resolved_by_verification": issue.resolved,
            "verified": [{"unit": v.unit, "value": v.value, "note": v.note}
                         for v in issue.verified],
            "resolution": render_resolution(issue, lang)}


def result_document(result: ScoreResult, register: UnitRegister, issues: list[Issue],
                    lang: str = "vi") -> dict[str, Any]:
    """``issues``: those to list, normally ``result.standing.issues`` (the ones in use, with
    their resolution); each unit's ``errors``/``warnings`` come from ``result.standing``."""
    c = result.criteria
    units = []
    for unit in register.units:
        code = unit.code
        status = str(result.status.get(code, "missing"))
        scored = status in ("scored", "provisional")
        counts = result.standing.of_unit(code)
        units.append({
            "code": code,
            "name": unit.name(lang),
            "region": unit.region(lang),
            "status": status,
            "errors": counts.errors,
            "warnings": counts.warnings,
            "score": _num(result.shown.get(code)) if scored else None,
            "rank": _rank(result.rank.get(code)) if scored else None,
            "pillars": {
                p.code: {"score": _num(result.pillar_shown.at[code, p.code]) if scored else None,
                         "rank": _rank(result.pillar_rank.at[code, p.code]) if scored else None}
                for p in c.pillars
            },
            "indicators": {
                m: (_num(result.indicator_shown.at[code, m]) if scored else None)
                for m in c.main_indicators
            },
        })
    return {
        "criteria": {"id": c.id, "version": c.version, "sha256": c.sha256},
        "code_set": register.code_set,
        "strict": result.strict,
        "units": units,
        "issues": [_issue(i, lang) for i in issues],
    }


def write_json(document: dict[str, Any], path: Path) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    atomic_write_bytes(Path(path), (text + "\n").encode("utf-8"))
