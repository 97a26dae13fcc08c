"""How long the exports take for the 63 bundled sample workbooks.

    python benchmarks/bench_exports.py [--out DIR] [--repeat N] [--no-scorecards]

Measures, each as wall-clock and CPU time: the ranking workbook (against a plain-openpyxl
baseline writing the same ranking cells with no formatting, in the same run), every chart in
PNG, SVG and PDF, and the 63 scorecards (one PDF each and the combined PDF).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from dti_app.core.bundled import bundled_dir, default_criteria_path
from dti_app.core.chart_export import write_all_charts
from dti_app.core.criteria_load import load_criteria
from dti_app.core.export_workbook import write_ranking_workbook
from dti_app.core.importer import import_inputs
from dti_app.core.scorecard import write_scorecards
from dti_app.core.scoring import score_units
from dti_app.core.units import builtin_register


def timed(run, repeat: int = 1) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``run()``."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def baseline(path: Path, result, register) -> None:
    """Plain openpyxl: the ranking's rank, code, name and index, nothing else."""
    wb = Workbook()
    ws = wb.active
    ws.append(["rank", "code", "unit", "index"])
    for code, row in result.ranking().iterrows():
        ws.append([int(row["rank"]), code, register.by_code[code].name_vi, float(row["index"])])
    wb.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-scorecards", action="store_true")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="dti_bench_"))
    out.mkdir(parents=True, exist_ok=True)
    criteria = load_criteria(default_criteria_path())
    register = builtin_register("63")
    imported = import_inputs([bundled_dir("sample_workbooks")], criteria, register)
    result = score_units(criteria, imported.values, register, imported.invalid)
    issues = imported.issues + result.issues
    print(f"{int((result.status == 'scored').sum())} units scored, output in {out}")

    rows = [("plain openpyxl baseline (ranking only)",
             timed(lambda: baseline(out / "baseline.xlsx", result, register), args.repeat)),
            ("ranking workbook", timed(lambda: write_ranking_workbook(
                out / "xep_hang_DTI.xlsx", result, register, issues=issues,
                files=imported.files, final_values=imported.values), args.repeat)),
            ("ranking workbook with self/verified/final values", timed(
                lambda: write_ranking_workbook(
                    out / "xep_hang_verified.xlsx", result, register, issues=issues,
                    files=imported.files, self_values=imported.values,
                    verified_values=imported.values, final_values=imported.values),
                args.repeat)),
            ("all charts, PNG + SVG + PDF",
             timed(lambda: write_all_charts(out / "charts", result, register)))]
    if not args.no_scorecards:
        rows.append(("63 scorecards + combined PDF", timed(lambda: write_scorecards(
            out / "scorecards", result, register, issues, imported.values))))
    for name, (wall, cpu) in rows:
        print(f"{name:<52} {wall:7.2f} s wall {cpu:7.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
