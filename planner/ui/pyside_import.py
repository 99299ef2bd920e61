"""PySide6 imported, and its import hook told which modules it need not read.

PySide6 replaces ``__import__`` with a hook for its optional features (``from __feature__
import snake_case``): the first time an ``import`` statement names a module the hook has
not recorded, it reads that module's whole source through ``inspect`` to see whether it
mentions PySide6. Start-up names dozens of such modules after PySide6 is loaded
(``typing``, ``os``, the window's), milliseconds of reading for nothing: the modules loaded
before PySide6 cannot use its features, and the window's own do not
(tests/ui/test_startup.py). This records them as the hook would (-1: does not use PySide6;
0: uses it, no feature), so it reads none. A PySide6 that keeps no such record is left
alone.

pandas and matplotlib load after the first paint, and would cost the hook some 80 ms of
reading their 500-odd modules. ``unhooked`` puts Python's own ``__import__`` back while
they load (neither uses PySide6's features, nor does any planner module) and records what
they loaded.
"""

from __future__ import annotations

import builtins
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

# Only when this module is what loads PySide6 are the modules before it known not to use it.
_before_pyside = () if "PySide6" in sys.modules else tuple(sys.modules)
# Python's own __import__, which PySide6 replaces; None if PySide6 came first.
_plain_import = None if "PySide6" in sys.modules else builtins.__import__

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


@contextmanager
def unhooked() -> Iterator[None]:
    """Imports inside go past PySide6's hook (for modules that use none of its features).

    The modules they load are then recorded as using no feature, so that the hook does
    not read them either when they run an import statement later (matplotlib does, as it
    draws)."""
    hooked = builtins.__import__
    loaded = set(sys.modules)
    if _plain_import is not None:
        builtins.__import__ = _plain_import
    try:
        yield
    finally:
        builtins.__import__ = hooked
        known = _record()
        if known is not None:
            for name in sys.modules.keys() - loaded:
                known.setdefault(name, _NO_FEATURE)


def import_unhooked(name: str) -> ModuleType:
    """Import module ``name`` (one that does not use PySide6) past PySide6's hook."""
    with unhooked():
        return importlib.import_module(name)


spare_source_reads()
