"""One unit in detail: scores at every level, its radar, strengths and the points still to gain.

Left: the index, the pillars, every main indicator and its sub-indicators with points achieved,
maximum points and rank. Right: the radar of the main indicators against the national and the
regional means (``charts.unit_radar``), the strongest and weakest main indicators, and the
sub-indicators where the most can still be gained (``gain.points_to_gain``: the value that earns
full points, the index and the rank it would bring).
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from dti_app.core.gain import points_to_gain
from dti_app.core.result_views import best_and_worst_indicators, ranked_with
from dti_app.gui.display import (
    fmt_number,
    fmt_rank,
    fmt_value,
    provisional_text,
    status_color,
    status_labels,
)
from dti_app.gui.figure_view import FigureView
from dti_app.gui.models import FrameModel
from dti_app.gui.panel import LazyPanel, compact, fit_columns
from dti_app.gui.session import Session

__all__ = ["UnitDetail"]

_GROUP = QColor("#eef2f7")
GAIN_ROWS = 8


def _table() -> QTableView:
    table = QTableView()
    compact(table)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(False)
    return table


class UnitDetail(LazyPanel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.scores_model = FrameModel(self)
        self.scores = _table()
        self.scores.setModel(self.scores_model)
        self.radar = FigureView(mode="fill")
        self.radar.setMinimumSize(360, 300)
        self.strengths = QLabel()
        self.strengths.setWordWrap(True)
        self.strengths.setTextFormat(Qt.TextFormat.RichText)
        self.gain_model = FrameModel(self)
        self.gain = _table()
        self.gain.setModel(self.gain_model)
        self.gain.horizontalHeader().setStretchLastSection(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.radar, 1)
        right_layout.addWidget(self.strengths)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.scores)
        top.addWidget(right)
        top.setSizes([620, 480])
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        self.gain_title = QLabel(self.tr("Where the most points can still be gained"))
        self.gain_title.setStyleSheet("font-weight: bold;")
        bottom_layout.addWidget(self.gain_title)
        bottom_layout.addWidget(self.gain, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([520, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        session.scored.connect(self.mark_dirty)
        session.unit_selected.connect(self.mark_dirty)

    def refresh(self) -> None:
        s, code = self.session, self.session.current_unit
        result = s.result
        if not code or code not in result.status.index:
            self.title.setText(self.tr("Choose a unit in the list on the left."))
            self.summary.setText("")
            self.scores_model.set_frame(pd.DataFrame())
            self.gain_model.set_frame(pd.DataFrame())
            self.strengths.setText("")
            return
        unit = s.register.by_code.get(code)
        region = unit.region(s.lang) if unit else ""
        self.title.setText(f"{s.unit_name(code)} ({code})" + (f" — {region}" if region else ""))
        status = s.unit_status()[code]
        c = s.criteria
        label = status_labels()[status]
        if status == "provisional":
            label = provisional_text(result.standing.of_unit(code).errors,
                                     code in result.scored)
        colour = status_color(status) if status in ("provisional", "invalid") else None
        self.summary.setStyleSheet(f"background: {colour.name()}; padding: 3px;"
                                   if colour is not None else "")
        if code not in result.with_score:
            self.summary.setText(self.tr("Status: %1. This unit has no score.")
                                 .replace("%1", label))
        elif code not in result.scored:
            self.summary.setText(
                self.tr("Index %1 · not ranked (strict ranking) · status: %2")
                .replace("%1", fmt_number(result.shown[code], c.decimals))
                .replace("%2", label))
        else:
            scored = len(result.scored)
            self.summary.setText(
                self.tr("Index %1 · rank %2 of %3 · rank in region %4 · status: %5")
                .replace("%1", fmt_number(result.shown[code], c.decimals))
                .replace("%2", fmt_rank(result.rank[code])).replace("%3", str(scored))
                .replace("%4", fmt_rank(result.region_rank[code]))
                .replace("%5", label))
        if status == "provisional":
            self.summary.setText(self.summary.text() + " — " + self.tr(
                "some input values could not be used and count as missing; see the Issues tab, "
                "or verify them."))
        self._fill_scores(code)
        self._fill_side(code)

    def _fill_scores(self, code: str) -> None:
        s, result = self.session, self.session.result
        c = s.criteria
        rows, colours = [], []

        def add(key: str, name: str, got: object, top: float, rank: object, group: bool,
                fraction: object) -> None:
            rows.append({"code": key, "name": name, "points": fmt_number(got, 2),
                         "max": f"{top:g}", "share": fmt_number(fraction, c.decimals),
                         "rank": fmt_rank(rank)})
            colours.append(_GROUP if group else None)

        total = c.max_points()
        add(self.tr("Index"), c.name(s.lang), result.node_points.loc[code].reindex(
            list(c.main_indicators)).sum(min_count=1), total, result.rank[code], True,
            result.shown[code])
        for p in c.pillars:
            got = result.pillar_fraction.at[code, p.code] * c.pillar_points(p)
            add(p.code, p.name(s.lang), got, c.pillar_points(p), result.pillar_rank.at[
                code, p.code], True, result.pillar_shown.at[code, p.code])
        for m in c.main_indicators:
            add(m, c.by_code[m].name(s.lang), result.node_points.at[code, m], c.max_points(m),
                result.indicator_rank.at[code, m], True, result.indicator_shown.at[code, m])
            self._add_children(m, code, add, depth=1)
        frame = pd.DataFrame(rows, columns=["code", "name", "points", "max", "share", "rank"])
        self.scores_model.set_frame(frame, [self.tr("Code"), self.tr("Name"), self.tr("Points"),
                                            self.tr("Max points"), self.tr("Score"),
                                            self.tr("Rank")],
                                    numeric=("points", "max", "share", "rank"),
                                    background=colours,
                                    tooltips=[r["name"].strip() for r in rows])
        fit_columns(self.scores, 260, key=len(rows))

    def _add_children(self, parent: str, code: str, add, depth: int) -> None:
        s, result = self.session, self.session.result
        c = s.criteria
        for child in c.children.get(parent, ()):
            node = c.by_code[child]
            add(child, "    " * depth + node.name(s.lang), result.node_points.at[code, child],
                c.max_points(child), None, False, result.node_fraction.at[code, child])
            if not node.is_leaf:
                self._add_children(child, code, add, depth + 1)

    def _fill_side(self, code: str) -> None:
        s, result = self.session, self.session.result
        c = s.criteria
        # matplotlib loads on first use, not when the app starts
        from matplotlib.figure import Figure

        from dti_app.core.charts import unit_radar

        figure = Figure(figsize=(5.2, 4.4))
        self.radar.show_figure(unit_radar(result, s.register, code, s.lang, s.shown_year,
                                          fig=figure, rect=[0.2, 0.07, 0.6, 0.6],
                                          compact=True))
        if code not in result.with_score:
            self.strengths.setText("")
            self.gain_model.set_frame(pd.DataFrame())
            return
        strong, weak = best_and_worst_indicators(result, code)

        def names(pairs: list[tuple[str, float]]) -> str:
            return ", ".join(f"{c.by_code[m].name(s.lang)} ({v * c.scale:.{min(2, c.decimals)}f})"
                             for m, v in pairs)

        strongest, weakest = self.tr("Strongest:"), self.tr("Weakest:")
        self.strengths.setText(f"<b>{strongest}</b> {names(strong)}<br>"
                               f"<b>{weakest}</b> {names(weak)}")
        table = points_to_gain(c, ranked_with(result, code), code, s.final_values(), s.lang)

        def yes_no(leaf: str) -> bool:
            return c.by_code[leaf].rule.kind == "yes_no"

        table = table.head(GAIN_ROWS)
        frame = pd.DataFrame({
            "leaf": table["leaf"], "name": table["leaf_name"],
            "value": [fmt_value(v, yes_no(leaf)) for leaf, v in zip(table["leaf"], table["value"])],
            "best": [fmt_value(v, yes_no(leaf))
                     for leaf, v in zip(table["leaf"], table["best_value"])],
            "available": [fmt_number(v, 2) for v in table["available"]],
            "new": [fmt_number(v, c.decimals) for v in table["new_index"]],
            "rank": [fmt_rank(v) for v in table["new_rank"]],
        })
        self.gain_model.set_frame(frame, [self.tr("Code"), self.tr("Sub-indicator"),
                                          self.tr("Value now"), self.tr("Value for full points"),
                                          self.tr("Points to gain"), self.tr("Index then"),
                                          self.tr("Rank then")],
                                  numeric=("value", "best", "available", "new", "rank"))
        fit_columns(self.gain, 300)
