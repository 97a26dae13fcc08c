"""The worker helper: results, progress, failures and cancellation arrive on the UI thread."""

from __future__ import annotations

import threading

from dti_app.core.errors import ExportError
from dti_app.gui.worker import active_jobs, run_in_background


def count_to(n: int, progress, cancelled) -> dict:
    seen = []
    for i in range(1, n + 1):
        if cancelled():
            break
        seen.append(threading.get_ident())
        progress(i, n)
    return {"done": len(seen), "thread": seen[0] if seen else None}


def test_result_and_progress_come_back_on_the_ui_thread(qtbot):
    ui = threading.get_ident()
    calls, results = [], []
    job = run_in_background(count_to, 5,
                            on_progress=lambda d, t: calls.append((d, t, threading.get_ident())),
                            on_finished=lambda r: results.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    result, finished_on = results[0]
    assert finished_on == ui
    assert result["done"] == 5
    assert result["thread"] != ui                       # the work ran elsewhere
    qtbot.waitUntil(lambda: len(calls) == 5)
    assert [(d, t) for d, t, _ in calls] == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert {thread for _, _, thread in calls} == {ui}   # ... and was reported here
    assert active_jobs() == 0


def test_failure_is_delivered_not_raised(qtbot):
    def fail(progress, cancelled):
        raise ExportError("Không ghi được 'x.xlsx' / Could not write 'x.xlsx'")

    errors = []
    job = run_in_background(fail, on_failed=errors.append)
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert isinstance(errors[0], ExportError)
    assert job.error is errors[0]


def test_cancel_stops_the_function(qtbot):
    gate = threading.Event()

    def wait_then_count(progress, cancelled):
        gate.wait(5)
        return count_to(1000, progress, cancelled)

    job = run_in_background(wait_then_count)
    job.cancel()
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert job.result["done"] == 0


def test_plain_function_without_callbacks(qtbot):
    job = run_in_background(sum, [1, 2, 3], with_callbacks=False)
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert job.result == 6
