"""Watching for network use in a child process: an audit hook and, where it runs, strace.

``AUDIT_HOOK`` is Python source to put first in a child's script: it records every Internet
socket created (AF_INET / AF_INET6), every connect, bind or send to an address, and every host
lookup in ``_EVENTS``. ``strace_command()`` gives the strace prefix that traces socket calls (or
None where strace is missing or not permitted) and ``internet_calls(trace)`` the traced calls that
concern an Internet address.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["AUDIT_HOOK", "strace_command", "internet_calls"]

AUDIT_HOOK = r'''
import json
import socket as _socket_module_for_constants
import sys
_EVENTS = []
_INET = {int(_socket_module_for_constants.AF_INET), int(_socket_module_for_constants.AF_INET6)}

def _watch(event, args):
    if event == "socket.__new__" and len(args) > 1 and int(args[1]) in _INET:
        _EVENTS.append(f"{event} family={int(args[1])}")
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple):          # an Internet address (AF_UNIX ones are str)
            _EVENTS.append(f"{event} {address!r}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                   "socket.gethostbyaddr", "socket.getnameinfo"):
        _EVENTS.append(f"{event} {args!r}"[:200])

sys.addaudithook(_watch)
'''


def strace_command() -> list[str] | None:
    """The strace command line to trace socket calls, or None where strace cannot run."""
    if not shutil.which("strace"):
        return None
    for fast in (["--seccomp-bpf"], []):
        command = ["strace", "-f", "-qq", *fast, "-e", "trace=socket,connect,sendto"]
        probe = subprocess.run([*command, "-o", os.devnull, sys.executable, "-c", "pass"],
                               capture_output=True)
        if probe.returncode == 0:
            return command
    return None


def internet_calls(trace: Path) -> list[str]:
    calls = trace.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in calls if re.search(r"AF_INET6?\b|sin6?_addr", line)]
