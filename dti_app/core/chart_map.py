"""The tile-grid map of Vietnam: one equal square per unit, coloured by its index.

Small provinces get the same space as large ones, and no boundary data are needed. The Hoàng Sa
and Trường Sa archipelagos are drawn as labelled tiles in the East Sea ("Biển Đông") in the
colour of the unit they belong to (Đà Nẵng, Khánh Hòa). Units that were not scored are grey and
hatched. Positions come from ``tilegrid``; a custom unit register has no map.
"""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from dti_app.core.chart_style import chart_context, nfc, no_data_figure, titled
from dti_app.core.export_text import label, shown_text, status_text
from dti_app.core.scoring import ScoreResult
from dti_app.core.tilegrid import TileGrid, grid_for, tile_label
from dti_app.core.units import UnitRegister

__all__ = ["tile_map", "MAP_CMAP"]

MAP_CMAP = "YlGnBu"
TILE = 0.92          # side of a tile, in grid units (the rest is the gap)
MISSING_COLOUR = "#d9d9d9"


def _norm(values: np.ndarray, scale: float) -> Normalize:
    finite = values[np.isfinite(values)]
    if not len(finite):
        return Normalize(0, scale)
    low, high = float(finite.min()), float(finite.max())
    if high - low < scale * 0.02:
        low, high = max(0.0, low - scale * 0.01), min(scale, high + scale * 0.01)
    return Normalize(low, high)


def _text_colour(colour) -> str:
    r, g, b, _ = to_rgba(colour)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.5 else "#111111"


def _archipelago(ax, xy: tuple[float, float], colour, text: str) -> None:
    x, y = xy
    ax.add_patch(Rectangle((x - TILE / 2, y - TILE / 2), TILE, TILE, facecolor=colour,
                           edgecolor="#1F4E79", linewidth=1.0, linestyle="--", hatch="..."))
    rng = np.random.default_rng(7)        # a fixed scatter of islets inside the tile
    ax.scatter(x + rng.uniform(-0.3, 0.3, 9), y + rng.uniform(-0.3, 0.3, 9), s=5,
               color=_text_colour(colour), zorder=3)
    ax.text(x, y + TILE / 2 + 0.12, nfc(text.replace(" (", "\n(").replace("Quần đảo ",
                                                                             "Quần đảo\n")),
            ha="center", va="top", fontsize=7.5, fontstyle="italic", color="#1F4E79",
            linespacing=1.1)


STATUS_LOOK = {"missing": (MISSING_COLOUR, "////"), "invalid": ("#f4c7c3", "xxxx"),
               "unranked": ("#fde0c2", "...")}
PROVISIONAL_EDGE = "#C55A11"


TILE_DECIMALS = 4       # a tile has room for 4 decimals


def _tile_value(result: ScoreResult, code: str, shown: float) -> str:
    """The shown value; with more decimals than a tile holds, the unrounded index rounded
    once to 4 (rounding the shown value again could differ from it)."""
    decimals = result.criteria.decimals
    if decimals <= TILE_DECIMALS:
        return shown_text(shown, decimals)
    return shown_text(result.index[code], TILE_DECIMALS)


def _draw(fig: Figure, result: ScoreResult, register: UnitRegister, grid: TileGrid,
          lang: str) -> None:
    width, height = grid.size
    ax = fig.add_axes([0.03, 0.02, 0.94, 0.88])
    xlim, ylim = (-0.6, width + 0.3), (height + 0.5, -0.7)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    c = result.criteria
    codes = list(grid.positions)
    ranked = set(result.scored)
    values = np.array([result.shown.get(x, np.nan) if x in ranked else np.nan for x in codes],
                      dtype=float)
    norm, cmap = _norm(values, c.scale), colormaps[MAP_CMAP]
    fill = {}
    size = 6.2 if len(codes) > 40 else 7.5
    statuses = set()
    for code, value in zip(codes, values):
        x, y = grid.positions[code]
        scored = np.isfinite(value)
        status = str(result.status.get(code, "missing"))
        if not scored and status not in STATUS_LOOK:   # provisional, left unranked (strict)
            status = "unranked"
        colour, hatch = (cmap(norm(value)), None) if scored else STATUS_LOOK[status]
        statuses.add(status)
        fill[code] = colour
        ax.add_patch(Rectangle((x - TILE / 2, y - TILE / 2), TILE, TILE, facecolor=colour,
                               edgecolor="white", linewidth=0.8, hatch=hatch))
        if scored and status == "provisional":      # ranked, some inputs still in error
            ax.add_patch(Rectangle((x - TILE / 2 + 0.05, y - TILE / 2 + 0.05), TILE - 0.1,
                                   TILE - 0.1, facecolor="none", edgecolor=PROVISIONAL_EDGE,
                                   linewidth=2.2, linestyle="--"))
        ink = _text_colour(colour) if scored else "#333333"
        ax.text(x, y - 0.1, nfc(tile_label(register.by_code[code].name(lang))), ha="center",
                va="center", fontsize=size, color=ink, linespacing=1.25)
        star = "*" if status == "provisional" else ""
        ax.text(x, y + 0.3, _tile_value(result, code, value) + star if scored else "—",
                ha="center", va="center", color=ink, fontsize=size, fontweight="bold")
    _archipelago(ax, grid.hoang_sa, fill[grid.hoang_sa_owner], label("hoang_sa", lang))
    _archipelago(ax, grid.truong_sa, fill[grid.truong_sa_owner], label("truong_sa", lang))
    ax.text(*grid.east_sea, nfc(label("east_sea", lang)), ha="center", va="center",
            fontsize=13, fontstyle="italic", color="#4F81BD", rotation=70)

    def frac(x: float, y: float) -> tuple[float, float]:
        return ((x - xlim[0]) / (xlim[1] - xlim[0]), (ylim[0] - y) / (ylim[0] - ylim[1]))

    lx, ly = grid.legend
    left, top = frac(lx, ly)
    right, bottom = frac(lx + 0.35, ly + 4.0)
    cax = ax.inset_axes([left, bottom, right - left, top - bottom])
    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=cax)
    bar.set_label(nfc(label("index", lang)), fontsize=8)
    cax.tick_params(labelsize=7)
    handles = [Patch(facecolor=STATUS_LOOK[s][0], hatch=STATUS_LOOK[s][1], edgecolor="white",
                     label=nfc(status_text(s, lang))) for s in ("missing", "invalid")
               if s in statuses]
    if "provisional" in statuses:
        handles.insert(0, Patch(facecolor="#7fb9d6", edgecolor=PROVISIONAL_EDGE, linewidth=2,
                                linestyle="--",
                                label=nfc("* " + status_text("provisional", lang))))
    if "unranked" in statuses:
        handles.append(Patch(facecolor=STATUS_LOOK["unranked"][0],
                             hatch=STATUS_LOOK["unranked"][1], edgecolor="white",
                             label=nfc(status_text("provisional", lang, ranked=False))))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=frac(lx - 0.3, ly + 4.6),
                  fontsize=7, frameon=False, handlelength=1.6, handleheight=1.6)


def tile_map(result: ScoreResult, register: UnitRegister, lang: str = "vi",
             year: int | None = None) -> Figure:
    """The map for the 63 or 34 units; a 'no data' figure for a register without a grid."""
    with chart_context():
        title = label("chart_map", lang)
        grid = grid_for(register)
        if grid is None:
            return no_data_figure(title, lang)
        width, height = grid.size
        unit = min(0.62, 10.3 / (height + 1.2))        # inches per grid step
        fig = Figure(figsize=(8.3, 1.3 + (height + 1.2) * unit))
        titled(fig, title, result, register, lang, year)
        _draw(fig, result, register, grid, lang)
        return fig
