"""No network: importing, scoring and exporting open no Internet socket and look up no host.

A fresh Python process installs an audit hook before anything of the app is imported; the hook
records every Internet socket created (AF_INET / AF_INET6), every connect, bind or send to an
address, and every host-name lookup. The process then imports every module of ``dti_app.core`` and
``dti_app.cli`` and runs the work a user does: write templates, import a consolidated table and
the filled templates, score, write the JSON document, the ranking workbook, a chart in PNG, SVG
and PDF, a scorecard, a rank-stability run, a campaign (create, import, verify, snapshot), and the
``dti-scorer score`` command. It reports each step done and every event recorded: the steps must
all be there and the events none. Where ``strace`` works, the same run is traced at the system-call
level too (no ``socket(AF_INET…)``/``connect`` to an Internet address).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from net_guard import AUDIT_HOOK, internet_calls, strace_command

REPO = Path(__file__).resolve().parents[2]
STEPS = ["import_modules", "templates", "import", "score", "json", "workbook", "charts",
         "scorecard", "stability", "campaign", "cli_score"]

WORK = r'''
import importlib, json, pkgutil, sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, sys.argv[2])
out = Path(sys.argv[1])
steps = []

import dti_app.cli, dti_app.core
for package in (dti_app.core, dti_app.cli):
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")
steps.append("import_modules")

from hostile import CRITERIA_YAML, write_table_csv
from dti_app.core.campaign import Campaign
from dti_app.core.chart_export import save_figure
from dti_app.core.charts import ranking_bars
from dti_app.core.criteria_load import parse_criteria, save_criteria
from dti_app.core.export_workbook import write_ranking_workbook
from dti_app.core.importer import import_inputs
from dti_app.core.report import result_document, write_json
from dti_app.core.scorecard import write_scorecards
from dti_app.core.scoring import score_units
from dti_app.core.sensitivity import rank_stability
from dti_app.core.template import write_template
from dti_app.core.units import builtin_register

criteria = parse_criteria(CRITERIA_YAML, "tieu_chi.yaml")
register = builtin_register("63")
save_criteria(criteria, out / "tieu_chi.yaml")
for code, values in (("06", {"A.1": 1, "A.2": 50, "B.1": 1, "B.2": 10}),
                     ("08", {"A.1": 0, "A.2": 90, "B.1": 0, "B.2": 4})):
    write_template(criteria, register.by_code[code], "63", 2024, out / f"mau_{code}.xlsx",
                   values=values, when=datetime(2024, 1, 1))
steps.append("templates")
table = write_table_csv(out / "bang.csv")
imported = import_inputs([out], criteria, register, 2024)
assert sorted(imported.values.index) == ["01", "02", "04", "06", "08"], imported.issues
steps.append("import")
result = score_units(criteria, imported.values, register, imported.invalid)
assert result.shown["06"] == 90.0
steps.append("score")
issues = imported.issues + result.issues
write_json(result_document(result, register, issues), out / "ket_qua.json")
steps.append("json")
write_ranking_workbook(out / "xep_hang.xlsx", result, register, issues=issues,
                       files=imported.files, year=2024)
steps.append("workbook")
save_figure(ranking_bars(result, register), out / "xep_hang", formats=["png", "svg", "pdf"])
steps.append("charts")
write_scorecards(out / "phieu", result, register, issues, imported.values, units=["06"],
                 combined=False, year=2024)
steps.append("scorecard")
rank_stability(criteria, result.leaf_fraction, register, runs=50)
steps.append("stability")
with Campaign.create(out / "dot.dticampaign", CRITERIA_YAML, "63", 2024) as c:
    c.record_import(import_inputs([table], c.criteria(), c.register(), c.year))
    c.set_verified("01", "A.1", "không", note="Biên bản kiểm tra")
    c.save_snapshot(c.results_document(), "Công bố")
steps.append("campaign")
from dti_app.cli.main import main
status = main(["score", str(table), "--criteria", str(out / "tieu_chi.yaml"), "--year", "2024",
               "--json", str(out / "cli.json"), "--out", str(out / "cli.xlsx")])
assert status in (0, 1), status
steps.append("cli_score")
'''

REPORT = r'''
sys.__stdout__.write("\n@@" + json.dumps({"steps": steps, "events": _EVENTS}) + "\n")
'''


def _run(tmp_path: Path, prefix: list[str] = ()) -> tuple[dict, subprocess.CompletedProcess]:
    out = tmp_path / "ra"
    out.mkdir()
    script = AUDIT_HOOK + WORK + REPORT
    env = dict(os.environ, PYTHONPATH=str(REPO), MPLBACKEND="Agg",
               MPLCONFIGDIR=str(tmp_path / "mpl"))
    done = subprocess.run([*prefix, sys.executable, "-c", script, str(out),
                           str(REPO / "tests")], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    line = [x for x in done.stdout.splitlines() if x.startswith("@@")][-1]
    return json.loads(line[2:]), done


def test_the_whole_workflow_opens_no_socket(tmp_path):
    report, _ = _run(tmp_path)
    assert report["steps"] == STEPS
    assert report["events"] == []


def test_the_hook_does_see_a_socket(tmp_path):
    script = AUDIT_HOOK + ("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
                     "s.close()\nsocket.getaddrinfo('localhost', 80)\n"
                     "print(json.dumps(_EVENTS))")
    done = subprocess.run([sys.executable, "-c", "import json\n" + script],
                          capture_output=True, text=True, timeout=60)
    events = json.loads(done.stdout)
    assert events[0].startswith("socket.__new__ family=") and "getaddrinfo" in events[-1]


STRACE = strace_command()


@pytest.mark.skipif(STRACE is None, reason="strace is not available or not permitted")
def test_no_internet_socket_at_the_system_call_level(tmp_path):
    trace = tmp_path / "trace.txt"
    report, _ = _run(tmp_path, [*STRACE, "-o", str(trace)])
    assert report["steps"] == STEPS
    assert internet_calls(trace) == []
    control = tmp_path / "control.txt"          # the same trace does see an Internet socket
    subprocess.run([*STRACE, "-o", str(control), sys.executable, "-c",
                    "import socket; socket.socket(socket.AF_INET).close()"], check=True,
                   timeout=60)
    assert len(internet_calls(control)) == 1
