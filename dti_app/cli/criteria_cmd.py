"""``dti-scorer criteria check FILE``."""

from __future__ import annotations

import argparse

from dti_app.cli.common import out
from dti_app.cli.text import language, say
from dti_app.core.criteria_load import load_criteria

__all__ = ["register_commands"]


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("criteria", help="làm việc với tệp tiêu chí / criteria files")
    inner = p.add_subparsers(dest="criteria_command", required=True, metavar="check")
    check = inner.add_parser("check", help="kiểm tra tệp tiêu chí / check a criteria file")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    c = load_criteria(args.file)  # a CriteriaError is reported by main() with exit status 2
    lang = language()
    out(say("criteria_ok", label=c.label, name=c.name(lang)))
    out(say("criteria_summary", mains=len(c.main_indicators), leaves=len(c.leaves),
            points=f"{c.max_points():g}", pillars=", ".join(
                f"{p.code} ({c.pillar_points(p):g})" for p in c.pillars) or "—", sha=c.sha256))
    if c.illustrative:
        out(say("illustrative", note=c.note_en if lang == "en" else c.note_vi))
    return 0
