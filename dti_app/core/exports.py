"""Everything an assessor publishes, in one call: the ranking workbook, the charts, the scorecards.

``export_all`` is a long job in the house style: a plain function that reports
``progress(done, total)`` after each step (the workbook, each chart, each scorecard) and stops
between steps when ``cancelled()`` returns True; files already written stay, each was written
atomically. Layout of ``out_dir``::

    xep_hang_DTI.xlsx        the ranking workbook
    charts/                  ranking, pillars, heatmap, map, rank_change (PNG, SVG, PDF)
    scorecards/              scorecard_<code>_<name>.pdf per unit, scorecards.pdf with all
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import dti_app.core.ranking_read  # noqa: F401  (registers the workbook as a "previous" format)
from dti_app.core.analysis_sheets import analysis_sheets
from dti_app.core.chart_export import FORMATS, chart_jobs, save_figure
from dti_app.core.export_workbook import write_ranking_workbook
from dti_app.core.imported import SourceFile
from dti_app.core.issues import Issue
from dti_app.core.scorecard import write_scorecards
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["ExportOutcome", "export_all", "WORKBOOK_NAME", "CHARTS_DIR", "SCORECARDS_DIR"]

WORKBOOK_NAME = "xep_hang_DTI.xlsx"
CHARTS_DIR = "charts"
SCORECARDS_DIR = "scorecards"
Progress = Callable[[int, int], None]


@dataclass
class ExportOutcome:
    """What was written, the export's warnings, and whether the user stopped it."""

    workbook: Path | None = None
    charts: list[Path] = field(default_factory=list)
    scorecards: list[Path] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    cancelled: bool = False

    @property
    def files(self) -> list[Path]:
        return ([self.workbook] if self.workbook else []) + self.charts + self.scorecards


def export_all(out_dir: str | Path, result: ScoreResult, register: UnitRegister,
               issues: list[Issue], files: list[SourceFile], values: pd.DataFrame | None, *,
               self_values: pd.DataFrame | None = None,
               verified_values: pd.DataFrame | None = None,
               previous: pd.DataFrame | None = None, lang: str = "vi",
               year: int | None = None, workbook: bool = True, charts: bool = True,
               scorecards: bool = True, formats: Iterable[str] = FORMATS,
               radar_units: Iterable[str] = (),
               extra_sheets: Iterable[tuple[str, pd.DataFrame]] = (),
               analysis: bool = True,
               progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> ExportOutcome:
    """Write the workbook, the charts and the scorecards into ``out_dir``.

    ``values``: the final raw values that were scored (units × sub-indicators);
    ``self_values``/``verified_values``: when verification exists, shown side by side in the
    workbook. ``previous``: last year's ``rank`` and ``score`` per unit code (e.g.
    ``previous.load_previous(path).table``). Raises ``ExportError`` when a file cannot be written.
    """
    out = Path(out_dir)
    formats = tuple(formats)
    outcome = ExportOutcome()
    jobs = chart_jobs(result, register, previous=previous, lang=lang, year=year,
                      radar_units=radar_units) if charts else []
    units = list(register.codes) if scorecards else []
    total = int(workbook) + len(jobs) + len(units)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    def stop() -> bool:
        outcome.cancelled = cancelled is not None and bool(cancelled())
        return outcome.cancelled

    if workbook and not stop():
        outcome.workbook = out / WORKBOOK_NAME
        outcome.warnings += write_ranking_workbook(
            outcome.workbook, result, register, issues=issues, files=files,
            self_values=self_values, verified_values=verified_values, final_values=values,
            previous=previous, lang=lang, year=year,
            extra_sheets=[*extra_sheets, *(analysis_sheets(result, register, lang)
                                           if analysis else [])])
        step()
    for stem, build in jobs:
        if stop():
            return outcome
        outcome.charts += save_figure(build(), out / CHARTS_DIR / stem, formats)
        step()
    if units and not stop():
        outcome.scorecards = write_scorecards(
            out / SCORECARDS_DIR, result, register, issues, values, lang=lang, year=year,
            progress=lambda n, _total: step(), cancelled=stop)
    return outcome
