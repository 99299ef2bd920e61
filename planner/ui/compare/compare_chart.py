"""The comparison chart: grouped bars of % of target per nutrient, one colour per source."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QToolTip, QWidget

from planner.core.data.nutrients import BY_KEY, CHART_KEYS
from planner.core.menus.comparison import MAX_SOURCES, Comparison
from planner.ui.charts.coverage_chart import axis_end
from planner.ui.charts.lazy_chart import LazyChart, style_percent_axes
from planner.ui.compare.compare_texts import SERIES_COLOURS, percent_text, source_tooltip

GROUP_HEIGHT = 0.8  # of one nutrient's row, shared by its bars
# The axis stops here: one food rich in B12 (1000 % and more) would squeeze every other
# bar; longer bars run off the edge with their number on them.
AXIS_CAP = 300.0
# Legend slots, filled column by column by matplotlib: this order reads row by row.
LEGEND_COLUMNS = 3
# Bars thinner than this many points get no number (it would overlap its neighbours);
# "?" and "n/a" stay whatever the room, since there is no bar to see instead. Points, not
# pixels, so that an export (at its own dpi) shows what the screen shows.
MIN_LABEL_POINTS = 5.5
NOTES = {
    "bound": "≥ and hatching: at least this much (some foods have no USDA value)",
    "unknown": "?: unknown (no USDA value)",
    "n/a": "n/a: the basis means nothing for this food",
}


class CompareChart(LazyChart):
    """Created empty; ``build()`` imports matplotlib when the tab is first shown.

    Bars for ``MAX_SOURCES`` sources are made once; ``set_comparison`` resizes, moves and
    hides them, then asks for an idle redraw.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.comparison: Comparison | None = None
        self.hint = ""
        self.title = ""
        self.xlabel = "% of your daily target"
        self.food_name = None  # food id -> name, for tooltips
        self.export_action = QAction("Export chart…", self)

    def build(self) -> None:
        if self.built:
            return
        from matplotlib.patches import Patch

        n = len(CHART_KEYS)
        rows = np.arange(n)
        self.make_figure((7, 5.2), (360, 300))
        ax = self.axes = self.figure.add_subplot()
        self.series = [
            ax.barh(
                rows,
                np.zeros(n),
                height=GROUP_HEIGHT / MAX_SOURCES,
                color=colour,
                edgecolor=colour,
                linewidth=0,
            )
            for colour in SERIES_COLOURS[:MAX_SOURCES]
        ]
        self.labels = [
            [
                ax.text(0, r, "", va="center", ha="left", fontsize=7, color="#333", clip_on=True)
                for r in rows
            ]
            for _ in range(MAX_SOURCES)
        ]
        self.target_line = ax.axvline(100, color="#333", linewidth=1.2, zorder=3)
        ax.text(
            100,
            1.0,
            "target",
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=7,
            color="#333",
        )
        ax.set_yticks(rows, [BY_KEY[k].label for k in CHART_KEYS])
        ax.set_ylim(n - 0.5, -0.5)  # first nutrient on top
        ax.set_xlim(0, 130)
        style_percent_axes(ax)
        self.empty_text = ax.text(
            0.5,
            0.5,
            "",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            color="#666",
            wrap=True,
        )
        rows_of_legend = -(-MAX_SOURCES // LEGEND_COLUMNS)
        self._legend_order = [
            s
            for c in range(LEGEND_COLUMNS)
            for r in range(rows_of_legend)
            if (s := r * LEGEND_COLUMNS + c) < MAX_SOURCES
        ]
        self.legend = self.figure.legend(
            [Patch(color=SERIES_COLOURS[s]) for s in self._legend_order],
            [""] * MAX_SOURCES,
            loc="outside upper center",
            ncol=LEGEND_COLUMNS,
            fontsize=8,
            frameon=False,
            handlelength=1.2,
            columnspacing=1.5,
        )
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        # Room for the numbers depends on the size: decide again after a resize.
        self.canvas.mpl_connect("resize_event", lambda _: self._apply())
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.canvas.addAction(self.export_action)
        self.show_canvas()
        self._apply()

    def set_comparison(self, comparison: Comparison, title: str, xlabel: str, hint: str) -> None:
        """Show ``comparison``; ``hint`` is what to do when it is empty."""
        self.comparison, self.title, self.xlabel, self.hint = comparison, title, xlabel, hint
        if self.built:
            self._apply()

    def _apply(self) -> None:
        c = self.comparison
        count = len(c) if c is not None else 0
        keys = list(CHART_KEYS)
        if count:
            percent = c.percent[:, [c.column(k) for k in keys]]
            bound = c.lower_bound[:, [c.column(k) for k in keys]]
            needed = float(np.nanmax(np.append(percent.ravel(), 0.0)))
        else:
            percent = np.zeros((0, len(keys)))
            bound = np.zeros((0, len(keys)), bool)
            needed = 0.0
        top = axis_end(min(max(130.0, needed * 1.12), AXIS_CAP))
        height = GROUP_HEIGHT / max(count, 1)
        roomy = self._bar_points(height) >= MIN_LABEL_POINTS
        fontsize = 7 if count <= 2 else 6.5
        for s, bars in enumerate(self.series):
            shown = s < count
            for r, rect in enumerate(bars.patches):
                label = self.labels[s][r]
                rect.set_visible(shown)
                label.set_visible(shown)
                if not shown:
                    continue
                y = r - GROUP_HEIGHT / 2 + s * height
                width = 0.0 if np.isnan(percent[s, r]) else float(percent[s, r])
                rect.set_y(y)
                rect.set_height(height)
                rect.set_width(width)
                # Hatching marks a lower bound: some foods' values are unknown.
                rect.set_hatch("////" if bound[s, r] else None)
                rect.set_edgecolor("white" if bound[s, r] else SERIES_COLOURS[s])
                text = percent_text(c, s, keys[r])
                label.set_text(text)
                missing = text in ("?", "n/a")
                label.set_visible(roomy or missing)
                label.set_fontsize(8 if missing else fontsize)
                # A bar that is not there is told apart by its source's colour.
                label.set_color(SERIES_COLOURS[s] if missing else "#333")
                label.set_fontweight("bold" if missing else "normal")
                clipped = width > top * 0.9
                label.set_position((min(width, top * 0.9) + top * 0.008, y + height / 2))
                # A number drawn over its own bar needs a background to be read.
                label.set_bbox(
                    {"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85}
                    if clipped
                    else None
                )
        names = list(c.labels) if count else []
        for s, text, handle in zip(
            self._legend_order, self.legend.get_texts(), self.legend.legend_handles, strict=True
        ):
            text.set_text(_short(names[s]) if s < count else "")
            handle.set_visible(s < count)
        self.axes.set_xlim(0, top)
        # The title heads the legend: a suptitle and an outside legend can overlap.
        self.legend.set_title(self.title if count else "", prop={"size": 10})
        self.axes.set_xlabel("\n".join([self.xlabel, *self._notes(count, bound)]), fontsize=8.5)
        self.empty_text.set_text("" if count else self.hint)
        self.canvas.draw_idle()

    def _bar_points(self, height: float) -> float:
        """How many points tall a bar of ``height`` (in rows) is drawn at the current size."""
        axes_points = self.axes.get_position().height * self.figure.get_figheight() * 72
        return axes_points / len(CHART_KEYS) * height

    def _notes(self, count: int, bound: np.ndarray) -> list[str]:
        """What the marks on this chart mean: only those it shows."""
        texts = {self.bar_label(s, r) for s in range(count) for r in range(len(CHART_KEYS))}
        notes = [NOTES["bound"]] if bound.any() else []
        marks = [NOTES[n] for n, t in (("unknown", "?"), ("n/a", "n/a")) if t in texts]
        return notes + ([" · ".join(marks)] if marks else [])

    # -- for tests and tooltips: what the user sees ---------------------------------------
    def bar_widths(self) -> np.ndarray:
        """Drawn widths, source x chart nutrient (hidden sources' rows are NaN)."""
        return np.array(
            [
                [r.get_width() if r.get_visible() else np.nan for r in bars.patches]
                for bars in self.series
            ]
        )

    def bar_label(self, source: int, row: int) -> str:
        return self.labels[source][row].get_text()

    def legend_labels(self) -> list[str]:
        """Legend names in source order (hidden sources left out)."""
        texts = dict(zip(self._legend_order, self.legend.get_texts(), strict=True))
        return [texts[s].get_text() for s in range(MAX_SOURCES) if texts[s].get_text()]

    def _hover(self, event) -> None:
        c = self.comparison
        if event.inaxes is not self.axes or c is None:
            QToolTip.hideText()
            return
        for s, bars in enumerate(self.series[: len(c)]):
            for r, rect in enumerate(bars.patches):
                # Unknown bars have no width: the row band around them answers too.
                y0, h = rect.get_y(), rect.get_height()
                inside = rect.contains(event)[0] or (
                    rect.get_width() == 0
                    and event.ydata is not None
                    and y0 <= event.ydata <= y0 + h
                    and event.xdata is not None
                    and event.xdata < self.axes.get_xlim()[1] * 0.08
                )
                if inside:
                    QToolTip.showText(
                        QCursor.pos(),
                        source_tooltip(c, s, CHART_KEYS[r], self.food_name),
                        self.canvas,
                    )
                    return
        QToolTip.hideText()


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
