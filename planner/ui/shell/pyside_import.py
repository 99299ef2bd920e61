"""PySide6 imported, and a way to load pandas and matplotlib past its import hook.

PySide6 replaces ``__import__`` with a hook for its optional features (``from __feature__
import snake_case``): the first time an ``import`` statement names a module the hook has
not recorded, it reads that module's whole source to see whether it mentions PySide6.
pandas and matplotlib load after the first paint, and would cost the hook some 80 ms of
reading their 500-odd modules (docs/performance.md). ``unhooked`` puts Python's own
``__import__`` back while they load (neither uses PySide6's features, nor does any
planner module: tests/ui/shell/test_startup.py) and records what they loaded in the hook's own
table, so that matplotlib's later imports, as it draws, are not read either. It is the one
start-up measure that touches PySide6's internals, kept because it saves a person-visible
time; a PySide6 that keeps no such table is left alone.
"""

from __future__ import annotations

import builtins
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

# Python's own __import__, which PySide6 replaces; None if PySide6 came first.
_plain_import = None if "PySide6" in sys.modules else builtins.__import__

import PySide6.QtCore  # noqa: E402, F401 - installs the hook this module informs

# The hook's record, module name -> feature flags (shibokensupport/feature.py): 0, a module
# that uses no feature.
_NO_FEATURE = 0


def _record() -> dict[str, int] | None:
    known = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    return known if isinstance(known, dict) else None


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
