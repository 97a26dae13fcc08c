"""``dti-scorer campaign new|import|verify|score|history|restore|export``: campaigns from scripts.

Each subcommand opens the campaign, does one thing through ``dti_app.core.campaign.Campaign`` and
closes it. Exit status as everywhere: 0 done and the data in use has no errors; 1 done, but errors
were found in the inputs (reported); 2 unusable invocation or file (nothing changed).

Adding a subcommand (e.g. ``campaign export`` once the exports exist): write
``_add_export(inner)`` that builds its parser with ``_file_argument`` and sets ``run``; inside,
``with open_campaign(args.file) as c: result = c.score(); document = c.results_document(result)``,
write the export from ``result``, ``c.value_layers()``, ``c.issues()``, then
``c.save_snapshot(document, label)`` so the campaign keeps what the export was made from; and
append ``_add_export`` to ``SUBCOMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from dti_app.cli.common import (
    add_campaign_options,
    add_newest_wins,
    add_strict,
    out,
    print_issues,
    summary_line,
)
from dti_app.cli.outputs import Outputs, add_output_options, write_outputs
from dti_app.cli.score_cmd import print_ranking
from dti_app.cli.text import language, say
from dti_app.core.bundled import default_criteria_path
from dti_app.core.campaign import Campaign
from dti_app.core.criteria_load import load_criteria
from dti_app.core.errors import CampaignError, UnitRegisterError
from dti_app.core.export_text import status_text
from dti_app.core.importer import import_inputs
from dti_app.core.issues import Issue, IssueCode, Severity
from dti_app.core.messages import render_issue
from dti_app.core.previous import compare_with_previous, load_previous
from dti_app.core.report import write_json

__all__ = ["register_commands", "open_campaign", "SUBCOMMANDS"]

_TEXT: dict[str, tuple[str, str]] = {
    "created": ("Đã tạo đợt đánh giá {path}: {criteria}; {n} đơn vị (bộ {code_set}); năm {year}.",
                "Campaign {path} created: {criteria}; {n} units (set {code_set}); year {year}."),
    "imported": ("Đã lưu lần nhập số {batch}: {files} tệp; {new} đơn vị có bản nộp mới, "
                 "{same} không đổi; {errors} lỗi, {warnings} cảnh báo.",
                 "Import {batch} saved: {files} file(s); {new} unit(s) with a new submission, "
                 "{same} unchanged; {errors} error(s), {warnings} warning(s)."),
    "new_submission": ("  {unit}: bản nộp số {id} ({file})", "  {unit}: submission {id} ({file})"),
    "verified": ("Đã ghi giá trị thẩm định {unit} › {leaf} = {value} (tự đánh giá: {own}).",
                 "Verified value saved: {unit} › {leaf} = {value} (self-assessed: {own})."),
    "cleared": ("Đã xóa giá trị thẩm định {unit} › {leaf} (đã ghi lại trong lịch sử).",
                "Verified value cleared: {unit} › {leaf} (recorded in the history)."),
    "score_change": ("Chỉ số của {unit}: {before} → {after}; hạng {rank_before} → {rank_after}.",
                     "{unit}'s index: {before} → {after}; rank {rank_before} → {rank_after}."),
    "status_change": ("Trạng thái của {unit}: {before} → {after} ({errors} lỗi chưa giải quyết).",
                      "{unit}'s status: {before} → {after} ({errors} unresolved error(s))."),
    "cell_issues": ("Vấn đề tại ô này:", "Issues on this cell:"),
    "restored": ("Đã khôi phục bản nộp số {id} cho {unit}; bản này nay là bản đang dùng.",
                 "Submission {id} restored for {unit}; it is now the one in use."),
    "snapshot": ("Đã lưu bản chụp kết quả số {id} trong đợt đánh giá.",
                 "Results snapshot {id} saved in the campaign."),
    "history_head": (f"{'Thời gian':<26} {'Loại':<15} {'Đơn vị':<6} {'Chỉ tiêu':<10} "
                     f"{'Giá trị':<8} Ghi chú",
                     f"{'Time':<26} {'Kind':<15} {'Unit':<6} {'Indicator':<10} {'Value':<8} Note"),
    "empty_history": ("Chưa có thay đổi nào.", "No changes yet."),
    "compare_head": ("Hạng  Mã  Đơn vị                         Chỉ số   Năm trước  ±Hạng  ±Điểm",
                     "Rank  Code Unit                           Index    Previous   ±Rank  ±Score"),
    "previous_from": ("So với: {source}", "Compared with: {source}"),
}
KINDS: dict[str, tuple[str, str]] = {
    "create": ("tạo tệp", "created"), "migrate": ("nâng cấp tệp", "file upgraded"),
    "criteria": ("tiêu chí", "criteria"), "import": ("nhập tệp", "import"),
    "submission": ("bản nộp mới", "submission"), "restore": ("khôi phục", "restore"),
    "verify": ("thẩm định", "verified"), "clear": ("xóa thẩm định", "cleared"),
    "snapshot": ("bản chụp", "snapshot"),
}


def _say(key: str, **params: object) -> str:
    vi, en = _TEXT[key]
    return (en if language() == "en" else vi).format(**params)


def _file_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="tệp đợt đánh giá (.dticampaign) / campaign file")


def open_campaign(path: str) -> Campaign:
    return Campaign.open(Path(path))


def _add_new(inner: argparse._SubParsersAction) -> None:
    p = inner.add_parser("new", help="tạo đợt đánh giá mới / create a campaign file")
    _file_argument(p)
    add_campaign_options(p)
    p.set_defaults(run=run_new)


def _add_import(inner: argparse._SubParsersAction) -> None:
    p = inner.add_parser("import", help="nhập phiếu vào đợt đánh giá / import submissions")
    _file_argument(p)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="tệp hoặc thư mục / files or folders")
    add_newest_wins(p)
    p.set_defaults(run=run_import)


def _add_verify(inner: argparse._SubParsersAction) -> None:
    p = inner.add_parser("verify", help="ghi hoặc xóa giá trị thẩm định / set or clear a "
                         "verified value")
    _file_argument(p)
    p.add_argument("--unit", required=True, help="mã hoặc tên đơn vị / unit code or name")
    p.add_argument("--indicator", required=True, metavar="CODE",
                   help="mã chỉ số thành phần / sub-indicator code")
    action = p.add_mutually_exclusive_group(required=True)
    action.add_argument("--value", metavar="V", help="giá trị thẩm định / verified value")
    action.add_argument("--clear", action="store_true",
                        help="xóa giá trị thẩm định / clear the verified value")
    p.add_argument("--note", required=True, help="ghi chú bắt buộc / required note")
    p.add_argument("--who", default="", help="người thẩm định / assessor")
    p.set_defaults(run=run_verify)


def _add_score(inner: argparse._SubParsersAction) -> None:
    p = inner.add_parser("score", help="chấm điểm và xếp hạng / score and rank")
    _file_argument(p)
    p.add_argument("--json", metavar="FILE",
                   help="ghi kết quả JSON (và lưu bản chụp) / write JSON (and keep a snapshot)")
    p.add_argument("--previous", metavar="FILE",
                   help="kết quả năm trước (.dticampaign hoặc JSON) / previous results")
    add_strict(p)
    p.set_defaults(run=run_score)


def _add_history(inner: argparse._SubParsersAction) -> None:
    p = inner.add_parser("history", help="lịch sử thay đổi / history of changes")
    _file_argument(p)
    p.add_argument("--unit", help="chỉ một đơn vị / one unit only")
    p.set_defaults(run=run_history)


def _add_restore(inner: argparse._SubParsersAction) -> None:
    p = inner.add_parser("restore", help="dùng lại một bản nộp trước / restore a submission")
    _file_argument(p)
    p.add_argument("--submission", required=True, type=int, metavar="ID",
                   help="số bản nộp (xem history) / submission id (see history)")
    p.set_defaults(run=run_restore)


def _add_export(inner: argparse._SubParsersAction) -> None:
    p = inner.add_parser("export", help="xuất bảng xếp hạng, biểu đồ, phiếu kết quả / export "
                         "the ranking workbook, charts, scorecards")
    _file_argument(p)
    add_output_options(p)
    add_strict(p)
    p.set_defaults(run=run_export)


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_new, _add_import, _add_verify, _add_score, _add_history, _add_restore, _add_export,
]


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("campaign", help="đợt đánh giá (tệp .dticampaign) / campaign file")
    inner = p.add_subparsers(dest="campaign_command", required=True,
                             metavar="new|import|verify|score|history|restore|export")
    for add in SUBCOMMANDS:
        add(inner)


def run_new(args: argparse.Namespace) -> int:
    criteria_path = Path(args.criteria) if args.criteria else default_criteria_path()
    criteria = load_criteria(criteria_path)  # CriteriaError: reported by main(), status 2
    criteria_text = criteria_path.read_bytes().decode("utf-8-sig")
    units, units_name = str(args.units), ""
    if units not in ("63", "34"):
        try:
            units_name = Path(units).stem
            units = Path(units).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UnitRegisterError([Issue.error(IssueCode.REGISTER_UNREADABLE,
                                                 file=Path(args.units).name,
                                                 params={"reason": exc})]) from None
    with Campaign.create(args.file, criteria_text, units, args.year,
                         criteria_name=criteria_path.name, units_name=units_name) as c:
        register = c.register()
        out(_say("created", path=args.file, criteria=f"{criteria.label} — "
                 f"{criteria.name(language())}", n=len(register), code_set=register.code_set,
                 year=c.year if c.year is not None else "—"))
    return 0


def _counts(issues) -> tuple[int, int]:
    errors = sum(i.severity is Severity.ERROR for i in issues)
    return errors, len(issues) - errors


def run_import(args: argparse.Namespace) -> int:
    with open_campaign(args.file) as c:
        imported = import_inputs(args.inputs, c.criteria(), c.register(), c.year,
                                 newest_wins=args.newest_wins)
        record = c.record_import(imported)
        if record.issues:
            print_issues(record.issues)
        register = c.register().by_code
        for unit, sub_id in record.new.items():
            label = register[unit].label if unit in register else unit
            out(_say("new_submission", unit=label, id=sub_id,
                     file=imported.origin.at[unit, "file"]))
        errors, warnings = _counts(record.issues)
        out(_say("imported", batch=record.batch_id, files=record.files, new=len(record.new),
                 same=len(record.unchanged), errors=errors, warnings=warnings))
        return 1 if errors else 0


def _resolve_unit(c: Campaign, text: str) -> str:
    resolution = c.register().resolve(text)
    if resolution.unit is None:
        raise CampaignError(f"{render_issue(resolution.issue, 'vi')} / "
                            f"{render_issue(resolution.issue, 'en')}")
    return resolution.unit.code


def _fmt(value: object, decimals: int) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "—"
    return "—" if number != number else f"{number:.{decimals}f}"


def _value(value: float) -> str:
    """A raw value as stored ('—' when the cell gave none)."""
    return "—" if value != value else f"{value:g}"


def _rank(value: object) -> str:
    return "—" if value is None or value != value or str(value) == "<NA>" else str(int(value))


def run_verify(args: argparse.Namespace) -> int:
    with open_campaign(args.file) as c:
        unit = _resolve_unit(c, args.unit)
        label = c.register().by_code[unit].label
        before = c.score()
        if args.clear:
            c.clear_verified(unit, args.indicator, args.note, args.who)
            out(_say("cleared", unit=label, leaf=args.indicator))
        else:
            value = c.set_verified(unit, args.indicator, args.value, args.note, args.who)
            own, _, _ = c.current_values()
            out(_say("verified", unit=label, leaf=args.indicator, value=f"{value:g}",
                     own=_value(own.at[unit, args.indicator])))
        after = c.score()
        d = after.criteria.decimals
        out(_say("score_change", unit=label, before=_fmt(before.shown.get(unit), d),
                 after=_fmt(after.shown.get(unit), d), rank_before=_rank(before.rank.get(unit)),
                 rank_after=_rank(after.rank.get(unit))))
        on_cell = [i for i in after.standing.issues
                   if i.node == args.indicator and unit in (i.unit, *(v.unit for v in i.verified))]
        if on_cell:
            out(_say("cell_issues"))
            print_issues(on_cell)
        out(_say("status_change", unit=label, before=status_text(before.status[unit], language()),
                 after=status_text(after.status[unit], language()),
                 errors=after.standing.of_unit(unit).errors))
    return 0


def run_score(args: argparse.Namespace) -> int:
    with open_campaign(args.file) as c:
        result, register = c.score(args.strict), c.register()
        issues = result.standing.issues
        if issues:
            print_issues(issues)
        if args.previous:
            previous = load_previous(args.previous)
            table = compare_with_previous(result, previous, register.code_set)
            _print_comparison(table, register, result)
            out(_say("previous_from", source=previous.source))
        else:
            print_ranking(result, register)
        out(summary_line(result, len(c.files())))
        if args.json:
            if _year_conflict(c):
                return 2
            document = c.results_document(result, language())
            write_json(document, Path(args.json))
            out(say("written", path=args.json))
            snapshot = c.save_snapshot(document, f"JSON: {Path(args.json).name}")
            out(_say("snapshot", id=snapshot))
        return 1 if result.standing.counts().errors else 0


def _print_comparison(table, register, result) -> None:
    decimals = result.criteria.decimals
    out(_say("compare_head"))
    scored = table[table["rank"].notna()].sort_values("rank", kind="stable")
    provisional = set(result.status.index[result.status == "provisional"])
    for code, row in scored.iterrows():
        name = register.by_code[code].name(language()) if code in register.by_code else code
        change = row["rank_change"]
        moved = "—" if str(change) == "<NA>" else (f"{int(change):+d}" if change else "0")
        delta = row["score_change"]
        shown = "—" if delta != delta else f"{delta:+.{decimals}f}"
        mark = "*" if code in provisional else " "
        out(f"{int(row['rank']):>4}{mark} {code:<3} {name:<30} {_fmt(row['score'], decimals):>7}  "
            f"{_fmt(row['previous_score'], decimals):>9}  {moved:>5}  {shown:>6}")
    if provisional & set(scored.index):
        out(say("provisional_legend"))


def run_history(args: argparse.Namespace) -> int:
    with open_campaign(args.file) as c:
        unit = _resolve_unit(c, args.unit) if args.unit else None
        frame = c.history(unit)
    if frame.empty:
        out(_say("empty_history"))
        return 0
    lang = 1 if language() == "en" else 0
    out(_say("history_head"))
    for row in frame.itertuples(index=False):
        kind = KINDS.get(row.kind, (row.kind, row.kind))[lang]
        if row.kind in ("submission", "restore", "import", "snapshot", "criteria"):
            kind = f"{kind} #{row.ref}"
        value = "" if row.value != row.value else f"{row.value:g}"
        note = " · ".join(p for p in (row.note, row.who and f"({row.who})", row.detail) if p)
        out(f"{row.time:<26} {kind:<15} {row.unit:<6} {row.leaf:<10} {value:<8} {note}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    with open_campaign(args.file) as c:
        unit = c.restore_submission(args.submission)
        label = c.register().by_code[unit].label if unit in c.register().by_code else unit
        out(_say("restored", id=args.submission, unit=label))
    return 0


def _year_conflict(c: Campaign) -> bool:
    """A campaign without a year whose files state different years publishes nothing."""
    choice = c.assessment_year()
    if choice.conflict:
        sys.stderr.write(say("year_conflict", years=choice.summary()) + "\n")
    return choice.conflict


def run_export(args: argparse.Namespace) -> int:
    """Export from the campaign's final values (self-assessed, verified and final all shown)."""
    with open_campaign(args.file) as c:
        result, register = c.score(args.strict), c.register()
        issues = result.standing.issues
        layers = c.value_layers()
        options = Outputs.from_args(args)
        if _year_conflict(c):
            return 2
        written = write_outputs(options, result, register, issues, c.files(), layers["final"],
                                year=c.assessment_year().year,
                                self_values=layers["self_assessed"],
                                verified_values=layers["verified"])
        if written:
            label = ", ".join(p.name for p in written[:3]) + (" …" if len(written) > 3 else "")
            snapshot = c.save_snapshot(c.results_document(result, language()),
                                       f"export: {label}")
            out(_say("snapshot", id=snapshot))
        return 1 if result.standing.counts().errors else 0
