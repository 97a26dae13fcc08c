"""Saving charts: each figure as PNG, SVG and PDF, every file written atomically.

``chart_jobs`` lists the charts that apply to a result (the map only for the built-in 63 and 34
units, the rank change only with a previous year, radars only for the units asked for), so a
caller can count them for a progress bar; ``write_all_charts`` renders and saves them all. File
names are stable and ASCII: ``ranking``, ``pillars``, ``heatmap``, ``map``, ``rank_change``,
``radar_<code>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from dti_app.core.atomic import atomic_write_with
from dti_app.core.chart_map import tile_map
from dti_app.core.chart_style import chart_context
from dti_app.core.charts import (
    indicator_heatmap,
    pillar_comparison,
    rank_change,
    ranking_bars,
    unit_radar,
)
from dti_app.core.scoring import ScoreResult
from dti_app.core.tilegrid import grid_for
from dti_app.core.units import UnitRegister

__all__ = ["FORMATS", "save_figure", "chart_jobs", "write_all_charts", "start_charts", "ChartRun"]

FORMATS = ("png", "svg", "pdf")
PNG_DPI = 200
PARALLEL_FROM = 3  # fewer charts are drawn faster than extra processes start
Progress = Callable[[int, int], None]


def save_figure(fig: Figure, path_without_suffix: str | Path,
                formats: Iterable[str] = FORMATS, dpi: float | None = None) -> list[Path]:
    """Save ``fig`` once per format beside ``path_without_suffix``; return the files written.

    Raises ``ExportError`` if a file cannot be written (the previous file stays intact).
    """
    base = Path(path_without_suffix)
    written = []
    with chart_context():
        for fmt in formats:
            target = base.with_name(f"{base.name}.{fmt}")
            atomic_write_with(target, partial(_save, fig, fmt=fmt, dpi=dpi))
            written.append(target)
    return written


def _save(fig: Figure, tmp: Path, *, fmt: str, dpi: float | None) -> None:
    fig.savefig(tmp, format=fmt, dpi=dpi or PNG_DPI, facecolor="white")


def chart_jobs(result: ScoreResult, register: UnitRegister, *,
               previous: pd.DataFrame | None = None, lang: str = "vi",
               year: int | None = None, radar_units: Iterable[str] = ()
               ) -> list[tuple[str, Callable[[], Figure]]]:
    """(file stem, figure builder) for every chart that applies."""
    kw = {"lang": lang, "year": year}
    jobs: list[tuple[str, Callable[[], Figure]]] = [
        ("ranking", partial(ranking_bars, result, register, **kw)),
        ("pillars", partial(pillar_comparison, result, register, **kw)),
        ("heatmap", partial(indicator_heatmap, result, register, **kw)),
    ]
    if grid_for(register) is not None:
        jobs.append(("map", partial(tile_map, result, register, **kw)))
    if previous is not None:
        jobs.append(("rank_change", partial(rank_change, result, register, previous, **kw)))
    for code in radar_units:
        if code in result.with_score:
            jobs.append((f"radar_{code}", partial(unit_radar, result, register, code, **kw)))
    return jobs


def write_all_charts(out_dir: str | Path, result: ScoreResult, register: UnitRegister, *,
                     previous: pd.DataFrame | None = None, formats: Iterable[str] = FORMATS,
                     lang: str = "vi", year: int | None = None, dpi: float | None = None,
                     radar_units: Iterable[str] = (), progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None, workers: int = 1
                     ) -> list[Path]:
    """Render and save every chart into ``out_dir``; return the files written.

    ``radar_units``: unit codes to draw a radar for (the scorecards carry every unit's radar).
    Stops early, keeping what was written, when ``cancelled()`` returns True. ``workers``: see
    ``ChartRun``.
    """
    run = start_charts(out_dir, result, register, previous=previous, formats=formats,
                       lang=lang, year=year, dpi=dpi, radar_units=radar_units, workers=workers)
    return run.wait(progress, cancelled)


def start_charts(out_dir: str | Path, result: ScoreResult, register: UnitRegister, *,
                 previous: pd.DataFrame | None = None, formats: Iterable[str] = FORMATS,
                 lang: str = "vi", year: int | None = None, dpi: float | None = None,
                 radar_units: Iterable[str] = (), workers: int = 1) -> ChartRun:
    """Start drawing every chart (in worker processes when ``workers`` > 1): the caller can
    do other work, then collect the files with ``wait``."""
    jobs = chart_jobs(result, register, previous=previous, lang=lang, year=year,
                      radar_units=radar_units)
    return ChartRun(jobs, Path(out_dir), tuple(formats), dpi, workers)


class ChartRun:
    """Charts being drawn. With ``workers`` > 1 and at least ``PARALLEL_FROM`` charts they are
    drawn in that many processes from the start (drawing text is most of the time, and one
    process draws on one core); otherwise one by one in ``wait``. The files are the same."""

    def __init__(self, jobs: list[tuple[str, Callable[[], Figure]]], out: Path,
                 formats: tuple[str, ...], dpi: float | None, workers: int):
        self.jobs, self.out, self.formats, self.dpi = jobs, out, formats, dpi
        self._pool = None
        self._futures: list = []
        if workers > 1 and len(jobs) >= PARALLEL_FROM:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)))
            self._futures = [self._pool.submit(_render, build, out / stem, formats, dpi)
                             for stem, build in jobs]

    def wait(self, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[Path]:
        """The files written, in chart order; stops early when ``cancelled()`` is True."""
        written: list[Path] = []
        try:
            for done, (stem, build) in enumerate(self.jobs, start=1):
                if cancelled is not None and cancelled():
                    break
                if self._pool is not None:
                    written += self._futures[done - 1].result()
                else:
                    written += _render(build, self.out / stem, self.formats, self.dpi)
                if progress is not None:
                    progress(done, len(self.jobs))
        finally:
            self.close()
        return written

    def close(self) -> None:
        """Stop drawing what has not started (what is being drawn is finished)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _render(build: Callable[[], Figure], base: Path, formats: tuple[str, ...],
            dpi: float | None) -> list[Path]:
    return save_figure(build(), base, formats, dpi)


