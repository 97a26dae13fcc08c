"""Options and steps shared by the CLI commands: loading criteria and units, printing issues."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from dti_app.cli.text import language, say
from dti_app.core.bundled import default_criteria_path
from dti_app.core.criteria import Criteria
from dti_app.core.criteria_load import load_criteria
from dti_app.core.issues import Issue, Severity
from dti_app.core.messages import render_issue
from dti_app.core.units import UnitRegister, load_register

__all__ = ["add_campaign_options", "load_setup", "print_issues", "out"]


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def add_campaign_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--criteria", metavar="FILE",
                        help="tệp tiêu chí YAML (mặc định: DTI 2022) / criteria file")
    parser.add_argument("--units", default="63", metavar="63|34|FILE.csv",
                        help="bộ đơn vị (mặc định 63) / unit set")
    parser.add_argument("--year", type=int, metavar="YYYY", help="năm đánh giá / assessment year")


def load_setup(args: argparse.Namespace) -> tuple[Criteria, UnitRegister]:
    """Criteria and register from the options; errors propagate as ``DtiError``."""
    criteria = load_criteria(args.criteria or default_criteria_path())
    register = load_register(args.units)
    return criteria, register


def print_issues(issues: list[Issue], stream=None) -> None:
    """The issues grouped by file, errors first within each file."""
    stream = stream or sys.stdout
    if not issues:
        stream.write(say("no_issues") + "\n")
        return
    groups: dict[str, list[Issue]] = defaultdict(list)
    for issue in issues:
        groups[issue.file].append(issue)
    for file in sorted(groups, key=lambda f: (f == "", f)):
        stream.write((say("issues_of", file=file) if file else say("issues_general")) + "\n")
        ordered = sorted(groups[file], key=lambda i: i.severity is not Severity.ERROR)
        for issue in ordered:
            mark = "LỖI " if issue.severity is Severity.ERROR else "CẢNH BÁO "
            if language() == "en":
                mark = "ERROR " if issue.severity is Severity.ERROR else "WARNING "
            where = " › ".join(p for p in (issue.sheet, issue.cell) if p)
            prefix = f"  {mark}[{issue.code.value}]" + (f" {where}:" if where else ":")
            stream.write(f"{prefix} {render_issue(issue, language())}\n")
