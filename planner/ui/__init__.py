"""The window: Qt models and widgets that present the core and send edits back to it.

Import order matters for start-up: PySide6 installs an import hook that reads the source of
every module first imported after it (to look for ``from __feature__ import``), about
0.2 ms a module. pandas brings some 500 modules (numpy's included), so it is imported here,
before any Qt module: that alone took 100 ms off the time to the first paint.
"""

import pandas  # noqa: F401 - imported for its import order, see above
