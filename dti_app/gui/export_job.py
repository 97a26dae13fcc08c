"""What the export dialog hands to the worker: a request, and the call that carries it out.

``run_export(request, progress=, cancelled=)`` is a plain function (no Qt) run off the UI thread;
it calls the core's ``exports.export_all`` and returns its ``ExportOutcome``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dti_app.core.imported import SourceFile
from dti_app.core.issues import Issue
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["ExportRequest", "run_export", "FORMATS"]

FORMATS = ("png", "svg", "pdf")


@dataclass
class ExportRequest:
    folder: Path
    result: ScoreResult
    register: UnitRegister
    issues: list[Issue] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    final_values: pd.DataFrame | None = None
    self_values: pd.DataFrame | None = None
    verified_values: pd.DataFrame | None = None
    lang: str = "vi"
    year: int | None = None
    workbook: bool = True
    charts: bool = True
    scorecards: bool = True
    formats: tuple[str, ...] = FORMATS


def run_export(request: ExportRequest, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None):
    """Write what the request asks for; returns the core's ``ExportOutcome``."""
    # openpyxl and matplotlib load here, off the UI thread, not when the app starts
    from dti_app.core.exports import export_all

    r = request
    return export_all(r.folder, r.result, r.register, r.issues, r.files, r.final_values,
                      self_values=r.self_values, verified_values=r.verified_values,
                      lang=r.lang, year=r.year, workbook=r.workbook, charts=r.charts,
                      scorecards=r.scorecards, formats=r.formats, progress=progress,
                      cancelled=cancelled)
