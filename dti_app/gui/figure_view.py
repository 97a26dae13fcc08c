"""A matplotlib ``Figure`` from the core, shown in the window at a readable size.

Two ways to show one:

- ``"scale"`` (the charts tab): the core's charts are laid out for print (A4 width, a tall figure
  for 63 units). The figure keeps its size in inches and its layout; only its resolution changes
  so that it is exactly as wide as the view, and the view scrolls down a tall chart. Text grows
  and shrinks with the window instead of overlapping or being cut off.
- ``"fill"`` (small figures drawn for a panel, e.g. the radar of the unit detail): the figure
  takes the size of the view, like any widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FigureView"]

MIN_DPI, MAX_DPI = 60.0, 140.0


class FigureView(QScrollArea):
    def __init__(self, parent: QWidget | None = None, mode: str = "scale") -> None:
        super().__init__(parent)
        self.mode = mode
        self.figure: Figure | None = None
        self.canvas = None
        self._inches = (8.0, 6.0)
        self.setWidgetResizable(mode == "fill")
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if mode == "fill":
            self.setFrameShape(QScrollArea.Shape.NoFrame)

    def show_figure(self, figure: Figure) -> None:
        # matplotlib loads here, on the first chart shown, not when the app starts
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.figure = figure
        self._inches = tuple(figure.get_size_inches())
        self.canvas = FigureCanvasQTAgg(figure)
        self.setWidget(self.canvas)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.canvas is None or self.figure is None or self.mode == "fill":
            return
        width_in, height_in = self._inches
        bar = self.verticalScrollBar().sizeHint().width()
        room = max(200, self.viewport().width() - 2)
        if room / width_in * height_in > self.viewport().height():
            room = max(200, self.width() - bar - 6)        # a scroll bar will be there
        dpi = min(MAX_DPI, max(MIN_DPI, room / width_in))
        # matplotlib's Qt canvas multiplies the figure's "original" dpi by the screen's pixel
        # ratio whenever it is shown; set both so a HiDPI screen keeps the same layout.
        self.figure._original_dpi = dpi
        self.figure.dpi = dpi * self.canvas.device_pixel_ratio
        self.canvas.setFixedSize(int(width_in * dpi), int(height_in * dpi))
        self.figure.set_size_inches(width_in, height_in, forward=False)
        self.canvas.draw_idle()
