"""Views over a ``ScoreResult`` that the exports, charts and scorecards share.

- ``scored_indicators``: the main indicators that carry weight (a 0-point indicator, such as the
  smart-city one of DTI 2022, is collected but not scored, so it is left out of charts);
- ``ranking_order``: ranked units by rank, then provisional units left out of the ranking
  (``strict``), then invalid ones, then those not submitted;
- ``national_means`` / ``regional_means``: mean fractions (0–1) of the ranked units;
- ``best_and_worst_indicators``: one unit's best and worst main indicators, by share of full
  points (``strengths`` compares with the region and the nation instead).

- ``ranked_with``: the leaf fractions of the ranked units and of one more, for
  ``gain.points_to_gain`` (a provisional unit left unranked by ``strict`` is compared with the
  ranked ones, and does not count against them).

Points still to gain are computed by ``gain.points_to_gain``.
"""

from __future__ import annotations

import pandas as pd

from dti_app.core.criteria import Criteria
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["scored_indicators", "ranking_order", "unit_name", "unit_region", "national_means",
           "regional_means", "best_and_worst_indicators", "ranked_with"]


def scored_indicators(criteria: Criteria) -> list[str]:
    """Main indicators with a positive weight in the index, in file order."""
    return [m for m in criteria.main_indicators if criteria.child_weight(m) > 0]


def unit_name(register: UnitRegister, code: str, lang: str = "vi") -> str:
    unit = register.by_code.get(code)
    return unit.name(lang) if unit is not None else str(code)


def unit_region(register: UnitRegister, code: str, lang: str = "vi") -> str:
    unit = register.by_code.get(code)
    return unit.region(lang) if unit is not None else ""


def ranking_order(result: ScoreResult) -> list[str]:
    """Ranked units by rank (ties in register order), then provisional units left unranked
    (best score first), then invalid, then missing units."""
    codes = list(result.status.index)
    position = {c: i for i, c in enumerate(codes)}
    scored = sorted(result.scored, key=lambda c: (int(result.rank[c]), position[c]))
    unranked = sorted(result.unranked_provisional,
                      key=lambda c: (-_or_low(result.shown[c]), position[c]))
    rest = [c for c in codes if result.status[c] == "invalid"] + \
           [c for c in codes if result.status[c] == "missing"]
    return list(scored) + unranked + rest


def _or_low(value: object) -> float:
    return float("-inf") if pd.isna(value) else float(value)


def _scored_fractions(result: ScoreResult) -> pd.DataFrame:
    tops = list(result.criteria.main_indicators)
    return result.node_fraction.loc[result.scored, tops]


def national_means(result: ScoreResult) -> dict[str, float]:
    """Mean fraction (0–1) of every main indicator, every pillar and the index ("")."""
    scored = result.scored
    out = {m: float(v) for m, v in _scored_fractions(result).mean().items()}
    out.update({p: float(v) for p, v in result.pillar_fraction.loc[scored].mean().items()})
    out[""] = float(result.index.loc[scored].mean() / result.criteria.scale) \
        if len(scored) else float("nan")
    return out


def regional_means(result: ScoreResult, register: UnitRegister, region: str,
                   lang: str = "vi") -> dict[str, float]:
    """Like ``national_means``, over the scored units of one region."""
    members = [c for c in result.scored if unit_region(register, c, lang) == region]
    fractions = _scored_fractions(result).loc[members].mean()
    out = {m: float(v) for m, v in fractions.items()}
    out.update({p: float(v) for p, v in result.pillar_fraction.loc[members].mean().items()})
    out[""] = float(result.index.loc[members].mean() / result.criteria.scale) \
        if members else float("nan")
    return out


def best_and_worst_indicators(result: ScoreResult, code: str, n: int = 3
                      ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(strongest, weakest) main indicators of a unit with a score as (code, fraction 0–1)."""
    tops = scored_indicators(result.criteria)
    if code not in result.with_score or not tops:
        return [], []
    row = result.node_fraction.loc[code, tops].astype(float).dropna()
    ordered = row.sort_values(ascending=False, kind="stable")
    n = max(1, min(n, len(ordered) // 2))
    strongest = [(c, float(v)) for c, v in ordered.head(n).items()]
    weakest = [(c, float(v)) for c, v in ordered.tail(n)[::-1].items()]
    return strongest, weakest


def ranked_with(result: ScoreResult, code: str) -> pd.DataFrame:
    """Leaf fractions (units × leaves) of the ranked units and of ``code``."""
    keep = set(result.scored) | {code}
    return result.leaf_fraction.loc[[c for c in result.leaf_fraction.index if c in keep]]
