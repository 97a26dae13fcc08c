"""Writing a scored result from the CLI: JSON, ranking workbook, charts, scorecards.

``score``, ``demo`` and ``campaign export`` all go through ``write_outputs`` so that the same
options give the same files. Long steps print their progress on stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dti_app.cli.common import out, print_issues
from dti_app.cli.text import language, say
from dti_app.core.errors import CampaignError
from dti_app.core.imported import SourceFile
from dti_app.core.issues import Issue
from dti_app.core.report import result_document, write_json
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

# charts are drawn in two processes where there are two cores (a chart is mostly text to draw)
CHART_WORKERS = min(2, os.cpu_count() or 1)

__all__ = ["add_output_options", "Outputs", "write_outputs", "load_previous_table"]


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", metavar="FILE", help="ghi kết quả dạng JSON / write JSON")
    parser.add_argument("--out", metavar="FILE.xlsx",
                        help="ghi bảng xếp hạng Excel / write the ranking workbook")
    parser.add_argument("--charts", metavar="DIR", help="ghi biểu đồ / write charts")
    parser.add_argument("--scorecards", metavar="DIR",
                        help="ghi phiếu kết quả từng đơn vị (PDF) / write one-page scorecards")
    parser.add_argument("--previous", metavar="FILE",
                        help="kết quả năm trước (.xlsx, .json, .dticampaign) / last year's results")


@dataclass
class Outputs:
    """Where to write what; ``None`` skips it."""

    json: Path | None = None
    workbook: Path | None = None
    charts: Path | None = None
    scorecards: Path | None = None
    previous: Path | None = None
    formats: tuple[str, ...] = ("png", "svg", "pdf")
    dpi: float | None = None  # PNG resolution; None: the exports' default (publication)
    analysis: bool = True  # add the analysis sheets (rank stability, 63 → 34, strengths)
    written: list[Path] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Outputs:
        def path(name: str) -> Path | None:
            value = getattr(args, name, None)
            return Path(value) if value else None

        return cls(json=path("json"), workbook=path("out"), charts=path("charts"),
                   scorecards=path("scorecards"), previous=path("previous"))


def load_previous_table(path: Path | None, register: UnitRegister) -> pd.DataFrame | None:
    """Last year's rank and score per unit code; refuses another code set."""
    if path is None:
        return None
    import dti_app.core.ranking_read  # noqa: F401  (lets .xlsx ranking workbooks be read)
    from dti_app.core.previous import load_previous

    previous = load_previous(path)
    if previous.code_set and previous.code_set != register.code_set:
        raise CampaignError(say("previous_code_set", theirs=previous.code_set,
                                ours=register.code_set))
    return previous.table


def _progress(label: str):
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label}: {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def write_outputs(options: Outputs, result: ScoreResult, register: UnitRegister,
                  issues: list[Issue], files: list[SourceFile], values: pd.DataFrame | None,
                  *, year: int | None = None, self_values: pd.DataFrame | None = None,
                  verified_values: pd.DataFrame | None = None) -> list[Path]:
    """Write every requested output; print each file written; return them."""
    lang = language()
    previous = load_previous_table(options.previous, register)
    written: list[Path] = []
    charts = None
    if options.charts:  # started first: drawn in other processes while the rest is written
        from dti_app.core.chart_export import start_charts

        charts = start_charts(options.charts, result, register, previous=previous,
                              formats=options.formats, lang=lang, year=year, dpi=options.dpi,
                              workers=CHART_WORKERS)
    try:
        if options.json:
            write_json(result_document(result, register, issues, lang, year=year), options.json)
            written.append(options.json)
        if options.workbook:
            from dti_app.core.analysis_sheets import analysis_sheets
            from dti_app.core.export_workbook import write_ranking_workbook

            extra = analysis_sheets(result, register, lang) if options.analysis else []
            warnings = write_ranking_workbook(
                options.workbook, result, register, issues=issues, files=files,
                self_values=self_values, verified_values=verified_values, final_values=values,
                previous=previous, lang=lang, year=year, extra_sheets=extra)
            if warnings:
                print_issues(warnings)
            written.append(options.workbook)
        if charts is not None:
            written += charts.wait(_progress(say("charts_progress")))
    finally:
        if charts is not None:
            charts.close()
    if options.scorecards:
        from dti_app.core.scorecard import write_scorecards

        written += write_scorecards(options.scorecards, result, register, issues, values,
                                    lang=lang, year=year,
                                    progress=_progress(say("scorecards_progress")))
    for path in written:
        out(say("written", path=path))
    return written
