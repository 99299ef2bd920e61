"""A reference for the start-up benchmark: the day tab's widgets in plain PySide6.

The same kinds of widgets as the window's first paint (profile toolbar, saved-menus and help
docks, search box, filters, a 100 x 13 table through a Python model and a sort proxy, the
menu tree, the totals table, menus with shortcuts), filled with made-up text and no planner
code. Run as a script by bench_window.py; prints "shown" after the first paint.
"""

import pandas  # noqa: F401 - as the bare window does
from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

DISPLAY = Qt.ItemDataRole.DisplayRole


class Table(QAbstractTableModel):
    def __init__(self, rows: int, columns: int) -> None:
        super().__init__()
        self.cells = [[f"{r * 1.7 + c:.1f}" for c in range(columns)] for r in range(rows)]

    def rowCount(self, parent=None) -> int:
        return len(self.cells)

    def columnCount(self, parent=None) -> int:
        return len(self.cells[0])

    def data(self, index, role=DISPLAY):
        if role == DISPLAY:
            return self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() % 3 == 0:
            return QColor.fromRgbF(0.3, 0.69, 0.31, 0.3)
        return None

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return f"Nutrient {section}\nmg"
        return None


def box(*widgets: QWidget, vertical: bool = True) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder) if vertical else QHBoxLayout(holder)
    for widget in widgets:
        layout.addWidget(widget)
    return holder


def main() -> None:
    app = QApplication([])
    window = QMainWindow()
    window.resize(1400, 860)

    search = QLineEdit(placeholderText="Search foods")
    search.setClearButtonEnabled(True)
    aisle, per = QComboBox(), QComboBox()
    aisle.addItems([f"Aisle {i}" for i in range(14)])
    per.addItems(["per 100 g", "per portion", "per 100 kcal"])
    diet = QToolButton(text="Diet", popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
    diet_menu = QMenu(diet)
    for i in range(12):
        diet_menu.addAction(f"Hide tag {i}").setCheckable(True)
    diet.setMenu(diet_menu)
    foods = QTableView()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(Table(100, 13))
    foods.setModel(proxy)
    foods.setSortingEnabled(True)
    foods.setAlternatingRowColors(True)
    detail = QTextBrowser(placeholderText="Select a food")
    browser = box(search, box(aisle, diet, per, vertical=False), box(foods, detail))

    tree = QTreeView()
    meals = QStandardItemModel()
    for meal in ("Breakfast", "Lunch", "Dinner", "Snack"):
        meals.appendRow([QStandardItem(meal), QStandardItem(""), QStandardItem("")])
    tree.setModel(meals)
    tree.expandAll()
    buttons = box(QToolButton(text="Remove"), QToolButton(text="Move to"), vertical=False)
    editor = box(QLineEdit("My day"), tree, buttons, QLabel("0 kcal"))

    totals = QTableView()
    totals.setModel(Table(13, 5))
    coverage = QSplitter(Qt.Orientation.Vertical)
    coverage.addWidget(QLabel("Coverage chart"))
    coverage.addWidget(totals)
    day = QSplitter()
    for part in (browser, editor, coverage):
        day.addWidget(part)
    tabs = QTabWidget(documentMode=True)
    tabs.addTab(day, "Day menu")
    window.setCentralWidget(tabs)

    profile = QToolBar()
    profile.addWidget(
        box(
            QLabel("Sex"),
            QComboBox(),
            QLabel("Age"),
            QSpinBox(),
            QComboBox(),
            QCheckBox("Pregnant"),
            QComboBox(),
            vertical=False,
        )
    )
    window.addToolBar(profile)
    saved = QDockWidget("Saved menus")
    names = ("New", "Duplicate", "Rename", "Delete")
    row = box(*(QToolButton(text=name) for name in names), vertical=False)
    saved.setWidget(box(QListView(), row))
    helps = QDockWidget("Help")
    helps.setWidget(QTextBrowser(html="<h2>Help</h2><p>" + "Text. " * 300 + "</p>"))
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, saved)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, helps)
    window.tabifyDockWidget(saved, helps)
    for title in ("&File", "&Edit", "&View", "&Help"):
        menu = window.menuBar().addMenu(title)
        for i in range(5):
            action = QAction(f"Action {i}", window)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{i}"))
            menu.addAction(action)
    window.statusBar()
    window.show()
    app.processEvents()
    print("shown", flush=True)


if __name__ == "__main__":
    main()
