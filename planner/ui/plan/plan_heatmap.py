"""The plan chart: a heatmap of nutrients x days (% of target) and the daily average bars."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip, QWidget

from planner.core.data.nutrients import BY_KEY, CHART_KEYS
from planner.core.plans.plan_coverage import PlanCoverage
from planner.ui.charts.blitting import FastRedraw
from planner.ui.charts.chart_data import STATUS_COLOURS, STATUS_LABELS, status_of
from planner.ui.charts.coverage_chart import axis_end
from planner.ui.charts.lazy_chart import LazyChart, style_percent_axes
from planner.ui.plan.plan_heatmap_tips import guard_lines, tooltip_text

# Heat bands: the coverage chart's statuses and colours (one scale for the day chart, the
# heatmap and the daily average). Over an upper limit and unknown are drawn on top.
BOUNDS: tuple[float, ...] = (0.0, 50.0, 100.0)
BAND_COLOURS: tuple[str, ...] = tuple(STATUS_COLOURS[s] for s in ("low", "part", "met"))
BAND_LABELS: tuple[str, ...] = tuple(STATUS_LABELS[s] for s in ("low", "part", "met"))
# Dark fills take white text, light ones dark text.
DARK_FILLS = frozenset({STATUS_COLOURS["low"], STATUS_COLOURS["met"], STATUS_COLOURS["over"]})
UNKNOWN_FILL = "#ececec"
UNKNOWN_HATCH = "#b5b5b5"
# Beyond this many days the cells are too narrow for numbers; the tooltip gives them.
MAX_ANNOTATED_DAYS = 14
BAR_HEIGHT = 0.62


def band_colour(percent: float, over: bool) -> str:
    """The fill of a heat cell (NaN percent: the unknown fill)."""
    if over:
        return STATUS_COLOURS["over"]
    if np.isnan(percent):
        return UNKNOWN_FILL
    band = int(np.searchsorted(BOUNDS, percent, side="right")) - 1
    return BAND_COLOURS[max(band, 0)]


def cell_text(percent: float, unknown: bool, targeted: bool = True) -> str:
    """``58``, ``≥ 58`` (a lower bound), ``?`` or ``–`` (no target; the row's label says
    so); the axis says these are % of target."""
    if not targeted:
        return "–"
    if np.isnan(percent):
        return "?"
    text = f"{percent:.0f}"
    return f"≥{text}" if unknown else text


def short_day(name: str, limit: int = 10) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


class PlanHeatmap(LazyChart):
    """Created empty; ``build()`` imports matplotlib (the first time the tab is shown).

    The figure, the image, the bars and a pool of cell labels are made once; ``set_data``
    changes their data and asks for an idle redraw.
    """

    daySelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.data: PlanCoverage | None = None
        # The guard nutrients' day totals (not rows: a day over one of their limits gets ⚠
        # on its label and a line in its tooltips).
        self.guards: PlanCoverage | None = None
        # Set by the view: (day index, nutrient key) -> names of foods lacking the value.
        self.unknown_names: Callable[[int, str], list[str]] | None = None
        self._frame: tuple | None = None
        self.draw_count = 0

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.build()

    def build(self) -> None:
        if self.built:
            return
        from matplotlib.collections import LineCollection
        from matplotlib.colors import BoundaryNorm, ListedColormap
        from matplotlib.patches import Patch, Rectangle

        n = len(CHART_KEYS)
        rows = np.arange(n)
        self.make_figure((7.0, 4.6), (360, 280))
        grid = self.figure.add_gridspec(1, 2, width_ratios=(3.0, 1.3))
        heat = self.heat_axes = self.figure.add_subplot(grid[0])
        avg = self.avg_axes = self.figure.add_subplot(grid[1], sharey=heat)

        # Unknown cells are transparent in the image; this hatched sheet shows through.
        self.unknown_sheet = Rectangle(
            (-0.5, -0.5),
            1,
            n,
            facecolor=UNKNOWN_FILL,
            edgecolor=UNKNOWN_HATCH,
            hatch="////",
            linewidth=0,
            zorder=0,
        )
        heat.add_patch(self.unknown_sheet)
        cmap = ListedColormap(BAND_COLOURS).with_extremes(over=BAND_COLOURS[-1], bad=(0, 0, 0, 0))
        norm = BoundaryNorm([*BOUNDS, 1e12], cmap.N)
        empty = np.ma.masked_all((n, 1))
        self.image = heat.imshow(
            empty,
            cmap=cmap,
            norm=norm,
            aspect="auto",
            interpolation="nearest",
            zorder=1,
            extent=(-0.5, 0.5, n - 0.5, -0.5),
        )
        over_cmap = ListedColormap([STATUS_COLOURS["over"]]).with_extremes(bad=(0, 0, 0, 0))
        self.over_image = heat.imshow(
            empty,
            cmap=over_cmap,
            vmin=0,
            vmax=1,
            aspect="auto",
            interpolation="nearest",
            zorder=2,
            extent=(-0.5, 0.5, n - 0.5, -0.5),
        )
        self.gaps = LineCollection([], colors="white", linewidths=1.5, zorder=3)
        heat.add_collection(self.gaps)
        self.cell_labels: list[list] = [[] for _ in rows]  # rows x days, grown as needed
        self.empty_note = heat.text(
            0.5,
            0.5,
            "This plan has no days yet:\nadd one with “Add day”.",
            transform=heat.transAxes,
            ha="center",
            va="center",
            fontsize=9,
            color="#555",
            visible=False,
        )
        heat.set_yticks(rows, [BY_KEY[k].label for k in CHART_KEYS])
        heat.tick_params(axis="both", length=0, labelsize=8)
        heat.tick_params(axis="x", labeltop=True, labelbottom=False)
        heat.set_title("% of the daily target, day by day", fontsize=9, loc="left")
        for spine in heat.spines.values():
            spine.set_visible(False)

        self.avg_bars = avg.barh(rows, np.zeros(n), height=BAR_HEIGHT, color="#cccccc")
        self.target_line = avg.axvline(100, color="#333", linewidth=1.2, zorder=3)
        self.avg_labels = [
            avg.text(
                0,
                r,
                "",
                va="center",
                ha="left",
                fontsize=7.5,
                fontweight="bold",
                color="white",
                zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "edgecolor": "none", "facecolor": "#999"},
            )
            for r in rows
        ]
        # Wrapped at the figure's edge: in a narrow pane (a small screen) it was cut off.
        avg.set_title("Daily average", fontsize=9, loc="left", wrap=True)
        avg.set_xlabel("% of target", fontsize=8)
        style_percent_axes(avg)
        avg.tick_params(axis="y", labelleft=False)
        avg.tick_params(axis="x", labelsize=7.5)
        avg.set_xlim(0, 130)
        heat.set_ylim(n - 0.5, -0.5)

        handles = [Patch(color=c) for c in BAND_COLOURS]
        handles.append(Patch(color=STATUS_COLOURS["over"]))
        handles.append(Patch(facecolor=UNKNOWN_FILL, edgecolor=UNKNOWN_HATCH, hatch="////"))
        self.figure.legend(
            handles,
            [*BAND_LABELS, STATUS_LABELS["over"], "unknown"],
            loc="outside lower center",
            ncol=4,
            fontsize=7.5,
            frameon=False,
            handlelength=1.2,
            columnspacing=1.2,
        )
        # Edits blit the cells, labels and bars; the layout runs when the size or the days
        # change (as in coverage_chart.py).
        self.redraw = FastRedraw(self.figure, self.canvas, self._animated)
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.canvas.mpl_connect("button_press_event", self._click)
        self.show_canvas()
        if self.data is not None:
            self._apply(self.data)

    # -- data ---------------------------------------------------------------------------
    def set_data(self, data: PlanCoverage, guards: PlanCoverage | None = None) -> None:
        self.data = data
        self.guards = guards
        if self.built:
            self._apply(data)

    def _apply(self, data: PlanCoverage) -> None:
        """Change the cells, labels and bars; redraw everything only when the frame changed.

        The data artists are animated and blitted over a saved background (axes, ticks,
        legend), so an edit redraws them alone, as the coverage chart does.
        """
        n_days, n_keys = len(data.days), len(data.keys)
        percent = data.percent.T  # keys x days
        over = data.over.T
        avg = data.average_percent
        widths = np.nan_to_num(avg, nan=0.0)
        top = axis_end(max(130.0, float(widths.max(initial=0.0)) * 1.12))
        changed = self._set_frame(data, top)
        if n_days:
            self.image.set_data(np.ma.masked_invalid(percent))
            self.over_image.set_data(np.ma.masked_where(~over, np.ones_like(percent)))
        annotate = 0 < n_days <= MAX_ANNOTATED_DAYS
        self._grow_labels(n_days if annotate else 0)
        unknown = data.unknown.T
        targeted = ~np.isnan(data.target_values)
        for r in range(n_keys):
            for c, label in enumerate(self.cell_labels[r]):
                if not annotate or c >= n_days:
                    label.set_visible(False)
                    continue
                p = percent[r, c]
                fill = band_colour(p, bool(over[r, c]))
                label.set_text(cell_text(p, bool(unknown[r, c]), bool(targeted[r])))
                label.set_color("white" if fill in DARK_FILLS else "#222222")
                label.set_visible(True)

        for r, (rect, label) in enumerate(zip(self.avg_bars.patches, self.avg_labels, strict=True)):
            status = status_of(
                None if np.isnan(avg[r]) else float(avg[r]), bool(data.average_over[r])
            )
            rect.set_width(widths[r])
            rect.set_color(STATUS_COLOURS[status])
            text = "?" if np.isnan(avg[r]) else f"{avg[r]:.0f} %"
            if data.average_unknown[r] and not np.isnan(avg[r]):
                text = "≥ " + text
            if not targeted[r]:
                text = "no target"
            label.set_text(text)
            # A long bar carries its label inside its end, so the label stays in the panel.
            inside = widths[r] > top * 0.55
            label.set_x(widths[r] + (-1 if inside else 1) * top * 0.015)
            label.set_horizontalalignment("right" if inside else "left")
            label.get_bbox_patch().set_facecolor(STATUS_COLOURS[status])
            label.set_color("#222222" if status in ("part", "unknown") else "white")
        if changed:
            self.canvas.draw_idle()
        else:
            self.redraw.blit()
        self.draw_count += 1

    def _set_frame(self, data: PlanCoverage, top: float) -> bool:
        """Axes, ticks and extents, when the days, the targets or the bar axis changed."""
        n_days, n_keys = len(data.days), len(data.keys)
        no_target = tuple(np.isnan(data.target_values))
        crossed = tuple(bool(self.guard_lines(d)) for d in range(n_days))
        frame = (data.days, no_target, top, crossed)
        if frame == self._frame:
            return False
        self._frame = frame
        self.avg_axes.set_xlim(0, top)
        heat = self.heat_axes
        width = max(n_days, 1)
        extent = (-0.5, width - 0.5, n_keys - 0.5, -0.5)
        self.image.set_extent(extent)
        self.over_image.set_extent(extent)
        self.unknown_sheet.set_width(width)
        for artist in (self.image, self.over_image, self.unknown_sheet):
            artist.set_visible(n_days > 0)
        self.empty_note.set_visible(n_days == 0)
        heat.set_xlim(-0.5, width - 0.5)
        heat.set_ylim(n_keys - 0.5, -0.5)
        step = max(1, int(np.ceil(n_days / 31)))
        ticks = list(range(0, n_days, step))
        rotate = n_days > 5
        heat.set_xticks(
            ticks,
            [("⚠ " if crossed[t] else "") + short_day(data.days[t]) for t in ticks],
            rotation=35 if rotate else 0,
            ha="left" if rotate else "center",
            rotation_mode="anchor",
        )
        heat.set_yticks(
            range(n_keys),
            [
                BY_KEY[k].label + (" (no target)" if none else "")
                for k, none in zip(data.keys, no_target, strict=True)
            ],
        )
        # White gaps between cells: one line collection (a minor-tick grid made a tick
        # object per line and doubled the drawing time).
        xs, ys = np.arange(0.5, width - 0.5), np.arange(0.5, n_keys - 0.5)
        self.gaps.set_segments(
            [[(x, -0.5), (x, n_keys - 0.5)] for x in xs]
            + [[(-0.5, y), (width - 0.5, y)] for y in ys]
        )
        self.redraw.relayout()
        return True

    def _animated(self):
        """What an edit changes, in drawing order (gaps over cells, the 100 % line over bars)."""
        yield from (self.image, self.over_image, self.gaps)
        for row in self.cell_labels:
            yield from row
        yield from self.avg_bars.patches
        yield self.target_line
        yield from self.avg_labels

    def _grow_labels(self, n_days: int) -> None:
        """Enough cell labels for ``n_days`` columns (made once, reused after)."""
        for r, row in enumerate(self.cell_labels):
            while len(row) < n_days:
                row.append(
                    self.heat_axes.text(
                        len(row),
                        r,
                        "",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        zorder=4,
                        animated=True,
                    )
                )

    # -- what the user sees (tests read these) ------------------------------------------
    def cell_texts(self) -> list[list[str]]:
        """The numbers shown in the cells, nutrients x days ('' where none is shown)."""
        n_days = len(self.data.days) if self.data else 0
        return [
            [lbl.get_text() if lbl.get_visible() else "" for lbl in row[:n_days]]
            + [""] * max(0, n_days - len(row))
            for row in self.cell_labels
        ]

    def average_widths(self) -> np.ndarray:
        return np.array([rect.get_width() for rect in self.avg_bars.patches])

    def average_texts(self) -> list[str]:
        return [label.get_text() for label in self.avg_labels]

    # -- hover and click ----------------------------------------------------------------
    def _cell_at(self, event) -> tuple[int, int] | None:
        if self.data is None or event.xdata is None or event.ydata is None:
            return None
        r, c = round(event.ydata), round(event.xdata)
        if 0 <= r < len(self.data.keys) and 0 <= c < len(self.data.days):
            return r, c
        return None

    def tooltip_at(self, row: int, day: int | None) -> str:
        """The hover text of a heat cell (``day`` given) or of an average bar."""
        assert self.data is not None
        return tooltip_text(self.data, self.guards, row, day, self.unknown_names)

    def guard_lines(self, day: int) -> list[str]:
        """The guard limits day ``day`` crosses, as phrases (none when no guards are set)."""
        return guard_lines(self.guards, day)

    def _hover(self, event) -> None:
        if self.data is None:
            return
        if event.inaxes is self.heat_axes and (cell := self._cell_at(event)):
            QToolTip.showText(QCursor.pos(), self.tooltip_at(cell[0], cell[1]), self.canvas)
            return
        if event.inaxes is self.avg_axes and event.ydata is not None:
            r = round(event.ydata)
            if 0 <= r < len(self.data.keys) and self.data.days:
                QToolTip.showText(QCursor.pos(), self.tooltip_at(r, None), self.canvas)
                return
        QToolTip.hideText()

    def _click(self, event) -> None:
        if event.inaxes is self.heat_axes and (cell := self._cell_at(event)):
            self.daySelected.emit(cell[1])
