"""``dti-scorer validate`` and ``dti-scorer score``."""

from __future__ import annotations

import argparse

from dti_app.cli.common import (
    add_input_options,
    import_and_score,
    out,
    print_issues,
    summary_line,
    year_refusal,
)
from dti_app.cli.outputs import Outputs, add_output_options, write_outputs
from dti_app.cli.text import language, say

__all__ = ["register_commands"]


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="kiểm tra tệp đầu vào / check input files")
    add_input_options(p)
    p.add_argument("--json", metavar="FILE", help="ghi kết quả dạng JSON / write JSON")
    p.set_defaults(run=run_validate)

    p = sub.add_parser("score", help="chấm điểm và xếp hạng / score and rank")
    add_input_options(p)
    add_output_options(p)
    p.set_defaults(run=run_score)


def run_validate(args: argparse.Namespace) -> int:
    scored = import_and_score(args)
    print_issues(scored.issues)
    out(summary_line(scored))
    refused = year_refusal(scored)
    if refused is not None:
        return refused
    write_outputs(Outputs.from_args(args), scored.result, scored.register, scored.issues,
                  scored.imported.files, scored.imported.values, year=scored.year)
    return scored.exit_status


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
    scored = import_and_score(args)
    if scored.issues:
        print_issues(scored.issues)
    refused = year_refusal(scored)
    if refused is not None:
        out(summary_line(scored))
        return refused
    print_ranking(scored.result, scored.register)
    out(summary_line(scored))
    write_outputs(Outputs.from_args(args), scored.result, scored.register, scored.issues,
                  scored.imported.files, scored.imported.values, year=scored.year)
    return scored.exit_status
