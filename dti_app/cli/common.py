"""Options and steps shared by the CLI commands: inputs, criteria and units, one import-and-score
step, the assessment year, the summary line, and printing issues.

The assessment year (``Scored.year``) is ``--year`` when given, else the year every input file
states (said on a line of its own), else not stated; when the files state different years
``year_refusal`` prints why and the command stops with exit status 2 before writing anything.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass

from dti_app.cli.text import language, say
from dti_app.core.assessment_year import YearChoice, choose_year
from dti_app.core.bundled import default_criteria_path
from dti_app.core.criteria import Criteria
from dti_app.core.criteria_load import load_criteria
from dti_app.core.imported import ImportResult
from dti_app.core.issues import Issue, Severity
from dti_app.core.messages import render_issue, render_resolution
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister, load_register

__all__ = ["add_campaign_options", "add_input_options", "add_newest_wins", "add_strict",
           "load_setup", "Scored", "import_and_score", "year_refusal", "summary_line",
           "print_issues", "out"]


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def add_campaign_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--criteria", metavar="FILE",
                        help="tệp tiêu chí YAML (mặc định: DTI 2022) / criteria file")
    parser.add_argument("--units", default="63", metavar="63|34|FILE.csv",
                        help="bộ đơn vị (mặc định 63) / unit set")
    parser.add_argument("--year", type=int, metavar="YYYY", help="năm đánh giá / assessment year")


def add_newest_wins(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--newest-wins", action="store_true",
                        help="khi một đơn vị nộp nhiều lần, dùng tệp mới nhất / newest file wins")


def add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true",
                        help="không xếp hạng đơn vị tạm tính (còn lỗi chưa giải quyết) / leave "
                             "provisional units (unresolved errors) out of the ranking")


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """INPUT... plus --criteria, --units, --year, --newest-wins and --strict."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="tệp hoặc thư mục / files or folders")
    add_campaign_options(parser)
    add_newest_wins(parser)
    add_strict(parser)


def load_setup(args: argparse.Namespace) -> tuple[Criteria, UnitRegister]:
    """Criteria and register from the options; errors propagate as ``DtiError``."""
    criteria = load_criteria(args.criteria or default_criteria_path())
    register = load_register(args.units)
    return criteria, register


@dataclass
class Scored:
    """What one import-and-score step gave."""

    criteria: Criteria
    register: UnitRegister
    imported: ImportResult
    result: ScoreResult
    year_choice: YearChoice = YearChoice(None, "none")

    @property
    def issues(self) -> list[Issue]:
        """The issues about the data in use (``standing``), scoring's own included."""
        return self.result.standing.issues

    @property
    def year(self) -> int | None:
        """The assessment year to publish (None: not stated by anything)."""
        return self.year_choice.year

    @property
    def errors(self) -> list[Issue]:
        """The unresolved errors."""
        return [i for i in self.issues if i.severity is Severity.ERROR and not i.resolved]

    @property
    def exit_status(self) -> int:
        """0 when every input was valid, 1 when some had errors (reported, the rest scored)."""
        return 1 if self.result.standing.counts().errors else 0


def import_and_score(args: argparse.Namespace, inputs=None, criteria: Criteria | None = None,
                     register: UnitRegister | None = None, year: int | None = None) -> Scored:
    """Import ``inputs`` (default: ``args.inputs``) and score them, with the options' setup."""
    from dti_app.core.importer import import_inputs
    from dti_app.core.scoring import score_units
    from dti_app.core.standing import assess

    if criteria is None or register is None:
        criteria, register = load_setup(args)
    given = year if year is not None else getattr(args, "year", None)
    imported = import_inputs(inputs if inputs is not None else args.inputs, criteria, register,
                             given, newest_wins=getattr(args, "newest_wins", False))
    result = score_units(criteria, imported.values, register, imported.invalid,
                         standing=assess(imported.issues, imported.origin),
                         strict=getattr(args, "strict", False))
    return Scored(criteria, register, imported, result, choose_year(given, imported.files))


def year_refusal(scored: Scored) -> int | None:
    """Say which year is published; 2 (after saying why) when the inputs disagree."""
    choice = scored.year_choice
    if choice.conflict:
        sys.stderr.write(say("year_conflict", years=choice.summary()) + "\n")
        return 2
    if choice.source == "inputs":
        out(say("year_from_inputs", year=choice.year))
    elif choice.source == "none":
        out(say("year_not_stated"))
    return None


def summary_line(result: ScoreResult, files: int) -> str:
    """'63 tệp; 60 đơn vị được chấm (2 tạm tính), …; 9 lỗi, 446 cảnh báo, …'."""
    status = result.status.value_counts()
    counts = result.standing.counts()
    provisional = int(status.get("provisional", 0))
    text = say("summary", files=files,
               scored=int(status.get("scored", 0)) + provisional,
               missing=int(status.get("missing", 0)), invalid=int(status.get("invalid", 0)),
               errors=counts.errors, warnings=counts.warnings)
    if provisional:
        key = "summary_unranked" if result.strict else "summary_provisional"
        text += " " + say(key, n=provisional)
    if counts.resolved:
        text += " " + say("summary_resolved", n=counts.resolved)
    return text


def print_issues(issues: list[Issue], stream=None) -> None:
    """The issues grouped by file, errors first within each file; an issue settled by a verified
    value is shown as resolved, with the value and the note."""
    stream = stream or sys.stdout
    if not issues:
        stream.write(say("no_issues") + "\n")
        return
    groups: dict[str, list[Issue]] = defaultdict(list)
    for issue in issues:
        groups[issue.file].append(issue)
    for file in sorted(groups, key=lambda f: (f == "", f)):
        stream.write((say("issues_of", file=file) if file else say("issues_general")) + "\n")
        ordered = sorted(groups[file], key=lambda i: (i.resolved,
                                                       i.severity is not Severity.ERROR))
        for issue in ordered:
            mark = "LỖI " if issue.severity is Severity.ERROR else "CẢNH BÁO "
            if language() == "en":
                mark = "ERROR " if issue.severity is Severity.ERROR else "WARNING "
            if issue.resolved:
                mark = say("resolved_mark") + " " + mark
            where = " › ".join(p for p in (issue.sheet, issue.cell) if p)
            prefix = f"  {mark}[{issue.code.value}]" + (f" {where}:" if where else ":")
            text = render_issue(issue, language())
            if issue.resolved:
                text += " — " + render_resolution(issue, language())
            stream.write(f"{prefix} {text}\n")
