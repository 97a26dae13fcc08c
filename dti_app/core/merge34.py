"""From the 63 former provinces to the 34 merged units (and back, side by side).

The rule published with the DTI 2024 results: each main indicator of a merged unit is the
arithmetic mean of that indicator's values (fractions 0–1) of the former provinces it merged;
the index is then computed from those means as the criteria computes it from main indicators
(for ``sum``: weighted by the main indicators' points, Σ mean × points / total points), and the 34
are ranked with competition ranking on the shown value. Pillars are computed the same way from the
means. The means are taken of the unrounded values; a unit made of one former province therefore
keeps exactly that province's index.

When some former provinces of a merged unit have no result (missing or invalid), the unit's
values are the means over the former provinces that do, its ``status`` is ``partial`` and it is
**not ranked** unless ``rank_partial=True`` (then it is ranked, still marked ``partial``): a mean
over part of a unit is not the unit's result, and a ranking should not present it as one. A unit
with no former province scored is ``missing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dti_app.core.aggregation import aggregate
from dti_app.core.criteria import Criteria
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.ranking import competition_rank, round_shown
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister, builtin_register

__all__ = ["MergedResult", "merge_to_34", "beside_former", "index_from_mains"]


@dataclass
class MergedResult:
    """The 34 merged units computed from the 63 former provinces.

    ``table`` (index: code of the 34): name, region, status (scored | partial | missing),
    n_former, n_scored, index (shown), rank, then per pillar its shown value and ``<code>_rank``,
    then per main indicator its shown value (all on the index scale).
    ``composition``: one row per former province: new_code, new_name, former_code, former_name,
    former_status, former_index (shown), former_rank (among the 63).
    ``indicator_fraction`` / ``pillar_fraction``: the unrounded means (0–1), units × codes.
    """

    criteria: Criteria
    table: pd.DataFrame
    composition: pd.DataFrame
    indicator_fraction: pd.DataFrame
    pillar_fraction: pd.DataFrame
    index: pd.Series                  # unrounded, on the index scale
    rank_partial: bool = False
    issues: list[Issue] = field(default_factory=list)   # one MERGE_PARTIAL per partial unit

    def ranking(self) -> pd.DataFrame:
        """Ranked units in rank order (ties in code order)."""
        ranked = self.table[self.table["rank"].notna()]
        return ranked.sort_values("rank", kind="stable")


def index_from_mains(criteria: Criteria, mains: pd.DataFrame
                     ) -> tuple[np.ndarray, pd.DataFrame]:
    """Index and pillar fractions (0–1) from main-indicator fractions, as ``scoring`` combines
    them: the criteria's top-level aggregation and missing policy, and each pillar's rule."""
    tops = list(criteria.main_indicators)
    matrix = mains.reindex(columns=tops).to_numpy(dtype=float)
    weights = np.array([criteria.child_weight(c) for c in tops], dtype=float)
    index = aggregate(criteria.aggregation, criteria.missing, matrix, weights)
    pillars = {}
    for pillar in criteria.pillars:
        cols = [tops.index(c) for c in pillar.indicators]
        if pillar.points is not None and criteria.aggregation == "sum":
            got = np.nan_to_num(matrix[:, cols]) @ np.array(
                [criteria.max_points(c) for c in pillar.indicators])
            pillars[pillar.code] = (got / pillar.points if pillar.points
                                    else np.full(len(mains), np.nan))
        else:
            pillars[pillar.code] = aggregate(criteria.aggregation, criteria.missing,
                                             matrix[:, cols], weights[cols])
    return index, pd.DataFrame(pillars, index=mains.index,
                               columns=[p.code for p in criteria.pillars])


def merge_to_34(result63: ScoreResult, register63: UnitRegister | None = None,
                register34: UnitRegister | None = None, *,
                rank_partial: bool = False) -> MergedResult:
    """Project a result of the 63 former provinces onto the 34 merged units (see module doc)."""
    reg63 = register63 or builtin_register("63")
    reg34 = register34 or builtin_register("34")
    unknown = [c for c in result63.status.index if c not in reg63.by_code]
    if unknown:
        raise ValueError(f"not codes of the 63 provinces: {', '.join(map(str, unknown[:5]))}")
    criteria = result63.criteria
    tops = list(criteria.main_indicators)
    status63 = result63.status.reindex(reg63.codes).fillna("missing")
    scored = status63.index[status63.index.isin(result63.scored)]  # the ranked ones
    former_of = {u.code: list(u.former_codes) for u in reg34.units}
    new_of = {f: new for new, formers in former_of.items() for f in formers}
    fractions = result63.node_fraction.loc[scored, tops]
    means = fractions.groupby(fractions.index.map(new_of)).mean()
    means = means.reindex(reg34.codes)
    n_former = pd.Series({c: len(f) for c, f in former_of.items()}).reindex(reg34.codes)
    n_scored = pd.Series(0, index=reg34.codes).add(
        pd.Series(1, index=scored).groupby(scored.map(new_of)).sum(), fill_value=0).astype(int)
    status = pd.Series(np.where(n_scored == n_former, "scored",
                                np.where(n_scored > 0, "partial", "missing")),
                       index=pd.Index(reg34.codes, name="code"), dtype=object)
    index_fraction, pillar_fraction = index_from_mains(criteria, means)
    has_values = (n_scored > 0).to_numpy()
    index_fraction = np.where(has_values, index_fraction, np.nan)
    pillar_fraction[~has_values] = np.nan
    ranked = (status == "scored") | ((status == "partial") if rank_partial else False)
    scale, decimals = criteria.scale, criteria.decimals
    index = pd.Series(index_fraction * scale, index=status.index)
    shown = round_shown(index, decimals)
    table = pd.DataFrame(index=status.index)
    table["name"] = [reg34.by_code[c].name_vi for c in status.index]
    table["region"] = [reg34.by_code[c].region_vi for c in status.index]
    table["status"] = status
    table["n_former"] = n_former.to_numpy()
    table["n_scored"] = n_scored.to_numpy()
    table["index"] = shown
    table["rank"] = competition_rank(shown.where(ranked))
    pillar_shown = round_shown(pillar_fraction * scale, decimals)
    for pillar in criteria.pillars:
        table[pillar.code] = pillar_shown[pillar.code].to_numpy()
        table[f"{pillar.code}_rank"] = competition_rank(pillar_shown[pillar.code].where(ranked))
    for code in tops:
        table[code] = round_shown(means[code] * scale, decimals).to_numpy()
    composition = _composition(result63, reg63, reg34, status63, set(scored))
    return MergedResult(criteria=criteria, table=table, composition=composition,
                        indicator_fraction=means, pillar_fraction=pillar_fraction, index=index,
                        rank_partial=rank_partial, issues=_partial_issues(table, composition))


def _partial_issues(table: pd.DataFrame, composition: pd.DataFrame) -> list[Issue]:
    issues = []
    for code in table.index[table["status"] == "partial"]:
        rows = composition[composition["new_code"] == code]
        absent = rows.loc[rows["former_rank"].isna(), "former_name"].tolist()
        issues.append(Issue.warning(
            IssueCode.MERGE_PARTIAL, unit=code, value=f"{table.at[code, 'name']} ({code})",
            params={"scored": int(table.at[code, "n_scored"]),
                    "total": int(table.at[code, "n_former"]), "absent": absent}))
    return issues


def _composition(result63: ScoreResult, reg63: UnitRegister, reg34: UnitRegister,
                 status63: pd.Series, ranked: set[str]) -> pd.DataFrame:
    rows = []
    for unit in reg34.units:
        for former in unit.former_codes:
            scored = former in ranked
            rows.append({
                "new_code": unit.code, "new_name": unit.name_vi, "former_code": former,
                "former_name": reg63.by_code[former].name_vi,
                "former_status": status63.get(former, "missing"),
                "former_index": result63.shown.get(former) if scored else np.nan,
                "former_rank": result63.rank.get(former) if scored else pd.NA,
            })
    frame = pd.DataFrame(rows, columns=["new_code", "new_name", "former_code", "former_name",
                                        "former_status", "former_index", "former_rank"])
    frame["former_index"] = frame["former_index"].astype(float)
    frame["former_rank"] = frame["former_rank"].astype("Int64")
    return frame


def beside_former(result34: ScoreResult, result63: ScoreResult,
                  register34: UnitRegister | None = None,
                  register63: UnitRegister | None = None) -> pd.DataFrame:
    """A result of the 34 units next to the results of the former provinces they merged.

    One row per former province: new_code, new_name, new_unit_index, new_unit_rank (the 34-unit
    result), projected_index, projected_rank (the 63-unit result projected by ``merge_to_34``),
    former_code, former_name, former_index, former_rank (the 63-unit result itself).
    """
    reg34 = register34 or builtin_register("34")
    merged = merge_to_34(result63, register63, reg34)
    out = merged.composition.copy()
    scored34 = pd.Series(reg34.codes, index=reg34.codes).isin(result34.scored)
    new_index = result34.shown.reindex(reg34.codes).where(scored34)
    new_rank = result34.rank.reindex(reg34.codes).where(scored34)
    out.insert(2, "new_unit_index", out["new_code"].map(new_index).astype(float))
    out.insert(3, "new_unit_rank", out["new_code"].map(new_rank).astype("Int64"))
    out.insert(4, "projected_index", out["new_code"].map(merged.table["index"]).astype(float))
    out.insert(5, "projected_rank",
               out["new_code"].map(merged.table["rank"]).astype("Int64"))
    return out.drop(columns=["former_status"])
