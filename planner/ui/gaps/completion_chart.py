"""The completion's before/after chart: % of target per nutrient, the menu as it was and after."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from planner.core.advice.optimizer import Completion
from planner.core.data.ceilings import ceilings
from planner.core.data.nutrients import BY_KEY, CHART_KEYS
from planner.ui.charts.chart_data import STATUS_COLOURS, STATUS_LABELS, status_of
from planner.ui.charts.coverage_chart import LIMITS_SHOWN_UP_TO, axis_end
from planner.ui.charts.lazy_chart import LazyChart, style_percent_axes

BEFORE_COLOUR = "#c9c9c9"
BAR = 0.36  # height of each of a nutrient's two bars, in rows
# Past this the axis stops growing: one nutrient at 4,000 % (B12 in liver) would squeeze
# every other bar. Longer bars are cut at the edge; their label gives the number.
AXIS_CAP = 300.0


@dataclass(frozen=True)
class BeforeAfter:
    """What the chart draws, computed without matplotlib (so it is tested fast)."""

    keys: tuple[str, ...]
    before: np.ndarray  # % of target; NaN where unknown or without a target
    after: np.ndarray
    status: tuple[str, ...]  # of the after bar (chart_data.status_of)
    limit_percent: tuple[float | None, ...]  # ceilings (scope-all limits, sodium) in %
    aimed: tuple[bool, ...]


def before_after(completion: Completion, keys: tuple[str, ...] = CHART_KEYS) -> BeforeAfter:
    def percents(coverage) -> np.ndarray:
        return np.array(
            [np.nan if coverage[k].percent is None else coverage[k].percent for k in keys], float
        )

    targets = {k: completion.after[k].target for k in keys if completion.after[k].target}
    limits = ceilings(targets)
    after = percents(completion.after)
    return BeforeAfter(
        keys=keys,
        before=percents(completion.before),
        after=after,
        status=tuple(
            status_of(completion.after[k].percent, completion.after[k].above_upper_limit)
            for k in keys
        ),
        limit_percent=tuple(
            100 * limits[k] / targets[k].value if k in limits and targets[k].value else None
            for k in keys
        ),
        aimed=tuple(k in completion.aimed_at for k in keys),
    )


def change_text(before: float, after: float) -> str:
    """``62 → 104 %``; ``?`` for an unknown side."""

    def one(p: float) -> str:
        return "?" if np.isnan(p) else f"{p:.0f}"

    if not np.isnan(before) and not np.isnan(after) and round(before) == round(after):
        return f"{one(after)} %"
    return f"{one(before)} → {one(after)} %"


class BeforeAfterChart(LazyChart):
    """Two bars per nutrient: before (grey) and after (status colour); made once, updated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("The chart appears when a result is found.", parent)
        self.data: BeforeAfter | None = None
        self.export_action = QAction("Export chart…", self)

    def build(self) -> None:
        """Import matplotlib and make the figure (the first time a result is shown)."""
        if self.built:
            return
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        n = len(CHART_KEYS)
        rows = np.arange(n)
        self.make_figure((5.2, 5.6), (360, 380))
        ax = self.axes = self.figure.add_subplot()
        self.before_bars = ax.barh(rows - BAR / 2, np.zeros(n), height=BAR, color=BEFORE_COLOUR)
        self.after_bars = ax.barh(rows + BAR / 2, np.zeros(n), height=BAR, color="#999")
        ax.axvline(100, color="#333", linewidth=1.2, zorder=3)
        (self.limits,) = ax.plot(
            [], [], color=STATUS_COLOURS["over"], linewidth=2.5, solid_capstyle="butt", zorder=4
        )
        self.labels = [
            ax.text(
                0,
                r + BAR / 2,
                "",
                va="center",
                ha="left",
                fontsize=8,
                color="#222",
                zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8, "alpha": 0.85},
            )
            for r in rows
        ]
        ax.set_yticks(rows, [BY_KEY[k].label for k in CHART_KEYS])
        ax.invert_yaxis()
        ax.set_xlabel(
            "% of your daily target (bold: nutrients the completion aims at)", fontsize=8.5
        )
        style_percent_axes(ax)
        handles = [Patch(color=BEFORE_COLOUR)]
        handles += [Patch(color=STATUS_COLOURS[s]) for s in ("low", "part", "met", "over")]
        handles.append(Line2D([], [], color=STATUS_COLOURS["over"], linewidth=2.5))
        self.figure.legend(
            handles,
            [
                "before",
                *(f"after: {STATUS_LABELS[s]}" for s in ("low", "part", "met", "over")),
                "upper limit",
            ],
            loc="outside upper center",
            ncol=3,
            fontsize=7.5,
            frameon=False,
            handlelength=1.0,
        )
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.canvas.addAction(self.export_action)
        self.show_canvas()

    def set_data(self, data: BeforeAfter) -> None:
        self.data = data
        self.build()
        before = np.nan_to_num(data.before)
        after = np.nan_to_num(data.after)
        limits = [p for p in data.limit_percent if p is not None and p <= LIMITS_SHOWN_UP_TO]
        needed = max(
            [130.0, float(max(after.max(), before.max())) * 1.12, *(p * 1.04 for p in limits)]
        )
        top = axis_end(min(needed, AXIS_CAP))
        for r, (rect_b, rect_a) in enumerate(
            zip(self.before_bars.patches, self.after_bars.patches, strict=True)
        ):
            rect_b.set_width(min(before[r], top))
            rect_a.set_width(min(after[r], top))
            rect_a.set_color(STATUS_COLOURS[data.status[r]])
            label = self.labels[r]
            label.set_text(change_text(data.before[r], data.after[r]))
            # A label past the edge goes inside the bar's end, on its white box.
            label.set_x(min(after[r], top * 0.78) + top * 0.01)
        xs, ys = [], []
        for r, p in enumerate(data.limit_percent):
            if p is not None and p <= LIMITS_SHOWN_UP_TO:
                xs += [p, p, np.nan]
                ys += [r - 0.45, r + 0.45, np.nan]
        self.limits.set_data(xs, ys)
        for tick, aimed in zip(self.axes.get_yticklabels(), data.aimed, strict=True):
            tick.set_fontweight("bold" if aimed else "normal")
        self.axes.set_xlim(0, top)
        self.canvas.draw_idle()

    # -- for tests: what the user sees ------------------------------------------------------
    def bar_widths(self) -> tuple[np.ndarray, np.ndarray]:
        return (
            np.array([r.get_width() for r in self.before_bars.patches]),
            np.array([r.get_width() for r in self.after_bars.patches]),
        )
