"""The diary's timeline: a column per night, the episodes' severity as bar height, and
under it the tied days' coverage of the nutrients picked, one row each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.core.diary.episode import Episode
from planner.ui.charts.chart_data import STATUS_COLOURS, STATUS_LABELS, status_of

BAR_AREA = 110  # pixels for severity 10
ROW = 16  # a nutrient's row
LABELS = 118  # the left column of row names
BAR_COLOUR = QColor("#4c72b0")
SIGN_COLOUR = QColor("#d62728")
# A night with a menu tied: the bars' blue, lighter; not the grey of an unknown value.
TIED_COLOUR = QColor("#a9bddf")
SIGN_KEY = "a cramp over 10 minutes, or a sign noted with it (Help: when to see a doctor)"


@dataclass
class TimelineData:
    """What the timeline shows; ``percent[key][night]`` is None where a tied day's
    amount or target is unknown, and a night without a tie has no entry."""

    nights: list[dt.date] = field(default_factory=list)
    episodes: dict[dt.date, list[Episode]] = field(default_factory=dict)
    tied: dict[dt.date, str] = field(default_factory=dict)  # night -> where its menu came from
    rows: list[tuple[str, str]] = field(default_factory=list)  # (key, label)
    percent: dict[str, dict[dt.date, float | None]] = field(default_factory=dict)
    over: dict[str, set[dt.date]] = field(default_factory=dict)


class Timeline(QWidget):
    nightClicked = Signal(object)  # a dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diaryTimeline")
        self.data = TimelineData()
        self.selected: dt.date | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Timeline of cramps and tied days")

    def set_data(self, data: TimelineData) -> None:
        self.data = data
        self.updateGeometry()
        self.setFixedHeight(self._height())
        self.update()

    def _top(self) -> int:
        return self.fontMetrics().height() + 6

    def _rows_top(self) -> int:
        return self._top() + BAR_AREA + self.fontMetrics().height() + 10

    def _height(self) -> int:
        # The rows (a first one for the ties), then the colours' legend.
        return self._rows_top() + ROW * (len(self.data.rows) + 2) + 10

    def sizeHint(self) -> QSize:
        return QSize(600, self._height())

    def _column(self) -> float:
        return (self.width() - LABELS - 8) / max(len(self.data.nights), 1)

    def night_at(self, x: float) -> dt.date | None:
        n = int((x - LABELS) // self._column()) if x >= LABELS else -1
        return self.data.nights[n] if 0 <= n < len(self.data.nights) else None

    # -- painting ---------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(40)
        col = self._column()
        top, rows_top = self._top(), self._rows_top()
        base = top + BAR_AREA
        metrics = self.fontMetrics()
        p.setPen(text)
        title = "Severity (0–10) per night"
        p.drawText(QRectF(0, 0, LABELS + 200, top), title)
        # What the red mark over a bar means, in its colour, after the title.
        key_x = metrics.horizontalAdvance(title) + 24
        key_y = (top - 3) / 2
        p.fillRect(QRectF(key_x, key_y, 14, 3), SIGN_COLOUR)
        p.drawText(QRectF(key_x + 20, 0, self.width() - key_x - 20, top), SIGN_KEY)
        p.drawText(QRectF(0, base - metrics.height(), LABELS - 6, metrics.height()), "0")
        p.drawText(QRectF(0, top, LABELS - 6, metrics.height()), "10")
        label_end = 0.0
        for n, night in enumerate(self.data.nights):
            x = LABELS + n * col
            if night == self.selected:
                shade = QColor(self.palette().color(QPalette.ColorRole.Highlight))
                shade.setAlpha(50)
                p.fillRect(QRectF(x, top, col, self.height() - top), shade)
            label = f"{night:%d %b}"
            width = metrics.horizontalAdvance(label)
            # A Monday: a line and its date; over many weeks, only where the date has room.
            if night.weekday() == 0 and label_end <= x <= self.width() - width - 4:
                p.setPen(QPen(grid, 1))
                p.drawLine(QPointF(x, top), QPointF(x, rows_top + ROW * (len(self.data.rows) + 1)))
                p.setPen(text)
                p.drawText(QRectF(x + 2, base + 2, 80, metrics.height()), label)
                label_end = x + width + 10
            episodes = self.data.episodes.get(night, [])
            if episodes:
                worst = max(e.severity for e in episodes)
                height = max(BAR_AREA * worst / 10, 2.0)
                bar = QRectF(x + col * 0.15, base - height, max(col * 0.7, 1.0), height)
                p.fillRect(bar, BAR_COLOUR)
                if any(e.flags for e in episodes) or any(e.minutes > 10 for e in episodes):
                    p.fillRect(QRectF(bar.left(), bar.top() - 4, bar.width(), 3), SIGN_COLOUR)
                if len(episodes) > 1 and col >= metrics.horizontalAdvance("×2"):
                    p.setPen(text)
                    p.drawText(
                        QRectF(x, bar.top() - metrics.height() - 4, col, metrics.height()),
                        int(Qt.AlignmentFlag.AlignHCenter),
                        f"×{len(episodes)}",
                    )
        p.setPen(QPen(grid, 1))
        p.drawLine(QPointF(LABELS, base), QPointF(self.width() - 8, base))
        self._paint_rows(p, text, rows_top, col)
        p.end()

    def _paint_rows(self, p: QPainter, text: QColor, top: int, col: float) -> None:
        rows = [("tied", "Menu tied"), *self.data.rows]
        for r, (key, label) in enumerate(rows):
            y = top + r * ROW
            p.setPen(text)
            p.drawText(QRectF(0, y, LABELS - 6, ROW), int(Qt.AlignmentFlag.AlignVCenter), label)
            for n, night in enumerate(self.data.nights):
                if night not in self.data.tied:
                    continue
                cell = QRectF(LABELS + n * col + 0.5, y + 2, max(col - 1, 1.0), ROW - 4)
                if key == "tied":
                    p.fillRect(cell, TIED_COLOUR)
                    continue
                percent = self.data.percent.get(key, {}).get(night)
                status = status_of(percent, night in self.data.over.get(key, set()))
                p.fillRect(cell, QColor(STATUS_COLOURS[status]))
        self._paint_legend(p, text, top + len(rows) * ROW + 6)

    def _paint_legend(self, p: QPainter, text: QColor, y: float) -> None:
        """What the cells' colours say: % of the target on each tied day."""
        metrics = self.fontMetrics()
        p.setPen(text)
        p.drawText(QRectF(0, y, LABELS - 6, ROW), int(Qt.AlignmentFlag.AlignVCenter), "Tied days:")
        x = float(LABELS)
        for status, label in STATUS_LABELS.items():
            p.fillRect(QRectF(x, y + 3, 10, ROW - 6), QColor(STATUS_COLOURS[status]))
            p.drawText(QRectF(x + 14, y, 300, ROW), int(Qt.AlignmentFlag.AlignVCenter), label)
            x += 14 + metrics.horizontalAdvance(label) + 18

    # -- pointing ---------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        night = self.night_at(event.position().x())
        if night is not None:
            self.selected = night
            self.update()
            self.nightClicked.emit(night)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            night = self.night_at(event.pos().x())
            if night is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tip(night), self)
            return True
        return super().event(event)

    def tip(self, night: dt.date) -> str:
        """What the timeline says of one night."""
        lines = [f"Night of {night:%a %d %b %Y}"]
        episodes = self.data.episodes.get(night, [])
        lines += [
            f"{e.when:%H:%M} {e.where_text()}: {e.minutes:g} min, severity {e.severity}"
            for e in episodes
        ] or ["No cramp logged"]
        source = self.data.tied.get(night)
        lines.append(f"Menu: {source}" if source else "No menu tied")
        for key, label in self.data.rows if source else []:
            percent = self.data.percent.get(key, {}).get(night)
            lines.append(f"{label}: {'?' if percent is None else f'{percent:.0f} %'}")
        return "\n".join(lines)
