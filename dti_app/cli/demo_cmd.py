"""``dti-scorer demo [--out DIR]``: score the bundled SYNTHETIC sample workbooks.

The samples are read with the default criteria (DTI 2022) and the 63 units, the top 10 of the
ranking is printed, and with ``--out`` the results are written by ``write_outputs``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dti_app.cli.common import out, print_issues
from dti_app.cli.score_cmd import print_ranking
from dti_app.cli.text import language, say
from dti_app.core.bundled import bundled_dir, default_criteria_path
from dti_app.core.criteria_load import load_criteria
from dti_app.core.importer import import_inputs
from dti_app.core.issues import Issue, Severity
from dti_app.core.report import result_document, write_json
from dti_app.core.scoring import ScoreResult, score_units
from dti_app.core.units import UnitRegister, builtin_register

__all__ = ["register_commands", "run_demo", "write_outputs", "TOP"]

TOP = 10


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="chấm điểm bộ phiếu mẫu kèm theo / score the bundled "
                                    "sample workbooks")
    p.add_argument("--out", metavar="DIR", help="thư mục ghi kết quả / folder for the results")
    p.set_defaults(run=run_demo)


def write_outputs(result: ScoreResult, register: UnitRegister, issues: list[Issue],
                  out_dir: Path) -> list[Path]:
    """Write the demo's results into ``out_dir``; the files written.

    For now the JSON result (as ``--json`` writes it) as ``ket_qua.json``; the ranking workbook
    and the charts are to be added here.
    """
    path = Path(out_dir) / "ket_qua.json"
    write_json(result_document(result, register, issues, language()), path)
    return [path]


def run_demo(args: argparse.Namespace) -> int:
    folder = bundled_dir("sample_workbooks")
    if not folder.is_dir():
        out(say("demo_missing", folder=folder))
        return 2
    criteria = load_criteria(default_criteria_path())
    register = builtin_register("63")
    out(say("demo_source", folder=folder))
    imported = import_inputs([folder], criteria, register, criteria.year)
    result = score_units(criteria, imported.values, register, imported.invalid)
    issues = imported.issues + result.issues
    if any(i.severity is Severity.ERROR for i in issues):
        print_issues(issues)
    out(say("demo_top", n=TOP))
    print_ranking(result, register, limit=TOP)
    counts = result.status.value_counts()
    out(say("summary", files=len(imported.files), scored=int(counts.get("scored", 0)),
            missing=int(counts.get("missing", 0)), invalid=int(counts.get("invalid", 0)),
            errors=sum(i.severity is Severity.ERROR for i in issues),
            warnings=sum(i.severity is Severity.WARNING for i in issues)))
    if args.out:
        for path in write_outputs(result, register, issues, Path(args.out)):
            out(say("written", path=path))
    return 1 if any(i.severity is Severity.ERROR for i in issues) else 0
