"""The coverage chart: % of target per nutrient, stacked by food, drawn with matplotlib."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip, QWidget

from planner.core.data.nutrients import BY_KEY, CHART_KEYS
from planner.ui.charts.blitting import FastRedraw
from planner.ui.charts.chart_data import (
    FOOD_COLOURS,
    MAX_FOODS,
    OTHER_COLOUR,
    STATUS_COLOURS,
    STATUS_LABELS,
    ChartData,
)
from planner.ui.charts.lazy_chart import LazyChart, style_percent_axes

BAR_HEIGHT = 0.62
# The x axis ends at one of these, so that most edits keep the frame and only bars move.
AXIS_ENDS = (130, 160, 200, 250, 300, 400, 600, 1000)
LIMITS_SHOWN_UP_TO = 260.0
# Text sizes in points: the nutrient names at most matplotlib's default, the % labels at
# most 8, both shrinking on a short chart to TEXT_PER_ROW of a row's height, down to 6.5.
NAME_POINTS, LABEL_POINTS, SMALLEST_POINTS = 10.0, 8.0, 6.5
TEXT_PER_ROW = 0.75
# The height of the x axis (ticks and label) and the layout's pads, in points.
AXIS_POINTS = 48.0


def axis_end(needed: float) -> float:
    """The first of AXIS_ENDS that shows ``needed`` percent; the last one caps it."""
    return float(next((end for end in AXIS_ENDS if end >= needed), AXIS_ENDS[-1]))


class CoverageChart(LazyChart):
    """Created empty; ``build()`` imports matplotlib (after the window is shown).

    The figure and its artists are made once; ``set_data`` moves and resizes them and asks
    for an idle redraw, so an edit does not rebuild the figure.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.data: ChartData | None = None
        self.draw_count = 0
        self.whose = "your"  # whose targets the % are of: "your", or "Tom's"

    def build(self) -> None:
        if self.built:
            return
        from matplotlib.collections import PolyCollection
        from matplotlib.patches import Patch

        n = len(CHART_KEYS)
        self.make_figure((5.5, 4.2), (320, 260))
        ax = self.axes = self.figure.add_subplot()
        rows = np.arange(n)
        # One collection of rectangles per food segment (+ "other foods"), made once and
        # reshaped by each edit: drawing 7 collections costs a fraction of 91 patches.
        self.segment_bars = [
            ax.add_collection(
                PolyCollection([], facecolors=colour, edgecolors="white", linewidths=0.6)
            )
            for colour in (*FOOD_COLOURS, OTHER_COLOUR)
        ]
        self._widths = np.zeros((MAX_FOODS + 1, n))
        self._lefts = np.zeros((MAX_FOODS + 1, n))
        self.target_line = ax.axvline(100, color="#333", linewidth=1.2, zorder=3)
        (self.limit_all,) = ax.plot(
            [], [], color=STATUS_COLOURS["over"], linewidth=2.5, solid_capstyle="butt", zorder=4
        )
        (self.limit_supp,) = ax.plot(
            [], [], color="#777", linewidth=1.5, linestyle=(0, (2, 1.5)), zorder=4
        )
        self.labels = [
            ax.text(
                0,
                r,
                "",
                va="center",
                ha="left",
                fontsize=LABEL_POINTS,
                fontweight="bold",
                color="white",
                zorder=5,
                bbox={"boxstyle": "round,pad=0.25", "edgecolor": "none", "facecolor": "#999"},
            )
            for r in rows
        ]
        self._frame = None
        ax.set_yticks(rows, [BY_KEY[k].label for k in CHART_KEYS])
        # The rows' extent with matplotlib's default 5 % margins, top row at the top.
        margin = 0.05 * (n - 1 + BAR_HEIGHT)
        ax.set_ylim(n - 1 + BAR_HEIGHT / 2 + margin, -BAR_HEIGHT / 2 - margin)
        ax.set_xlabel(self._xlabel())
        ax.set_xlim(0, 130)
        style_percent_axes(ax)
        self.food_handles = [Patch(color=c) for c in (*FOOD_COLOURS, OTHER_COLOUR)]
        # Placeholder labels as wide as real ones, so the first layout leaves them room.
        self.food_legend = self._food_legend(["x" * 24] * (MAX_FOODS + 1), 3)
        self._food_columns = 3
        self._legend_widths: dict[int, float] = {}  # columns -> width, for these names
        from matplotlib.lines import Line2D

        status_handles = [Patch(color=STATUS_COLOURS[s]) for s in ("low", "part", "met", "over")]
        status_handles += [
            Line2D([], [], color=STATUS_COLOURS["over"], linewidth=2.5),
            Line2D([], [], color="#777", linewidth=1.5, linestyle=(0, (2, 1.5))),
        ]
        # Two columns (bar colours, then what is over or a limit): three would be cut off
        # at the figure's edge in a pane under ~420 px, as on a 1366 px wide screen.
        self.status_legend = self.figure.legend(
            status_handles,
            [STATUS_LABELS[s] for s in ("low", "part", "met", "over")]
            + ["upper limit", "limit (supplements only)"],
            loc="outside upper center",
            ncol=2,
            fontsize=7.5,
            frameon=False,
            handlelength=1.0,
        )
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        # Before FastRedraw's own resize handler, which lays the figure out again.
        self.canvas.mpl_connect("resize_event", lambda _event: self._fit_to_size())
        # Edits blit the bars and labels; the layout runs when the size or the legend's
        # names change.
        self.redraw = FastRedraw(self.figure, self.canvas, self._animated)
        self.show_canvas()
        if self.data is not None:
            self._apply(self.data)

    def set_data(self, data: ChartData, whose: str = "your") -> None:
        """Show ``data``: % of the targets of ``whose`` ("your", or a person's "Tom's")."""
        self.data, self.whose = data, whose
        if self.built:
            self._apply(data)

    def _xlabel(self) -> str:
        return f"% of {self.whose} daily target"

    def _apply(self, data: ChartData) -> None:
        """Move the bars and labels; redraw everything only when the frame around them changed.

        Bars and labels are animated artists blitted over a saved background, so an edit
        redraws a few rectangles instead of the whole figure (axes, ticks, legends).
        """
        self._widths = np.asarray(data.segments, dtype=float)
        self._lefts = np.cumsum(self._widths, axis=0) - self._widths
        for s, bars in enumerate(self.segment_bars):
            bars.set_verts(self._rectangles(s))
        left = self._lefts[-1] + self._widths[-1]
        # Limits far above any bar (vitamin D's is 667 % of target) would squeeze the bars:
        # they widen the axis only up to LIMITS_SHOWN_UP_TO; the table lists every limit.
        limits = [p for p in data.limit_percent if p is not None and p <= LIMITS_SHOWN_UP_TO]
        top = axis_end(
            max([130.0, float(np.nanmax(np.append(left, 0))) * 1.08, *(p * 1.04 for p in limits)])
        )
        for r, label in enumerate(self.labels):
            pct = data.percent[r]
            text = "?" if pct is None else f"{pct:.0f} %"
            if not data.targeted[r]:
                text = "no target"  # not "?": nothing is unknown, there is no % to give
            if data.incomplete[r] and pct is not None:
                text = "≥ " + text
            label.set_text(text)
            label.set_x(min(left[r], top * 0.88) + top * 0.012)
            label.get_bbox_patch().set_facecolor(STATUS_COLOURS[data.status[r]])
        names = [self._food_name(f) for f in data.foods]
        others = bool(data.segments[MAX_FOODS].any())
        frame = (top, tuple(names), others, data.limit_percent, data.limit_applies, self.whose)
        if frame == self._frame:
            self.redraw.blit()
        else:
            self._frame = frame
            self.axes.set_xlim(0, top)
            self.axes.set_xlabel(self._xlabel())
            self._set_limits(data)
            self._set_legend(names, others)
            self._legend_widths.clear()
            self._fit_food_legend()
            self.redraw.relayout()
            self.canvas.draw_idle()
        self.draw_count += 1

    def _rectangles(self, segment: int) -> np.ndarray:
        """Corners of the segment's bars that have a width: rectangles x 4 x (x, y)."""
        rows = np.flatnonzero(self._widths[segment] > 0)
        x0 = self._lefts[segment, rows]
        x1 = x0 + self._widths[segment, rows]
        y0, y1 = rows - BAR_HEIGHT / 2, rows + BAR_HEIGHT / 2
        return np.stack(
            [np.column_stack(corner) for corner in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))],
            axis=1,
        )

    def _set_legend(self, names: list[str], others: bool) -> None:
        for s, (text, handle) in enumerate(
            zip(self.food_legend.get_texts(), self.food_legend.legend_handles, strict=True)
        ):
            if s < len(names):
                text.set_text(names[s])
            else:
                text.set_text("other foods" if s == MAX_FOODS and others else "")
            handle.set_visible(s < len(names) or (s == MAX_FOODS and others))

    def _food_legend(self, labels: list[str], columns: int):
        return self.figure.legend(
            self.food_handles,
            labels,
            loc="outside lower center",
            ncol=columns,
            fontsize=7.5,
            frameon=False,
            handlelength=1.0,
            columnspacing=1.0,
        )

    def _fit_to_size(self) -> None:
        self._fit_food_legend()
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        """Nutrient names and % labels no taller than their rows: on a short screen (768 px)
        the rows are 12 px apart, and 10-point names ran into each other."""
        renderer = self.canvas.get_renderer()
        legends = sum(
            legend.get_window_extent(renderer).height
            for legend in (self.status_legend, self.food_legend)
        )
        # What else takes height: the x axis's ticks and label, and the layout's pads.
        rest = AXIS_POINTS * self.figure.dpi / 72
        row = (self.figure.bbox.height - legends - rest) / len(CHART_KEYS)
        points = row * 72 / self.figure.dpi * TEXT_PER_ROW
        names = float(np.clip(points, SMALLEST_POINTS, NAME_POINTS))
        self.axes.tick_params(axis="y", labelsize=names)
        for label in self.labels:
            label.set_fontsize(min(LABEL_POINTS, names))

    def _fit_food_legend(self) -> None:
        """The foods' legend in three columns where they fit the figure, else two or one:
        in a narrow pane (a small screen) long names ran off both edges.

        A legend's column count is fixed when it is made, so it is made again, but only
        when the count changes; each count's width is measured once per set of names.
        """
        legend = self.food_legend
        texts = [t.get_text() for t in legend.get_texts()]
        shown = [h.get_visible() for h in legend.legend_handles]
        renderer = self.canvas.get_renderer()
        room = self.figure.bbox.width
        for columns in (3, 2, 1):
            if columns not in self._legend_widths:
                self._set_food_legend(texts, shown, columns)
                self._legend_widths[columns] = self.food_legend.get_window_extent(renderer).width
            if self._legend_widths[columns] <= room:
                break
        if self._food_columns != columns:
            self._set_food_legend(texts, shown, columns)

    def _set_food_legend(self, texts: list[str], shown: list[bool], columns: int) -> None:
        self.food_legend.remove()
        self.food_legend = self._food_legend(texts, columns)
        self._food_columns = columns
        for handle, visible in zip(self.food_legend.legend_handles, shown, strict=True):
            handle.set_visible(visible)

    def _animated(self):
        """What moves with an edit, in drawing order: lines stay visible over the bars."""
        yield from self.segment_bars
        yield from (self.target_line, self.limit_all, self.limit_supp)
        yield from self.labels

    def _set_limits(self, data: ChartData) -> None:
        xs_all, ys_all, xs_supp, ys_supp = [], [], [], []
        for r, (p, applies) in enumerate(zip(data.limit_percent, data.limit_applies, strict=True)):
            if p is None:
                continue
            xs, ys = (xs_all, ys_all) if applies else (xs_supp, ys_supp)
            xs += [p, p, np.nan]
            ys += [r - 0.42, r + 0.42, np.nan]
        self.limit_all.set_data(xs_all, ys_all)
        self.limit_supp.set_data(xs_supp, ys_supp)

    food_name = None  # set by the window: food id -> display name

    def _food_name(self, food_id: str) -> str:
        name = self.food_name(food_id) if self.food_name else food_id
        return name if len(name) <= 24 else name[:23] + "…"

    def segment_widths(self) -> np.ndarray:
        """The drawn widths, segment x row (for tests: what the user sees)."""
        widths = np.zeros_like(self._widths)
        for s, bars in enumerate(self.segment_bars):
            for path in bars.get_paths():
                xs, ys = path.vertices[:, 0], path.vertices[:, 1]
                widths[s, round((ys.min() + ys.max()) / 2)] = xs.max() - xs.min()
        return widths

    def tooltip_at(self, segment: int, row: int) -> str | None:
        return None if self.data is None else self.data.tooltips.get((segment, row))

    def _hover(self, event) -> None:
        if event.inaxes is not self.axes or self.data is None:
            QToolTip.hideText()
            return
        hit = self.segment_at(event.xdata, event.ydata)
        text = self.tooltip_at(*hit) if hit else None
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()

    def segment_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The (segment, row) of the bar under a point in data coordinates, if any."""
        row = round(float(y))
        if not 0 <= row < self._widths.shape[1] or abs(y - row) > BAR_HEIGHT / 2:
            return None
        lefts, widths = self._lefts[:, row], self._widths[:, row]
        hits = np.flatnonzero((widths > 0) & (lefts <= x) & (x < lefts + widths))
        return (int(hits[0]), row) if len(hits) else None
