"""The report for the doctor drawn on pages: a PDF (QPdfWriter) or a printer, one layout.

Its words and numbers come from planner.core.diary.report_text; here they are only laid
out: text that wraps, tables whose header comes again on each page they run onto.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPen

from planner import APP_NAME
from planner.core.diary.report import Report
from planner.core.diary.report_text import TITLE, Block, report_blocks
from planner.export.pdf_document import (
    draw_footer,
    ensure_gui_app,
    pdf_bytes,
    pdf_font,
    write_pdf,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

# Sizes in points (1/72 inch).
SIZES = {"title": 17.0, "subtitle": 9.5, "heading": 12.5, "text": 10.0, "note": 10.0, "cell": 9.0}
GREY = QColor(100, 100, 100)
RULE = QColor(190, 190, 190)
NOTE_BACK = QColor(243, 243, 243)
# No column of a table is narrower than this share of the page, so a long note wraps
# rather than squeezing the numbers.
MIN_COLUMN = 0.08
_WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)


@dataclass(frozen=True)
class _Piece:
    """What is placed at a height: a line of text, or a table's header or row."""

    kind: str  # a Block kind, or "header" / "row"
    height: float
    text: str = ""
    cells: tuple[str, ...] = ()
    widths: tuple[float, ...] = ()
    right: frozenset[int] = frozenset()
    space_above: float = 0.0


class _Sheet:
    def __init__(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        self.painter = painter
        self.pt = device.logicalDpiY() / 72.0
        self.width = float(device.width())
        self.height = float(device.height())
        self.fonts = {k: pdf_font(v, bold=k in ("title", "heading")) for k, v in SIZES.items()}
        self.fonts["header"] = pdf_font(SIZES["cell"], bold=True)
        self.pad = 2.0 * self.pt
        self.gap = 10.0 * self.pt  # between a table's columns
        self.body_bottom = self.height - self._height("subtitle", "Page", self.width) - 6 * self.pt

    def _height(self, font: str, text: str, width: float) -> float:
        self.painter.setFont(self.fonts[font])
        return self.painter.boundingRect(QRectF(0, 0, max(width, 1.0), 1e7), _WRAP, text).height()

    def _natural(self, font: str, text: str) -> float:
        """The width ``text`` is drawn in, measured as drawText lays it out (the font
        metrics' advance is a little narrower on a PDF writer, which wrapped the text)."""
        self.painter.setFont(self.fonts[font])
        return self.painter.boundingRect(QRectF(0, 0, 1e7, 1e7), 0, text).width() + self.pt

    # -- measuring -------------------------------------------------------------------
    def pieces(self, block: Block) -> list[_Piece]:
        if block.kind != "table":
            above = {"heading": 10.0, "note": 6.0}.get(block.kind, 0.0) * self.pt
            inset = 2 * self.pad if block.kind == "note" else 0.0
            height = self._height(block.kind, block.text, self.width - 2 * inset) + 2 * inset
            return [_Piece(block.kind, height + 4 * self.pt + above, block.text, space_above=above)]
        widths = self._widths(block)
        pieces = [self._row("header", block.header, widths, block.right)]
        pieces += [self._row("row", row, widths, block.right) for row in block.rows]
        return pieces

    def _widths(self, block: Block) -> tuple[float, ...]:
        """Each column's width: its widest cell; the widest capped so that the table fits."""
        n = len(block.header)
        natural = [
            max(
                [self._natural("header", block.header[c])]
                + [self._natural("cell", row[c]) for row in block.rows]
            )
            + self.gap
            for c in range(n)
        ]
        floor = MIN_COLUMN * self.width
        natural = [max(w, floor) for w in natural]
        total = sum(natural)
        if total <= self.width:
            return tuple(natural)
        # Cap the widest columns at one width, as high as fits: the narrow ones (dates,
        # numbers) stay whole and the long texts (notes) wrap.
        cap = self.width / n
        for count, w in enumerate(sorted(natural)):
            rest = n - count  # columns at least this wide
            if sum(sorted(natural)[:count]) + rest * w > self.width:
                cap = (self.width - sum(sorted(natural)[:count])) / rest
                break
        return tuple(min(w, cap) for w in natural)

    def _row(self, kind: str, cells: tuple[str, ...], widths: tuple[float, ...], right) -> _Piece:
        font = "header" if kind == "header" else "cell"
        height = max(
            self._height(font, c, w - self.gap) for c, w in zip(cells, widths, strict=True)
        )
        return _Piece(kind, height + 2 * self.pad, cells=cells, widths=widths, right=right)

    def _kept(self, pieces: list[_Piece], kind: str) -> float:
        """The height that must share a page: a short table whole (at most a third of a
        page), else a table's header and first row, else the block."""
        whole = sum(p.height for p in pieces)
        if kind != "table" or whole <= self.body_bottom / 3:
            return whole
        return sum(p.height for p in pieces[:2])

    def layout(self, blocks: list[Block]) -> list[list[tuple[float, _Piece]]]:
        """Pieces placed on pages; a heading never ends a page, a short table is not cut,
        and a long one that runs on starts the next page with its header again."""
        pages: list[list[tuple[float, _Piece]]] = [[]]
        measured = [self.pieces(block) for block in blocks]
        y = 0.0
        for n, (block, pieces) in enumerate(zip(blocks, measured, strict=True)):
            keep = self._kept(pieces, block.kind)
            if block.kind == "heading" and n + 1 < len(blocks):
                keep += self._kept(measured[n + 1], blocks[n + 1].kind)
            if y + keep > self.body_bottom and pages[-1]:
                pages.append([])
                y = 0.0
            header = pieces[0] if block.kind == "table" else None
            for piece in pieces:
                if y + piece.height > self.body_bottom and pages[-1]:
                    pages.append([])
                    y = 0.0
                    if header is not None and piece is not header:
                        pages[-1].append((y, header))
                        y += header.height
                pages[-1].append((y, piece))
                y += piece.height
        return pages

    # -- drawing ---------------------------------------------------------------------
    def draw_page(self, placed: list[tuple[float, _Piece]], page: int, pages: int) -> None:
        p = self.painter
        for y, piece in placed:
            if piece.kind in ("header", "row"):
                self._draw_row(y, piece)
                continue
            top = y + piece.space_above
            if piece.kind == "note":
                rect = QRectF(0, top, self.width, piece.height - piece.space_above - 4 * self.pt)
                p.fillRect(rect, NOTE_BACK)
                inner = rect.adjusted(2 * self.pad, 2 * self.pad, -2 * self.pad, -2 * self.pad)
                p.setFont(self.fonts["note"])
                p.setPen(QColor(0, 0, 0))
                p.drawText(inner, _WRAP, piece.text)
                continue
            p.setFont(self.fonts[piece.kind])
            p.setPen(GREY if piece.kind == "subtitle" else QColor(0, 0, 0))
            p.drawText(QRectF(0, top, self.width, piece.height), _WRAP, piece.text)
        footer = f"{APP_NAME} · a record, not a diagnosis · page {page} of {pages}"
        rect = QRectF(0, self.body_bottom, self.width, self.height - self.body_bottom)
        draw_footer(p, self.fonts["subtitle"], GREY, footer, rect)

    def _draw_row(self, y: float, piece: _Piece) -> None:
        p = self.painter
        p.setFont(self.fonts["header" if piece.kind == "header" else "cell"])
        p.setPen(QColor(0, 0, 0))
        x = 0.0
        for c, (text, width) in enumerate(zip(piece.cells, piece.widths, strict=True)):
            align = Qt.AlignmentFlag.AlignRight if c in piece.right else Qt.AlignmentFlag.AlignLeft
            rect = QRectF(x, y + self.pad, width - self.gap, piece.height)
            p.drawText(rect, int(Qt.TextFlag.TextWordWrap | align), text)
            x += width
        p.setPen(QPen(RULE, 0.5 * self.pt))
        bottom = y + piece.height
        p.drawLine(0, int(bottom), int(min(x, self.width)), int(bottom))


def paint_report(device: QPagedPaintDevice, report: Report) -> int:
    """Draw the report on ``device`` (a QPdfWriter or a QPrinter); returns the page count."""
    ensure_gui_app()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start drawing (is the printer or file available?)")
    try:
        sheet = _Sheet(painter, device)
        pages = sheet.layout(report_blocks(report))
        for n, placed in enumerate(pages):
            if n:
                device.newPage()
            sheet.draw_page(placed, n + 1, len(pages))
    finally:
        painter.end()
    return len(pages)


def print_report(printer: QPrinter, report: Report) -> int:
    """Print the report on a printer set up by the print dialog; returns the page count."""
    printer.setDocName(TITLE)
    return paint_report(printer, report)


def report_pdf_bytes(report: Report, page_size: QPageSize | None = None) -> bytes:
    """The report as a PDF document, made in memory."""
    return pdf_bytes(TITLE, lambda writer: paint_report(writer, report), page_size)


def write_report_pdf(path: Path, report: Report) -> None:
    """Write the PDF atomically; an OSError leaves no partial file and is re-raised."""
    write_pdf(path, report_pdf_bytes(report))
