"""``dti-scorer demo [--out DIR] [--scorecards]``: score the bundled SYNTHETIC sample workbooks.

The samples are read with the default criteria (DTI 2022) and the 63 units (the year is the one
the samples state, as for ``score`` without ``--year``), the top 10 of the ranking is printed,
and the ranking workbook, the JSON result and the charts are written to DIR (default
``dti-demo``); ``--scorecards`` adds the one-page scorecards (about a minute more).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dti_app.cli.common import import_and_score, out, print_issues, summary_line, year_refusal
from dti_app.cli.outputs import Outputs, write_outputs
from dti_app.cli.score_cmd import print_ranking
from dti_app.cli.text import say
from dti_app.core.bundled import bundled_dir, default_criteria_path
from dti_app.core.criteria_load import load_criteria
from dti_app.core.units import builtin_register

__all__ = ["register_commands", "run_demo", "demo_outputs", "TOP"]

TOP = 10


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="chấm điểm bộ phiếu mẫu kèm theo / score the bundled "
                                    "sample workbooks")
    p.add_argument("--out", metavar="DIR", default="dti-demo",
                   help="thư mục ghi kết quả (mặc định dti-demo) / output folder")
    p.add_argument("--scorecards", action="store_true",
                   help="ghi thêm phiếu kết quả PDF từng đơn vị / also write scorecards")
    p.set_defaults(run=run_demo)


def demo_outputs(out_dir: Path, scorecards: bool) -> Outputs:
    """The demo's files: workbook, JSON and charts in ``out_dir`` (scorecards on request).

    The demo is a quick look: its charts are PNG at screen resolution; ``score --charts``
    writes publication PNG, SVG and PDF.
    """
    return Outputs(json=out_dir / "ket_qua.json", workbook=out_dir / "xep_hang_DTI.xlsx",
                   charts=out_dir / "bieu_do", formats=("png",), dpi=110,
                   scorecards=out_dir / "phieu_ket_qua" if scorecards else None)


def run_demo(args: argparse.Namespace) -> int:
    folder = bundled_dir("sample_workbooks")
    if not folder.is_dir():
        out(say("demo_missing", folder=folder))
        return 2
    criteria = load_criteria(default_criteria_path())
    register = builtin_register("63")
    out(say("demo_source", folder=folder))
    scored = import_and_score(args, [folder], criteria, register)
    if scored.errors:
        print_issues(scored.issues)
    refused = year_refusal(scored)
    if refused is not None:
        return refused
    out(say("demo_top", n=TOP))
    print_ranking(scored.result, register, limit=TOP)
    out(summary_line(scored.result, len(scored.imported.files)))
    write_outputs(demo_outputs(Path(args.out), args.scorecards), scored.result, register,
                  scored.issues, scored.imported.files, scored.imported.values,
                  year=scored.year)
    return scored.exit_status
