"""``dti-scorer template [--criteria FILE] [--units 63|34|FILE.csv] [--year YYYY] --out DIR``.

The year written on the templates is ``--year``; without it, the criteria file's year, said so
on its own line; a criteria file without a year then needs ``--year`` (exit status 2). A year
other than the criteria file's is written as asked, with a note saying the criteria were
written for another year.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dti_app.cli.common import add_campaign_options, load_setup, out
from dti_app.cli.text import say
from dti_app.core.template import write_templates

__all__ = ["register_commands", "run_template"]


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="tạo mẫu phiếu tự đánh giá cho từng đơn vị / "
                                        "write one self-assessment template per unit")
    add_campaign_options(p)
    p.add_argument("--out", required=True, metavar="DIR",
                   help="thư mục ghi mẫu phiếu / folder for the templates")
    p.set_defaults(run=run_template)


def run_template(args: argparse.Namespace) -> int:
    criteria, register = load_setup(args)
    year = args.year if args.year is not None else criteria.year
    if year is None:
        sys.stderr.write(say("template_year_needed", criteria=criteria.label) + "\n")
        return 2
    if args.year is None:
        out(say("template_year_from_criteria", year=year, criteria=criteria.label))
    elif criteria.year is not None and criteria.year != year:
        sys.stderr.write(say("template_year_other", criteria=criteria.label,
                             criteria_year=criteria.year, year=year) + "\n")
    written = write_templates(criteria, register, year, Path(args.out))
    out(say("template_written", n=len(written), criteria=criteria.label, year=year,
            code_set=register.code_set, folder=args.out))
    return 0
