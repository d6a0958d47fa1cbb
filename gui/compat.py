"""Work-arounds for defects of the Qt binding in use.

PySide6 6.12.0 on Python < 3.12 returns None/True/False from C++ (void virtuals, slots, Signal.emit,
models' data() returning None …) without taking a reference: every call steals one. Python 3.12+
makes these objects immortal, so the bug is invisible there; on 3.11 the count reaches zero after a
few thousand calls and the interpreter aborts ("none_dealloc"/"bool_dealloc"), at the latest at exit.
Measured here: 200 repaints of a widget with a Python paintEvent take 200 references from None;
PySide6 6.11.3 takes none. Until the binding is fixed (pin PySide6-Essentials<6.12 on Python 3.11),
give the three singletons a reference count no session can exhaust, which is what 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40


def binding_steals_singletons() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    try:
        import PySide6
    except ImportError:
        return False
    return PySide6.__version__.startswith("6.12.")


def protect_singletons() -> bool:
    """Make None, True and False effectively immortal when the binding is affected; True if applied."""
    if not binding_steals_singletons() or getattr(sys, "_nianbao_singletons_protected", False):
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE  # ob_refcnt is the first field
    sys._nianbao_singletons_protected = True  # type: ignore[attr-defined]
    return True
