"""The one way the app runs work off the UI thread.

``run_in_background(fn, *args, on_progress=..., on_finished=..., on_failed=...)`` runs a plain core
function on Qt's global thread pool. The function receives two keyword callbacks,
``progress(done, total)`` and ``cancelled()``, like every long core job (``import_inputs``,
``export_all``). Its result, its progress and any exception come back as Qt signals delivered on
the UI thread, so the callbacks may touch widgets. No other module starts a thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

__all__ = ["Job", "run_in_background", "active_jobs"]

_ACTIVE: set[Job] = set()


class Job(QObject):
    """A running background call: cancel it, or listen to its signals (UI thread)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any],
                 with_callbacks: bool) -> None:
        super().__init__()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._with_callbacks = with_callbacks
        self._cancel = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _run(self) -> None:  # on a pool thread
        kwargs = dict(self._kwargs)
        if self._with_callbacks:
            kwargs.update(progress=self.progress.emit, cancelled=self._cancel.is_set)
        try:
            result = self._fn(*self._args, **kwargs)
        except Exception as exc:  # delivered to on_failed; the UI shows the message
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self._job._run()


def run_in_background(fn: Callable[..., Any], *args: Any,
                      on_progress: Callable[[int, int], None] | None = None,
                      on_finished: Callable[[Any], None] | None = None,
                      on_failed: Callable[[BaseException], None] | None = None,
                      with_callbacks: bool = True, **kwargs: Any) -> Job:
    """Start ``fn(*args, progress=..., cancelled=..., **kwargs)`` on the thread pool.

    Must be called from the UI thread. ``with_callbacks=False`` for functions that take neither
    callback. The callbacks run on the UI thread, in order: progress..., then finished or failed.
    """
    job = Job(fn, args, kwargs, with_callbacks)
    queued = Qt.ConnectionType.QueuedConnection
    if on_progress is not None:
        job.progress.connect(on_progress, queued)

    def finish(result: Any) -> None:
        job.done, job.result = True, result
        _ACTIVE.discard(job)
        if on_finished is not None:
            on_finished(result)

    def fail(error: BaseException) -> None:
        job.done, job.error = True, error
        _ACTIVE.discard(job)
        if on_failed is not None:
            on_failed(error)

    job.finished.connect(finish, queued)
    job.failed.connect(fail, queued)
    _ACTIVE.add(job)
    QThreadPool.globalInstance().start(_Runnable(job))
    return job


def active_jobs() -> int:
    """How many background calls have not reported back yet."""
    return len(_ACTIVE)
