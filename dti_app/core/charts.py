"""Publication charts, each a function returning a matplotlib ``Figure`` (no pyplot).

- ``ranking_bars``: every scored unit's index, sorted, coloured by region, with the national mean;
- ``pillar_comparison``: every unit's pillar scores as dots (a line joins a unit's lowest and
  highest pillar), with the national mean of each pillar;
- ``unit_radar``: one unit's main indicators against the national and regional means;
- ``indicator_heatmap``: units × main indicators (fractions of full points);
- ``rank_change``: rank gained or lost against a previous year's ranking.

The map is in ``chart_map``; saving and writing every chart in ``chart_export``. Titles state
the framework, the year and the code set (``chart_style.titled``). A provisional unit (ranked
although some inputs still have unresolved errors) carries a "*" after its rank, its bar is
hatched, and the footnote says what the mark means; units left unranked by strict ranking are
named in the footnote.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from dti_app.core.chart_style import (
    SCORE_CMAP,
    chart_context,
    legend_below,
    margins,
    nfc,
    no_data_figure,
    region_colours,
    titled,
    wrap,
)
from dti_app.core.export_text import label, shown_text, status_text
from dti_app.core.result_views import (
    national_means,
    regional_means,
    scored_indicators,
    unit_name,
    unit_region,
)
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["ranking_bars", "pillar_comparison", "unit_radar", "indicator_heatmap",
           "rank_change", "PILLAR_COLOURS"]

PILLAR_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
PILLAR_MARKERS = ["o", "s", "D", "^", "v", "P"]


def _ranked(result: ScoreResult) -> list[str]:
    codes = list(result.status.index)
    pos = {c: i for i, c in enumerate(codes)}
    return sorted(result.scored, key=lambda c: (int(result.rank[c]), pos[c]))


def _star(result: ScoreResult, code: str) -> str:
    return "*" if result.status.get(code) == "provisional" else ""


def _rank_name(result: ScoreResult, register: UnitRegister, code: str, lang: str) -> str:
    """'4*. Cao Bằng': the rank, a '*' for a provisional unit, the name."""
    return nfc(f"{int(result.rank[code])}{_star(result, code)}. {unit_name(register, code, lang)}")


def _footnote(fig: Figure, result: ScoreResult, register: UnitRegister, lang: str) -> None:
    parts = []
    if any(_star(result, c) for c in result.scored):
        parts.append(label("provisional_legend", lang))
    unranked = [unit_name(register, c, lang) for c in result.unranked_provisional]
    if unranked:
        parts.append(f"{status_text('provisional', lang, ranked=False).capitalize()} "
                     f"({len(unranked)}): " + ", ".join(unranked))
    for status in ("missing", "invalid"):
        names = [unit_name(register, c, lang) for c in result.status.index
                 if result.status[c] == status]
        if names:
            parts.append(f"{status_text(status, lang).capitalize()} ({len(names)}): "
                         + ", ".join(names))
    if parts:
        fig.text(0.02, 0.008, wrap("; ".join(parts), 150), fontsize=7, color="#555555",
                 va="bottom")


def _tall(n: int, per_row: float, extra: float) -> float:
    return max(4.0, per_row * n + extra)


def ranking_bars(result: ScoreResult, register: UnitRegister, lang: str = "vi",
                 year: int | None = None) -> Figure:
    with chart_context():
        codes = _ranked(result)
        title = label("chart_ranking", lang)
        if not codes:
            return no_data_figure(title, lang)
        c = result.criteria
        fig = Figure(figsize=(8.3, _tall(len(codes), 0.19, 2.7)))
        margins(fig, left=2.3, right=0.3, top=1.0, bottom=1.6)
        ax = fig.add_subplot()
        colours = region_colours(register, lang)
        y = np.arange(len(codes))
        values = result.shown.loc[codes].to_numpy(dtype=float)
        bar_colours = [colours.get(unit_region(register, x, lang) or "—", "#888888")
                       for x in codes]
        bars = ax.barh(y, values, color=bar_colours, height=0.75)
        for bar, x in zip(bars, codes):
            if _star(result, x):
                bar.set_hatch("////")
                bar.set_edgecolor("white")
        ax.set_yticks(y, [_rank_name(result, register, x, lang) for x in codes], fontsize=7)
        ax.invert_yaxis()
        ax.set_ylim(len(codes) - 0.4, -0.6)
        ax.set_xlim(0, c.scale * 1.08)
        for yi, v in zip(y, values):
            ax.text(v + c.scale * 0.005, yi, f"{v:.{c.decimals}f}", va="center", fontsize=6,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4, "alpha": 0.8})
        mean = float(np.nanmean(values))
        ax.axvline(mean, color="#333333", linestyle="--", linewidth=1)
        ax.set_xlabel(nfc(label("index", lang)))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [Patch(color=col, label=nfc(region)) for region, col in colours.items()]
        handles.append(Line2D([], [], color="#333333", linestyle="--",
                              label=nfc(f"{label('national_mean', lang)}: "
                                        f"{shown_text(mean, c.decimals)}")))
        if any(_star(result, x) for x in codes):
            handles.append(Patch(facecolor="#999999", hatch="////", edgecolor="white",
                                 label=nfc("* " + status_text("provisional", lang))))
        legend_below(fig, handles)
        titled(fig, title, result, register, lang, year)
        _footnote(fig, result, register, lang)
        return fig


def pillar_comparison(result: ScoreResult, register: UnitRegister, lang: str = "vi",
                      year: int | None = None) -> Figure:
    with chart_context():
        c = result.criteria
        codes = _ranked(result)
        title = label("chart_pillars", lang)
        if not codes or not c.pillars:
            return no_data_figure(title, lang)
        fig = Figure(figsize=(8.3, _tall(len(codes), 0.19, 2.7)))
        margins(fig, left=2.3, right=0.3, top=1.0, bottom=1.6)
        ax = fig.add_subplot()
        frame = result.pillar_shown.loc[codes, [p.code for p in c.pillars]].astype(float)
        y = np.arange(len(codes))
        ax.hlines(y, frame.min(axis=1), frame.max(axis=1), color="#bbbbbb", linewidth=1.2)
        handles = []
        for i, p in enumerate(c.pillars):
            colour = PILLAR_COLOURS[i % len(PILLAR_COLOURS)]
            marker = PILLAR_MARKERS[i % len(PILLAR_MARKERS)]
            ax.scatter(frame[p.code], y, color=colour, marker=marker, s=18, zorder=3)
            mean = float(frame[p.code].mean())
            ax.axvline(mean, color=colour, linestyle=":", linewidth=1)
            handles.append(Line2D([], [], color=colour, marker=marker, linestyle=":",
                                  label=nfc(f"{p.name(lang)} ({p.code}); "
                                            f"{label('national_mean', lang).lower()} "
                                            f"{shown_text(mean, c.decimals)}")))
        ax.set_yticks(y, [_rank_name(result, register, x, lang) for x in codes], fontsize=7)
        ax.set_ylim(len(codes) - 0.4, -0.6)
        low = float(np.nanmin(frame.to_numpy()))
        ax.set_xlim(max(0.0, low - c.scale * 0.05), c.scale * 1.01)
        ax.grid(axis="both", color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel(nfc(label("index", lang)))
        legend_below(fig, handles, ncol=1)
        titled(fig, title, result, register, lang, year)
        _footnote(fig, result, register, lang)
        return fig


def unit_radar(result: ScoreResult, register: UnitRegister, code: str, lang: str = "vi",
               year: int | None = None, fig: Figure | None = None, rect=None,
               compact: bool = False) -> Figure:
    """Radar of unit ``code``; pass ``fig``/``rect`` to draw it into a part of another figure."""
    with chart_context():
        c = result.criteria
        tops = scored_indicators(c)
        name = unit_name(register, code, lang)
        title = label("chart_radar", lang, unit=name)
        if code not in result.with_score or len(tops) < 3:
            return fig if fig is not None else no_data_figure(title, lang)
        own = fig is None
        if own:
            fig = Figure(figsize=(7.5, 7.5))
        if rect is None:    # edited weights take two more lines of title
            rect = [0.17, 0.1, 0.66, 0.64] if c.edited else [0.14, 0.1, 0.72, 0.7]
        ax = fig.add_axes(rect, projection="polar")
        angles = np.linspace(0, 2 * np.pi, len(tops), endpoint=False)
        closed = np.append(angles, angles[0])
        region = unit_region(register, code, lang)
        own_label = name + (f"*: {status_text('provisional', lang, code in result.scored)}"
                            if _star(result, code) else "")
        series = [
            (own_label, result.node_fraction.loc[code, tops].astype(float).to_numpy(),
             "#0072B2", "-", 0.25),
            (label("national_mean", lang), np.array([national_means(result)[m] for m in tops]),
             "#444444", "--", 0.0),
        ]
        if region:
            reg = regional_means(result, register, region, lang)
            series.append((f"{label('regional_mean', lang)}: {region}",
                           np.array([reg[m] for m in tops]), "#D55E00", ":", 0.0))
        for text, values, colour, style, alpha in series:
            vals = np.append(values, values[0]) * c.scale
            ax.plot(closed, vals, color=colour, linestyle=style, linewidth=1.6,
                    label=nfc(text))
            if alpha:
                ax.fill(closed, vals, color=colour, alpha=alpha)
        width = 12 if compact else 16
        ax.set_xticks(angles, [wrap(f"{m}: {c.by_code[m].name(lang)}", width) for m in tops],
                      fontsize=6.5 if compact else 7.5)
        ax.set_ylim(0, c.scale)
        ticks = [c.scale * f for f in (0.25, 0.5, 0.75, 1.0)]
        ax.set_yticks(ticks, [f"{t:g}" for t in ticks], fontsize=6, color="#666666")
        ax.tick_params(axis="x", pad=8 if compact else 12)
        ax.set_rlabel_position(np.degrees(angles[1]) / 2)
        if compact:
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.2), fontsize=7, ncol=1,
                      frameon=False)
        else:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=7, ncol=3,
                      frameon=False)
        if own:
            titled(fig, title, result, register, lang, year)
        return fig


def indicator_heatmap(result: ScoreResult, register: UnitRegister, lang: str = "vi",
                      year: int | None = None) -> Figure:
    with chart_context():
        c = result.criteria
        codes, tops = _ranked(result), scored_indicators(c)
        title = label("chart_heatmap", lang)
        if not codes or not tops:
            return no_data_figure(title, lang)
        fig = Figure(figsize=(8.3, _tall(len(codes), 0.17, 3.0)))
        margins(fig, left=2.3, right=1.1, top=2.0, bottom=0.7)
        ax = fig.add_subplot()
        data = result.node_fraction.loc[codes, tops].astype(float).to_numpy()
        image = ax.imshow(data, cmap=SCORE_CMAP, vmin=0, vmax=1, aspect="auto")
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                v = data[i, j]
                if np.isfinite(v):
                    ax.text(j, i, shown_text(v, 2), ha="center", va="center", fontsize=5.5,
                            color="white" if v < 0.2 or v > 0.85 else "black")
        ax.set_yticks(range(len(codes)), [_rank_name(result, register, x, lang)
                                          for x in codes], fontsize=7)
        ax.set_xticks(range(len(tops)), [wrap(f"{m}: {c.by_code[m].name(lang)}", 10)
                                         for m in tops], fontsize=6.3)
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        cax = fig.add_axes([1 - 0.9 / fig.get_figwidth(), 0.7 / fig.get_figheight(),
                            0.15 / fig.get_figwidth(), 0.4])
        fig.colorbar(image, cax=cax)
        cax.tick_params(labelsize=7)
        titled(fig, title, result, register, lang, year)
        _footnote(fig, result, register, lang)
        return fig


def rank_change(result: ScoreResult, register: UnitRegister, previous: pd.DataFrame,
                lang: str = "vi", year: int | None = None) -> Figure:
    """Bars of (previous rank − rank): up is positive. ``previous``: index code, column rank."""
    with chart_context():
        title = label("chart_rank_change", lang)
        prev = pd.to_numeric(previous.get("rank", pd.Series(dtype=float)), errors="coerce")
        codes = [x for x in _ranked(result) if x in prev.index and pd.notna(prev.get(x))]
        if not codes:
            return no_data_figure(title, lang)
        change = pd.Series({x: float(prev[x]) - float(result.rank[x]) for x in codes})
        order = sorted(codes, key=lambda x: (-change[x], int(result.rank[x])))
        fig = Figure(figsize=(8.3, _tall(len(order), 0.19, 2.4)))
        margins(fig, left=2.9, right=0.4, top=1.0, bottom=1.3)
        ax = fig.add_subplot()
        y = np.arange(len(order))
        vals = change.loc[order].to_numpy()
        colours = np.where(vals > 0, "#009E73", np.where(vals < 0, "#D55E00", "#999999"))
        ax.barh(y, vals, color=colours, height=0.7)
        ax.set_yticks(y, [nfc(f"{unit_name(register, x, lang)} ({int(prev[x])} → "
                              f"{int(result.rank[x])}{_star(result, x)})") for x in order],
                      fontsize=7)
        ax.set_ylim(len(order) - 0.4, -0.6)
        ax.axvline(0, color="#333333", linewidth=0.8)
        span = max(1.0, float(np.abs(vals).max()))
        ax.set_xlim(-span * 1.15, span * 1.15)
        for yi, v in zip(y, vals):
            if v:
                ax.text(v + (0.02 * span if v > 0 else -0.02 * span), yi,
                        f"{v:+.0f}".replace("-", "\u2212"),
                        va="center", ha="left" if v > 0 else "right", fontsize=6)
        ax.set_xlabel(nfc(label("rank_change", lang)))
        ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
        legend_below(fig, [Patch(color="#009E73", label=label("moved_up", lang)),
                           Patch(color="#D55E00", label=label("moved_down", lang))],
                     ncol=2, top_inch=0.75)
        titled(fig, title, result, register, lang, year)
        missing = [unit_name(register, x, lang) for x in _ranked(result) if x not in codes]
        if missing:
            fig.text(0.02, 0.008, wrap(f"{label('no_previous', lang).capitalize()}: "
                                       + ", ".join(missing), 150), fontsize=7,
                     color="#555555", va="bottom")
        return fig
