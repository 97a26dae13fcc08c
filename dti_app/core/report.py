"""The machine-readable result: one JSON object as documented in the README (``--json``)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from dti_app.core.atomic import atomic_write_bytes
from dti_app.core.issues import Issue
from dti_app.core.messages import render_issue
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


def result_document(result: ScoreResult, register: UnitRegister, issues: list[Issue],
                    lang: str = "vi") -> dict[str, Any]:
    c = result.criteria
    units = []
    for unit in register.units:
        code = unit.code
        status = str(result.status.get(code, "missing"))
        scored = status == "scored"
        units.append({
            "code": code,
            "name": unit.name(lang),
            "region": unit.region(lang),
            "status": status,
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
        "units": units,
        "issues": [
            {"severity": i.severity.value, "code": i.code.value, "file": i.file,
             "sheet": i.sheet, "cell": i.cell, "unit": i.unit, "message": render_issue(i, lang)}
            for i in issues
        ],
    }


def write_json(document: dict[str, Any], path: Path) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    atomic_write_bytes(Path(path), (text + "\n").encode("utf-8"))
