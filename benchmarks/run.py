"""DTI Scorer benchmark: one table of figures, each with its target, and a pass/fail line.

    python benchmarks/run.py            # the full run (10,000 units included; a few minutes)
    python benchmarks/run.py --tiny     # a quick check that every step runs (tiny inputs)

Inputs are generated into a temporary folder with the project's own generator (sample values
from ``dti_app.core.sample_data``, workbooks with the template layout). Times are medians over
several runs (``n`` in the table); where there is a baseline it is measured in the same run and
the ratio is printed, because on a shared machine ratios hold where absolute times drift. The
last line reads ``N passed, M failed``; the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from inputs import write_workbooks  # noqa: E402

from dti_app.core.bundled import default_criteria_path  # noqa: E402
from dti_app.core.criteria_load import load_criteria  # noqa: E402
from dti_app.core.export_workbook import write_ranking_workbook  # noqa: E402
from dti_app.core.importer import import_inputs  # noqa: E402
from dti_app.core.sample_data import generate_values, synthetic_register  # noqa: E402
from dti_app.core.scoring import score_units  # noqa: E402
from dti_app.core.sensitivity import rank_stability  # noqa: E402
from dti_app.core.template_layout import COVER_SHEET, DATA_SHEET, META_SHEET  # noqa: E402
from dti_app.core.units import builtin_register  # noqa: E402


@dataclass
class Row:
    label: str
    seconds: float
    runs: int
    target: float | None = None          # seconds
    baseline: float | None = None        # seconds, same run
    min_ratio: float | None = None       # baseline / ours must reach this
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.baseline is None else self.baseline / self.seconds

    @property
    def ok(self) -> bool | None:
        checks = []
        if self.target is not None:
            checks.append(self.seconds < self.target)
        if self.min_ratio is not None and self.ratio is not None:
            checks.append(self.ratio >= self.min_ratio)
        return all(checks) if checks else None


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def openpyxl_baseline(paths: list[Path]) -> None:
    """Plain openpyxl (read-only) reading the cells the importer reads, one pass per sheet.

    The importer finds the cover fields by their labels (first 60 rows, label and value
    columns), reads the hidden ``_meta`` sheet (key and value columns: criteria, unit, year and
    every sub-indicator's cell), and in the indicator sheet the code and value of every row.
    """
    from openpyxl import load_workbook

    for path in paths:
        wb = load_workbook(path, read_only=True, data_only=True)
        _ = list(wb[COVER_SHEET].iter_rows(max_row=60, max_col=5, values_only=True))
        _ = list(wb[META_SHEET].iter_rows(max_col=2, values_only=True))
        _ = [(row[0], row[5]) for row in wb[DATA_SHEET].iter_rows(max_col=6, values_only=True)]
        wb.close()


def openpyxl_values_only(paths: list[Path], cells: list[str]) -> None:
    """A narrower reference: only the value column and four cover rows (no _meta, no codes)."""
    from openpyxl import load_workbook

    for path in paths:
        wb = load_workbook(path, read_only=True, data_only=True)
        _ = list(wb[COVER_SHEET].iter_rows(min_row=5, max_row=8, max_col=2, values_only=True))
        rows = {int(c[1:]) for c in cells}
        for r, row in enumerate(wb[DATA_SHEET].iter_rows(min_col=6, max_col=6, values_only=True),
                                start=1):
            if r in rows:
                _ = row[0]
        wb.close()


def _write_chunk(args: tuple) -> int:
    criteria_path, n, year, out_dir, start, stop = args
    criteria = load_criteria(criteria_path)
    register = synthetic_register(n)
    values = generate_values(criteria, register)
    return len(write_workbooks(criteria, register, values, year, Path(out_dir),
                               units=register.units[start:stop]))


def generate_large(criteria_path: Path, n: int, year: int, out_dir: Path) -> None:
    step = max(1, n // 8)
    chunks = [(str(criteria_path), n, year, str(out_dir), i, min(n, i + step))
              for i in range(0, n, step)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_write_chunk, chunks))


def peak_memory_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + kids) / 1024


def cold_start(args: list[str], runs: int, env: dict | None = None) -> float:
    def once() -> None:
        subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env,
                       cwd=HERE.parent)
    return median_time(once, runs)


APP_PROBE = (  # the app's own start-up check: window shown and drawn once, then quit
    "import time\n"
    "t0 = time.perf_counter()\n"
    "from dti_app.gui.app import main\n"
    "main(['--check-start'])\n"
    "print(time.perf_counter() - t0)\n"
)


def run(tiny: bool) -> list[Row]:
    criteria_path = default_criteria_path()
    criteria = load_criteria(criteria_path)
    reg63 = builtin_register("63")
    big_n = 40 if tiny else 10_000
    small_runs, big_runs = (1, 1) if tiny else (7, 1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="dti-bench-") as tmp:
        tmp = Path(tmp)
        values63 = generate_values(criteria, reg63)
        paths63 = write_workbooks(criteria, reg63, values63, 2022, tmp / "w63")
        from dti_app.core.template import leaf_cells

        cells = list(leaf_cells(criteria).values())

        def ours63():
            imported = import_inputs([tmp / "w63"], criteria, reg63, 2022)
            return score_units(criteria, imported.values, reg63, imported.invalid)

        result63 = ours63()
        assert (result63.status == "scored").sum() == 63, "the 63 workbooks must all score"
        # baseline and ours alternate, so a machine that slows down for a while slows both
        rounds = 1 if tiny else 9
        times: dict[str, list[float]] = {"base": [], "narrow": [], "ours": []}
        for i in range(rounds):
            times["base"].append(median_time(lambda: openpyxl_baseline(paths63), 1))
            if i < 3:
                times["narrow"].append(median_time(
                    lambda: openpyxl_values_only(paths63, cells), 1))
            times["ours"].append(median_time(ours63, 1))
        base, narrow, ours = (statistics.median(times[k]) for k in ("base", "narrow", "ours"))
        rows.append(Row("(1) 63 workbooks: read+validate+score+rank", ours, rounds,
                        target=0.3, baseline=base, min_ratio=10.0,
                        note="baseline: openpyxl reading the same cells (cover, _meta, codes "
                             f"and values); value column only: {narrow:.3f} s, "
                             f"{narrow / ours:.1f}×"))

        big = synthetic_register(big_n)
        start = time.perf_counter()
        generate_large(criteria_path, big_n, 2022, tmp / "wbig")
        made = time.perf_counter() - start
        ticks = []
        mem_before = peak_memory_mib()

        def ours_big():
            imported = import_inputs([tmp / "wbig"], criteria, big, 2022, workers=2,
                                     progress=lambda d, t: ticks.append(d))
            return imported, score_units(criteria, imported.values, big, imported.invalid)

        t_big = median_time(ours_big, big_runs)
        ticks.clear()
        _, result_big = ours_big()
        assert (result_big.status == "scored").sum() == big_n
        mem = peak_memory_mib()
        every_file = len(ticks) >= big_n and ticks[:big_n] == list(range(1, big_n + 1))
        rows.append(Row(f"(2) {big_n:,} workbooks, 2 processes", t_big, big_runs,
                        target=60.0, note=f"peak {mem:,.0f} MiB (before {mem_before:,.0f}); "
                        f"progress every file: {'yes' if every_file else 'NO'}; "
                        f"inputs made in {made:.1f} s"))
        rows.append(Row("(2) peak memory under 1.5 GiB", mem / 1024, 1, target=1.5,
                        note="GiB, own process + largest worker"))
        if not every_file:
            rows.append(Row("(2) progress callback after every file", 1.0, 1, target=0.0))

        changed = criteria.with_weights(points={"HDCQS.01": 20})
        for label, result, register, target, runs in (
                ("(3) re-score + re-rank after a weight change, 63", result63, reg63, 0.020, 21),
                (f"(3) re-score + re-rank after a weight change, {big_n:,}", result_big, big,
                 0.5, 5)):
            values = result.leaf_fraction.loc[result.status == "scored"]

            def rescore(values=values, register=register):
                return score_units(changed, values, register, leaf_fraction=values)

            rows.append(Row(label, median_time(rescore, runs), runs, target=target))

        for label, result, register, target, runs in (
                ("(4) export ranking workbook, 63", result63, reg63, 2.0, 1 if tiny else 3),
                (f"(4) export ranking workbook, {big_n:,}", result_big, big, 60.0, 1)):
            path = tmp / f"rank_{len(register)}.xlsx"

            def export(result=result, register=register, path=path):
                write_ranking_workbook(path, result, register, issues=[], files=[])

            rows.append(Row(label, median_time(export, runs), runs, target=target))

        mc_runs = 50 if tiny else 1000
        rows.append(Row(f"(5) Monte Carlo {mc_runs:,} weight runs, 63 units", median_time(
            lambda: rank_stability(criteria, result63.leaf_fraction, reg63, runs=mc_runs),
            3 if not tiny else 1), 3 if not tiny else 1, target=5.0))

        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPLBACKEND="Agg")
        cold_runs = 1 if tiny else 3
        rows.append(Row("(6) cold start: `dti-scorer demo` end to end", cold_start(
            ["-m", "dti_app.cli.main", "demo", "--out", str(tmp / "demo")], cold_runs, env),
            cold_runs, target=5.0))
        probe = []

        def app_once():
            out = subprocess.run([sys.executable, "-c", APP_PROBE], capture_output=True,
                                 text=True, env=env, cwd=HERE.parent, check=True)
            probe.append(float(out.stdout.strip().splitlines()[-1]))

        whole = median_time(app_once, cold_runs)
        rows.append(Row("(6) cold start: app to first painted window", statistics.median(probe),
                        cold_runs, target=2.0,
                        note=f"whole process incl. interpreter {whole:.2f} s"))
    return rows


def print_table(rows: list[Row]) -> int:
    print(f"{'figure':<58} {'median':>10} {'n':>3} {'target':>9} {'baseline':>10} {'ratio':>7}  ok")
    for r in rows:
        value = f"{r.seconds:.3f} s" if "GiB" not in r.note else f"{r.seconds:.2f} GiB"
        target = "" if r.target is None else (f"< {r.target:g} s" if "GiB" not in r.note
                                              else f"< {r.target:g} GiB")
        base = "" if r.baseline is None else f"{r.baseline:.3f} s"
        ratio = "" if r.ratio is None else f"{r.ratio:.1f}×"
        ok = {True: "yes", False: "NO", None: ""}[r.ok]
        print(f"{r.label:<58} {value:>10} {r.runs:>3} {target:>9} {base:>10} {ratio:>7}  {ok}")
        if r.note:
            print(f"{'':<4}{r.note}")
    passed = sum(r.ok is True for r in rows)
    failed = sum(r.ok is False for r in rows)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="tiny inputs: checks that it runs")
    args = parser.parse_args(argv)
    return print_table(run(args.tiny))


if __name__ == "__main__":
    sys.exit(main())
