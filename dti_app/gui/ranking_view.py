"""The ranking table: every unit with its index, rank, change, pillars and main indicators.

Sortable on any column, filtered by region and by a search box (case and diacritics ignored).
Units without a usable submission stay in the table with their status ("not submitted") and no
score, so nobody is silently left out. A provisional unit (ranked although some of its inputs
still have unresolved errors) is marked: an asterisk on its rank, its status with the number of
errors, its own colour, and a legend under the table. "Strict ranking" leaves provisional units
out of the ranking (they keep their scores; the others' ranks close up). Selecting a row selects
the unit in the session.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from dti_app.gui.display import (
    counts_text,
    fmt_change,
    fmt_number,
    fmt_rank,
    provisional_text,
    search_key,
    status_color,
    status_labels,
)
from dti_app.gui.models import KEY_ROLE, SORT_ROLE, FrameModel
from dti_app.gui.panel import LazyPanel, fit_columns, list_table
from dti_app.gui.session import Session

__all__ = ["RankingView", "UnitFilterProxy"]

_LAST = 10**9


class UnitFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose unit is in the chosen region and matches the search text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.keys: dict[str, str] = {}
        self.regions: dict[str, str] = {}
        self.region = ""
        self.text = ""

    def set_filter(self, region: str | None = None, text: str | None = None) -> None:
        self.beginFilterChange()
        if region is not None:
            self.region = region
        if text is not None:
            self.text = " ".join(search_key(w) for w in text.split()).strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        code = self.sourceModel().index(row, 0, parent).data(KEY_ROLE)
        if self.region and self.regions.get(code) != self.region:
            return False
        if self.text:
            key = self.keys.get(code, "")
            return all(part in key for part in self.text.split())
        return True


class RankingView(LazyPanel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = FrameModel(self)
        self.proxy = UnitFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.region = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search unit name or code…"))
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("background: #fde0c2; padding: 3px;")
        self.strict = QCheckBox(self.tr("Strict ranking (rank only units without errors)"))
        self.strict.setChecked(session.strict)
        self.strict.setToolTip(self.tr(
            "Provisional units keep their scores but are not ranked; the others' ranks close "
            "up."))
        self.table = list_table(self.proxy, stretch_last=False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Region:")))
        bar.addWidget(self.region, 1)
        bar.addWidget(QLabel(self.tr("Search:")))
        bar.addWidget(self.search, 2)
        bar.addWidget(self.strict)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.summary)
        self.strict.toggled.connect(session.set_strict)
        self.region.currentIndexChanged.connect(self._region_changed)
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        session.scored.connect(self.mark_dirty)
        session.setup_changed.connect(self._fill_regions)
        session.unit_selected.connect(self._show_unit)
        self._fill_regions()
        self.ensure_fresh()
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _fill_regions(self) -> None:
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(self.tr("All regions"), "")
        for unit_region in sorted({u.region(self.session.lang) for u in self.session.register
                                   if u.region_vi}):
            self.region.addItem(unit_region, unit_region)
        self.region.blockSignals(False)
        self.proxy.set_filter(region="")

    def _region_changed(self) -> None:
        self.proxy.set_filter(region=self.region.currentData() or "")

    def refresh(self) -> None:
        s, result = self.session, self.session.result
        c, lang = s.criteria, s.lang
        labels = status_labels()
        status = s.unit_status()
        change = s.rank_change()
        codes = list(result.status.index)
        units = [s.register.by_code.get(code) for code in codes]
        names = [u.name(lang) if u else code for u, code in zip(units, codes)]
        regions = [u.region(lang) if u else "" for u in units]
        ranked = set(result.scored)
        statuses = [provisional_text(result.standing.of_unit(code).errors, code in ranked)
                    if x == "provisional" else labels[x] for code, x in zip(codes, status)]
        ranks = [r + "*" if r and x == "provisional" else r
                 for r, x in zip(_ranks(result.rank), status)]
        text = {"rank": ranks, "code": codes, "name": names, "region": regions,
                "status": statuses, "index": _numbers(result.shown, c),
                "change": [fmt_change(x) for x in change]}
        keys = {"rank": _asc(result.rank), "code": codes, "name": [search_key(n) for n in names],
                "region": regions, "status": text["status"], "index": _desc(result.shown),
                "change": _desc(change.astype("Float64"))}
        headers = [self.tr("Rank"), self.tr("Code"), self.tr("Unit"), self.tr("Region"),
                   self.tr("Status"), self.tr("Index"), self.tr("Change")]
        for p in c.pillars:
            text[p.code] = _numbers(result.pillar_shown[p.code], c)
            text[p.code + "#"] = _ranks(result.pillar_rank[p.code])
            keys[p.code] = _desc(result.pillar_shown[p.code])
            keys[p.code + "#"] = _asc(result.pillar_rank[p.code])
            headers += [p.code, self.tr("Rank %1").replace("%1", p.code)]
        for m in c.main_indicators:
            text["m:" + m] = _numbers(result.indicator_shown[m], c)
            keys["m:" + m] = _desc(result.indicator_shown[m])
            headers.append(m)
        frame = pd.DataFrame(text, index=codes)
        numeric = tuple(col for col in frame.columns if col not in ("code", "name", "region",
                                                                     "status"))
        self.proxy.keys = {code: search_key(code, n) for code, n in zip(codes, names)}
        self.proxy.regions = dict(zip(codes, regions))
        self.model.set_frame(frame, headers, pd.DataFrame(keys, index=codes), numeric,
                             [status_color(x) for x in status],
                             [f"{n} ({code})" for code, n in zip(codes, names)])
        self.proxy.invalidate()
        fit_columns(self.table, 320, key=(tuple(headers), len(codes),
                                          max(map(len, statuses), default=0)))
        counts = result.status.value_counts()
        provisional = int(counts.get("provisional", 0))
        parts = [self.tr("%1 units ranked").replace("%1", str(len(result.scored)))]
        if provisional and not result.strict:
            parts[0] += self.tr(" (%1 provisional)").replace("%1", str(provisional))
        if provisional and result.strict:
            parts.append(self.tr("%1 provisional, not ranked").replace("%1", str(provisional)))
        parts += [self.tr("%1 not submitted").replace("%1", str(int(counts.get("missing", 0)))),
                  self.tr("%1 not usable").replace("%1", str(int(counts.get("invalid", 0))))]
        self.summary.setText(
            ", ".join(parts) + " · " + self.tr("issues: %1").replace(
                "%1", counts_text(s.issue_counts())) + " · " + self.tr("criteria %1").replace(
                "%1", c.named.label + (self.tr(" (weights edited)") if s.weights_edited else "")))
        self.legend.setVisible(provisional > 0)
        if result.strict:
            self.legend.setText(self.tr(
                "Provisional: some of the unit's input values still have unresolved errors. "
                "Strict ranking: these units keep their scores but are not ranked, and the "
                "others' ranks close up. Verify those values to resolve the errors."))
        else:
            self.legend.setText(self.tr(
                "* Provisional: ranked, but some of its input values still have unresolved "
                "errors and count as missing, so its score may change. Verify those values to "
                "resolve them, or tick “Strict ranking” to leave such units out of the "
                "ranking."))
        if self.strict.isChecked() != s.strict:
            self.strict.blockSignals(True)
            self.strict.setChecked(s.strict)
            self.strict.blockSignals(False)
        self._show_unit(s.current_unit)

    def visible_codes(self) -> list[str]:
        """Unit codes in the order the table shows them (after filter and sort)."""
        return [self.proxy.index(r, 0).data(KEY_ROLE) for r in range(self.proxy.rowCount())]

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.session.select_unit(current.data(KEY_ROLE))

    def _show_unit(self, code: str) -> None:
        row = self.model.row_of(code)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid() and self.table.currentIndex().row() != index.row():
            self.table.selectRow(index.row())


def _floats(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series.astype("Float64"), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)


def _desc(series: pd.Series) -> list[float]:
    """Sort keys so that ascending order puts the best (highest) first and missing last."""
    return np.where(np.isnan(values := _floats(series)), _LAST, -values).tolist()


def _asc(series: pd.Series) -> list[float]:
    """Sort keys for ranks: ascending, missing last."""
    return np.where(np.isnan(values := _floats(series)), _LAST, values).tolist()


def _ranks(series: pd.Series) -> list[str]:
    return [fmt_rank(v) for v in _floats(series)]


def _numbers(series: pd.Series, criteria) -> list[str]:
    return [fmt_number(v, criteria.decimals) for v in _floats(series)]
