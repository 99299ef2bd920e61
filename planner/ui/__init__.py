"""The window: Qt models and widgets that present the core and send edits back to it.

Import order matters for start-up: PySide6 installs an import hook that, the first time an
``import`` statement names a module after PySide6 is loaded, reads that module's source (to
look for ``from __feature__ import``): 0.05-1 ms a module. So the Qt-free core modules the
window starts with, with numpy and the standard library modules they import, are imported
here, before any Qt module (~5 ms sooner). pandas is not among them: the first paint does
without it, and it loads right after, with the hook paused (planner/ui/pyside_import.py).
"""

# The Qt-free modules the window needs before its first paint
# (tests/ui/test_startup.py checks that none is first imported after PySide6).
import planner.core.catalog
import planner.core.coverage
import planner.core.household
import planner.core.intakes
import planner.core.jsonfiles
import planner.core.library
import planner.core.ranking
import planner.core.search
import planner.datadir
import planner.ui.blitting
import planner.ui.chart_data
import planner.ui.extensions
import planner.ui.food_detail
import planner.ui.launch
import planner.ui.log_file  # noqa: F401 - all of these are imported for their order
