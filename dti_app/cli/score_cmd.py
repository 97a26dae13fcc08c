"""``dti-scorer validate`` and ``dti-scorer score``."""

from __future__ import annotations

import argparse
from pathlib import Path

from dti_app.cli.common import add_campaign_options, load_setup, out, print_issues
from dti_app.cli.outputs import Outputs, add_output_options, write_outputs
from dti_app.cli.text import language, say
from dti_app.core.importer import import_inputs
from dti_app.core.issues import Severity
from dti_app.core.report import result_document, write_json
from dti_app.core.scoring import score_units

__all__ = ["register_commands"]


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="kiểm tra tệp đầu vào / check input files")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="tệp hoặc thư mục / files or folders")
    add_campaign_options(p)
    p.add_argument("--json", metavar="FILE", help="ghi kết quả dạng JSON / write JSON")
    p.add_argument("--newest-wins", action="store_true",
                   help="khi một đơn vị nộp nhiều lần, dùng tệp mới nhất / newest file wins")
    p.set_defaults(run=run_validate)

    p = sub.add_parser("score", help="chấm điểm và xếp hạng / score and rank")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="tệp hoặc thư mục / files or folders")
    add_campaign_options(p)
    add_output_options(p)
    p.add_argument("--newest-wins", action="store_true",
                   help="khi một đơn vị nộp nhiều lần, dùng tệp mới nhất / newest file wins")
    p.set_defaults(run=run_score)


def _import_and_score(args: argparse.Namespace):
    criteria, register = load_setup(args)
    imported = import_inputs(args.inputs, criteria, register, args.year,
                             newest_wins=args.newest_wins)
    result = score_units(criteria, imported.values, register, imported.invalid)
    issues = imported.issues + result.issues
    return criteria, register, imported, result, issues


def _exit_status(issues) -> int:
    return 1 if any(i.severity is Severity.ERROR for i in issues) else 0


def _summary(imported, result, issues) -> str:
    counts = result.status.value_counts()
    return say("summary", files=len(imported.files), scored=int(counts.get("scored", 0)),
               missing=int(counts.get("missing", 0)), invalid=int(counts.get("invalid", 0)),
               errors=sum(i.severity is Severity.ERROR for i in issues),
               warnings=sum(i.severity is Severity.WARNING for i in issues))


def run_validate(args: argparse.Namespace) -> int:
    criteria, register, imported, result, issues = _import_and_score(args)
    print_issues(issues)
    out(_summary(imported, result, issues))
    if args.json:
        write_json(result_document(result, register, issues, language()), Path(args.json))
        out(say("written", path=args.json))
    return _exit_status(issues)


def print_ranking(result, register, limit: int | None = None) -> None:
    out(say("ranking_head"))
    table = result.ranking()
    if limit:
        table = table.head(limit)
    fmt = f"{{:.{result.criteria.decimals}f}}"
    for code, row in table.iterrows():
        name = register.by_code[code].name(language()) if code in register.by_code else code
        out(f"{int(row['rank']):>4}  {code:<3} {name:<30} {fmt.format(row['index'])}")
    missing = [register.by_code[c].name(language()) for c in result.status.index
               if result.status[c] == "missing" and c in register.by_code]
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        out(say("missing_list", n=len(missing), names=shown))


def run_score(args: argparse.Namespace) -> int:
    criteria, register, imported, result, issues = _import_and_score(args)
    if issues:
        print_issues(issues)
    print_ranking(result, register)
    out(_summary(imported, result, issues))
    write_outputs(Outputs.from_args(args), result, register, issues, imported.files,
                  imported.values, year=args.year or criteria.year)
    return _exit_status(issues)
