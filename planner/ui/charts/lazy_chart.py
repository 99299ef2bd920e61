"""A chart widget whose matplotlib figure is made on first use, so matplotlib loads late."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def style_percent_axes(ax) -> None:
    """The look the window's %-of-target bar charts share: a light vertical grid behind
    the bars, no top or right frame, no tick marks beside the nutrient names."""
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e6e6e6", zorder=0)
    ax.set_axisbelow(True)


class LazyChart(QWidget):
    """Holds a placeholder until a subclass's ``build()`` makes the figure.

    ``make_figure`` imports matplotlib and creates the figure and its Qt canvas;
    ``show_canvas`` puts the canvas where the placeholder was. Subclasses make their
    artists once in between and only update them afterwards.
    """

    def __init__(self, placeholder: str = "Loading chart…", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = None
        self.canvas = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(placeholder, alignment=Qt.AlignmentFlag.AlignCenter)
        # Greyed as disabled text is, in the style's own colour. (A style sheet would cost
        # ~3 ms of start-up: the window's first one loads Qt's CSS machinery.)
        self._placeholder.setEnabled(False)
        self._layout.addWidget(self._placeholder)

    @property
    def built(self) -> bool:
        return self.canvas is not None

    def make_figure(self, figsize: tuple[float, float], min_size: tuple[int, int]):
        """The figure (constrained layout) and its canvas; returns the figure."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=figsize, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumSize(*min_size)
        return self.figure

    def show_canvas(self) -> None:
        self._layout.removeWidget(self._placeholder)
        self._placeholder.deleteLater()
        self._layout.addWidget(self.canvas)

    def show_failure(self, text: str) -> None:
        """Say in the placeholder's place why there is no chart."""
        self._placeholder.setText(text)
