"""The look shared by every chart and scorecard, and the font that renders Vietnamese.

Figures are built inside ``chart_context()`` so their text uses matplotlib's bundled DejaVu Sans
(which has every Vietnamese glyph, so nothing depends on the fonts of the machine) without
touching matplotlib's global settings. Labels are normalised to NFC: decomposed diacritics
(NFD, as some Mac files carry) would otherwise be drawn as separate marks.
"""

from __future__ import annotations

import contextlib
import textwrap
import unicodedata
from collections.abc import Iterator

import matplotlib
from matplotlib.figure import Figure

from dti_app.core.export_text import edited_line, framework_line, label
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["FONT", "STYLE", "chart_context", "nfc", "region_colours", "REGION_PALETTE",
           "titled", "SCORE_CMAP", "no_data_figure", "margins", "wrap",
           "legend_below", "EDITED_COLOUR"]

FONT = "DejaVu Sans"
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "pdf.fonttype": 3,           # subset glyphs with a ToUnicode map: small, fast, searchable
    "svg.fonttype": "path",      # SVG needs no font on the reader's machine
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.unicode_minus": True,
}
# Colour-blind-safe categorical colours (Okabe–Ito), one per region.
REGION_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                  "#F0E442", "#000000"]
SCORE_CMAP = "RdYlGn"


@contextlib.contextmanager
def chart_context() -> Iterator[None]:
    """Build or save figures with the export style (restores the caller's settings after)."""
    with matplotlib.rc_context(STYLE):
        yield


def nfc(text: object) -> str:
    return unicodedata.normalize("NFC", str(text))


def region_colours(register: UnitRegister, lang: str = "vi") -> dict[str, str]:
    """A fixed colour per region, in the order the regions first appear in the register."""
    regions: list[str] = []
    for unit in register.units:
        region = unit.region(lang) or "—"
        if region not in regions:
            regions.append(region)
    return {r: REGION_PALETTE[i % len(REGION_PALETTE)] for i, r in enumerate(regions)}


EDITED_COLOUR = "#B00000"


def titled(fig: Figure, title: str, result: ScoreResult, register: UnitRegister,
           lang: str = "vi", year: int | None = None, y: float = 0.985) -> None:
    """The chart's title and, under it, the framework, year and code set; for edited weights
    a third line, in red, saying which weights differ from the named criteria (the plot is
    moved down to make room for it)."""
    height, chars = fig.get_figheight(), int(fig.get_figwidth() * 13)   # ~13 characters/inch
    fig.suptitle(nfc(title), fontsize=13, fontweight="bold", y=y)
    below = y - 0.022 * (8.0 / height) ** 0.5 - 0.012
    subtitle = wrap(framework_line(result.criteria, register.code_set, len(register), lang,
                                   year), chars)
    fig.text(0.5, below, subtitle, ha="center", va="top", fontsize=8.5, color="#444444")
    edited = edited_line(result.criteria, lang)
    if edited:
        below -= (0.17 * subtitle.count("\n") + 0.19) / height
        text = wrap(edited, chars)
        fig.text(0.5, below, text, ha="center", va="top", fontsize=8, color=EDITED_COLOUR,
                 fontweight="bold")
        room = 0.2 + 0.16 * (text.count("\n") + subtitle.count("\n"))
        if fig.axes and fig.subplotpars.top > 0.5:
            fig.subplots_adjust(top=fig.subplotpars.top - room / height)


def no_data_figure(title: str, lang: str = "vi") -> Figure:
    fig = Figure(figsize=(6, 3))
    fig.text(0.5, 0.6, nfc(title), ha="center", fontsize=12, fontweight="bold")
    fig.text(0.5, 0.4, label("no_data", lang), ha="center", fontsize=10, color="#666666")
    return fig


def margins(fig: Figure, left: float, right: float, top: float, bottom: float) -> None:
    """Set the axes area by margins given in inches (stable whatever the figure's size)."""
    w, h = fig.get_figwidth(), fig.get_figheight()
    fig.subplots_adjust(left=left / w, right=1 - right / w, top=1 - top / h, bottom=bottom / h)


def wrap(text: object, width: int) -> str:
    return "\n".join(textwrap.wrap(nfc(text), width=width, break_long_words=False)) or nfc(text)


def legend_below(fig: Figure, handles: list, ncol: int = 3, top_inch: float = 1.05) -> None:
    """A legend under the plot (above the footnote), so it never hides data."""
    fig.legend(handles=handles, loc="upper center", ncol=ncol, fontsize=7, frameon=False,
               bbox_to_anchor=(0.5, top_inch / fig.get_figheight()))
