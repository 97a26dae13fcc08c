"""Atomic file writing: write beside the target, flush to disk, then rename over it.

A crash, a full disk or a target locked by another program leaves the previous file intact; the
failure is raised as ``ExportError`` with a message the user can act on.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from dti_app.core.errors import ExportError

__all__ = ["atomic_write_bytes", "atomic_write_with"]


def atomic_write_with(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``target`` only if it succeeded."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise ExportError(_message(target, exc)) from None
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the target's mode, or an ordinary one
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise ExportError(_message(target, exc)) from None
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    atomic_write_with(target, lambda tmp: tmp.write_bytes(data))


_IN_USE = ("không có quyền ghi, hoặc tệp đang mở trong chương trình khác (ví dụ Excel)",
           "no permission to write, or the file is open in another program (e.g. Excel)")
_FULL = ("ổ đĩa đã đầy", "the disk is full")
_BUSY = ("tệp đang được chương trình khác sử dụng", "the file is in use by another program")
_REASONS = {  # errno -> (Vietnamese, English); the OS's own text for anything else
    errno.ENOSPC: _FULL, getattr(errno, "EDQUOT", -1): _FULL,
    errno.EFBIG: ("tệp vượt quá dung lượng cho phép", "the file exceeds the size allowed"),
    errno.EROFS: ("ổ đĩa hoặc thư mục chỉ cho phép đọc", "the disk or folder is read-only"),
    errno.EACCES: _IN_USE, errno.EPERM: _IN_USE,
    errno.EISDIR: ("nơi ghi là một thư mục", "the target is a folder"),
    errno.EBUSY: _BUSY, getattr(errno, "ETXTBSY", -1): _BUSY,
    errno.ENAMETOOLONG: ("tên hoặc đường dẫn quá dài", "the name or path is too long"),
}


def _message(target: Path, exc: OSError) -> str:
    own = exc.strerror or str(exc)
    vi, en = _REASONS.get(exc.errno, (own, own))
    return (f"Không ghi được '{target}': {vi}. Tệp cũ (nếu có) vẫn giữ nguyên. "
            f"/ Could not write '{target}': {en}; the previous file is unchanged.")
