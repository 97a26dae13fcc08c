"""The members of a small zip, read from its bytes: for ``xlsx_plain``.

``inflate_members`` reads the central directory itself (no ZIP64, nothing before the zip),
inflates each member once, never beyond what it declares, checks its name against its local
header and its CRC, and applies ``file_safety``'s rules (member names, encryption, sizes, no
DOCTYPE or ENTITY in an XML part). Anything else raises ``NotPlain``: the caller then reads the
file the general way, which reports the problem.

Within ``shared_parts()``, a member found byte for byte in several files (what a template's files
have in common: theme, styles, the sheets nobody fills in) is inflated and checked once.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from dti_app.core.file_safety import XML_SUFFIXES, unsafe_member_name

__all__ = ["NotPlain", "inflate_members", "shared_parts", "kept_and_noted", "note_kept"]

PLAIN_MAX_MEMBER = 1 << 20       # uncompressed, each member (below file_safety's ratio floor)
PLAIN_MAX_TOTAL = 8 << 20        # uncompressed, all members
PLAIN_MAX_MEMBERS = 500
_END = struct.Struct("<4s4H2LH")                     # end of central directory
_ENTRY = struct.Struct("<4s4x2H4x3L3H8xL")           # one central directory entry


class NotPlain(Exception):
    """The file needs the general reader."""


class _SharedParts:
    """Members met byte for byte in several files of one import, inflated and checked once."""

    def __init__(self) -> None:
        self.seen: set[tuple[int, int, int]] = set()      # (CRC, size, method) met once
        self.bodies: dict[tuple[tuple[int, int, int], bytes], bytes] = {}  # met again: kept
        self.kept: set[int] = set()      # id() of the kept bodies (alive while kept)
        self.notes: set[tuple[int, str]] = set()  # (id of a kept body, what was checked)


_shared: _SharedParts | None = None


@contextmanager
def shared_parts() -> Iterator[None]:
    """Within the block, a zip member found byte for byte in several files (what a template's
    files have in common: theme, styles, the sheets nobody fills in ...) is inflated and checked
    once. Only members met at least twice are kept, so memory stays small."""
    global _shared
    if _shared is not None:  # already sharing (nested)
        yield
        return
    _shared = _SharedParts()
    try:
        yield
    finally:
        _shared = None


def kept_and_noted(body: bytes, check: str) -> bool:
    """True when ``body`` is a shared member that already passed ``check``."""
    return _shared is not None and (id(body), check) in _shared.notes


def note_kept(body: bytes, check: str) -> None:
    """Remember that ``body`` passed ``check`` (only for a shared member: it stays alive)."""
    if _shared is not None and id(body) in _shared.kept:
        _shared.notes.add((id(body), check))


class _Member(NamedTuple):
    """One entry of the zip's central directory (what ``_inflate`` needs of it)."""

    name: str
    raw_name: bytes
    flags: int
    method: int
    crc: int
    packed_size: int
    size: int
    offset: int


def _members(data: bytes) -> list[_Member]:
    """The central directory of a small zip without ZIP64 or leading bytes; else NotPlain."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or len(data) < end + 22:
        raise NotPlain
    _, disk, cd_disk, here, count, cd_size, cd_offset, comment = _END.unpack_from(data, end)
    if disk or cd_disk or here != count or cd_offset + cd_size != end or \
            end + 22 + comment != len(data) or count > PLAIN_MAX_MEMBERS:
        raise NotPlain  # several disks, data before the zip, a ZIP64 or damaged directory
    members = []
    pos = cd_offset
    for _ in range(count):
        (signature, flags, method, crc, packed_size, size, name_length, extra_length,
         comment_length, offset) = _ENTRY.unpack_from(data, pos)
        if signature != b"PK\x01\x02":
            raise NotPlain
        raw_name = data[pos + 46:pos + 46 + name_length]
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
        members.append(_Member(name, raw_name, flags, method, crc, packed_size, size, offset))
        pos += 46 + name_length + extra_length + comment_length
    if pos != end:
        raise NotPlain
    return members


def inflate_members(data: bytes) -> dict[str, bytes]:
    """Every member inflated, with ``file_safety``'s checks; NotPlain for anything unusual."""
    members = _members(data)
    if len({m.name for m in members}) != len(members):
        raise NotPlain
    if sum(m.size for m in members) > PLAIN_MAX_TOTAL:
        raise NotPlain
    parts = {}
    for member in members:
        name = member.name
        if (unsafe_member_name(name) or member.flags & 0x1 or member.size > PLAIN_MAX_MEMBER
                or member.method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
            raise NotPlain
        if name.endswith("/"):
            continue
        body = _inflate(data, member)
        if b"!" in body and b"<!" in body and name.lower().endswith(XML_SUFFIXES):
            raise NotPlain  # a declaration (refused by file_safety) or CDATA
        parts[name] = body
    return parts


def _inflate(data: bytes, member: _Member) -> bytes:
    """One member from the file's bytes, never more than it declares, its name and CRC checked
    (as zipfile does)."""
    offset = member.offset
    if data[offset:offset + 4] != b"PK\x03\x04":
        raise NotPlain
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    if data[offset + 30:offset + 30 + name_length] != member.raw_name:
        raise NotPlain  # the local header names another member
    start = offset + 30 + name_length + extra_length
    packed = data[start:start + member.packed_size]
    if len(packed) != member.packed_size:
        raise NotPlain
    shared = _shared
    key = (member.crc, member.size, member.method)
    if shared is not None:
        kept = shared.bodies.get((key, packed))
        if kept is not None:
            return kept  # the same compressed bytes, size and CRC: the same checked member
    if member.method == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        body = inflater.decompress(packed, member.size + 1)
    else:
        body = packed
    if len(body) != member.size or zlib.crc32(body) != member.crc:
        raise NotPlain
    if shared is not None:
        if key in shared.seen:
            shared.bodies[(key, packed)] = body
            shared.kept.add(id(body))
        else:
            shared.seen.add(key)
    return body
