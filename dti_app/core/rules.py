"""Leaf scoring rules: raw values in, a fraction of the leaf's points (0–1) out.

Each rule is a small vectorised function ``score(x, params) -> fraction``: ``x`` is one column
of raw values (one per unit, NaN where missing); the result is NaN exactly where ``x`` is NaN.
``check(params)`` returns the bad parameters (with a reason code) for the criteria loader to
report, and ``best(params, x)`` gives the raw value that earns full points (for "points to
gain"). The criteria file picks a rule by its name in ``RULES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dti_app.core.issues import IssueCode

__all__ = ["RULES", "RuleSpec", "DIRECTIONS", "score_rule"]

DIRECTIONS = ("higher", "lower")
Problem = tuple[IssueCode, dict[str, Any]]


def _num(params: dict, name: str) -> float | None:
    value = params.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value):
        return None
    return float(value)


def _higher(params: dict) -> bool:
    return params.get("direction", "higher") == "higher"


def _need(params: dict, *names: str) -> list[Problem]:
    return [
        (IssueCode.CRITERIA_RULE_PARAMETER, {"field": n, "value": params.get(n, "—")})
        for n in names
        if _num(params, n) is None
    ]


# --- yes / no -------------------------------------------------------------------------------
def _yes_no(x: np.ndarray, params: dict) -> np.ndarray:
    yes = (x >= 0.5).astype(float)
    out = yes if _higher(params) else 1.0 - yes
    return np.where(np.isnan(x), np.nan, out)


def _yes_no_check(params: dict) -> list[Problem]:
    return []


# --- linear between goalposts, optional log, truncated --------------------------------------
def _goalposts(x: np.ndarray, params: dict) -> np.ndarray:
    low, high = float(params["low"]), float(params["high"])
    if params.get("log"):
        with np.errstate(divide="ignore", invalid="ignore"):
            x = np.where(np.isnan(x), np.nan,  # a missing value stays missing, not -inf
                         np.where(x > 0, np.log10(np.where(x > 0, x, 1.0)), -np.inf))
        low, high = np.log10(low), np.log10(high)
    frac = (x - low) / (high - low)
    if not _higher(params):
        frac = 1.0 - frac
    return np.clip(frac, 0.0, 1.0)


def _goalposts_check(params: dict) -> list[Problem]:
    problems = _need(params, "low", "high")
    if problems:
        return problems
    low, high = float(params["low"]), float(params["high"])
    if low >= high:
        return [(IssueCode.CRITERIA_GOALPOSTS_REVERSED, {"low": low, "high": high})]
    if params.get("log") and low <= 0:
        return [(IssueCode.CRITERIA_LOG_NONPOSITIVE, {})]
    return []


def _goalposts_best(params: dict, x: np.ndarray) -> float:
    return float(params["high"] if _higher(params) else params["low"])


# --- ratio to a target, capped at full points -----------------------------------------------
def _target(x: np.ndarray, params: dict) -> np.ndarray:
    target = float(params["target"])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # x tiny: clipped to 1
        if _higher(params):
            frac = x / target
        else:
            frac = np.where(x <= target, 1.0, target / x)
    frac = np.clip(frac, 0.0, 1.0)
    return np.where(np.isnan(x), np.nan, frac)


def _target_check(params: dict) -> list[Problem]:
    problems = _need(params, "target")
    if not problems and float(params["target"]) <= 0:
        problems.append((IssueCode.CRITERIA_RULE_PARAMETER,
                         {"field": "target", "value": params["target"]}))
    return problems


# --- bands (thresholds) ---------------------------------------------------------------------
def _bands(x: np.ndarray, params: dict) -> np.ndarray:
    at = np.array([float(b[0]) for b in params["bands"]])
    score = np.array([float(b[1]) for b in params["bands"]])
    if _higher(params):
        # the highest threshold at or below x
        idx = np.searchsorted(at, x, side="right") - 1
        out = np.where(idx >= 0, score[np.clip(idx, 0, None)], 0.0)
    else:
        # the lowest threshold at or above x
        idx = np.searchsorted(at, x, side="left")
        out = np.where(idx < len(at), score[np.clip(idx, None, len(at) - 1)], 0.0)
    return np.where(np.isnan(x), np.nan, out)


def _bands_check(params: dict) -> list[Problem]:
    bands = params.get("bands")
    bad = [(IssueCode.CRITERIA_BANDS_UNORDERED, {})]
    if not isinstance(bands, list) or not bands:
        return [(IssueCode.CRITERIA_RULE_PARAMETER, {"field": "bands", "value": bands})]
    try:
        at = [float(b[0]) for b in bands]
        score = [float(b[1]) for b in bands]
    except (TypeError, ValueError, IndexError, KeyError):
        return [(IssueCode.CRITERIA_RULE_PARAMETER, {"field": "bands", "value": bands})]
    if any(b <= a for a, b in zip(at, at[1:])) or any(not 0 <= s <= 1 for s in score):
        return bad
    return []


def _bands_best(params: dict, x: np.ndarray) -> float:
    bands = params["bands"]
    best = max(float(b[1]) for b in bands)
    hits = [float(b[0]) for b in bands if float(b[1]) == best]
    return min(hits) if _higher(params) else max(hits)


# --- relative to the other units: min–max into a chosen range -------------------------------
def _minmax(x: np.ndarray, params: dict) -> np.ndarray:
    lo, hi = (float(v) for v in params.get("range", (0.0, 1.0)))
    present = ~np.isnan(x)
    if not present.any():
        return np.full_like(x, np.nan, dtype=float)
    xmin, xmax = np.nanmin(x), np.nanmax(x)
    if xmax == xmin:
        return np.where(present, hi, np.nan)
    frac = (x - xmin) / (xmax - xmin)
    if not _higher(params):
        frac = 1.0 - frac
    return lo + frac * (hi - lo)


def _minmax_check(params: dict) -> list[Problem]:
    rng = params.get("range", [0, 1])
    ok = (
        isinstance(rng, (list, tuple)) and len(rng) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in rng)
        and 0 <= rng[0] < rng[1] <= 1
    )
    return [] if ok else [(IssueCode.CRITERIA_RULE_PARAMETER, {"field": "range", "value": rng})]


def _minmax_best(params: dict, x: np.ndarray) -> float:
    return float(np.nanmax(x) if _higher(params) else np.nanmin(x))


@dataclass(frozen=True)
class RuleSpec:
    score: Callable[[np.ndarray, dict], np.ndarray]
    check: Callable[[dict], list[Problem]]
    best: Callable[[dict, np.ndarray], float]
    params: tuple[str, ...]


RULES: dict[str, RuleSpec] = {
    "yes_no": RuleSpec(_yes_no, _yes_no_check,
                       lambda p, x: 1.0 if _higher(p) else 0.0, ("direction",)),
    "goalposts": RuleSpec(_goalposts, _goalposts_check, _goalposts_best,
                          ("low", "high", "log", "direction")),
    "target": RuleSpec(_target, _target_check,
                       lambda p, x: float(p["target"]), ("target", "direction")),
    "bands": RuleSpec(_bands, _bands_check, _bands_best, ("bands", "direction")),
    "minmax": RuleSpec(_minmax, _minmax_check, _minmax_best, ("range", "direction")),
}


def score_rule(kind: str, params: dict, x: np.ndarray) -> np.ndarray:
    """Fraction of full points (0–1, NaN where ``x`` is NaN) for one leaf column."""
    return RULES[kind].score(np.asarray(x, dtype=float), params)
