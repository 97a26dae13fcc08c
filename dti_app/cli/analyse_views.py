"""The tables ``dti-scorer analyse`` prints, one function per subcommand."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dti_app.cli.analyse_output import number, print_table, say
from dti_app.cli.common import out
from dti_app.cli.text import language
from dti_app.core.analysis_text import text
from dti_app.core.gain import TargetPlan
from dti_app.core.merge34 import MergedResult
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister, builtin_register

if TYPE_CHECKING:  # these modules bring matplotlib: loaded only by the commands that chart
    from dti_app.core.sensitivity import StabilityResult
    from dti_app.core.trends import Trends

__all__ = ["show_stability", "show_gain", "show_merge", "show_strengths", "show_trends"]

PAIRS_SHOWN = 25


def _name(register: UnitRegister, code: str) -> str:
    unit = register.by_code.get(code)
    return unit.name(language()) if unit is not None else code


def show_stability(result: StabilityResult, register: UnitRegister, top: int | None) -> None:
    agg = say("stability_agg", n=result.geometric_runs) if result.vary_aggregation else ""
    out(say("stability", runs=result.runs, spread=result.spread, seed=result.seed, agg=agg,
            units=len(result.table), seconds=result.seconds))
    t = result.table.reset_index()
    t["name"] = [_name(register, c) for c in t["code"]]
    t["interval"] = [f"{a}–{b}" for a, b in zip(t["rank_p05"], t["rank_p95"])]
    t["share"] = [f"{v:.0%}" for v in t["share_nominal"]]
    if top:
        t = t.head(top)
    heading = "Khoảng 5–95 %" if language() != "en" else "5–95 % interval"
    print_table(t, [("nominal_rank", 0), ("code", None), ("name", None), ("nominal_index", 4),
                    ("median_rank", 1), ("interval", None), ("share", None),
                    ("n_overlapping", 0)],
                headings={"interval": heading,
                          "share": "Giữ hạng" if language() != "en" else "At rank"})
    pairs = result.overlapping_pairs()
    out()
    out(say("pairs", n=len(pairs)))
    for _, row in pairs.head(PAIRS_SHOWN).iterrows():
        out(say("pair", a=_name(register, row["unit_a"]), ra=row["rank_a"], ia=row["interval_a"],
                b=_name(register, row["unit_b"]), rb=row["rank_b"], ib=row["interval_b"]))
    if len(pairs) > PAIRS_SHOWN:
        out(say("more", n=len(pairs) - PAIRS_SHOWN))


def _unit_line(result: ScoreResult, register: UnitRegister, code: str) -> None:
    decimals = result.criteria.decimals
    out(say("unit_line", name=_name(register, code), code=code,
            index=number(result.shown[code], decimals),
            rank="—" if pd.isna(result.rank[code]) else int(result.rank[code]),
            total=len(result.scored)))


def _value_text(row: pd.Series, column: str, criteria) -> str:
    value = row[column]
    if pd.isna(value):
        return "—"
    if criteria.by_code[row["leaf"]].rule.kind == "yes_no":
        return say("yes") if value >= 0.5 else say("no")
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def show_gain(result: ScoreResult, register: UnitRegister, code: str, table: pd.DataFrame,
              plan: TargetPlan | None, top: int) -> None:
    criteria = result.criteria
    decimals = criteria.decimals
    _unit_line(result, register, code)
    if table.empty:
        out(say("gain_none"))
    else:
        out(say("gain_total", points=number(table["available"].sum(), 2), n=len(table)))
        out(say("gain_head"))
        shown = table.head(top).copy()
        shown["value"] = [_value_text(r, "value", criteria) for _, r in shown.iterrows()]
        shown["best_value"] = [_value_text(r, "best_value", criteria) for _, r in
                               shown.iterrows()]
        print_table(shown, [("leaf", None), ("leaf_name", None), ("max_points", 0),
                            ("available", 2), ("value", None), ("best_value", None),
                            ("index_gain", decimals), ("new_rank", 0)])
        if len(table) > top:
            out(say("more", n=len(table) - top))
    if plan is None:
        return
    out()
    if not len(plan.steps) and plan.reached:
        out(say("target_done", rank=plan.start_rank, target=plan.target_rank))
        return
    key = "target_plan" if plan.reached else "target_unreachable"
    out(say(key, target=plan.target_rank, n=len(plan.steps),
            index=number(plan.final_index, decimals), rank=plan.final_rank))
    print_table(plan.steps, [("step", 0), ("leaf", None), ("leaf_name", None),
                             ("index_gain", decimals), ("new_index", decimals),
                             ("new_rank", 0)])


def show_merge(merged: MergedResult) -> None:
    decimals = merged.criteria.decimals
    lang = language()
    out(say("merge_head"))
    t = merged.table.reset_index()
    formers = merged.composition.groupby("new_code", sort=False)
    listed = {}
    for new_code, rows in formers:
        listed[new_code] = ", ".join(
            f"{r.former_name} {number(r.former_index, decimals)}"
            + (f" (#{int(r.former_rank)})" if not pd.isna(r.former_rank) else "")
            for r in rows.itertuples())
    t["formers"] = t["code"].map(listed)
    t["status_text"] = [text(s, lang) for s in t["status"]]
    t = t.sort_values(["rank", "code"], na_position="last", kind="stable")
    print_table(t, [("rank", 0), ("code", None), ("name", None), ("index", decimals),
                    ("status_text", None), ("formers", None)],
                headings={"formers": say("merge_formers"),
                          "status_text": "Trạng thái" if lang != "en" else "Status"},
                width=120)
    counts = merged.table["status"].value_counts()
    out(say("merge_counts_ranked" if merged.rank_partial else "merge_counts",
            scored=int(counts.get("scored", 0)),
            partial=int(counts.get("partial", 0)), missing=int(counts.get("missing", 0))))


def show_strengths(result: ScoreResult, register: UnitRegister, code: str, table: pd.DataFrame,
                   threshold: float, top: int) -> None:
    from dti_app.core.strengths import strongest_weakest

    _unit_line(result, register, code)
    unit = register.by_code.get(code)
    region = unit.region(language()) if unit is not None else ""
    same = [c for c in result.scored if register.by_code.get(c) is not None
            and register.by_code[c].region_vi == (unit.region_vi if unit else "")]
    out(say("strength_head", n=len(result.scored), region=region or "—", m=len(same)))
    mains = table[table["level"] == "main"].copy()
    mains["verdict"] = [say(f"verdict_{v}") if v else "" for v in mains["verdict"]]
    en = language() == "en"
    headings = {"value": "Points" if en else "Điểm đạt",
                "z_nation": "z (nation)" if en else "z (cả nước)",
                "z_region": "z (region)" if en else "z (vùng)"}
    print_table(mains, [("node", None), ("node_name", None), ("value", 1), ("max_points", 0),
                        ("nation_mean", 1), ("z_nation", 2), ("region_mean", 1),
                        ("z_region", 2), ("verdict", None)], headings, width=28)
    strong, weak = strongest_weakest(table, code, top, level="leaf")
    for key, rows in (("strong_leaves", strong), ("weak_leaves", weak)):
        out()
        out(say(key, z=f"{threshold:g}"))
        if rows.empty:
            out(say("none"))
            continue
        print_table(rows, [("node", None), ("node_name", None), ("value", 2),
                           ("max_points", 0), ("nation_mean", 2), ("z_nation", 2),
                           ("region_mean", 2), ("z_region", 2)], headings)


def show_trends(trends: Trends, units: list[str] | None) -> list[str] | None:
    """Print the index over the years; return the codes asked for (None: a unit not found)."""
    frame = trends.frame[trends.frame["level"] == "index"]
    codes: list[str] = []
    for text_ in units or []:
        if text_ in set(frame["code"]):
            codes.append(text_)
            continue
        last_set = trends.code_sets[trends.years[-1]] if trends.years else ""
        if last_set in ("63", "34"):
            found = builtin_register(last_set).resolve(text_)
            if found.unit is not None:
                codes.append(found.unit.code)
                continue
        import sys

        sys.stderr.write(say("unit_unknown", unit=text_, reason="—") + "\n")
        return None
    if codes:
        frame = frame[frame["code"].isin(codes)]
    out(say("trends_head"))
    cells = frame.assign(cell=[f"{number(s)} ({'—' if pd.isna(r) else int(r)})"
                               for s, r in zip(frame["score"], frame["rank"])])
    wide = cells.pivot_table(index=["code_set", "code", "name"], columns="year",
                             values="cell", aggfunc="first").reset_index()
    last = trends.years[-1] if trends.years else None
    if last in wide.columns:
        order = frame[frame["year"] == last].set_index(["code_set", "code"])["rank"]
        wide["_rank"] = [order.get((s, c), pd.NA) for s, c in zip(wide["code_set"], wide["code"])]
        wide = wide.sort_values(["_rank", "code_set", "code"], na_position="last")
    years = [y for y in trends.years if y in wide.columns]
    wide.columns = [str(c) for c in wide.columns]
    print_table(wide, [("code_set", None), ("code", None), ("name", None)]
                + [(str(y), None) for y in years])
    return codes
