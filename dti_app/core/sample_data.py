"""Synthetic, plausible raw values for any criteria and any list of units (seeded, vectorised).

Every unit gets a latent "maturity": a regional effect, a bonus for centrally-run cities and its
own noise. Each sub-indicator gets a difficulty and a slope; a unit's achievement on it is
``sigmoid(slope × maturity − difficulty + noise)``, turned into a raw value the leaf's rule can
score: yes/no drawn with that probability, percentages and counts as a share of (or beyond) the
value that earns full points, "lower is better" values above it, relative (min–max) values on a
plausible scale. Values respect each leaf's valid range; counts are whole numbers.

The same seed, criteria and units always give the same values. Everything is computed column by
column over all units at once, so 10,000 units take well under a second. ``synthetic_register``
makes a register of any size for benchmarks. The data are synthetic: they describe no real unit.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from dti_app.core.criteria import Criteria, Node
from dti_app.core.names import loose_key
from dti_app.core.units import Unit, UnitRegister

__all__ = ["unit_maturity", "generate_values", "synthetic_register", "SAMPLE_SEED"]

SAMPLE_SEED = 2022
# Plausible regional differences (the two economic poles ahead, mountain regions behind).
REGION_EFFECT = {
    loose_key("Đồng bằng sông Hồng"): 0.35,
    loose_key("Đông Nam Bộ"): 0.35,
    loose_key("Bắc Trung Bộ và Duyên hải miền Trung"): 0.05,
    loose_key("Đồng bằng sông Cửu Long"): -0.10,
    loose_key("Tây Nguyên"): -0.30,
    loose_key("Trung du và miền núi phía Bắc"): -0.40,
}
CITY_BONUS = 0.8
COUNT_UNITS = ("số", "sự cố", "người", "dn/")


def _rng(seed: int, *labels: str) -> np.random.Generator:
    """A generator for one purpose: the same (seed, labels) always draws the same numbers."""
    salt = zlib.crc32("|".join(labels).encode("utf-8"))
    return np.random.default_rng([seed, salt])


def unit_maturity(register: UnitRegister, seed: int = SAMPLE_SEED) -> pd.Series:
    """Latent maturity per unit (mean about 0, spread about 1), indexed by unit code."""
    units = register.units
    regions = sorted({u.region_vi for u in units})
    other = _rng(seed, "regions").normal(0.0, 0.3, size=len(regions))
    effect = {r: REGION_EFFECT.get(loose_key(r), other[i]) for i, r in enumerate(regions)}
    region = np.array([effect[u.region_vi] for u in units], dtype=float)
    city = np.array([u.is_city for u in units], dtype=float) * CITY_BONUS
    own = _rng(seed, "units", register.code_set).normal(0.0, 0.45, size=len(units))
    return pd.Series(region + city + own, index=pd.Index([u.code for u in units], name="code"))


def _is_count(node: Node) -> bool:
    unit = node.unit.strip().lower()
    return any(unit.startswith(prefix) for prefix in COUNT_UNITS)


def _best(node: Node) -> tuple[float, bool]:
    """The raw value that earns full points, and whether higher is better."""
    params = node.rule.params if node.rule is not None else {}
    higher = params.get("direction", "higher") == "higher"
    kind = node.rule.kind if node.rule is not None else ""
    if kind == "target":
        return float(params["target"]), higher
    if kind == "goalposts":
        return float(params["high"] if higher else params["low"]), higher
    if kind == "bands":
        best = max(float(b[1]) for b in params["bands"])
        hits = [float(b[0]) for b in params["bands"] if float(b[1]) == best]
        return (min(hits) if higher else max(hits)), higher
    high = node.valid_range[1] if node.valid_range else 100.0
    return min(high, 20.0), higher


def _raw(node: Node, q: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Achievement q (0–1) per unit -> raw values for one leaf."""
    kind = node.rule.kind if node.rule is not None else ""
    if kind == "yes_no":
        higher = (node.rule.params.get("direction", "higher") == "higher")
        yes = rng.random(q.shape) < np.clip(q + 0.25, 0.0, 0.98)
        return np.where(yes == higher, 1.0, 0.0)
    best, higher = _best(node)
    if kind == "minmax":
        value = best * (0.2 + 1.6 * q)
    elif higher:
        value = best * 1.25 * q
    else:
        floor = node.valid_range[0] if node.valid_range else 0.0
        value = floor + (best - floor) / np.clip(1.25 * q, 0.05, None)
    if node.unit.strip() == "%":
        value = np.round(value, 1)
    elif _is_count(node):
        value = np.round(value)
    else:
        value = np.round(value, 1)
    if node.valid_range is not None:
        value = np.clip(value, *node.valid_range)
    return value


def generate_values(criteria: Criteria, register: UnitRegister, seed: int = SAMPLE_SEED,
                    ) -> pd.DataFrame:
    """Raw values: units × leaves (yes = 1, percentages 0–100, NaN = not reported).

    Required leaves always have a value; optional ones (collected, not scored) are left empty
    more often by weaker units.
    """
    maturity = unit_maturity(register, seed).to_numpy()
    columns = {}
    for code in criteria.leaves:
        node = criteria.by_code[code]
        rng = _rng(seed, criteria.id, code)
        difficulty = rng.normal(0.35, 0.6)
        slope = rng.uniform(0.7, 1.5)
        noise = rng.normal(0.0, 0.6, size=maturity.shape)
        q = 1.0 / (1.0 + np.exp(-(slope * maturity - difficulty + noise)))
        values = _raw(node, q, rng)
        if not node.required:
            values = np.where(rng.random(q.shape) < q, values, np.nan)
        columns[code] = values
    index = pd.Index([u.code for u in register.units], name="code")
    return pd.DataFrame(columns, index=index, columns=list(criteria.leaves))


def synthetic_register(n: int, seed: int = SAMPLE_SEED, regions: int = 6,
                       code_set: str = "synthetic") -> UnitRegister:
    """``n`` made-up units (e.g. communes for a benchmark): codes 'X00001'…, regions 'Vùng 1'…"""
    rng = _rng(seed, "register", str(n))
    region = rng.integers(0, regions, size=n)
    city = rng.random(n) < 0.05
    width = max(5, len(str(n)))
    units = tuple(
        Unit(code=f"X{i + 1:0{width}d}", name_vi=f"Đơn vị {i + 1}", name_en=f"Unit {i + 1}",
             region_vi=f"Vùng {region[i] + 1}", region_en=f"Region {region[i] + 1}",
             is_city=bool(city[i]), code_set=code_set)
        for i in range(n)
    )
    return UnitRegister(code_set, units)
