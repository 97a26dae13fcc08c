"""One-page scorecards: what a province shows its leaders, one A4 page per unit.

A page has the unit's index, rank and pillar scores; a radar of its main indicators against the
national and regional means; its main indicators as bars (strongest and weakest marked); the five
sub-indicators where most points are still to gain, with the unit's value and the value that
earns full points; and the data problems found in its submission. A unit that was not scored
gets a page saying why, with its problems. A provisional unit (some inputs still have unresolved
errors) says so in an orange band under the header, and "not ranked" when strict ranking left
it out. ``write_scorecards`` writes one PDF per unit and one combined PDF, each atomically.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import dti_app
from dti_app.core.atomic import atomic_write_with
from dti_app.core.chart_style import EDITED_COLOUR, chart_context, nfc, wrap
from dti_app.core.charts import unit_radar
from dti_app.core.export_text import (
    criteria_text,
    edited_line,
    framework_line,
    label,
    shown_text,
    status_text,
)
from dti_app.core.gain import points_to_gain
from dti_app.core.issues import Issue, Severity
from dti_app.core.messages import render_issue, render_resolution
from dti_app.core.result_views import (
    best_and_worst_indicators,
    national_means,
    ranked_with,
    scored_indicators,
    unit_name,
    unit_region,
)
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["scorecard_figure", "write_scorecards", "scorecard_filename", "COMBINED_NAME"]

A4 = (8.27, 11.69)
COMBINED_NAME = "scorecards"
BAND = "#1F4E79"
PROVISIONAL = "#C55A11"
Progress = Callable[[int, int], None]


class _Stopped(Exception):
    """Raised inside the combined PDF writer to abandon it when the user cancels."""


def _y(fig: Figure, inch: float) -> float:
    """Figure fraction for a distance in inches from the top of the page."""
    return 1 - inch / fig.get_figheight()


def _fmt_value(value: float, leaf_unit: str, kind: str, lang: str) -> str:
    if pd.isna(value):
        return "—"
    if kind == "yes_no":
        return label("yes" if value >= 0.5 else "no", lang).capitalize()
    suffix = " %" if leaf_unit.strip() == "%" else ""
    return f"{value:,.15g}".replace(",", " ") + suffix     # as typed, not cut to 6 digits


def _pts(value: float) -> str:
    """Points with at most two decimals: 15, 13.38, 4.09."""
    if pd.isna(value):
        return "—"
    return shown_text(value, 2).rstrip("0").rstrip(".")


def _header(fig: Figure, result: ScoreResult, register: UnitRegister, code: str, lang: str,
            year: int | None) -> None:
    c = result.criteria
    provisional = result.status.get(code) == "provisional"
    fig.add_artist(Rectangle((0, _y(fig, 1.25)), 1, 1.25 / fig.get_figheight(),
                             transform=fig.transFigure,
                             color=PROVISIONAL if provisional else BAND))
    fig.text(0.05, _y(fig, 0.45), nfc(unit_name(register, code, lang)), fontsize=22,
             fontweight="bold", color="white", va="center")
    region = unit_region(register, code, lang)
    edited = edited_line(c, lang, limit=2)
    second = 0.8 if edited else 0.85        # the second line of the band
    fig.text(0.05, _y(fig, second), nfc(f"{label('code', lang)} {code} · {region}"),
             fontsize=10, color="white", va="center")
    fig.text(0.05, _y(fig, 0.99 if edited else 1.1),
             nfc(framework_line(c, register.code_set, len(register), lang, year)), fontsize=7,
             color="#dddddd", va="center")
    if edited:      # a red strip at the foot of the band: not the named criteria's weights
        fig.add_artist(Rectangle((0, _y(fig, 1.31)), 1, 0.25 / fig.get_figheight(),
                                 transform=fig.transFigure, color=EDITED_COLOUR))
        fig.text(0.05, _y(fig, 1.185), nfc(edited), fontsize=7, color="white",
                 fontweight="bold", va="center")
    status = str(result.status.get(code, "missing"))
    if code not in result.with_score:
        fig.text(0.95, _y(fig, 0.55), nfc(label("card_not_ranked", lang,
                                                status=status_text(status, lang))),
                 fontsize=14, color="white", ha="right", va="center", fontweight="bold")
        return
    ranked = code in result.scored
    star = "*" if status == "provisional" else ""
    fig.text(0.95, _y(fig, 0.42), shown_text(result.shown[code], c.decimals) + star, fontsize=26,
             color="white", ha="right", va="center", fontweight="bold")
    if ranked:
        rank = label("card_rank", lang, rank=int(result.rank[code]), n=len(result.scored))
        reg_rank = result.region_rank.get(code)
        if region and pd.notna(reg_rank):
            rank += " · " + label("card_region_rank", lang, rank=int(reg_rank))  # region: left
    else:
        rank, star = label("card_unranked_strict", lang), ""
    fig.text(0.95, _y(fig, second), nfc(rank + star), fontsize=9.5, color="white", ha="right",
             va="center")
    if provisional:
        fig.text(0.05, _y(fig, 0.14), nfc("* " + label("card_provisional_short", lang,
                                                      n=result.standing.of_unit(code).errors)),
                 fontsize=8, color="white", va="center", fontweight="bold")


def _pillars(fig: Figure, result: ScoreResult, code: str, lang: str) -> None:
    c = result.criteria
    if not c.pillars:
        return
    means = national_means(result)
    width = 0.9 / len(c.pillars)
    for i, p in enumerate(c.pillars):
        x = 0.05 + i * width
        fig.add_artist(Rectangle((x, _y(fig, 2.25)), width - 0.01, 0.9 / fig.get_figheight(),
                                 transform=fig.transFigure, facecolor="#EAF1F8",
                                 edgecolor="none"))
        fig.text(x + 0.01, _y(fig, 1.52), nfc(f"{p.name(lang)} ({p.code})"), fontsize=8.5,
                 fontweight="bold", va="center")
        score = result.pillar_shown.at[code, p.code]
        rank = result.pillar_rank.at[code, p.code]
        fig.text(x + 0.01, _y(fig, 1.8), f"{score:.{c.decimals}f}", fontsize=14,
                 fontweight="bold", color=BAND, va="center")
        shown_rank = "—" if pd.isna(rank) else int(rank)
        fig.text(x + 0.01, _y(fig, 2.08),
                 nfc(f"{label('rank', lang)} {shown_rank}/{len(result.scored)} · "
                     f"{label('card_national', lang)} "
                     f"{shown_text(means[p.code] * c.scale, c.decimals)}"),
                 fontsize=7.5, va="center", color="#333333")


def _indicator_bars(fig: Figure, result: ScoreResult, code: str, lang: str) -> None:
    c = result.criteria
    tops = scored_indicators(c)
    if not tops:
        return
    strongest, weakest = best_and_worst_indicators(result, code)
    strong, weak = {m for m, _ in strongest}, {m for m, _ in weakest}
    means = national_means(result)
    ax = fig.add_axes([0.62, _y(fig, 5.85), 0.33, 2.9 / fig.get_figheight()])
    values = [float(result.node_fraction.at[code, m]) * c.scale for m in tops]
    colours = ["#009E73" if m in strong else "#D55E00" if m in weak else "#7FA7CF"
               for m in tops]
    ax.barh(range(len(tops)), values, color=colours, height=0.65)
    ax.scatter([means[m] * c.scale for m in tops], range(len(tops)), marker="|", s=120,
               color="#222222", zorder=3, label=label("national_mean", lang))
    ax.set_yticks(range(len(tops)), [wrap(f"{m}: {c.by_code[m].name(lang)}", 24)
                                     for m in tops], fontsize=6.5)
    ax.invert_yaxis()
    ax.set_xlim(0, c.scale)
    ax.tick_params(axis="x", labelsize=6.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.07), fontsize=6.5, frameon=False,
              markerscale=0.5)
    lines = [f"▲ {label('card_strongest', lang)}: " + ", ".join(m for m, _ in strongest),
             f"▼ {label('card_weakest', lang)}: " + ", ".join(m for m, _ in weakest)]
    fig.text(0.5, _y(fig, 2.45), nfc(lines[0]), fontsize=7.5, color="#007A5A", va="top")
    fig.text(0.5, _y(fig, 2.65), nfc(lines[1]), fontsize=7.5, color="#B34700", va="top")


def _gains(fig: Figure, result: ScoreResult, code: str, gains: pd.DataFrame,
           lang: str) -> None:
    """``gains``: rows of ``gain.points_to_gain`` (leaf, achieved, max_points, available, ...)."""
    c = result.criteria
    top = 6.55
    fig.text(0.05, _y(fig, top), nfc(label("card_gain", lang)), fontsize=10.5,
             fontweight="bold", color=BAND, va="top")
    columns = label("card_gain_cols", lang).split("|")
    xs = [0.05, 0.13, 0.66, 0.75, 0.85, 0.95]
    aligns = ["left", "left", "right", "right", "right", "right"]
    for x, text, ha in zip(xs, columns, aligns):
        fig.text(x, _y(fig, top + 0.3), nfc(text), fontsize=7.5, fontweight="bold",
                 ha=ha, va="top", color="#333333")
    y = top + 0.52
    for row in gains.itertuples(index=False):
        node = c.by_code[row.leaf]
        kind = node.rule.kind
        best = _fmt_value(row.best_value, node.unit, kind, lang)
        if kind != "yes_no" and best != "—":
            higher = node.rule.params.get("direction", "higher") == "higher"
            best = ("≥ " if higher else "≤ ") + best
        points = (f"{_pts(row.achieved)} / {_pts(row.max_points)}"
                  if pd.notna(row.max_points) else "—")
        cells = [row.leaf, wrap(node.name(lang), 62), points, _pts(row.available),
                 _fmt_value(row.value, node.unit, kind, lang), best]
        for x, text, ha in zip(xs, cells, aligns):
            fig.text(x, _y(fig, y), nfc(text), fontsize=7.5, ha=ha, va="top",
                     linespacing=1.15)
        y += 0.2 + 0.14 * cells[1].count("\n")
    if gains.empty:
        fig.text(0.05, _y(fig, y), "—", fontsize=8)


def _problems(fig: Figure, issues: list[Issue], lang: str, top: float = 8.85,
              bottom: float = 11.1, provisional: int = 0) -> None:
    """The unit's issues, unresolved errors first; ``provisional``: its unresolved errors when
    the unit is provisional (said first, in the header's colour)."""
    fig.text(0.05, _y(fig, top), nfc(label("card_issues", lang, n=len(issues))),
             fontsize=10.5, fontweight="bold", color=BAND, va="top")
    y = top + 0.3
    if provisional:
        text = wrap("* " + label("card_provisional", lang, n=provisional), 110)
        fig.text(0.05, _y(fig, y), nfc(text), fontsize=8, fontweight="bold", va="top",
                 color=PROVISIONAL, linespacing=1.15)
        y += 0.18 * (text.count("\n") + 1) + 0.06
    if not issues:
        fig.text(0.05, _y(fig, y), nfc(label("card_no_issues", lang)), fontsize=8, va="top")
        return
    ordered = sorted(issues, key=lambda i: (i.resolved, i.severity is not Severity.ERROR))
    for n, issue in enumerate(ordered):
        mark = label("error" if issue.severity is Severity.ERROR else "warning", lang).upper()
        if issue.resolved:
            mark += f" ({label('resolved', lang)})"
        where = " › ".join(p for p in (issue.sheet, issue.cell) if p)
        resolution = f" — {render_resolution(issue, lang)}" if issue.resolved else ""
        text = wrap(f"{mark}{' [' + where + ']' if where else ''}: "
                    f"{render_issue(issue, lang)}{resolution}", 125)
        height = 0.16 * (text.count("\n") + 1) + 0.04
        if y + height > bottom and n < len(ordered):
            fig.text(0.05, _y(fig, y), nfc(label("card_more_issues", lang,
                                                 n=len(ordered) - n)),
                     fontsize=7.5, va="top", fontstyle="italic")
            return
        fig.text(0.05, _y(fig, y), nfc(text), fontsize=7.3, va="top", linespacing=1.15,
                 color="#1F4E79" if issue.resolved else
                 "#8B0000" if issue.severity is Severity.ERROR else "#5A4A00")
        y += height


def scorecard_figure(result: ScoreResult, register: UnitRegister, code: str,
                     issues: list[Issue] = (), values: pd.DataFrame | None = None,
                     lang: str = "vi", year: int | None = None) -> Figure:
    """The A4 scorecard of unit ``code`` as a Figure."""
    with chart_context():
        c = result.criteria
        fig = Figure(figsize=A4)
        _header(fig, result, register, code, lang, year)
        mine = [i for i in issues if i.unit == code]
        if code in result.with_score:
            _pillars(fig, result, code, lang)
            unit_radar(result, register, code, lang, year, fig=fig,
                       rect=[0.1, _y(fig, 5.8), 0.3, 2.5 / fig.get_figheight()],
                       compact=True)
            _indicator_bars(fig, result, code, lang)
            gains = points_to_gain(c, ranked_with(result, code), code, values, lang).head(5)
            _gains(fig, result, code, gains, lang)
            _problems(fig, mine, lang, provisional=result.standing.of_unit(code).errors
                      if result.status[code] == "provisional" else 0)
        else:
            _problems(fig, mine, lang, top=1.6)
        fig.text(0.5, 0.012, nfc(label("card_footer", lang, version=dti_app.__version__,
                                       criteria=criteria_text(c, lang), sha=c.sha256[:16])),
                 fontsize=6.5, color="#777777", ha="center")
        return fig


def scorecard_filename(register: UnitRegister, code: str) -> str:
    """'scorecard_01_ha-noi' (ASCII, safe on every file system)."""
    name = unicodedata.normalize("NFKD", unit_name(register, code, "vi").replace("Đ", "D")
                                 .replace("đ", "d"))
    slug = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode().lower()).strip("-")
    safe_code = re.sub(r"[^A-Za-z0-9_-]+", "_", code)
    return f"scorecard_{safe_code}_{slug}" if slug else f"scorecard_{safe_code}"


def write_scorecards(out_dir: str | Path, result: ScoreResult, register: UnitRegister,
                     issues: list[Issue], values: pd.DataFrame | None, *, combined: bool = True,
                     units: Iterable[str] | None = None, lang: str = "vi",
                     year: int | None = None, progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """Write one PDF per unit (all units of the register unless ``units`` is given) and,
    with ``combined``, ``scorecards.pdf`` holding every page; return the files written.

    When ``cancelled()`` turns True the loop stops: the per-unit files already written stay and
    the combined PDF is not written (any previous one is left as it was).
    """
    out = Path(out_dir)
    codes = list(units) if units is not None else list(register.codes)
    written: list[Path] = []

    def run(pdf: PdfPages | None) -> None:
        for done, code in enumerate(codes, start=1):
            if cancelled is not None and cancelled():
                raise _Stopped
            fig = scorecard_figure(result, register, code, issues, values, lang, year)
            target = out / f"{scorecard_filename(register, code)}.pdf"
            with chart_context():
                atomic_write_with(target, lambda tmp, f=fig: f.savefig(tmp, format="pdf"))
                if pdf is not None:
                    pdf.savefig(fig)
            written.append(target)
            if progress is not None:
                progress(done, len(codes))

    def combined_pdf(tmp: Path) -> None:
        with PdfPages(tmp, metadata={"Title": nfc(result.criteria.name(lang)),
                                     "Creator": f"DTI Scorer {dti_app.__version__}"}) as pdf:
            run(pdf)

    try:
        if combined:
            target = out / f"{COMBINED_NAME}.pdf"
            atomic_write_with(target, combined_pdf)
            written.append(target)
        else:
            run(None)
    except _Stopped:
        pass
    return written
