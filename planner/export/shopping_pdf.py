"""The shopping list drawn on pages: a PDF file (QPdfWriter) or a printer, with one layout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPagedPaintDevice,
    QPageSize,
    QPainter,
    QPen,
)

from planner import APP_NAME
from planner.core.plans.shopping import ShoppingItem, ShoppingList
from planner.core.plans.shopping_export import item_detail, subtitle_of, title_of
from planner.export.pdf_document import (
    draw_footer,
    ensure_gui_app,
    pdf_bytes,
    pdf_font,
    write_pdf,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# Sizes in points (1/72 inch), turned into device pixels per device.
TITLE_PT, SUBTITLE_PT, HEADING_PT, ITEM_PT, FOOTER_PT = 18.0, 10.0, 13.0, 10.5, 8.0
GREY = QColor(110, 110, 110)


@dataclass(frozen=True)
class _Block:
    """Something drawn across the page at a height: a title line, a heading or an item."""

    kind: str
    height: float
    text: str = ""
    item: ShoppingItem | None = None


class _Sheet:
    """Measures and draws the list on one paged device (PDF writer or printer)."""

    def __init__(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        self.painter = painter
        self.pt = device.logicalDpiY() / 72.0
        self.width = float(device.width())
        self.height = float(device.height())
        self.fonts = {
            "title": pdf_font(TITLE_PT, bold=True),
            "subtitle": pdf_font(SUBTITLE_PT),
            "heading": pdf_font(HEADING_PT, bold=True),
            "text": pdf_font(ITEM_PT),
            "item": pdf_font(ITEM_PT),
            "footer": pdf_font(FOOTER_PT),
        }
        painter.setFont(self.fonts["item"])
        self.box = painter.fontMetrics().ascent() * 0.85
        self.pad = 2.5 * self.pt
        self.text_x = self.box + 6 * self.pt
        self.name_w = (self.width - self.text_x) * 0.45
        self.detail_x = self.text_x + self.name_w + 8 * self.pt
        self.detail_w = self.width - self.detail_x
        self.body_bottom = (
            self.height - self._text_height("footer", "Page", self.width) - 6 * self.pt
        )

    # -- measuring ---------------------------------------------------------------------
    def _text_height(self, font: str, text: str, width: float) -> float:
        self.painter.setFont(self.fonts[font])
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        return self.painter.boundingRect(QRectF(0, 0, width, 1e7), flags, text).height()

    def _line(self, kind: str, text: str, space_after: float) -> _Block:
        return _Block(kind, self._text_height(kind, text, self.width) + space_after * self.pt, text)

    def _heading(self, text: str) -> _Block:
        # The space above a heading belongs to it, so it moves with the heading.
        height = self._text_height("heading", text, self.width) + 12 * self.pt
        return _Block("heading", height, text)

    def _item(self, item: ShoppingItem) -> _Block:
        name_h = self._text_height("item", item.name, self.name_w)
        detail_h = self._text_height("item", item_detail(item), self.detail_w)
        return _Block("item", max(name_h, detail_h) + 2 * self.pad, item=item)

    def layout(self, shopping: ShoppingList, date: dt.date) -> list[list[tuple[float, _Block]]]:
        """Blocks placed on pages; an aisle's heading always shares a page with an item of it.

        An aisle that does not fit in what is left of a page starts a new page when it
        fits on one; a longer aisle starts where it is (if its heading and first item fit)
        and goes on under a "(continued)" heading.
        """
        pages: list[list[tuple[float, _Block]]] = [[]]
        y = 0.0

        def place(block: _Block) -> None:
            nonlocal y
            pages[-1].append((y, block))
            y += block.height

        def new_page() -> None:
            nonlocal y
            pages.append([])
            y = 0.0

        place(self._line("title", title_of(shopping), 4))
        place(self._line("subtitle", subtitle_of(shopping, date), 4))
        if len(shopping) == 0:
            place(self._line("text", "Nothing to buy: the plan has no foods.", 0))
        for aisle, items in shopping.aisles():
            heading = self._heading(aisle)
            rows = [self._item(item) for item in items]
            whole = heading.height + sum(r.height for r in rows)
            room = self.body_bottom - y
            if whole > room and (
                whole <= self.body_bottom or heading.height + rows[0].height > room
            ):
                new_page()
            place(heading)
            for row in rows:
                if y + row.height > self.body_bottom and pages[-1][-1][1].kind != "heading":
                    new_page()
                    place(self._heading(f"{aisle} (continued)"))
                place(row)
        return pages

    # -- drawing -----------------------------------------------------------------------
    def draw_page(self, blocks: list[tuple[float, _Block]], page: int, pages: int) -> None:
        p = self.painter
        for y, block in blocks:
            if block.kind == "item" and block.item is not None:
                self._draw_item(y, block)
                continue
            p.setFont(self.fonts[block.kind])
            p.setPen(GREY if block.kind == "subtitle" else QColor(0, 0, 0))
            top = y + (12 * self.pt if block.kind == "heading" else 0)
            rect = QRectF(0, top, self.width, block.height)
            p.drawText(rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), block.text)
        footer = f"{APP_NAME} · page {page} of {pages}"
        rect = QRectF(0, self.body_bottom, self.width, self.height - self.body_bottom)
        draw_footer(p, self.fonts["footer"], GREY, footer, rect)

    def _draw_item(self, y: float, block: _Block) -> None:
        p, item = self.painter, block.item
        assert item is not None
        done = item.ticked or item.in_pantry
        p.setFont(self.fonts["item"])
        metrics = p.fontMetrics()
        top = y + self.pad
        box = QRectF(0, top + (metrics.height() - self.box) / 2, self.box, self.box)
        p.setPen(QPen(QColor(0, 0, 0), 0.7 * self.pt))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(box)
        if done:
            p.setPen(QPen(QColor(0, 0, 0), 1.2 * self.pt))
            b = box
            p.drawPolyline(
                [
                    QPointF(b.left() + b.width() * 0.2, b.top() + b.height() * 0.55),
                    QPointF(b.left() + b.width() * 0.42, b.top() + b.height() * 0.78),
                    QPointF(b.left() + b.width() * 0.82, b.top() + b.height() * 0.22),
                ]
            )
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        p.setPen(GREY if done else QColor(0, 0, 0))
        p.drawText(QRectF(self.text_x, top, self.name_w, block.height), flags, item.name)
        detail = QRectF(self.detail_x, top, self.detail_w, block.height)
        p.drawText(detail, flags, item_detail(item))


def paint_shopping_list(
    device: QPagedPaintDevice, shopping: ShoppingList, date: dt.date | None = None
) -> int:
    """Draw the list on ``device`` (a QPdfWriter or a QPrinter); returns the page count."""
    ensure_gui_app()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start drawing (is the printer or file available?)")
    try:
        sheet = _Sheet(painter, device)
        pages = sheet.layout(shopping, date or dt.date.today())
        for n, blocks in enumerate(pages):
            if n:
                device.newPage()
            sheet.draw_page(blocks, n + 1, len(pages))
    finally:
        painter.end()
    return len(pages)


def print_shopping_list(
    printer: QPrinter, shopping: ShoppingList, date: dt.date | None = None
) -> int:
    """Print the list on a printer set up by the print dialog; returns the page count."""
    printer.setDocName(title_of(shopping))
    return paint_shopping_list(printer, shopping, date)


def shopping_pdf_bytes(
    shopping: ShoppingList, date: dt.date | None = None, page_size: QPageSize | None = None
) -> bytes:
    """The list as a PDF document, made in memory."""
    return pdf_bytes(
        title_of(shopping), lambda writer: paint_shopping_list(writer, shopping, date), page_size
    )


def write_shopping_pdf(path: Path, shopping: ShoppingList, date: dt.date | None = None) -> None:
    """Write the PDF atomically; an OSError leaves no partial file and is re-raised."""
    write_pdf(path, shopping_pdf_bytes(shopping, date))
