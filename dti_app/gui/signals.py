"""Emitting Qt signals from Python: ``emit(signal, *args)``, safe on every PySide6 we support.

PySide6 6.12 on Python 3.11 returns ``True`` from ``SignalInstance.emit`` without taking a
reference to it, so each emit from Python takes one reference away from ``True``; after some
thousands of emits the interpreter aborts ("bool_dealloc: deallocating True or False"). From
Python 3.12 ``True`` is immortal and nothing happens. ``emit`` gives the reference back, and only
when a probe at import finds that the running PySide6 has the fault, so a fixed PySide6 (or a
newer Python) costs nothing. Every signal the app emits goes through here.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

__all__ = ["emit", "EMIT_LOSES_REFERENCE"]

_PROBES = 8
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_loses_reference() -> bool:
    if sys.version_info >= (3, 12):
        return False
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):  # undo what the probe itself took
        _incref(True)
    return lost >= _PROBES


EMIT_LOSES_REFERENCE = _emit_loses_reference()


def emit(signal: SignalInstance, *args: object) -> None:
    """``signal.emit(*args)``, without the reference leak described above."""
    signal.emit(*args)
    if EMIT_LOSES_REFERENCE:
        _incref(True)
