"""The analysis tab: rank stability, the 63 → 34 projection, a unit's strengths and weaknesses.

Three pages, all drawn from the session's current result:

- **Rank stability**: the Monte Carlo over the weights (``sensitivity.rank_stability``) on the
  leaf fractions of the scored units, with the current (possibly edited) weights. It runs through
  ``worker.run_in_background`` with a progress bar and a Stop button; the table (nominal rank,
  median rank, 5–95 % interval, units not distinguishable) and the interval chart
  (``stability_figure``) appear when it is done. Once run, it runs again by itself whenever the
  session re-scores (a weight or a value changed) and the tab is on screen.
- **63 → 34**: the 34 merged units projected from the 63 former provinces (``merge34``) with the
  former provinces of each; for any other unit set a short note.
- **Strengths and weaknesses** of the unit selected in the session: the main indicators and
  sub-indicators at least one standard deviation above or below its region or the nation
  (``strengths.strengths_table``).
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from dti_app.core.analysis_text import column_label, text
from dti_app.core.merge34 import merge_to_34
from dti_app.core.strengths import strengths_table, strongest_weakest
from dti_app.core.units import builtin_register
from dti_app.gui.display import error_text, fmt_number, fmt_rank
from dti_app.gui.figure_view import FigureView
from dti_app.gui.models import SORT_ROLE, FrameModel
from dti_app.gui.panel import LazyPanel, compact, fit_columns
from dti_app.gui.session import Session
from dti_app.gui.worker import Job, run_in_background

__all__ = ["AnalysisView", "stability_job"]

_STRONG, _WEAK = QColor("#e3f4e1"), QColor("#f8d7da")
CHART_WIDTH = 5.2     # inches: narrower than print, to sit beside the table


def stability_job(*args, **kwargs):
    """``rank_stability`` imported on the worker thread (it loads matplotlib)."""
    from dti_app.core.sensitivity import rank_stability

    return rank_stability(*args, **kwargs)


def _table(model: FrameModel, sortable: bool = False) -> QTableView:
    table = QTableView()
    compact(table)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    if sortable:
        proxy = QSortFilterProxyModel(table)
        proxy.setSortRole(SORT_ROLE)
        proxy.setSourceModel(model)
        table.setModel(proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    else:
        table.setModel(model)
    return table


def _label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


def _signed(value: float, decimals: int) -> str:
    return "" if pd.isna(value) else f"{value:+.{decimals}f}".replace("-", "−")


class AnalysisView(LazyPanel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: Job | None = None
        self.stability = None                 # the last finished StabilityResult
        self._source = None                   # the ScoreResult the last run started from
        self.pages = QTabWidget()
        self.pages.addTab(self._stability_page(), self.tr("Rank stability"))
        self.pages.addTab(self._merge_page(), self.tr("63 → 34"))
        self.pages.addTab(self._strengths_page(), self.tr("Strengths and weaknesses"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        session.scored.connect(self.mark_dirty)
        session.unit_selected.connect(self.mark_dirty)

    # --- pages ------------------------------------------------------------------------------
    def _stability_page(self) -> QWidget:
        self.runs = QSpinBox()
        self.runs.setRange(100, 20000)
        self.runs.setSingleStep(100)
        self.runs.setValue(1000)
        self.spread = QSpinBox()
        self.spread.setRange(1, 90)
        self.spread.setValue(20)
        self.spread.setPrefix("± ")
        self.spread.setSuffix(" %")
        self.run_button = QPushButton(self.tr("Run"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setVisible(False)
        controls = QHBoxLayout()
        for widget in (QLabel(self.tr("Runs:")), self.runs, QLabel(self.tr("Weight change:")),
                       self.spread, self.run_button, self.stop_button, self.bar):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.stability_note = _label()
        self.stability_note.setText(self.tr(
            "Each weight is changed at random within the range chosen, many times over; a unit's "
            "ranks over all runs give its median and its 5–95 % interval. Units whose intervals "
            "overlap cannot be told apart at this level of uncertainty."))
        self.stability_status = _label()
        self.stability_status.setText(self.tr("Press Run to start."))
        self.stability_model = FrameModel(self)
        self.stability_table = _table(self.stability_model, sortable=True)
        self.chart = FigureView()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.stability_table)
        split.addWidget(self.chart)
        split.setSizes([640, 400])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(controls)
        layout.addWidget(self.stability_note)
        layout.addWidget(self.stability_status)
        layout.addWidget(split, 1)
        self.run_button.clicked.connect(self.run_stability)
        self.stop_button.clicked.connect(self.stop_stability)
        return page

    def _merge_page(self) -> QWidget:
        self.merge_note = _label()
        self.merge_model = FrameModel(self)
        self.merge_table = _table(self.merge_model, sortable=True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.merge_note)
        layout.addWidget(self.merge_table, 1)
        return page

    def _strengths_page(self) -> QWidget:
        self.strengths_title = _label()
        self.strengths_title.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.strengths_note = _label()
        self.strengths_model = FrameModel(self)
        self.strengths_table = _table(self.strengths_model)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.strengths_title)
        layout.addWidget(self.strengths_note)
        layout.addWidget(self.strengths_table, 1)
        return page

    # --- refresh ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._fill_merge()
        self._fill_strengths()
        ran = self.stability is not None or (self.job is not None and not self.job.done)
        if ran and self._source is not self.session.result:
            self.run_stability()              # the weights or the values changed

    # --- rank stability ---------------------------------------------------------------------
    def run_stability(self) -> Job | None:
        """Start the Monte Carlo on the current result (cancelling one still running)."""
        self.stop_stability()
        result = self.session.result
        self._source = result
        scored = list(result.scored)
        if len(scored) < 2:
            self.stability = None
            self.stability_model.set_frame(pd.DataFrame())
            self.stability_status.setText(self.tr("At least two scored units are needed."))
            return None
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.bar.setRange(0, 0)
        self.bar.setVisible(True)
        self.stability_status.setText(self.tr("Running…"))
        job: Job | None = None

        def finished(found) -> None:
            if isValid(self) and job is self.job:
                self._stability_done(found)

        def failed(error: BaseException) -> None:
            if isValid(self) and job is self.job:
                self._stability_idle()
                self.stability_status.setText(error_text(error, self.session.lang))

        def progress(done: int, total: int) -> None:
            if isValid(self) and job is self.job:
                self.bar.setRange(0, total)
                self.bar.setValue(done)

        job = run_in_background(stability_job, result.criteria,
                                result.leaf_fraction.loc[scored], self.session.register,
                                runs=self.runs.value(), spread=self.spread.value() / 100,
                                seed=0, on_progress=progress, on_finished=finished,
                                on_failed=failed)
        self.job = job
        return job

    def stop_stability(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()

    def _stability_idle(self) -> None:
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.bar.setVisible(False)

    def _stability_done(self, found) -> None:
        self._stability_idle()
        if found.cancelled:
            self.stability_status.setText(
                self.tr("Stopped before the end; the table is unchanged."))
            return
        self.stability = found
        s = self.session
        t = found.table
        lang = s.lang
        decimals = s.criteria.decimals
        text_frame = pd.DataFrame({
            "rank": [str(r) for r in t["nominal_rank"]],
            "code": t.index,
            "name": [s.unit_name(c) for c in t.index],
            "index": [fmt_number(v, decimals) for v in t["nominal_index"]],
            "median": [f"{v:g}" for v in t["median_rank"]],
            "interval": [f"{lo}–{hi}" for lo, hi in zip(t["rank_p05"], t["rank_p95"])],
            "overlap": [str(n) for n in t["n_overlapping"]],
        }, index=t.index)
        keys = pd.DataFrame({
            "rank": t["nominal_rank"], "code": t.index, "name": text_frame["name"],
            "index": t["nominal_index"], "median": t["median_rank"],
            "interval": t["rank_p95"] - t["rank_p05"], "overlap": t["n_overlapping"]},
            index=t.index)
        headers = [column_label("nominal_rank", lang), column_label("code", lang),
                   column_label("name", lang), column_label("nominal_index", lang),
                   self.tr("Median\nrank"), self.tr("Rank interval\n5–95 %"),
                   self.tr("Units not\ndistinguishable")]
        tips = [self.tr("Rank %1 in %2 of the runs; best rank %3, worst rank %4.")
                .replace("%1", str(r)).replace("%2", f"{share:.0%}".replace("%", " %"))
                .replace("%3", str(best)).replace("%4", str(worst))
                for r, share, best, worst in zip(t["nominal_rank"], t["share_nominal"],
                                                 t["best_rank"], t["worst_rank"])]
        self.stability_model.set_frame(text_frame, headers, sort_keys=keys, tooltips=tips,
                                       numeric=("rank", "index", "median", "interval",
                                                "overlap"))
        fit_columns(self.stability_table, 240, key=tuple(headers))
        pairs = int(t["n_overlapping"].sum()) // 2
        self.stability_status.setText(
            self.tr("%1 runs, each weight changed by up to ±%2 % (%3 s). %4 pairs of units "
                    "cannot be told apart.")
            .replace("%1", str(found.runs)).replace("%2", f"{found.spread * 100:g}")
            .replace("%3", f"{found.seconds:.2f}".replace(".", "," if lang == "vi" else "."))
            .replace("%4", str(pairs)))
        from dti_app.core.sensitivity import stability_figure

        figure = stability_figure(found, s.register, lang)
        figure.set_size_inches(CHART_WIDTH, figure.get_size_inches()[1])
        self.chart.show_figure(figure)

    # --- 63 -> 34 ---------------------------------------------------------------------------
    def _fill_merge(self) -> None:
        s = self.session
        reg = s.register
        merged = None
        if reg.code_set == "63" and set(reg.codes) == set(builtin_register("63").codes):
            try:
                merged = merge_to_34(s.result, reg)
            except ValueError:
                merged = None
        if merged is None:
            self.merge_note.setText(self.tr(
                "The projection onto the 34 merged units applies to the set of 63 provinces "
                "only; this campaign uses another set of units."))
            self.merge_model.set_frame(pd.DataFrame())
            return
        lang = s.lang
        reg34 = builtin_register("34")
        table = merged.table
        comp = merged.composition
        formers = {code: ", ".join(f"{reg.by_code[f].name(lang)} ({f})" for f in rows)
                   for code, rows in comp.groupby("new_code", sort=False)["former_code"]}
        ranked = int(table["rank"].notna().sum())
        self.merge_note.setText(self.tr(
            "Each main indicator of a merged unit is the mean of its former provinces' values; "
            "the index is computed from those means (the rule published with DTI 2024). "
            "%1 of 34 units ranked; a unit with a former province missing is not ranked.")
            .replace("%1", str(ranked)))
        order = table.assign(_r=table["rank"].astype("Float64").fillna(10**6)).sort_values(
            ["_r"], kind="stable").index
        table = table.loc[order]
        frame = pd.DataFrame({
            "rank": [fmt_rank(r) for r in table["rank"]],
            "code": table.index,
            "name": [reg34.by_code[c].name(lang) for c in table.index],
            "index": [fmt_number(v, s.criteria.decimals) for v in table["index"]],
            "status": [text(st, lang) for st in table["status"]],
            "former": [formers.get(c, "") for c in table.index],
        }, index=table.index)
        keys = frame.assign(rank=table["rank"].astype("Float64").fillna(10**6).astype(float),
                            index=table["index"].fillna(-1.0))
        headers = [column_label("rank", lang), column_label("code", lang),
                   column_label("name", lang), column_label("index", lang),
                   column_label("status", lang), self.tr("Former provinces")]
        self.merge_model.set_frame(frame, headers, sort_keys=keys, numeric=("rank", "index"))
        fit_columns(self.merge_table, 260, key=tuple(headers))

    # --- strengths and weaknesses -----------------------------------------------------------
    def _fill_strengths(self) -> None:
        s = self.session
        code, result = s.current_unit, s.result
        if not code or code not in result.status.index:
            self.strengths_title.setText(self.tr("Choose a unit in the list on the left."))
            self.strengths_note.setText("")
            self.strengths_model.set_frame(pd.DataFrame())
            return
        unit = s.register.by_code.get(code)
        region = unit.region(s.lang) if unit else ""
        self.strengths_title.setText(f"{s.unit_name(code)} ({code})"
                                     + (f" — {region}" if region else ""))
        if code not in result.scored:
            self.strengths_note.setText(self.tr("This unit has no score."))
            self.strengths_model.set_frame(pd.DataFrame())
            return
        lang = s.lang
        table = strengths_table(result, s.register, units=[code], lang=lang)
        parts = []
        for level in ("main", "leaf"):
            strong, weak = strongest_weakest(table, code, n=len(table), level=level)
            parts += [strong, weak]
        rows = pd.concat(parts)
        if rows.empty:
            self.strengths_note.setText(self.tr(
                "No indicator is far above or below the region or the nation."))
            self.strengths_model.set_frame(pd.DataFrame())
            return
        self.strengths_note.setText(self.tr(
            "Indicators at least one standard deviation above (strength) or below (weakness) "
            "the mean of the unit's region or of the whole country."))
        digits = 2
        frame = pd.DataFrame({
            "verdict": [text(v, lang) for v in rows["verdict"]],
            "level": [text(f"{lv}_level", lang) for lv in rows["level"]],
            "node": rows["node"].to_numpy(),
            "node_name": rows["node_name"].to_numpy(),
            "value": [fmt_number(v, digits) for v in rows["value"]],
            "max": [fmt_number(v, digits) for v in rows["max_points"]],
            "region_mean": [fmt_number(v, digits) for v in rows["region_mean"]],
            "diff_region": [_signed(v, digits) for v in rows["diff_region"]],
            "nation_mean": [fmt_number(v, digits) for v in rows["nation_mean"]],
            "diff_nation": [_signed(v, digits) for v in rows["diff_nation"]],
        }, index=pd.Index(rows["node"].to_numpy()))
        headers = [column_label("verdict", lang), column_label("level", lang),
                   column_label("node", lang), column_label("node_name", lang),
                   self.tr("Points"), column_label("max_points", lang),
                   column_label("region_mean", lang), self.tr("Difference\nfrom the region"),
                   column_label("nation_mean", lang), self.tr("Difference\nfrom the nation")]
        colours = [_STRONG if v == "strength" else _WEAK for v in rows["verdict"]]
        self.strengths_model.set_frame(frame, headers, background=colours,
                                       tooltips=list(frame["node_name"]),
                                       numeric=("value", "max", "region_mean", "diff_region",
                                                "nation_mean", "diff_nation"))
        fit_columns(self.strengths_table, 300, key=tuple(headers))
