"""File > Report for my doctor...: a period of nights, then a PDF, a print preview or print.
The figures are the core's (planner.core.diary.report), as on the command line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.formatting import count_of
from planner.core.diary.report import Report, build_report
from planner.core.diary.report_text import TITLE
from planner.ui.diary.diary_session import DiarySession
from planner.ui.diary.diary_view import pydate, qdate
from planner.ui.widgets.dialogs import file_name_for, save_file_name, warn


class ReportDialog(QDialog):
    def __init__(
        self,
        session: DiarySession,
        state,
        period: tuple[dt.date, dt.date],
        folder: tuple[Callable[[], str], Callable[[str], None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle("Report for my doctor")
        self.session, self.state = session, state
        self._folder, self._remember = folder
        today = session.today()
        self.first = QDateEdit(qdate(period[0]), self)
        self.last = QDateEdit(qdate(period[1]), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd dd MMM yyyy")
            edit.setMaximumDate(qdate(today))
            edit.dateChanged.connect(lambda _: self._summarise())
        self.summary = QLabel(self, wordWrap=True, objectName="reportSummary")
        form = QFormLayout()
        form.addRow("First &night", self.first)
        form.addRow("&Last night", self.last)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton("&Save PDF…", self)
        self.preview_button = QPushButton("Print pre&view…", self)
        self.print_button = QPushButton("&Print…", self)
        for button in (self.save_button, self.preview_button, self.print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "A record to show your doctor: the cramps of these nights, what came before "
                "them and what was eaten on the days tied to a menu. It is a record, not a "
                "diagnosis.",
                self,
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._summarise()

    def period(self) -> tuple[dt.date, dt.date]:
        first, last = pydate(self.first.date()), pydate(self.last.date())
        return (first, last) if first <= last else (last, first)

    def report(self) -> Report:
        first, last = self.period()
        diary = self.session.diary
        return build_report(
            diary.episodes(first, last),
            diary.ties(first, last),
            first,
            last,
            self.state.profile,
            self.state.targets,
            self.state.foods,
            self.session.today(),
        )

    def _summarise(self) -> None:
        r = self.report()
        self.summary.setText(
            f"{count_of(r.nights, 'night')}, {count_of(len(r.episodes), 'episode')} on "
            f"{r.nights_with} of them, {count_of(r.tied_days, 'day')} tied to a menu; "
            f"profile: {r.profile.describe()}."
        )

    def save_pdf(self, path: str | None = None) -> Path | None:
        """Write the PDF (asking where, unless ``path`` is given); the path written."""
        if path is None:
            first, last = self.period()
            start = Path(self._folder()) / file_name_for(f"cramp diary {first} to {last}", ".pdf")
            path, _ = save_file_name(self, "Save the report", str(start), "PDF (*.pdf)")
            if not path:
                return None
        from planner.export.diary_report import write_report_pdf

        target = Path(path)
        try:
            write_report_pdf(target, self.report())
        except OSError as exc:
            warn(self, TITLE, f"{target} could not be written:\n{exc.strerror or exc}")
            return None
        self._remember(str(target))
        self.summary.setText(f"Saved to {target}")
        return target

    def preview(self) -> int:
        """Qt's print preview (it prints from there too); returns the pages shown."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from planner.export.diary_report import print_report

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("Print preview: report for my doctor")
        pages: list[int] = []
        report = self.report()
        dialog.paintRequested.connect(lambda p: pages.append(print_report(p, report)))
        dialog.exec()
        return pages[-1] if pages else 0

    def print_report(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from planner.export.diary_report import print_report

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        try:
            print_report(printer, self.report())
        except OSError as exc:
            warn(self, TITLE, f"Printing failed: {exc}")
            return False
        return True
