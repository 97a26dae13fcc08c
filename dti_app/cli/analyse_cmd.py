"""``dti-scorer analyse stability|gain|merge34|strengths|trends``: the analysis from the CLI.

Every subcommand but ``trends`` takes the inputs and options of ``dti-scorer score`` (files and
folders, ``--criteria``, ``--units``, ``--year``, ``--newest-wins``), scores them, and analyses
the result; ``trends`` takes one result per year as ``YEAR=FILE``: a ``score --json`` file, a
campaign file or an exported ranking workbook.
Each prints a readable table (Vietnamese; English with ``--lang en``) and writes ``--json FILE``
on request. Exit status as for ``score``: 0, 1 when some inputs had errors (the rest analysed),
2 when the invocation cannot be used (unknown unit, wrong unit set, unreadable file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dti_app.cli.analyse_output import records, say
from dti_app.cli.analyse_views import (
    show_gain,
    show_merge,
    show_stability,
    show_strengths,
    show_trends,
)
from dti_app.cli.common import (
    add_input_options,
    import_and_score,
    load_setup,
    out,
    print_issues,
    summary_line,
)
from dti_app.cli.text import language
from dti_app.cli.text import say as say_common
from dti_app.core.atomic import atomic_write_with
from dti_app.core.errors import DtiError
from dti_app.core.messages import render_issue
from dti_app.core.report import write_json

if TYPE_CHECKING:  # matplotlib loads only when a chart is asked for
    from matplotlib.figure import Figure

__all__ = ["register_commands"]

CHART_FORMATS = ("png", "svg", "pdf")
ERRORS_SHOWN = 20


def register_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyse", help="phân tích: độ ổn định, điểm còn thiếu, 63 → 34, điểm "
                                       "mạnh/yếu, xu hướng / analysis")
    inner = p.add_subparsers(dest="analyse_command", required=True,
                             metavar="stability|gain|merge34|strengths|trends")

    s = _scored_parser(inner, "stability", "độ ổn định thứ hạng khi trọng số thay đổi / "
                                           "rank stability under weight uncertainty")
    s.add_argument("--runs", type=int, default=1000, metavar="N", help="số lần chạy / runs")
    s.add_argument("--spread", type=float, default=0.2, metavar="X",
                   help="biên độ thay đổi trọng số, 0.2 = ±20 %% / weight spread")
    s.add_argument("--seed", type=int, default=0, metavar="S", help="hạt giống / random seed")
    s.add_argument("--vary-aggregation", action="store_true",
                   help="đổi ngẫu nhiên cách tổng hợp (cộng/nhân) / also vary the aggregation")
    s.add_argument("--top", type=int, metavar="N", help="chỉ in N đơn vị đầu / print N units")
    s.add_argument("--chart", metavar="FILE.png", help="lưu biểu đồ / save the chart")
    s.set_defaults(run=run_stability)

    g = _scored_parser(inner, "gain", "điểm còn có thể đạt của một đơn vị / points to gain")
    g.add_argument("--unit", required=True, metavar="U", help="mã hoặc tên đơn vị / unit")
    g.add_argument("--target-rank", type=int, metavar="K",
                   help="cần cải thiện gì để đạt hạng K / what it takes to reach rank K")
    g.add_argument("--top", type=int, default=20, metavar="N", help="số dòng in / rows printed")
    g.set_defaults(run=run_gain)

    m = _scored_parser(inner, "merge34", "quy đổi kết quả 63 tỉnh sang 34 đơn vị / project the "
                                         "63 provinces onto the 34 units")
    m.add_argument("--rank-partial", action="store_true",
                   help="xếp hạng cả đơn vị thiếu tỉnh cũ / rank incomplete units too")
    m.set_defaults(run=run_merge)

    t = _scored_parser(inner, "strengths", "điểm mạnh, điểm yếu so với vùng và cả nước / "
                                           "strengths and weaknesses")
    t.add_argument("--unit", required=True, metavar="U", help="mã hoặc tên đơn vị / unit")
    t.add_argument("--threshold", type=float, default=1.0, metavar="Z",
                   help="ngưỡng độ lệch chuẩn (mặc định 1) / SD threshold")
    t.add_argument("--top", type=int, default=5, metavar="N", help="số dòng mỗi loại / rows")
    t.set_defaults(run=run_strengths)

    y = inner.add_parser("trends", help="xu hướng qua các năm / trends over the years")
    y.add_argument("inputs", nargs="+", metavar="YEAR=FILE",
                   help="kết quả từng năm: JSON (score --json), tệp đợt đánh giá hoặc bảng xếp "
                        "hạng .xlsx / one result per year: JSON, campaign or ranking workbook")
    y.add_argument("--unit", action="append", metavar="U",
                   help="đơn vị cần theo dõi (lặp lại được) / unit to follow (repeatable)")
    y.add_argument("--chart", metavar="FILE.png", help="lưu biểu đồ / save the chart")
    y.add_argument("--json", metavar="FILE", help="ghi kết quả dạng JSON / write JSON")
    y.set_defaults(run=run_trends)


def _scored_parser(inner: argparse._SubParsersAction, name: str,
                   help_text: str) -> argparse.ArgumentParser:
    p = inner.add_parser(name, help=help_text)
    add_input_options(p)
    p.add_argument("--json", metavar="FILE", help="ghi kết quả dạng JSON / write JSON")
    return p


def _score(args: argparse.Namespace):
    scored = import_and_score(args)
    errors = scored.errors
    if errors:
        print_issues(errors[:ERRORS_SHOWN])
        if len(errors) > ERRORS_SHOWN:
            out(say("more_errors", n=len(errors) - ERRORS_SHOWN))
    out(summary_line(scored.result, len(scored.imported.files)))
    return scored.register, scored.imported, scored.result, scored.exit_status


def _unit(text: str, register, result) -> str | None:
    """The unit's code, or None after saying why it cannot be used."""
    found = register.resolve(text)
    if found.unit is None:
        sys.stderr.write(say("unit_unknown", unit=text,
                             reason=render_issue(found.issue, language())) + "\n")
        return None
    code = found.unit.code
    status = str(result.status.get(code, "missing"))
    if code not in result.with_score:
        sys.stderr.write(say("unit_not_scored", name=found.unit.name(language()), code=code,
                             status=status) + "\n")
        return None
    return code


def _write(args: argparse.Namespace, document: dict) -> None:
    if args.json:
        write_json(document, Path(args.json))
        out(say_common("written", path=args.json))


def save_chart(fig: Figure, path: str) -> bool:
    """Save a figure atomically; the format comes from the suffix (png, svg, pdf)."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        sys.stderr.write(say("chart_format", path=path) + "\n")
        return False
    from dti_app.core.chart_style import chart_context

    with chart_context():
        atomic_write_with(Path(path), lambda tmp: fig.savefig(tmp, format=fmt, dpi=150,
                                                              facecolor="white"))
    out(say_common("written", path=path))
    return True


def run_stability(args: argparse.Namespace) -> int:
    from dti_app.core.sensitivity import rank_stability, stability_figure

    if args.runs < 1 or not 0 <= args.spread < 1:
        sys.stderr.write(say_common("error", msg="--runs ≥ 1, 0 ≤ --spread < 1") + "\n")
        return 2
    register, _, result, status = _score(args)
    stability = rank_stability(result.criteria, result.leaf_fraction.loc[result.scored],
                               register, runs=args.runs, spread=args.spread, seed=args.seed,
                               vary_aggregation=args.vary_aggregation)
    show_stability(stability, register, args.top)
    if args.chart and not save_chart(stability_figure(stability, register, language()),
                                     args.chart):
        return 2
    _write(args, {"criteria": stability.criteria_label, "runs": stability.runs,
                  "spread": stability.spread, "seed": stability.seed,
                  "vary_aggregation": stability.vary_aggregation,
                  "units": records(stability.table.reset_index()),
                  "indistinguishable": records(stability.overlapping_pairs())})
    return status


def run_gain(args: argparse.Namespace) -> int:
    from dti_app.core.gain import points_to_gain, what_it_takes

    if args.target_rank is not None and args.target_rank < 1:
        sys.stderr.write(say_common("error", msg="--target-rank ≥ 1") + "\n")
        return 2
    register, imported, result, status = _score(args)
    code = _unit(args.unit, register, result)
    if code is None:
        return 2
    lang = language()
    table = points_to_gain(result.criteria, result.leaf_fraction, code, imported.values, lang)
    plan = (what_it_takes(result.criteria, result.leaf_fraction, code, args.target_rank, lang)
            if args.target_rank is not None else None)
    show_gain(result, register, code, table, plan, args.top)
    document = {"unit": code, "gain": records(table)}
    if plan is not None:
        document["target"] = {"target_rank": plan.target_rank, "reached": plan.reached,
                              "start_rank": plan.start_rank, "final_rank": plan.final_rank,
                              "final_index": plan.final_index, "steps": records(plan.steps)}
    _write(args, document)
    return status


def run_merge(args: argparse.Namespace) -> int:
    from dti_app.core.merge34 import merge_to_34

    _, register = load_setup(args)
    if register.code_set != "63":
        sys.stderr.write(say("need_63", code_set=register.code_set) + "\n")
        return 2
    register, _, result, status = _score(args)
    merged = merge_to_34(result, register, rank_partial=args.rank_partial)
    show_merge(merged)
    if merged.issues:
        print_issues(merged.issues)
    _write(args, {"criteria": result.criteria.label,
                  "units": records(merged.table.reset_index()),
                  "composition": records(merged.composition)})
    return status


def run_strengths(args: argparse.Namespace) -> int:
    from dti_app.core.strengths import strengths_table

    register, _, result, status = _score(args)
    code = _unit(args.unit, register, result)
    if code is None:
        return 2
    table = strengths_table(result, register, units=[code], threshold=args.threshold,
                            lang=language())
    show_strengths(result, register, code, table, args.threshold, args.top)
    _write(args, {"unit": code, "threshold": args.threshold, "rows": records(table)})
    return status


def run_trends(args: argparse.Namespace) -> int:
    import dti_app.core.ranking_read  # noqa: F401  (exported ranking workbooks can be read)
    from dti_app.core.previous import load_result_document
    from dti_app.core.trends import build_trends, bump_figure, trend_figure

    documents = {}
    for arg in args.inputs:
        year, sep, path = arg.partition("=")
        if not sep or not year.strip().isdigit():
            sys.stderr.write(say("bad_year_input", arg=arg) + "\n")
            return 2
        try:  # a --json result, a campaign file or an exported ranking workbook
            document = load_result_document(path)
        except DtiError as exc:
            sys.stderr.write(say("bad_json", path=path, reason=exc) + "\n")
            return 2
        documents[int(year)] = document
    trends = build_trends(documents)
    codes = show_trends(trends, args.unit)
    if codes is None:
        return 2
    if trends.issues:
        print_issues(trends.issues)
    if args.chart:
        fig = (trend_figure(trends, codes, lang=language()) if codes
               else bump_figure(trends, lang=language()))
        if not save_chart(fig, args.chart):
            return 2
    _write(args, {"years": trends.years, "code_sets": {str(k): v for k, v in
                                                        trends.code_sets.items()},
                  "rows": records(trends.frame)})
    return 0

