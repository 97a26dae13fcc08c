"""The benchmark script runs end to end on tiny inputs and prints its table and verdict line."""

from __future__ import annotations

import os
import re
import subprocess
import sys


def test_benchmark_script_runs_on_tiny_inputs(repo):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, str(repo / "benchmarks" / "run.py"), "--tiny"],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=repo, timeout=300)
    lines = proc.stdout.strip().splitlines()
    assert "Traceback" not in proc.stderr
    for figure in ("(1) 63 workbooks", "(2) 40 workbooks", "(3) re-score", "(4) export",
                   "(5) Monte Carlo", "(6) cold start: `dti-scorer demo`",
                   "(6) cold start: app"):
        assert any(line.startswith(figure) for line in lines), figure
    # figure (1) is measured against python-calamine alone in the same run: its ratio and its
    # target (at most 3×) are printed, and openpyxl's time for the same cells beside it
    at = next(i for i, line in enumerate(lines) if line.startswith("(1)"))
    assert re.search(r"≤ 3× +\d+\.\d+ s +\d+\.\d+×  (yes|NO)$", lines[at]), lines[at]
    assert "python-calamine alone" in lines[at + 1]
    assert re.search(r"openpyxl reading the same cells: \d+\.\d+ s, ours takes \d+\.\d+× its time",
                     lines[at + 1])
    verdict = re.fullmatch(r"(\d+) passed, (\d+) failed", lines[-1])
    assert verdict, lines[-1]
    assert int(verdict.group(1)) + int(verdict.group(2)) >= 9
    assert proc.returncode == (1 if int(verdict.group(2)) else 0)
