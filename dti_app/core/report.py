"""The machine-readable result: one JSON object as documented in the README (``--json``).

Each unit carries its status (``scored | provisional | missing | invalid``) and its unresolved
``errors`` and ``warnings`` (``standing``); a provisional unit has its score, and its rank unless
the ranking was ``strict``. Each issue says whether a verified value resolved it, and which.

Besides the shown (rounded) values it carries, per unit, the unrounded index (``score_exact``) and
every node of the criteria tree, leaves included (``nodes``: the unrounded value on the index
scale and the competition rank on the shown value), so a reader can check any figure; at the top,
the assessment year and whether the weights differ from the named criteria file (and how).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dti_app.core.atomic import atomic_write_bytes
from dti_app.core.criteria import Criteria
from dti_app.core.issues import Issue
from dti_app.core.messages import render_issue, render_resolution
from dti_app.core.ranking import competition_rank, round_shown
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["result_document", "criteria_document", "node_scores", "write_json"]


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


def criteria_document(c: Criteria) -> dict[str, Any]:
    """id, version and SHA-256 of the criteria used; ``edited``: whether the weights differ from
    the named file (then ``named_sha256`` and each ``edits``: code, field, official, used)."""
    named = c.named
    return {"id": c.id, "version": named.version, "sha256": c.sha256, "edited": c.edited,
            "named_sha256": named.sha256,
            "edits": [{"code": e.code, "field": e.field, "official": e.official,
                       "used": e.used} for e in c.edits]}


def _plain_rows(frame: pd.DataFrame, kind: type) -> list[list]:
    """The frame's rows as Python numbers (``kind``), None where a value is missing."""
    values = frame.to_numpy(dtype=float, na_value=np.nan)
    missing = np.isnan(values).tolist()
    return [[None if gone else kind(v) for v, gone in zip(row, holes)]
            for row, holes in zip(values.tolist(), missing)]


def node_scores(result: ScoreResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every node on the index scale, unrounded, and its competition rank on the shown value
    among the ranked units (``strict`` leaves provisional ones out, as for the index)."""
    c = result.criteria
    exact = result.node_fraction * c.scale
    ranked = pd.Series(exact.index.isin(result.scored), index=exact.index)  # ranked units
    return exact, competition_rank(round_shown(exact, c.decimals).where(ranked, axis=0))


def result_document(result: ScoreResult, register: UnitRegister, issues: list[Issue],
                    lang: str = "vi", year: int | None = None) -> dict[str, Any]:
    """``issues``: those to list, normally ``result.standing.issues`` (the ones in use, with
    their resolution); each unit's ``errors``/``warnings`` come from ``result.standing``."""
    c = result.criteria
    codes = [u.code for u in register.units]
    pillars, mains = [p.code for p in c.pillars], list(c.main_indicators)
    node_exact, node_rank = node_scores(result)
    nodes = list(node_exact.columns)
    exact_rows = _plain_rows(node_exact.reindex(codes), float)
    rank_rows = _plain_rows(node_rank.reindex(codes).astype("Float64"), int)
    pillar_rows = _plain_rows(result.pillar_shown.reindex(index=codes, columns=pillars), float)
    pillar_ranks = _plain_rows(result.pillar_rank.reindex(index=codes, columns=pillars)
                               .astype("Float64"), int)
    main_rows = _plain_rows(result.indicator_shown.reindex(index=codes, columns=mains), float)
    none_nodes = {n: {"score": None, "rank": None} for n in nodes}
    units = []
    for row, unit in enumerate(register.units):
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
            "score_exact": _num(result.index.get(code)) if scored else None,
            "rank": _rank(result.rank.get(code)) if scored else None,
            "pillars": {
                p: {"score": v if scored else None, "rank": r if scored else None}
                for p, v, r in zip(pillars, pillar_rows[row], pillar_ranks[row])
            },
            "indicators": {m: v if scored else None for m, v in zip(mains, main_rows[row])},
            "nodes": ({n: {"score": v, "rank": r}
                       for n, v, r in zip(nodes, exact_rows[row], rank_rows[row])}
                      if scored else none_nodes),
        })
    return {
        "criteria": criteria_document(c),
        "year": year,
        "code_set": register.code_set,
        "strict": result.strict,
        "units": units,
        "issues": [_issue(i, lang) for i in issues],
    }


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def write_json(document: dict[str, Any], path: Path) -> None:
    """Write ``document`` atomically: one top-level key per line, and each item of a
    top-level list (a unit, an issue) on a line of its own."""
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            text = "[\n    " + ",\n    ".join(_compact(item) for item in value) + "\n  ]"
        else:
            text = _compact(value)
        parts.append(f"  {_compact(str(key))}: {text}")
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    atomic_write_bytes(Path(path), text.encode("utf-8"))
