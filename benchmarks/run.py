"""DTI Scorer benchmark: one table of figures, each with its target, and a pass/fail line.

    python benchmarks/run.py            # the full run (10,000 units included; a few minutes)
    python benchmarks/run.py --tiny     # a quick check that every step runs (tiny inputs)

Inputs are generated into a temporary folder with the project's own generator (sample values
from ``dti_app.core.sample_data``, workbooks with the template layout). Times are medians over
several runs (``n`` in the table); where there is a baseline it is measured in the same run,
taking turns with ours, and the ratio ours / baseline is printed, because on a shared machine
ratios hold where absolute times drift. Figure (1)'s baseline is python-calamine alone reading
the same sheets (its target: at most 3 times that); openpyxl's time for the same cells is
printed beside it. The last line reads ``N passed, M failed``; the exit status is 1 when a target
is missed.
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
    max_ratio: float | None = None       # ours / baseline must stay at or below this
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.baseline is None else self.seconds / self.baseline

    @property
    def ok(self) -> bool | None:
        checks = []
        if self.target is not None:
            checks.append(self.seconds < self.target)
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        return all(checks) if checks else None


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def calamine_baseline(paths: list[Path]) -> None:
    """python-calamine alone reading the sheets the importer reads, whole: the cover, the hidden
    ``_meta`` sheet and the indicator sheet, each as rows from A1 (what the importer gets)."""
    from python_calamine import CalamineWorkbook

    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in (COVER_SHEET, META_SHEET, DATA_SHEET):
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        book.close()


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

        def ours63():
            imported = import_inputs([tmp / "w63"], criteria, reg63, 2022)
            return score_units(criteria, imported.values, reg63, imported.invalid)

        result63 = ours63()
        assert (result63.status == "scored").sum() == 63, "the 63 workbooks must all score"
        calamine_baseline(paths63)
        # the baselines and ours take turns, so a machine that slows down for a while slows all
        rounds = 1 if tiny else 11
        times: dict[str, list[float]] = {"calamine": [], "openpyxl": [], "ours": []}
        for i in range(rounds):
            times["calamine"].append(median_time(lambda: calamine_baseline(paths63), 1))
            times["ours"].append(median_time(ours63, 1))
            if i % 3 == 0:
                times["openpyxl"].append(median_time(lambda: openpyxl_baseline(paths63), 1))
        calamine, plain, ours = (statistics.median(times[k])
                                 for k in ("calamine", "openpyxl", "ours"))
        rows.append(Row("(1) 63 workbooks: read+validate+score+rank", ours, rounds,
                        baseline=calamine, max_ratio=3.0,
                        note="baseline: python-calamine alone reading the same sheets (cover, "
                             f"_meta, indicators); openpyxl reading the same cells: {plain:.3f} s,"
                             f" ours takes {ours / plain:.2f}× its time (no target)"))

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
        if r.max_ratio is not None:
            target = f"≤ {r.max_ratio:g}×"
        base = "" if r.baseline is None else f"{r.baseline:.3f} s"
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}×"
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
