"""The Week plan and Shopping list tabs added to the window: their File menu actions,
Edit > Undo following the tab in front, the plan saved when the window closes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from planner import APP_NAME
from planner.ui.plan.menu_person import install_menu_person
from planner.ui.plan.plan_session import PlanSession
from planner.ui.plan.plan_view import PlanView
from planner.ui.widgets.dialogs import confirm


class _SaveOnClose(QObject):
    """Saves the open plan and the tab's layout when the window closes.

    An event filter, because the window's closeEvent knows only the day menu.
    """

    def __init__(self, window, view: PlanView) -> None:
        super().__init__(window)
        self.window, self.view = window, view

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            if not self.view.session.save_now() and not confirm(
                self.window,
                APP_NAME,
                "The last changes to the week plan could not be saved. Close anyway?",
            ):
                event.ignore()
                return True  # the window stays open
            self.view.save_layout(self.window.settings)
        return False


def install(window) -> None:
    """Add the Week plan and Shopping list tabs, their File menu actions and undo routing."""
    from planner.ui.plan.shopping_view import ShoppingView

    session = PlanSession(window.library, window.state.foods, window)
    session.profile = lambda: window.state.profile
    session.saveFailed.connect(window.save_problems.failed)
    session.saved.connect(window.save_problems.succeeded)
    view = PlanView(
        session,
        window.state,
        day_menu=lambda: window.menu_model.menu,
        folder=window._last_folder,
        remember_folder=window._remember_folder,
        # Read when a completion starts: the gaps feature keeps the user's exclusions.
        exclusions=lambda: window.gap_exclusions.exclusions,
    )
    shopping = ShoppingView(session, window._last_folder, window._remember_folder)
    window.plan_session, window.plan_view, window.shopping_view = session, view, shopping
    window.menu_person = install_menu_person(window, session)
    window.tabs.addTab(view, "Week plan")
    window.tabs.addTab(shopping, "Shopping list")
    for source in (view, shopping):
        source.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 6000))

    # Edit > Undo acts on the tab in front: these two stacks, else the day menu's.
    stacks = {view: session.undo_stack, shopping: shopping.undo_stack}
    group = window.undo_group
    for stack in stacks.values():
        group.addStack(stack)

    def route(_index: int) -> None:
        current = window.tabs.currentWidget()
        if current in stacks:
            group.setActiveStack(stacks[current])
        elif group.activeStack() in stacks.values():
            group.setActiveStack(window.undo_stack)

    window.tabs.currentChanged.connect(route)

    before = window.import_separator
    actions = []
    for text, slot, tip in (
        ("New &plan", view.new_plan, "Start a plan of 7 empty days"),
        ("Import p&lan…", lambda: view.import_plan(), "Open a .plan.json file as a new plan"),
        ("Export pl&an…", lambda: view.export_plan(), "Save the open plan as a .plan.json file"),
        ("Export plan c&hart…", view.export_chart, "Save the plan heatmap as PNG, SVG or PDF"),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        actions.append(action)
    window.file_menu.insertActions(before, actions)
    preview_action = shopping.actions["preview"]
    preview_action.setText("Print pre&view of the shopping list…")
    window.file_menu.insertAction(before, preview_action)
    print_action = shopping.actions["print"]
    print_action.setText("P&rint shopping list…")  # P is New plan's
    window.file_menu.insertAction(before, print_action)
    window.plan_actions = {a.text().replace("&", ""): a for a in actions}

    window.installEventFilter(_SaveOnClose(window, view))
    view.restore_layout(window.settings)
    view.open_initial(window.settings.value("session/last_plan_id"))
