"""Importing modules after Qt without PySide6's import tax.

Once ``PySide6.QtCore`` is imported, PySide6 routes every ``import`` through a hook of
its ``__feature__`` mechanism (``from __feature__ import snake_case``), which reads the
whole source of each newly imported module to see whether it mentions PySide6: about
60 ms for SQLAlchemy's ~150 modules, about 5 ms for the modules of Keel's first frame.
Keel never selects a feature, and a module the hook has not seen simply keeps the
current selection (shiboken's ``getFeatureSelectId``), which is "none". So while the
window builds its first frame and while it loads the ORM, imports use Python's own
``__import__``, which PySide6 keeps as ``builtins.__orig_import__``.
"""

from __future__ import annotations

import builtins
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()


@contextmanager
def pyside_import_hook_paused() -> Iterator[None]:
    """Within the block, imports skip PySide6's feature hook (if it is installed)."""
    original = getattr(builtins, "__orig_import__", None)
    if original is None or builtins.__import__ is original:
        yield
        return
    with _lock:
        hooked = builtins.__import__
        builtins.__import__ = original
        try:
            yield
        finally:
            builtins.__import__ = hooked
