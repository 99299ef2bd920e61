"""PySide6 imported, and its import hook told which modules it need not read.

PySide6 replaces ``__import__`` with a hook for its optional features (``from __feature__
import snake_case``): the first time an ``import`` statement names a module the hook has
not recorded, it reads that module's whole source through ``inspect`` to see whether it
mentions PySide6. Start-up names some 80 such modules after PySide6 is loaded (``typing``,
``os``, pandas' own, the window's), ~8 ms of reading for nothing: the modules loaded before
PySide6 cannot use its features, and the window's own do not (tests/ui/test_startup.py).
This records them as the hook would (-1: does not use PySide6; 0: uses it, no feature), so
it reads none. A PySide6 that keeps no such record is left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Only when this module is what loads PySide6 are the modules before it known not to use it.
_before_pyside = () if "PySide6" in sys.modules else tuple(sys.modules)

import PySide6.QtCore  # noqa: E402, F401 - installs the hook this module informs

# The hook's record, module name -> feature flags (shibokensupport/feature.py).
_NOT_PYSIDE, _NO_FEATURE = -1, 0


def _record() -> dict[str, int] | None:
    known = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    return known if isinstance(known, dict) else None


def spare_source_reads() -> None:
    """Record the modules loaded before PySide6 and the window's own."""
    known = _record()
    if known is None:
        return
    folder = Path(__file__).parent
    own = [f"planner.ui.{path.stem}" for path in folder.glob("*.py") if path.stem != "__init__"]
    for names, flags in ((_before_pyside, _NOT_PYSIDE), (own, _NO_FEATURE)):
        for name in names:
            known.setdefault(name, flags)


spare_source_reads()
