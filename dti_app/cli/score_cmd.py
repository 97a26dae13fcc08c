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
    out(summary_line(scored.result, len(scored.imported.files)))
    refused = year_refusal(scored)
    if refused is not None:
        return refused
    write_outputs(Outputs.from_args(args), scored.result, scored.register, scored.issues,
                  scored.imported.files, scored.imported.values, year=scored.year)
    return scored.exit_status


def _names(register, codes, limit: int = 10) -> str:
    names = [register.by_code[c].name(language()) if c in register.by_code else c for c in codes]
    return ", ".join(names[:limit]) + (" …" if len(names) > limit else "")


def print_ranking(result, register, limit: int | None = None) -> None:
    """The ranking table; a provisional unit's rank carries a '*' and its unresolved errors,
    explained by a legend line; units left unranked by --strict and missing ones follow."""
    out(say("ranking_head"))
    table = result.ranking()
    if limit:
        table = table.head(limit)
    fmt = f"{{:.{result.criteria.decimals}f}}"
    marked = False
    for code, row in table.iterrows():
        name = register.by_code[code].name(language()) if code in register.by_code else code
        line = f"{int(row['rank']):>4}  {code:<3} {name:<30} {fmt.format(row['index'])}"
        if result.status[code] == "provisional":
            marked = True
            errors = result.standing.of_unit(code).errors
            line = f"{int(row['rank']):>3}* {line[5:]}  ({say('provisional_row', n=errors)})"
        out(line)
    if marked:
        out(say("provisional_legend"))
    unranked = list(result.unranked_provisional)
    if unranked:
        out(say("unranked_list", n=len(unranked), names=_names(register, unranked)))
    missing = [c for c in result.status.index
               if result.status[c] == "missing" and c in register.by_code]
    if missing:
        out(say("missing_list", n=len(missing), names=_names(register, missing)))


def run_score(args: argparse.Namespace) -> int:
    scored = import_and_score(args)
    if scored.issues:
        print_issues(scored.issues)
    refused = year_refusal(scored)
    if refused is not None:
        out(summary_line(scored.result, len(scored.imported.files)))
        return refused
    print_ranking(scored.result, scored.register)
    out(summary_line(scored.result, len(scored.imported.files)))
    write_outputs(Outputs.from_args(args), scored.result, scored.register, scored.issues,
                  scored.imported.files, scored.imported.values, year=scored.year)
    return scored.exit_status
