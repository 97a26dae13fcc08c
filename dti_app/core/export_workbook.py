"""The ranking workbook: every sheet a publisher needs, formatted for reading and printing.

``write_ranking_workbook`` builds the workbook (sheet contents come from ``export_sheets``, every
value goes through ``excel_safety.put``) and writes it atomically; it returns the warnings found
(characters Excel cannot store, over-long text). Sheets, in order: ranking, main indicators,
sub-indicator points, input values (only when self-assessed / verified / final values are given),
issues, criteria and weights, native Excel charts, about, then any ``extra_sheets``.

A provisional unit (ranked although some inputs still have unresolved errors) is marked on every
sheet that lists units: its rows are shaded, its rank and index on the ranking sheet carry a
"*" (the cells stay numbers), and a legend under the table says what that means
(``_mark_provisional``). The issues sheet says which issues a verified value resolved, and how.

Weights edited and not saved as a new criteria version are said on the workbook's title, in a
banner above the ranking (the table then starts on row 3), in the print header of every sheet,
on the native charts' titles, in the criteria sheet (the file's value beside the one used) and on
the about sheet (the version is never the file's alone; each changed node is listed).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

import dti_app
from dti_app.core.atomic import atomic_write_with
from dti_app.core.excel_safety import ExportWarnings, put, safe_sheet_title
from dti_app.core.export_sheets import (
    Table,
    criteria_table,
    files_table,
    indicators_table,
    issues_table,
    pillars_table,
    points_table,
    ranking_table,
    values_table,
)
from dti_app.core.export_text import (
    aggregation_text,
    edit_text,
    edited_line,
    framework_line,
    label,
    missing_text,
    number_format,
    version_text,
    year_text,
)
from dti_app.core.imported import SourceFile
from dti_app.core.issues import Issue
from dti_app.core.result_views import unit_name
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["write_ranking_workbook", "build_ranking_workbook"]

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
TITLE_FONT = Font(bold=True, size=12)
PROVISIONAL_FILL = PatternFill("solid", fgColor="FDE0C2")
LEGEND_FONT = Font(italic=True, size=9)
BANNER_FONT = Font(bold=True, size=12, color="C00000")
CENTRE = Alignment(horizontal="center")
CENTRED = {"rank", "change", "code"}
WIDTH = {"text": (8, 45), "code": (6, 12), "score": (9, 16), "rank": (9, 12), "change": (8, 12),
         "score_change": (9, 14), "points": (8, 14), "value": (10, 22), "hash": (66, 66)}


def _formats(decimals: int) -> dict[str, str | None]:
    fmt = number_format(decimals)
    return {"score": fmt, "score_change": f"+{fmt};-{fmt};{fmt}", "rank": "0",
            "change": "+0;-0;0", "points": "0.00", "value": None, "text": None, "hash": None,
            "code": None}


def _write_table(ws: Worksheet, table: Table, warnings: ExportWarnings, decimals: int,
                 start_row: int = 1, *, widths: bool = True, scales: bool = True,
                 autofilter: bool = True) -> int:
    """Write header + rows from ``start_row``; return the last row written."""
    frame, formats = table.frame, _formats(decimals)
    for j, title in enumerate(frame.columns, start=1):
        cell = put(ws, start_row, j, str(title), warnings)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    columns = [frame[col].tolist() for col in frame.columns]
    for j, (values, kind) in enumerate(zip(columns, table.kinds), start=1):
        fmt = formats.get(kind)
        for i, value in enumerate(values, start=start_row + 1):
            put(ws, i, j, value, warnings, fmt)
    last = start_row + len(frame)
    ws.row_dimensions[start_row].height = 48                 # three lines of a wrapped title
    for j, kind in enumerate(table.kinds, start=1):
        if kind in CENTRED:
            for i in range(start_row + 1, last + 1):
                ws.cell(row=i, column=j).alignment = CENTRE
    if autofilter and len(frame.columns):
        right = get_column_letter(len(frame.columns))
        ws.auto_filter.ref = f"A{start_row}:{right}{max(last, start_row + 1)}"
    if widths:
        _set_widths(ws, table)
    if scales and last > start_row:
        for j, kind in enumerate(table.kinds, start=1):
            if kind == "score":
                letter = get_column_letter(j)
                ws.conditional_formatting.add(
                    f"{letter}{start_row + 1}:{letter}{last}",
                    ColorScaleRule(start_type="min", start_color="F8696B", mid_type="percentile",
                                   mid_value=50, mid_color="FFEB84", end_type="max",
                                   end_color="63BE7B"))
    return last


def _mark_provisional(ws: Worksheet, table: Table, result: ScoreResult, register: UnitRegister,
                      lang: str, warnings: ExportWarnings, start_row: int = 1,
                      star: tuple[str, ...] = ()) -> None:
    """Shade the rows of provisional units (found by the code column, and by the unit column
    when there is one, so another code set's rows are left alone), put a "*" on the ``star``
    columns' numbers, and write the legend under the table."""
    frame = table.frame
    columns = list(frame.columns)
    code_title, unit_title = label("code", lang), label("unit", lang)
    if code_title not in columns:
        return
    provisional = set(result.status.index[result.status == "provisional"])
    if not provisional:
        return
    codes = frame[code_title].tolist()
    names = frame[unit_title].tolist() if unit_title in columns else [None] * len(codes)
    marked = False
    for i, (code, name) in enumerate(zip(codes, names), start=start_row + 1):
        code = str(code)
        if code not in provisional or (name is not None
                                       and name != unit_name(register, code, lang)):
            continue
        marked = True
        for j in range(1, len(columns) + 1):
            ws.cell(row=i, column=j).fill = PROVISIONAL_FILL
        for title in star:
            if title in columns:
                cell = ws.cell(row=i, column=columns.index(title) + 1)
                if isinstance(cell.value, (int, float)):
                    cell.number_format = f'{cell.number_format or "General"}"*"'
    if marked:
        key = "unranked_legend" if result.strict else "provisional_legend"
        row = start_row + len(frame) + 2
        cell = put(ws, row, 1, label(key, lang), warnings)
        cell.font, cell.fill = LEGEND_FONT, PROVISIONAL_FILL


def _set_widths(ws: Worksheet, table: Table) -> None:
    for j, (col, kind) in enumerate(zip(table.frame.columns, table.kinds), start=1):
        low, high = WIDTH.get(kind, (8, 40))
        lengths = table.frame[col].map(lambda v: len(str(v)) if v is not None else 0)
        longest = int(lengths.max()) if len(lengths) else 0
        header = max((len(w) for w in str(col).split()), default=0)
        ws.column_dimensions[get_column_letter(j)].width = max(low, min(high, max(longest + 2,
                                                                                  header + 2)))


def _print_setup(ws: Worksheet, header_row: int = 1, subtitle: str = "") -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    if subtitle:
        ws.oddHeader.center.text = subtitle.replace("&", "&&")
        ws.oddHeader.center.size = 9
    ws.oddFooter.right.text = "&P / &N"


def _sheet(wb: Workbook, key_or_title: str, lang: str, taken: set[str], *,
           raw_title: bool = False) -> Worksheet:
    title = key_or_title if raw_title else label(key_or_title, lang)
    return wb.create_sheet(safe_sheet_title(title, taken))


def _key_values(ws: Worksheet, rows: list[tuple[str, object]], warnings: ExportWarnings,
                start_row: int, lang: str) -> int:
    for j, key in enumerate(("about_item", "about_value"), start=1):
        cell = put(ws, start_row, j, label(key, lang), warnings)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    for i, (key, value) in enumerate(rows, start=start_row + 1):
        cell = put(ws, i, 1, key, warnings)
        cell.font, cell.alignment = Font(bold=True), Alignment(vertical="top")
        put(ws, i, 2, value, warnings).alignment = Alignment(wrap_text=True, vertical="top",
                                                             horizontal="left")
        lines = math.ceil(len(str(value or "")) / 90)     # column B is ~90 characters wide
        if lines > 1:
            ws.row_dimensions[i].height = 15 * lines
    return start_row + len(rows)


def _about_rows(result: ScoreResult, register: UnitRegister, lang: str, year: int | None,
                now: datetime) -> list[tuple[str, object]]:
    c = result.criteria
    counts = result.status.value_counts()
    issues = result.standing.counts()
    note = c.note_en if lang == "en" and c.note_en else c.note_vi
    named = c.named
    weights = (label("weights_edited", lang, criteria=f"{named.id} v{named.version}",
                     n=len(c.edits)) + ": " + edit_text(c, lang)
               if c.edited else label("weights_named", lang))
    rows = [
        (label("tool", lang), label("tool_name", lang)),
        (label("tool_version", lang), dti_app.__version__),
        (label("criteria_id", lang), c.id),
        (label("criteria_version", lang), version_text(c, lang)),
        (label("criteria_name", lang), c.name(lang)),
        (label("weights", lang), weights),
        (label("criteria_sha", lang), c.sha256),
    ]
    if c.edited:
        rows.append((label("criteria_sha_named", lang), named.sha256))
    return rows + [
        (label("illustrative", lang), note),
        (label("code_set", lang), register.code_set),
        (label("year", lang), year if year is not None else year_text(None, lang)),
        (label("units_count", lang), " / ".join(
            str(int(counts.get(s, 0))) for s in ("scored", "provisional", "missing", "invalid"))),
        (label("strict_ranking", lang), label("yes" if result.strict else "no", lang)),
        (label("issue_counts", lang), f"{issues.errors} / {issues.warnings} / {issues.resolved}"),
        (label("exported_at", lang), now.isoformat(timespec="seconds")),
    ]


def _edits_table(result: ScoreResult, lang: str) -> Table:
    c = result.criteria
    what = {"points": label("max_points", lang), "weight": label("weight", lang)}
    rows = [[e.code, c.by_code[e.code].name(lang), what[e.field], e.official, e.used]
            for e in c.edits]
    keys = ["code", "node", "edit_field", "official_value", "used_value"]
    frame = pd.DataFrame(rows, columns=[label(k, lang) for k in keys], dtype=object)
    return Table(frame, ["code", "text", "text", "value", "value"])


def _banner(ws: Worksheet, result: ScoreResult, lang: str, warnings: ExportWarnings) -> int:
    """For edited weights, a banner on row 1 saying so; returns the table's header row."""
    c = result.criteria
    if not c.edited:
        return 1
    text = label("edited_banner", lang, criteria=f"{c.named.id} v{c.named.version}",
                 changes=edit_text(c, lang, limit=6))
    put(ws, 1, 1, text, warnings).font = BANNER_FONT
    return 3


def _chart_title(key: str, result: ScoreResult, lang: str) -> str:
    title = label(key, lang)
    if result.criteria.edited:
        title += f" ({label('edited_mark', lang)})"
    return title


def _charts(ws: Worksheet, ranking: Worksheet, table: Table, result: ScoreResult,
            lang: str, header: int = 1) -> None:
    n = len(result.scored)
    if n == 0:
        return
    cols = list(table.frame.columns)
    unit_col = cols.index(label("unit", lang)) + 1
    index_col = cols.index(label("index", lang)) + 1
    cats = Reference(ranking, min_col=unit_col, min_row=header + 1, max_row=header + n)
    bars = BarChart()
    bars.type, bars.style = "bar", 10
    bars.title = _chart_title("chart_ranking", result, lang)
    bars.add_data(Reference(ranking, min_col=index_col, min_row=header, max_row=header + n),
                  titles_from_data=True)
    bars.set_categories(cats)
    bars.legend = None
    bars.x_axis.scaling.orientation = "maxMin"     # rank 1 at the top
    bars.y_axis.crosses = "max"                     # ... and the value axis at the bottom
    bars.y_axis.scaling.min = 0
    bars.y_axis.scaling.max = result.criteria.scale
    bars.y_axis.majorUnit = result.criteria.scale / 5
    bars.y_axis.number_format = "0.0" if result.criteria.scale == 1 else "0"
    bars.x_axis.tickLblSkip = 1
    bars.gapWidth = 40
    bars.x_axis.delete = bars.y_axis.delete = False
    bars.height, bars.width = max(8.0, 0.45 * n), 18
    ws.add_chart(bars, "A1")
    if result.criteria.pillars:
        pillars = BarChart()
        pillars.type, pillars.grouping = "col", "clustered"
        pillars.title = _chart_title("chart_pillars", result, lang)
        for p in result.criteria.pillars:
            col = cols.index(label("score_of", lang, name=p.name(lang))) + 1
            pillars.add_data(Reference(ranking, min_col=col, min_row=header,
                                       max_row=header + n), titles_from_data=True)
        pillars.set_categories(cats)
        pillars.y_axis.scaling.min = 0
        pillars.y_axis.scaling.max = result.criteria.scale
        pillars.y_axis.number_format = bars.y_axis.number_format
        pillars.x_axis.tickLblSkip = 1
        pillars.x_axis.delete = pillars.y_axis.delete = False
        pillars.height, pillars.width = 10, max(18.0, 0.9 * n)
        ws.add_chart(pillars, "L1")


def build_ranking_workbook(result: ScoreResult, register: UnitRegister, *, issues: list[Issue],
                           files: list[SourceFile], warnings: ExportWarnings,
                           self_values: pd.DataFrame | None = None,
                           verified_values: pd.DataFrame | None = None,
                           final_values: pd.DataFrame | None = None,
                           previous: pd.DataFrame | None = None, lang: str = "vi",
                           extra_sheets: Iterable[tuple[str, pd.DataFrame]] = (),
                           year: int | None = None, now: datetime | None = None) -> Workbook:
    """The workbook in memory (see the module docstring); warnings go to ``warnings``."""
    c, dec = result.criteria, result.criteria.decimals
    subtitle = framework_line(c, register.code_set, len(register), lang, year)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = " — ".join(t for t in (label("chart_ranking", lang), subtitle,
                                                 edited_line(c, lang)) if t)
    taken: set[str] = set()

    def mark(ws: Worksheet, table: Table, start_row: int = 1, star: tuple[str, ...] = ()):
        _mark_provisional(ws, table, result, register, lang, warnings, start_row, star)

    ranking = _sheet(wb, "sheet_ranking", lang, taken)
    table = ranking_table(result, register, lang, previous)
    header = _banner(ranking, result, lang, warnings)
    _write_table(ws=ranking, table=table, warnings=warnings, decimals=dec, start_row=header)
    mark(ranking, table, start_row=header, star=(label("rank", lang), label("index", lang)))
    ranking.freeze_panes = f"E{header + 1}"
    _print_setup(ranking, header_row=header, subtitle=subtitle)

    ws = _sheet(wb, "sheet_indicators", lang, taken)
    indicators = indicators_table(result, register, lang)
    _write_table(ws, indicators, warnings, dec)
    mark(ws, indicators, star=(label("rank", lang),))
    ws.freeze_panes = "E2"
    _print_setup(ws, subtitle=subtitle)

    ws = _sheet(wb, "sheet_points", lang, taken)
    points = points_table(result, register, lang)
    _write_table(ws, points, warnings, dec, scales=False)
    mark(ws, points)
    ws.freeze_panes = "D2"
    _print_setup(ws, subtitle=subtitle)

    values = values_table(result, register, lang, self_values=self_values,
                          verified_values=verified_values, final_values=final_values)
    if values is not None:
        long = self_values is not None or verified_values is not None
        ws = _sheet(wb, "sheet_values" if long else "sheet_final_values", lang, taken)
        _write_table(ws, values, warnings, dec, scales=False)
        mark(ws, values)
        ws.freeze_panes = "E2" if long else "D2"
        _print_setup(ws, subtitle=subtitle)

    ws = _sheet(wb, "sheet_issues", lang, taken)
    _write_table(ws, issues_table(issues, register, lang), warnings, dec)
    ws.column_dimensions["I"].width = 80
    ws.column_dimensions["J"].width = 60
    ws.freeze_panes = "A2"
    _print_setup(ws, subtitle=subtitle)

    ws = _sheet(wb, "sheet_criteria", lang, taken)
    last = _write_table(ws, criteria_table(c, lang), warnings, dec)
    ws.freeze_panes = "B2"
    if c.pillars:
        put(ws, last + 2, 1, label("pillar", lang), warnings).font = TITLE_FONT
        last = _write_table(ws, pillars_table(c, lang), warnings, dec, last + 3,
                            widths=False, autofilter=False)
    put(ws, last + 2, 1, label("index_settings", lang), warnings).font = TITLE_FONT
    _key_values(ws, [(label("scale", lang), c.scale), (label("decimals", lang), c.decimals),
                     (label("aggregation", lang), aggregation_text(c.aggregation, lang)),
                     (label("missing_policy", lang), missing_text(c.missing, lang))],
                warnings, last + 3, lang)
    _print_setup(ws, subtitle=subtitle)

    ws = _sheet(wb, "sheet_charts", lang, taken)
    _charts(ws, ranking, table, result, lang, header)
    _print_setup(ws, subtitle=subtitle)
    ws.print_title_rows = None

    ws = _sheet(wb, "sheet_about", lang, taken)
    last = _key_values(ws, _about_rows(result, register, lang, year, now or datetime.now()
                                       .astimezone()), warnings, 1, lang)
    if c.edited:
        put(ws, last + 2, 1, label("edits_table", lang), warnings).font = TITLE_FONT
        last = _write_table(ws, _edits_table(result, lang), warnings, dec, last + 3,
                            widths=False, autofilter=False)
    put(ws, last + 2, 1, label("input_files", lang), warnings).font = TITLE_FONT
    _write_table(ws, files_table(files, lang), warnings, dec, last + 3, widths=False,
                 autofilter=False)
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 30
    _print_setup(ws, subtitle=subtitle)
    ws.print_title_rows = None

    for name, frame in extra_sheets:
        ws = _sheet(wb, name, lang, taken, raw_title=True)
        if not isinstance(frame.index, pd.RangeIndex):
            frame = frame.reset_index()
        kinds = ["value" if pd.api.types.is_numeric_dtype(t) else "text" for t in frame.dtypes]
        extra = Table(frame, kinds)
        _write_table(ws, extra, warnings, dec, scales=False)
        mark(ws, extra)
        ws.freeze_panes = "A2"
        _print_setup(ws, subtitle=subtitle)
    return wb


def write_ranking_workbook(path: str | Path, result: ScoreResult, register: UnitRegister, *,
                           issues: list[Issue], files: list[SourceFile],
                           self_values: pd.DataFrame | None = None,
                           verified_values: pd.DataFrame | None = None,
                           final_values: pd.DataFrame | None = None,
                           previous: pd.DataFrame | None = None, lang: str = "vi",
                           extra_sheets: Iterable[tuple[str, pd.DataFrame]] = (),
                           year: int | None = None) -> list[Issue]:
    """Write the ranking workbook to ``path`` atomically; return the export's warnings.

    ``previous``: last year's results indexed by unit code, columns ``rank`` and ``score``.
    Raises ``ExportError`` (the file already at ``path`` is left untouched) when it cannot be
    written, e.g. because it is open in Excel or the folder is read-only.
    """
    path = Path(path)
    warnings = ExportWarnings(file=path.name)
    wb = build_ranking_workbook(result, register, issues=issues, files=files, warnings=warnings,
                                self_values=self_values, verified_values=verified_values,
                                final_values=final_values, previous=previous, lang=lang,
                                extra_sheets=extra_sheets, year=year)
    atomic_write_with(path, wb.save)
    return warnings.issues
