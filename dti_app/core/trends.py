"""Trends across years: per-unit trajectories of the index, pillars and main indicators.

Each year's result is a ``ScoreResult`` with its ``UnitRegister`` (a bare ``ScoreResult`` is
accepted when its units are exactly the built-in 63 or 34), or the JSON document written by
``dti-scorer score --json`` (``report.result_document``). ``build_trends`` turns them into one tidy
table, one row per year × unit × measure, with the change from the unit's previous year.

A code means something only within its code set: code 15 was Yên Bái among the 63 and is Lào Cai
among the 34. Units are therefore matched across years by (code set, code), never by code alone;
when the code set changes between years the trajectories break there and a
``TREND_CODE_SET_CHANGED`` warning says so. With ``project_to_34`` a 63-unit ``ScoreResult`` is
projected onto the 34 merged units by the published rule (``merge34``) and marked ``projected``,
so the years can be followed on one code set.

Each unit carries one name across the years of its code set, whatever each year's file gave
(a JSON result names its units, a ranking workbook too; where a file gives only the code the
name comes from another year or, for the built-in 63 and 34, from the register), so that a
unit is one row of ``wide`` whatever mix of files the years came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dti_app.core.analysis_text import text
from dti_app.core.chart_style import chart_context, nfc
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.merge34 import merge_to_34
from dti_app.core.ranking import competition_rank
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister, builtin_register

__all__ = ["Trends", "build_trends", "trend_figure", "bump_figure", "TREND_COLUMNS"]

TREND_COLUMNS = ["year", "code_set", "code", "name", "level", "measure", "score", "rank",
                 "projected", "score_change", "rank_change"]
YearResult = ScoreResult | tuple[ScoreResult, UnitRegister] | Mapping[str, Any]


@dataclass
class Trends:
    """``frame``: the tidy table (``TREND_COLUMNS``); level is index | pillar | indicator;
    rank_change > 0 means the unit moved up since its previous year in the same code set."""

    frame: pd.DataFrame
    code_sets: dict[int, str]
    criteria: dict[int, str]
    issues: list[Issue] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted(self.code_sets)

    def trajectory(self, code: str, code_set: str | None = None) -> pd.DataFrame:
        """One unit's rows, years in order (``code_set``: the last year's when not given)."""
        if code_set is None and self.years:
            code_set = self.code_sets[self.years[-1]]
        rows = self.frame[(self.frame["code"] == code) & (self.frame["code_set"] == code_set)]
        return rows.sort_values(["level", "measure", "year"], kind="stable")

    def wide(self, measure: str = "index", value: str = "score") -> pd.DataFrame:
        """Units × years of one measure's ``value`` (score or rank), rows keyed by code set and
        code."""
        rows = self.frame[self.frame["measure"] == measure]
        return rows.pivot_table(index=["code_set", "code", "name"], columns="year",
                                values=value, aggfunc="first")


def _from_result(result: ScoreResult, register: UnitRegister | None) -> tuple[str, pd.DataFrame]:
    if register is None:
        codes = set(result.status.index)
        for code_set in ("63", "34"):
            if codes == set(builtin_register(code_set).codes):
                register = builtin_register(code_set)
        if register is None:
            raise ValueError("a ScoreResult whose units are not exactly the built-in 63 or 34 "
                             "needs its UnitRegister")
    scored = result.scored
    names = {u.code: u.name_vi for u in register.units}
    parts = [_rows(scored, names, "index", "index", result.shown, result.rank)]
    for p in result.criteria.pillars:
        parts.append(_rows(scored, names, "pillar", p.code, result.pillar_shown[p.code],
                           result.pillar_rank[p.code]))
    for m in result.criteria.main_indicators:
        parts.append(_rows(scored, names, "indicator", m, result.indicator_shown[m],
                           result.indicator_rank[m]))
    return register.code_set, pd.concat(parts, ignore_index=True)


def _rows(codes: pd.Index, names: dict[str, str], level: str, measure: str,
          score: pd.Series, rank: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"code": list(codes), "name": [names.get(c, c) for c in codes],
                         "level": level, "measure": measure,
                         "score": score.reindex(codes).to_numpy(dtype=float),
                         "rank": rank.reindex(codes).astype("Int64").to_numpy()})


def _from_document(doc: Mapping[str, Any]) -> tuple[str, pd.DataFrame]:
    units = [u for u in doc.get("units", []) if u.get("status") in ("scored", "provisional")]
    codes = pd.Index([str(u["code"]) for u in units])
    names = {str(u["code"]): str(u.get("name", u["code"])) for u in units}

    def series(get) -> pd.Series:
        return pd.Series([get(u) for u in units], index=codes, dtype=float)

    parts = [_rows(codes, names, "index", "index", series(lambda u: u.get("score")),
                   series(lambda u: u.get("rank")))]
    pillars = list(units[0].get("pillars", {})) if units else []
    for p in pillars:
        parts.append(_rows(codes, names, "pillar", p,
                           series(lambda u, p=p: u["pillars"][p].get("score")),
                           series(lambda u, p=p: u["pillars"][p].get("rank"))))
    indicators = list(units[0].get("indicators", {})) if units else []
    for m in indicators:
        score = series(lambda u, m=m: u["indicators"].get(m))
        parts.append(_rows(codes, names, "indicator", m, score, competition_rank(score)))
    return str(doc.get("code_set", "")), pd.concat(parts, ignore_index=True)


def _criteria_label(item: YearResult) -> str:
    if isinstance(item, Mapping):
        c = item.get("criteria", {})
        return f"{c.get('id', '?')} v{c.get('version', '?')}"
    result = item[0] if isinstance(item, tuple) else item
    return result.criteria.label


def build_trends(results: Mapping[int, YearResult], *, project_to_34: bool = False) -> Trends:
    """One tidy table from several years' results (see the module docstring)."""
    parts, code_sets, labels, issues = [], {}, {}, []
    for year in sorted(results):
        item = results[year]
        labels[year] = _criteria_label(item)
        if isinstance(item, Mapping):
            code_set, frame = _from_document(item)
            projected = False
            if project_to_34 and code_set == "63":
                issues.append(Issue.warning(IssueCode.TREND_NOT_PROJECTED, params={"year": year}))
        else:
            result, register = item if isinstance(item, tuple) else (item, None)
            code_set, frame = _from_result(result, register)
            projected = project_to_34 and code_set == "63"
            if projected:
                code_set, frame = "34", _from_merged(result, register)
        frame.insert(0, "year", int(year))
        frame.insert(1, "code_set", code_set)
        frame["projected"] = projected
        parts.append(frame)
        code_sets[int(year)] = code_set
    frame = (pd.concat(parts, ignore_index=True) if parts
             else pd.DataFrame(columns=TREND_COLUMNS[:-2]))
    frame["rank"] = frame["rank"].astype("Int64")
    frame["name"] = _one_name(frame)
    frame = _with_changes(frame)
    issues += _year_warnings(code_sets, labels, frame)
    return Trends(frame=frame[TREND_COLUMNS], code_sets=code_sets, criteria=labels,
                  issues=issues)


def _one_name(frame: pd.DataFrame) -> pd.Series:
    """Per row, its unit's name: the latest year's real name (not just the code) within the
    code set, else the built-in register's, else the code."""
    if frame.empty:
        return frame["name"]
    named = frame[frame["name"].astype(str).str.strip().ne("")
                  & (frame["name"].astype(str) != frame["code"].astype(str))]
    latest = named.sort_values("year").groupby(["code_set", "code"])["name"].last().to_dict()
    registers = {s: {u.code: u.name_vi for u in builtin_register(s).units}
                 for s in ("63", "34") if s in set(frame["code_set"])}
    return pd.Series([latest.get((s, c)) or registers.get(s, {}).get(c) or c
                      for s, c in zip(frame["code_set"], frame["code"])], index=frame.index,
                     dtype=object)


def _from_merged(result: ScoreResult, register: UnitRegister | None) -> pd.DataFrame:
    merged = merge_to_34(result, register)
    t = merged.table
    codes = t.index[t["rank"].notna()]
    names = t["name"].to_dict()
    parts = [_rows(codes, names, "index", "index", t["index"], t["rank"])]
    for p in result.criteria.pillars:
        parts.append(_rows(codes, names, "pillar", p.code, t[p.code], t[f"{p.code}_rank"]))
    for m in result.criteria.main_indicators:
        parts.append(_rows(codes, names, "indicator", m, t[m], competition_rank(t[m][codes])))
    return pd.concat(parts, ignore_index=True)


def _with_changes(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values(["code_set", "code", "level", "measure", "year"], kind="stable")
    keys = [frame["code_set"], frame["code"], frame["level"], frame["measure"]]
    frame["score_change"] = frame["score"] - frame.groupby(keys)["score"].shift(1)
    previous = frame.groupby(keys)["rank"].shift(1)
    frame["rank_change"] = (previous - frame["rank"]).astype("Int64")
    return frame.sort_values(["year", "level", "measure", "rank", "code"],
                             kind="stable").reset_index(drop=True)


def _year_warnings(code_sets: dict[int, str], labels: dict[int, str],
                   frame: pd.DataFrame) -> list[Issue]:
    issues, years = [], sorted(code_sets)
    for before, after in zip(years, years[1:]):
        if code_sets[before] != code_sets[after]:
            issues.append(Issue.warning(IssueCode.TREND_CODE_SET_CHANGED, params={
                "before": before, "after": after, "set_before": code_sets[before],
                "set_after": code_sets[after],
                "changed": _changed_codes(frame, before, after)}))
        if labels[before] != labels[after]:
            issues.append(Issue.warning(IssueCode.TREND_CRITERIA_CHANGED, params={
                "before": before, "after": after, "criteria_before": labels[before],
                "criteria_after": labels[after]}))
    return issues


def _changed_codes(frame: pd.DataFrame, before: int, after: int, limit: int = 4) -> str:
    """'15: Yên Bái → Lào Cai; …' for codes present in both years under different names."""
    names = frame[frame["level"] == "index"].set_index(["year", "code"])["name"]
    a, b = names.get(before, pd.Series(dtype=object)), names.get(after, pd.Series(dtype=object))
    common = [c for c in a.index if c in b.index and a[c] != b[c]]
    listed = [f"{c}: {a[c]} → {b[c]}" for c in sorted(common)[:limit]]
    return "; ".join(listed) + (" …" if len(common) > limit else "") if listed else "—"


def _lines(trends: Trends, measure: str, codes: list[str] | None, code_set: str | None,
           lang: str):
    rows = trends.frame[trends.frame["measure"] == measure]
    if codes is not None:
        rows = rows[rows["code"].isin(codes)]
    if code_set is not None:
        rows = rows[rows["code_set"] == code_set]
    several_sets = rows["code_set"].nunique() > 1
    for (unit_set, _code), group in rows.groupby(["code_set", "code"], sort=False):
        group = group.sort_values("year")
        label = nfc(group["name"].iloc[-1])
        if several_sets:
            label += f" ({text('code_set_label', lang, code_set=unit_set)})"
        yield label, group


def trend_figure(trends: Trends, codes: list[str], measure: str = "index",
                 lang: str = "vi", code_set: str | None = None) -> Figure:
    """The score of ``measure`` over the years, one line per selected unit and code set (a
    code in two code sets is two units, labelled with their set); ``code_set`` keeps one set.
    Projected years are drawn with hollow markers."""
    with chart_context():
        return _trend_figure(trends, codes, measure, lang, code_set)


def _trend_figure(trends: Trends, codes: list[str], measure: str, lang: str,
                  code_set: str | None) -> Figure:
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    for label, group in _lines(trends, measure, codes, code_set, lang):
        line, = ax.plot(group["year"], group["score"], "-", linewidth=1.6, label=label)
        solid = ~group["projected"].to_numpy(dtype=bool)
        ax.plot(group["year"][solid], group["score"][solid], "o", color=line.get_color())
        ax.plot(group["year"][~solid], group["score"][~solid], "o", markerfacecolor="white",
                color=line.get_color())
    title = text("trend_title", lang) if measure == "index" else f"{measure}"
    if trends.frame["projected"].any():
        title += " " + text("projected_note", lang)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(text("year_axis", lang))
    ax.set_ylabel(text("index_axis", lang))
    ax.set_xticks(trends.years)
    ax.grid(alpha=0.3)
    if ax.lines:
        ax.legend(fontsize=7, frameon=False, loc="best")
    return fig


def bump_figure(trends: Trends, codes: list[str] | None = None, measure: str = "index",
                lang: str = "vi", top: int = 10, code_set: str | None = None) -> Figure:
    """Ranks over the years (1 at the top), each line labelled at its last year. Without
    ``codes``: the ``top`` units of the last year, in that year's code set."""
    with chart_context():
        return _bump_figure(trends, codes, measure, lang, top, code_set)


def _bump_figure(trends: Trends, codes: list[str] | None, measure: str, lang: str, top: int,
                 code_set: str | None) -> Figure:
    if codes is None and trends.years:
        code_set = code_set or trends.code_sets[trends.years[-1]]
        last = trends.frame[(trends.frame["year"] == trends.years[-1])
                            & (trends.frame["measure"] == measure)]
        codes = last.sort_values("rank")["code"].head(top).tolist()
    fig = Figure(figsize=(7.5, 4.8), layout="constrained")
    ax = fig.add_subplot()
    worst = 1
    for label, group in _lines(trends, measure, codes, code_set, lang):
        ranks = group["rank"].astype(float)
        line, = ax.plot(group["year"], ranks, "-o", linewidth=2.0, markersize=5)
        ax.annotate(label, (group["year"].iloc[-1], ranks.iloc[-1]), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=7,
                    color=line.get_color())
        worst = max(worst, int(np.nanmax(ranks)) if len(ranks) else 1)
    ax.set_ylim(worst + 0.5, 0.5)
    ax.set_title(text("bump_title", lang), fontsize=10)
    ax.set_xlabel(text("year_axis", lang))
    ax.set_ylabel(text("rank_axis", lang))
    ax.set_xticks(trends.years)
    if trends.years:
        ax.set_xlim(trends.years[0] - 0.3, trends.years[-1] + 0.9)
    ax.grid(alpha=0.3)
    return fig
