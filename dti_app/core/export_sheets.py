"""The contents of the ranking workbook's sheets, as tables (no formatting, no openpyxl).

Each function returns a ``Table``: a DataFrame whose column titles are what the reader sees (in
the export's language) and, per column, a kind that the workbook writer turns into a number
format and a width: ``text``, ``score`` (index scale, the criteria's decimals), ``rank``,
``change`` (signed rank change), ``points``, ``value`` (a raw value), ``hash``.

Every sheet listing units says each unit's status in words (``unit_status``): a provisional unit
(ranked although some inputs still have unresolved errors) is never shown as plainly scored.

Scores are the shown (rounded) values, as ranked; a change of score is rounded with the same
``round_shown``. Points are written unrounded (the cell format shows two decimals), so a reader
adding them up gets the total.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dti_app.core.criteria import Criteria
from dti_app.core.export_text import aggregation_text, label, missing_text, status_text
from dti_app.core.imported import SourceFile
from dti_app.core.issues import Issue, Severity
from dti_app.core.messages import render_issue, render_resolution
from dti_app.core.ranking import round_shown
from dti_app.core.result_views import ranking_order, scored_indicators, unit_name, unit_region
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["Table", "ranking_table", "indicators_table", "points_table", "values_table",
           "issues_table", "criteria_table", "pillars_table", "files_table", "unit_status"]


@dataclass
class Table:
    frame: pd.DataFrame
    kinds: list[str]

    def __post_init__(self) -> None:
        assert len(self.kinds) == len(self.frame.columns)


def _int_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _unit_columns(register: UnitRegister, codes: list[str], lang: str) -> dict[str, list]:
    return {
        label("code", lang): codes,
        label("unit", lang): [unit_name(register, c, lang) for c in codes],
        label("region", lang): [unit_region(register, c, lang) for c in codes],
    }


def unit_status(result: ScoreResult, codes: list[str], lang: str = "vi") -> list[str]:
    """Each unit's status in words ("tạm tính, không xếp hạng" under strict ranking)."""
    ranked = set(result.scored)
    return [status_text(result.status[x], lang, ranked=x in ranked) for x in codes]


def ranking_table(result: ScoreResult, register: UnitRegister, lang: str = "vi",
                  previous: pd.DataFrame | None = None) -> Table:
    """Rank, code, unit, region, index, pillars, rank change, status, unresolved errors; one
    row per unit."""
    c = result.criteria
    codes = ranking_order(result)
    scored = pd.Series(codes, index=codes).isin(result.scored)
    cols: dict[str, list] = {label("rank", lang): [_int_or_none(result.rank[x]) for x in codes]}
    kinds = ["rank"]
    cols.update(_unit_columns(register, codes, lang))
    kinds += ["code", "text", "text"]
    cols[label("index", lang)] = [result.shown[x] for x in codes]
    kinds.append("score")
    if c.total_points:
        points = result.index.reindex(codes) / c.scale * c.total_points
        title = (label("total_points_edited", lang, total=f"{c.total_points:g}") if c.edited
                 else label("total_points", lang))
        cols[title] = list(round_shown(points, 2))
        kinds.append("points")
    for p in c.pillars:
        name = p.name(lang)
        cols[label("score_of", lang, name=name)] = list(result.pillar_shown.loc[codes, p.code])
        cols[label("rank_of", lang, name=name)] = [
            _int_or_none(v) for v in result.pillar_rank.loc[codes, p.code]]
        kinds += ["score", "rank"]
    cols[label("region_rank", lang)] = [_int_or_none(result.region_rank.get(x)) for x in codes]
    kinds.append("rank")
    if previous is not None:
        prev = previous.reindex(codes)
        empty = pd.Series(np.nan, index=prev.index, dtype=float)
        prev_rank = pd.to_numeric(prev.get("rank", empty), errors="coerce").astype(float)
        prev_score = pd.to_numeric(prev.get("score", empty), errors="coerce").astype(float)
        now_rank = result.rank.reindex(codes).astype("Float64")
        change = (prev_rank - now_rank).where(scored)
        cols[label("previous_rank", lang)] = [_int_or_none(v) for v in prev_rank]
        cols[label("rank_change", lang)] = [_int_or_none(v) for v in change]
        cols[label("previous_score", lang)] = list(prev_score)
        delta = (result.shown.reindex(codes) - prev_score).where(scored)
        cols[label("score_change", lang)] = list(round_shown(delta, c.decimals))
        kinds += ["rank", "change", "score", "score_change"]
    cols[label("status", lang)] = unit_status(result, codes, lang)
    cols[label("unit_errors", lang)] = [result.standing.of_unit(x).errors for x in codes]
    kinds += ["text", "rank"]
    return Table(pd.DataFrame(cols), kinds)


def indicators_table(result: ScoreResult, register: UnitRegister, lang: str = "vi") -> Table:
    """Per unit, every scored main indicator's value (index scale) and rank."""
    codes = ranking_order(result)
    cols: dict[str, list] = {label("rank", lang): [_int_or_none(result.rank[x]) for x in codes]}
    cols.update(_unit_columns(register, codes, lang))
    kinds = ["rank", "code", "text", "text"]
    for m in scored_indicators(result.criteria):
        name = result.criteria.by_code[m].name(lang)
        cols[f"{m}: {name}"] = list(result.indicator_shown.loc[codes, m])
        cols[label("rank_of", lang, name=m)] = [
            _int_or_none(v) for v in result.indicator_rank.loc[codes, m]]
        kinds += ["score", "rank"]
    cols[label("status", lang)] = unit_status(result, codes, lang)
    kinds.append("text")
    return Table(pd.DataFrame(cols), kinds)


def points_table(result: ScoreResult, register: UnitRegister, lang: str = "vi") -> Table:
    """Points achieved on every sub-indicator (units × leaves); headers are the leaf codes."""
    codes = ranking_order(result)
    leaves = list(result.criteria.leaves)
    head = pd.DataFrame(_unit_columns(register, codes, lang))
    body = result.node_points.loc[codes, leaves].reset_index(drop=True)
    frame = pd.concat([head, body], axis=1)
    return Table(frame, ["code", "text", "text"] + ["points"] * len(leaves))


def values_table(result: ScoreResult, register: UnitRegister, lang: str = "vi", *,
                 self_values: pd.DataFrame | None = None,
                 verified_values: pd.DataFrame | None = None,
                 final_values: pd.DataFrame | None = None) -> Table | None:
    """The raw values used.

    With verification data (``self_values`` or ``verified_values``): one row per (unit,
    sub-indicator) with the given values side by side and the points. With ``final_values``
    alone: units × sub-indicators, like the points sheet. ``None`` when no values are given.
    """
    given = [(key, frame) for key, frame in (("self_value", self_values),
                                             ("verified_value", verified_values),
                                             ("final_value", final_values)) if frame is not None]
    if not given:
        return None
    if self_values is None and verified_values is None:
        codes = [x for x in ranking_order(result) if x in final_values.index]
        head = pd.DataFrame(_unit_columns(register, codes, lang))
        body = final_values.reindex(index=codes, columns=list(result.criteria.leaves))
        frame = pd.concat([head, body.reset_index(drop=True)], axis=1)
        return Table(frame, ["text"] * 3 + ["value"] * len(body.columns))
    c = result.criteria
    leaves = list(c.leaves)
    codes = [x for x in ranking_order(result)
             if any(x in frame.index for _, frame in given)]
    n = len(leaves)
    cols: dict[str, object] = {
        label("code", lang): np.repeat(codes, n),
        label("unit", lang): np.repeat([unit_name(register, x, lang) for x in codes], n),
        label("leaf", lang): leaves * len(codes),
        label("leaf_name", lang): [c.by_code[leaf].name(lang) for leaf in leaves] * len(codes),
    }
    kinds = ["text"] * 4
    for key, frame in given:
        block = frame.reindex(index=codes, columns=leaves)
        cols[label(key, lang)] = block.to_numpy(dtype=object).reshape(-1)
        kinds.append("value")
    points = result.node_points.reindex(index=codes, columns=leaves)
    cols[label("points", lang)] = points.to_numpy(dtype=float).reshape(-1)
    cols[label("max_points", lang)] = [c.max_points(leaf) for leaf in leaves] * len(codes)
    kinds += ["points", "points"]
    return Table(pd.DataFrame(cols), kinds)


def issues_table(issues: list[Issue], register: UnitRegister, lang: str = "vi") -> Table:
    """One row per issue; a resolved one says how (the verified value and the note)."""
    sev = {Severity.ERROR: label("error", lang), Severity.WARNING: label("warning", lang)}
    resolved = label("resolved", lang)
    rows = [[sev[i.severity] + (f" ({resolved})" if i.resolved else ""), i.code.value, i.file,
             i.sheet, i.cell,
             f"{i.unit} {unit_name(register, i.unit, lang)}" if i.unit in register.by_code
             else i.unit, i.node, i.value, render_issue(i, lang), render_resolution(i, lang)]
            for i in issues]
    keys = ["severity", "reason_code", "file", "sheet", "cell", "unit", "node", "value",
            "message", "resolution"]
    frame = pd.DataFrame(rows, columns=[label(k, lang) for k in keys], dtype=object)
    return Table(frame, ["text"] * len(keys))


def _level(criteria: Criteria, code: str) -> int:
    level, node = 1, criteria.by_code[code]
    while node.parent is not None:
        level, node = level + 1, criteria.by_code[node.parent]
    return level


def criteria_table(criteria: Criteria, lang: str = "vi") -> Table:
    """Every node as used: code, parent, names, points, weight, aggregation, policy, rule.

    For edited weights, three more columns: the criteria file's points and weight, and
    whether the node was edited."""
    rows = []
    edited = {e.code for e in criteria.edits}
    for n in criteria.nodes:
        params = dict(n.rule.params) if n.rule else {}
        direction = params.pop("direction", "higher") if n.rule else ""
        rows.append([
            n.code, n.parent or "", _level(criteria, n.code), n.name_vi, n.name_en,
            n.points, n.weight, "" if n.is_leaf else aggregation_text(n.aggregation, lang),
            missing_text(n.missing, lang), n.rule.kind if n.rule else "",
            json.dumps(params, ensure_ascii=False) if params else "",
            label(direction, lang) if direction else "", n.unit,
            f"{n.valid_range[0]:g} – {n.valid_range[1]:g}" if n.valid_range else "",
            label("yes" if n.required else "no", lang),
        ])
        if criteria.edited:
            official = criteria.named.by_code[n.code]
            rows[-1] += [official.points, official.weight,
                         label("yes" if n.code in edited else "no", lang)]
    keys = ["code", "parent", "level", "name_vi", "name_en", "max_points", "weight",
            "aggregation", "missing_policy", "rule", "rule_params", "direction", "measure",
            "valid_range", "required"]
    kinds = ["text", "text", "rank", "text", "text", "points", "points"] + ["text"] * 8
    if criteria.edited:
        keys += ["official_points", "official_weight", "edited"]
        kinds += ["points", "points", "text"]
    frame = pd.DataFrame(rows, columns=[label(k, lang) for k in keys], dtype=object)
    return Table(frame, kinds)


def pillars_table(criteria: Criteria, lang: str = "vi") -> Table:
    rows = [[p.code, p.name_vi, p.name_en, ", ".join(p.indicators), criteria.pillar_points(p)]
            for p in criteria.pillars]
    keys = ["pillar", "name_vi", "name_en", "pillar_indicators", "denominator"]
    frame = pd.DataFrame(rows, columns=[label(k, lang) for k in keys], dtype=object)
    return Table(frame, ["text"] * 4 + ["points"])


def files_table(files: list[SourceFile], lang: str = "vi") -> Table:
    rows = [[f.name, f.sha256, f.kind, ", ".join(f.units), label("yes" if f.ok else "no", lang)]
            for f in files]
    keys = ["file_name", "sha256", "file_kind", "file_units", "file_ok"]
    frame = pd.DataFrame(rows, columns=[label(k, lang) for k in keys], dtype=object)
    return Table(frame, ["text", "hash", "text", "text", "text"])
