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
    # the openpyxl baseline was measured in the same run and its ratio printed
    first = next(line for line in lines if line.startswith("(1)"))
    assert re.search(r"\d+\.\d×", first)
    verdict = re.fullmatch(r"(\d+) passed, (\d+) failed", lines[-1])
    assert verdict, lines[-1]
    assert int(verdict.group(1)) + int(verdict.group(2)) >= 9
    assert proc.returncode == (1 if int(verdict.group(2)) else 0)
