"""The shopping list tab: the open plan's list by aisle, ticked off, exported and printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.formatting import count_of
from planner.core.errors import InputError
from planner.core.plans.shopping import ShoppingList, shopping_list
from planner.core.plans.shopping_export import shopping_csv, shopping_markdown, write_text_export
from planner.ui.plan.plan_commands import SetShoppingState
from planner.ui.plan.plan_session import PlanSession
from planner.ui.plan.shopping_model import PANTRY, TICKED, ShoppingModel
from planner.ui.widgets.dialogs import file_name_for
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.shortcuts import focus_key
from planner.ui.widgets.text_colours import muted_style

# Export kinds: (dialog title, file filter, file suffix).
EXPORTS: dict[str, tuple[str, str, str]] = {
    "csv": ("Export shopping list as CSV", "CSV files (*.csv)", ".csv"),
    "md": ("Export shopping list as Markdown", "Markdown files (*.md)", ".md"),
    "pdf": ("Export shopping list as PDF", "PDF documents (*.pdf)", ".pdf"),
}


def expander_for(library) -> Callable | None:
    """Recipes in the plan turn into their ingredients (None when none can be read)."""
    from planner.core.storage.recipes_as_foods import library_expander

    try:
        return library_expander(library)
    except InputError:
        # A stored recipe that does not read must not take the whole list with it; its
        # food is then listed as it is, not as its ingredients.
        return None


class ShoppingView(QWidget):
    """The open plan's shopping list; follows every edit of the plan.

    Ticks and pantry marks are undoable (its own stack, ``undo_stack``) and saved with the
    plan at once. ``folder``/``remember_folder`` come from the window (last folder used).
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        session: PlanSession,
        folder: Callable[[], str] = lambda: str(Path.home()),
        remember_folder: Callable[[str], None] = lambda path: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder
        self.remember_folder = remember_folder
        self.undo_stack = QUndoStack(self)
        self.shopping: ShoppingList | None = None
        self.model = ShoppingModel()
        self.model.markRequested.connect(self.set_marks)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        # A new list (the plan changed) opens every aisle; ticks keep what the user folded.
        self.model.modelReset.connect(self.tree.expandAll)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Space marks the selected items bought (in the "In pantry" column: in the pantry),
        # and unmarks them when all already are: the list ticked from the keyboard.
        focus_key(self.tree, Qt.Key.Key_Space, self.toggle_selected)
        header = self.tree.header()
        # Fixed widths keep the quantities next to the names on a wide window; the last
        # column takes what is left.
        header.setStretchLastSection(True)
        for column, width in ((0, 330), (1, 250), (2, 90), (TICKED, 70), (PANTRY, 80)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.empty_hint = QLabel()
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet(f"{muted_style()}; padding: 24px")

        self.actions: dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for key, text, tip, slot, shortcut in (
            ("csv", "Export CSV…", "Save the list as a spreadsheet file", self.export_csv, None),
            (
                "md",
                "Export Markdown…",
                "Save the list as a Markdown checklist",
                self.export_markdown,
                None,
            ),
            ("pdf", "Export PDF…", "Save the list as a printable PDF", self.export_pdf, None),
            (
                "preview",
                "Print preview…",
                "See the printed pages before printing them",
                self.preview_list,
                None,
            ),
            (
                "print",
                "Print…",
                "Print the list (Ctrl+P)",
                self.print_list,
                QKeySequence.StandardKey.Print,
            ),
            (
                "clear",
                "Clear ticks",
                "Untick every item (pantry marks stay)",
                self.clear_ticks,
                None,
            ),
        ):
            action = QAction(text, self)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                # Only while the list is shown: other tabs may print something else.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions[key] = action
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            buttons.addWidget(button)
            if key == "print":
                buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_hint, 1)
        layout.addLayout(buttons)

        session.opened.connect(self._plan_opened)
        session.changed.connect(self.rebuild)
        session.stateChanged.connect(self.rebuild)
        self.rebuild()

    # -- the list -----------------------------------------------------------------------
    def _plan_opened(self) -> None:
        self.undo_stack.clear()  # marks of another plan cannot be undone here
        self.rebuild()

    def rebuild(self) -> None:
        """The list for the plan as it is now, with the saved marks."""
        plan = self.session.plan
        if plan is None:
            self.shopping = None
            self._show_empty("No plan is open. Create or open one in the Week plan tab.")
            return
        self.shopping = shopping_list(
            plan, self.session.foods, expander_for(self.session.library)
        ).with_state(self.session.state)
        self.model.set_list(self.shopping)
        self.title.setText(f"Shopping list: {plan.name}")
        self._summarise(self.shopping)
        if len(self.shopping) == 0:
            self._show_empty(
                "Nothing to buy yet: add foods to the plan's days in the Week plan tab."
            )
            self.actions["clear"].setEnabled(False)
        else:
            self.tree.show()
            self.empty_hint.hide()
            for action in self.actions.values():
                action.setEnabled(True)

    def _show_empty(self, text: str) -> None:
        self.tree.hide()
        self.empty_hint.setText(text)
        self.empty_hint.show()
        if self.session.plan is None:
            self.title.setText("Shopping list")
            self.summary.setText("")
            for action in self.actions.values():
                action.setEnabled(False)

    def _summarise(self, shopping: ShoppingList) -> None:
        rows = shopping.rows
        parts = [shopping.summary(), count_of(len(rows), "item")]
        ticked, pantry = int(rows["ticked"].sum()), int(rows["in_pantry"].sum())
        if ticked:
            parts.append(f"{ticked} bought")
        if pantry:
            parts.append(f"{pantry} in the pantry")
        text = " · ".join(parts)
        partial = int((~rows["complete"]).sum()) if len(rows) else 0
        if partial:
            text += (
                f"\n{partial} item{'s' if partial > 1 else ''} counted in portions of a food with "
                "no known portion weight: those quantities are at least what is shown."
            )
        self.summary.setText(text)

    # -- marks --------------------------------------------------------------------------
    def set_marks(self, foods: list[str], kind: str, on: bool) -> None:
        """Tick (``kind="ticked"``) or mark as in the pantry, as one undoable step."""
        old = self.session.state
        new = old
        for food in foods:
            new = new.with_ticked(food, on) if kind == "ticked" else new.with_pantry(food, on)
        if new == old:
            return
        what = "bought" if kind == "ticked" else "in the pantry"
        names = self._names(foods)
        text = f"Mark {names} as {what}" if on else f"Unmark {names} as {what}"
        self.undo_stack.push(SetShoppingState(self.session.set_state, old, new, text))

    def toggle_selected(self) -> None:
        rows = self.tree.selectionModel().selectedRows()
        foods = [food for index in rows if (food := index.data(ID_ROLE))]
        if not foods:
            return
        pantry = self.tree.currentIndex().column() == PANTRY
        marked = self.session.state.pantry if pantry else self.session.state.ticked
        self.set_marks(foods, "pantry" if pantry else "ticked", not set(foods) <= marked)

    def clear_ticks(self) -> None:
        old = self.session.state
        if old.ticked:
            self.undo_stack.push(
                SetShoppingState(self.session.set_state, old, old.cleared(), "Clear ticks")
            )

    def _names(self, foods: list[str]) -> str:
        if len(foods) > 2:
            return count_of(len(foods), "item")
        # The names the list shows ("Lentils, dry"), not the foods' ("Lentils, boiled").
        shown = self.shopping.rows["name"].to_dict() if self.shopping is not None else {}
        known = self.session.foods
        return ", ".join(shown.get(f) or (known.name(f) if f in known else f) for f in foods)

    # -- exports ------------------------------------------------------------------------
    def export_csv(self, path: str | None = None) -> Path | None:
        return self._export("csv", path)

    def export_markdown(self, path: str | None = None) -> Path | None:
        return self._export("md", path)

    def export_pdf(self, path: str | None = None) -> Path | None:
        return self._export("pdf", path)

    def _export(self, kind: str, path: str | None) -> Path | None:
        """Ask where (unless given), write atomically; a failure says why and leaves no file."""
        if self.shopping is None:
            return None
        title, file_filter, suffix = EXPORTS[kind]
        if not path:
            plan = self.session.plan
            name = file_name_for(plan.name, f" shopping{suffix}") if plan else ""
            path, _ = QFileDialog.getSaveFileName(
                self, title, str(Path(self.folder()) / name), file_filter
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        try:
            if kind == "pdf":
                from planner.export.shopping_pdf import write_shopping_pdf

                write_shopping_pdf(target, self.shopping)
            else:
                text = (
                    shopping_csv(self.shopping)
                    if kind == "csv"
                    else shopping_markdown(self.shopping)
                )
                write_text_export(target, text, byte_order_mark=kind == "csv")
        except OSError as exc:
            QMessageBox.warning(
                self, title, f"{target} could not be written:\n{exc.strerror or exc}"
            )
            return None
        self.remember_folder(str(target))
        self.statusMessage.emit(f"Shopping list saved to {target}")
        return target

    def preview_list(self) -> int:
        """Qt's print preview of the list (it prints from there too); returns the pages
        it showed."""
        if self.shopping is None:
            return 0
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from planner.export.shopping_pdf import print_shopping_list

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("Print preview: shopping list")
        pages: list[int] = []
        shopping = self.shopping
        dialog.paintRequested.connect(lambda p: pages.append(print_shopping_list(p, shopping)))
        dialog.exec()
        return pages[-1] if pages else 0

    def print_list(self) -> bool:
        """The print dialog, then the list on the chosen printer; True when printed."""
        if self.shopping is None:
            return False
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from planner.export.shopping_pdf import print_shopping_list

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print shopping list")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        try:
            pages = print_shopping_list(printer, self.shopping)
        except OSError as exc:
            QMessageBox.warning(self, "Print shopping list", f"Printing failed: {exc}")
            return False
        self.statusMessage.emit(f"Printed the shopping list ({pages} page{'s' * (pages > 1)})")
        return True
