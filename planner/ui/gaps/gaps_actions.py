"""Close my gaps in the window: ``install`` puts the panel (gaps_panel.py) in a tab beside
the totals under the chart, and adds Edit > Complete my menu… (completion_dialog.py),
Edit > Foods to leave out…, View > Close my gaps and the food list's "Never suggest this food".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QTabWidget

from planner.core.menus.menu import MenuItem
from planner.core.plans.people import scaled
from planner.ui.gaps.completion_worker import StopWorkersOnClose
from planner.ui.gaps.exclusions_dialog import ExclusionsDialog
from planner.ui.gaps.gap_exclusions import ExclusionsStore
from planner.ui.gaps.gaps_panel import GapsPanel

if TYPE_CHECKING:
    from planner.ui.gaps.completion_dialog import CompletionDialog

PER_KEY, TAB_KEY = "gaps/per", "gaps/tab"
PERSON_SHOWN = (
    "Complete my menu fills this menu for your profile, and the coverage shown is of a "
    "person of the week plan. Set “Coverage for” back to “your profile”, or use "
    "Complete… in the Week plan to complete a day for that person (their own items or "
    "the shared menu, checked for everyone in the plan)."
)
TITLE = "Close my gaps"


def install(window) -> None:
    """The panel in a tab beside the totals under the chart; Edit menu and food list actions."""
    store = ExclusionsStore(window.settings, window)
    panel = GapsPanel(
        window.state,
        store,
        # What the person shown eats: their share of the menu (the totals' coverage).
        menu=lambda: (
            window.menu_model.menu if window.coverage_menu is None else window.coverage_menu
        ),
        profile=lambda: window.coverage_profile or window.state.profile,
    )
    splitter = window.coverage_splitter
    tabs = QTabWidget(objectName="coverageTabs", documentMode=True)
    splitter.replaceWidget(splitter.indexOf(window.totals), tabs)
    tabs.addTab(window.totals, "Totals")
    tabs.addTab(panel, TITLE)
    splitter.setStretchFactor(1, 2)
    # A little more room under the chart than the totals alone took (a saved layout wins).
    sizes = splitter.sizes()
    if len(sizes) == 2 and sum(sizes) > 0:
        splitter.setSizes([sum(sizes) * 55 // 100, sum(sizes) * 45 // 100])
    window.coverage_tabs, window.gaps_panel, window.gap_exclusions = tabs, panel, store
    StopWorkersOnClose(window)

    def count_changed(count: int) -> None:
        index = tabs.indexOf(panel)
        tabs.setTabText(index, f"{TITLE} ({count})" if count else TITLE)
        tabs.setTabToolTip(
            index,
            f"{count} nutrient{'s' if count != 1 else ''} under target: foods that close the gap"
            if count
            else "Every target is met",
        )

    panel.gapCountChanged.connect(count_changed)

    def add_serving(item: MenuItem) -> None:
        """A serving for the person shown goes onto the menu over their share of it, so
        they eat the serving suggested (within their limits), not share x it."""
        share = window.coverage_share
        window.editor.add_item(item if share == 1 else scaled(item, 1 / share))

    panel.addRequested.connect(add_serving)
    panel.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 6000))
    window.coverageChanged.connect(panel.set_coverage)
    if getattr(window, "coverage", None) is not None:
        panel.set_coverage(window.coverage)
    panel.set_per(str(window.settings.value(PER_KEY, "serving")))
    panel.per_group.buttonToggled.connect(
        lambda _b, on: on and window.settings.set_value(PER_KEY, panel.per)
    )
    tabs.setCurrentIndex(min(max(0, _int(window.settings.value(TAB_KEY), 0)), tabs.count() - 1))
    tabs.currentChanged.connect(lambda index: window.settings.set_value(TAB_KEY, index))

    def edit_exclusions() -> None:
        state = window.state
        dialog = ExclusionsDialog(store.exclusions, state.foods, state.profile, window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            store.set(dialog.exclusions())

    def complete_menu() -> CompletionDialog | None:
        if window.coverage_for is not None:
            # The coverage shown is a person's of the week plan (their share, their
            # targets); completing for them is the plan's, checked for everyone there.
            QMessageBox.information(window, "Complete my menu", PERSON_SHOWN)
            return None
        # Imported here: the dialog needs scipy, which the first paint should not wait for.
        from planner.core.advice.familiar import familiar_food_ids
        from planner.ui.gaps.completion_dialog import CompletionDialog

        # The dialog completes the day menu, so that is the tab (and undo stack) in front.
        window.tabs.setCurrentIndex(0)
        dialog = CompletionDialog(
            window.state,
            window.menu_model,
            window.undo_stack,
            store,
            window.settings,
            (window._last_folder, window._remember_folder),
            parent=window,
            familiar=familiar_food_ids(window.library),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 8000))
        window.completion_dialog = dialog
        dialog.open()
        dialog.run()
        return dialog

    def show_panel() -> None:
        window.tabs.setCurrentIndex(0)
        tabs.setCurrentWidget(panel)
        panel.tree.setFocus()

    panel.exclusionsRequested.connect(edit_exclusions)
    panel.completeRequested.connect(complete_menu)
    window.open_completion = complete_menu

    window.edit_menu.addSeparator()
    window.complete_menu_action = _action(
        window,
        window.edit_menu,
        "&Complete my menu…",
        complete_menu,
        "Ctrl+Shift+M",
        "Add realistic servings of foods that bring the tracked nutrients to their targets, "
        "within every limit",
    )
    window.exclusions_action = _action(
        window,
        window.edit_menu,
        "Foods to &leave out…",
        edit_exclusions,
        None,
        "Diet, tags and single foods that suggestions and completion never use",
    )
    _action(
        window,
        window.view_menu,
        "Close my &gaps",
        show_panel,
        "Ctrl+4",
        "Show the foods that close the menu's gaps",
    )

    never = QAction("Never suggest this food", window)
    never.setStatusTip("Leave the selected foods out of gap suggestions and completion")

    def never_suggest_selected() -> None:
        browser = window.browser
        foods = browser.selected_foods() or (
            [browser.current_food()] if browser.current_food() else []
        )
        if foods:
            panel.never_suggest(foods)

    never.triggered.connect(never_suggest_selected)
    window.never_suggest_action = never
    table = window.browser.table
    # Right-click on the food list offers it; a list with a default policy only (as Compare).
    if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.addAction(never)


def _action(window, menu, text, slot, shortcut, tip) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
