"""The charts tab: the publication charts of the core, embedded and kept up to date.

The list on the left picks a chart; the figure is drawn by the same core function the exports use
(``dti_app.core.charts``) and redrawn when the result changes, but only while the tab is visible
(re-ranking after a weight change stays instant). "Save chart…" writes the chart shown, freshly
drawn at print size, as PNG, SVG or PDF (``chart_export.save_figure``, atomic).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from dti_app.core.errors import DtiError
from dti_app.gui.display import error_text
from dti_app.gui.figure_view import FigureView
from dti_app.gui.panel import LazyPanel
from dti_app.gui.session import Session

__all__ = ["ChartsView"]

FORMATS = ("png", "svg", "pdf")


def _charts():
    """The core's chart module, imported when a chart is first drawn (matplotlib is slow)."""
    from dti_app.core import charts

    return charts


class ChartsView(LazyPanel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.builders: list[tuple[str, str, Callable[[], object]]] = self._builders()
        self.list = QListWidget()
        for _key, title, _build in self.builders:
            self.list.addItem(title)
        self.list.setMaximumWidth(250)
        self.list.setSpacing(2)
        self.view = FigureView()
        self.save = QPushButton(self.tr("Save chart…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        side.addWidget(self.save)
        side.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addLayout(side)
        layout.addWidget(self.view, 1)
        self.list.currentRowChanged.connect(self.mark_dirty)
        self.save.clicked.connect(self._ask_save)
        session.scored.connect(self.mark_dirty)
        session.unit_selected.connect(self._unit_changed)
        self.list.setCurrentRow(0)

    def _builders(self) -> list[tuple[str, str, Callable[[], object]]]:
        s = self.session

        def previous() -> pd.DataFrame:
            return pd.DataFrame({"rank": s.baseline.rank.astype("Float64")})

        out = [
            ("ranking", self.tr("Ranking"),
             lambda: _charts().ranking_bars(s.result, s.register, s.lang, s.shown_year)),
            ("pillars", self.tr("Pillars"),
             lambda: _charts().pillar_comparison(s.result, s.register, s.lang, s.shown_year)),
            ("heatmap", self.tr("Main indicators (heat map)"),
             lambda: _charts().indicator_heatmap(s.result, s.register, s.lang, s.shown_year)),
            ("radar", self.tr("Radar of the selected unit"),
             lambda: _charts().unit_radar(s.result, s.register, s.current_unit, s.lang,
                                          s.shown_year)),
            ("weights", self.tr("Rank change from the edited weights"),
             lambda: _charts().rank_change(s.result, s.register, previous(), s.lang,
                                           s.shown_year)),
        ]
        def tile_map():
            from dti_app.core.chart_map import tile_map

            return tile_map(s.result, s.register, s.lang, s.shown_year)

        out.insert(1, ("map", self.tr("Map"), tile_map))
        return out

    @property
    def current_key(self) -> str:
        row = self.list.currentRow()
        return self.builders[row][0] if row >= 0 else ""

    def figure(self):
        """The chart chosen in the list, freshly drawn from the current result."""
        return self.builders[max(0, self.list.currentRow())][2]()

    def _unit_changed(self, _code: str) -> None:
        if self.current_key == "radar":
            self.mark_dirty()

    def refresh(self) -> None:
        self.message.setText("")
        self.view.show_figure(self.figure())

    def export_current(self, path: str | Path) -> Path | None:
        from dti_app.core.chart_export import save_figure

        path = Path(path)
        fmt = path.suffix.lower().lstrip(".")
        fmt = fmt if fmt in FORMATS else "png"
        try:
            written = save_figure(self.figure(), path.with_suffix(""), [fmt])[0]
        except DtiError as exc:
            self.message.setText(error_text(exc, self.session.lang))
            return None
        self.message.setText(self.tr("Saved: %1").replace("%1", str(written)))
        return written

    def _ask_save(self) -> None:
        settings = QSettings()
        folder = settings.value("folders/export", str(Path.home()))
        name = f"{self.current_key}.png"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), str(Path(folder) / name),
            self.tr("Images (*.png *.svg *.pdf)"))
        if path:
            settings.setValue("folders/export", str(Path(path).parent))
            self.export_current(path)
