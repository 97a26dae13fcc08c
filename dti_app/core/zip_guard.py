"""The zip container of an .xlsx/.xlsm/.ods file, checked before anything is inflated or parsed.

``ZipGuard(data)`` reads the central directory and refuses (``Refused``):

- more than ``MAX_MEMBERS`` members, a member declaring more than ``MAX_MEMBER_BYTES``, all of them
  more than ``MAX_TOTAL_BYTES``, a member above ``RATIO_FLOOR`` declaring a ratio above
  ``MAX_RATIO`` (``FILE_COMPRESSION_BOMB``);
- encrypted members (``FILE_ENCRYPTED``); a compression method no spreadsheet program uses
  (``FILE_CORRUPT``);
- names that are empty, absolute, on a drive, or climb out with '..' (``FILE_UNSAFE_MEMBER``);
- two members whose names are equal once upper and lower case are ignored: part names are
  case-insensitive, so readers would disagree on which one is meant (``FILE_AMBIGUOUS_CONTENT``).

``inflate``/``chunks`` then inflate one member from the file's bytes, never beyond what it
declares: a member that yields more is a bomb, one that yields less or whose CRC differs is
damaged. ``find`` looks a part up as python-calamine does, ignoring ASCII case. ``stored_zip``
puts inflated members back into an uncompressed zip, so the reader is handed exactly the bytes
that were checked, without inflating them a second time.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

from dti_app.core.issues import IssueCode
from dti_app.core.refused import Refused, ambiguous

__all__ = ["ZipGuard", "unsafe_member_name", "MAX_MEMBERS", "MAX_MEMBER_BYTES",
           "MAX_TOTAL_BYTES", "MAX_RATIO", "RATIO_FLOOR", "CHUNK"]

C = IssueCode
MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 150 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200           # declared uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
CHUNK = 1 << 20
_INPUT_STEP = 1 << 16      # compressed bytes given to zlib at a time
_DRIVE = re.compile(r"^[A-Za-z]:")
_LOCAL = struct.Struct("<4s22xHH")          # local file header: signature .. name and extra length
_STORED_LOCAL = struct.Struct("<IHHHHHIIIHH")
_STORED_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_STORED_END = struct.Struct("<IHHHHIIH")
_UTF8_NAMES = 0x800


def unsafe_member_name(name: str) -> bool:
    """A zip member name that is empty, absolute, on a drive, or climbs out with '..'."""
    if not name or "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return ".." in name and ".." in PurePosixPath(name.replace("\\", "/")).parts


def part_key(name: str) -> bytes:
    """A part name as python-calamine compares it: ASCII letters without case."""
    return name.encode("utf-8", "surrogatepass").lower()


def _bomb(part: str, size: int, ratio: float) -> Refused:
    return Refused(C.FILE_COMPRESSION_BOMB, part=part[:120], size=f"{size / 1e6:,.0f} MB",
                   ratio=f"{ratio:,.0f}")


def _beyond(info: zipfile.ZipInfo, seen: int) -> Refused:
    """A member that inflates to more than it declares: a bomb if what it declares is large
    enough to be one, else a damaged member."""
    if info.file_size > RATIO_FLOOR:
        return _bomb(info.filename, seen, seen / max(info.compress_size, 1))
    return Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: larger than declared")


def _ratio(info: zipfile.ZipInfo) -> float:
    return info.file_size / max(info.compress_size, 1)


class ZipGuard:
    """A zip's checked directory, and its members inflated on request (see the module doc)."""

    def __init__(self, data: bytes):
        self.data = data
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
                NotImplementedError, struct.error) as exc:
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {exc}"[:200]) from None
        if len(infos) > MAX_MEMBERS:
            raise Refused(C.FILE_COMPRESSION_BOMB, part="*", size=f"{len(infos):,} members",
                          ratio="—")
        self.members = [i for i in infos if not i.filename.endswith("/")]
        self._by_key: dict[bytes, zipfile.ZipInfo] = {}
        folded: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if unsafe_member_name(name):
                raise Refused(C.FILE_UNSAFE_MEMBER, part=name[:120])
            if name.casefold() in folded:
                raise ambiguous(name, "hai thành phần trùng tên, chỉ khác chữ hoa/thường",
                                "two members with the same name but for upper/lower case")
            folded.add(name.casefold())
            if info.flag_bits & 0x1:
                raise Refused(C.FILE_ENCRYPTED)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise Refused(C.FILE_CORRUPT, reason=f"zip: method {info.compress_type}")
            if info.file_size > MAX_MEMBER_BYTES:
                raise _bomb(name, info.file_size, _ratio(info))
            total += info.file_size
            if not name.endswith("/"):
                self._by_key[part_key(name)] = info
        if total > MAX_TOTAL_BYTES:
            raise _bomb("*", total, total / max(sum(i.compress_size for i in infos), 1))
        self.declared_total = total

    def find(self, name: str) -> zipfile.ZipInfo | None:
        """The member python-calamine opens for ``name`` (ASCII case ignored)."""
        return self._by_key.get(part_key(name))

    @staticmethod
    def check_ratio(info: zipfile.ZipInfo) -> None:
        if info.file_size > RATIO_FLOOR and _ratio(info) > MAX_RATIO:
            raise _bomb(info.filename, info.file_size, _ratio(info))

    def _packed(self, info: zipfile.ZipInfo) -> memoryview:
        offset = info.header_offset
        try:
            signature, name_length, extra_length = _LOCAL.unpack_from(self.data, offset)
        except struct.error:
            signature = b""
        name = self.data[offset + 30:offset + 30 + name_length] if signature else b""
        if signature != b"PK\x03\x04" or name != info.orig_filename.encode(
                "utf-8" if info.flag_bits & 0x800 else "cp437", "replace"):
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: local header")
        start = offset + 30 + name_length + extra_length
        packed = memoryview(self.data)[start:start + info.compress_size]
        if len(packed) != info.compress_size:
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: truncated")
        return packed

    def chunks(self, info: zipfile.ZipInfo, size: int = CHUNK) -> Iterator[bytes]:
        """``info``'s content in pieces of at most ``size`` bytes, checked as it inflates."""
        packed = self._packed(info)
        crc, seen = 0, 0
        if info.compress_type == zipfile.ZIP_STORED:
            pieces: Iterator[bytes] = (bytes(packed[i:i + size])
                                       for i in range(0, len(packed), size))
            done = True
        else:
            inflater = zlib.decompressobj(-15)
            pieces = self._inflated(inflater, packed, info, size)
            done = False
        for piece in pieces:
            seen += len(piece)
            if seen > info.file_size:
                raise _beyond(info, seen)
            crc = zlib.crc32(piece, crc)
            yield piece
        if not done and not inflater.eof:
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: truncated")
        if seen != info.file_size or crc != info.CRC:
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: bad CRC or size")

    @staticmethod
    def _inflated(inflater, packed: memoryview, info: zipfile.ZipInfo, size: int
                  ) -> Iterator[bytes]:
        try:
            for start in range(0, len(packed), _INPUT_STEP):
                pending: bytes | memoryview = packed[start:start + _INPUT_STEP]
                while pending and not inflater.eof:
                    piece = inflater.decompress(pending, size)
                    pending = inflater.unconsumed_tail
                    if piece:
                        yield piece
            while not inflater.eof:  # output still held back by the size limit
                piece = inflater.decompress(b"", size)
                if not piece:
                    break
                yield piece
        except zlib.error as exc:
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: {exc}") from None

    def inflate(self, info: zipfile.ZipInfo) -> bytes:
        """``info``'s whole content (at most what it declares, plus one byte to tell)."""
        if info.compress_type != zipfile.ZIP_DEFLATED or info.compress_size > _INPUT_STEP:
            return b"".join(self.chunks(info, size=max(info.file_size, 1) + 1))
        inflater = zlib.decompressobj(-15)       # a small member: in one call
        try:
            body = inflater.decompress(self._packed(info), info.file_size + 1)
        except zlib.error as exc:
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: {exc}") from None
        if len(body) > info.file_size:
            raise _beyond(info, len(body))
        if not inflater.eof or len(body) != info.file_size or zlib.crc32(body) != info.CRC:
            raise Refused(C.FILE_CORRUPT, reason=f"zip: {info.filename[:80]}: bad CRC or size")
        return body

    @staticmethod
    def stored_zip(parts: dict[str, bytes], infos: dict[str, zipfile.ZipInfo]) -> bytes:
        """An uncompressed zip holding ``parts`` (inflated, CRC already checked)."""
        local, central, offset = [], [], 0
        for name, body in parts.items():
            raw_name = name.encode("utf-8")
            crc = infos[name].CRC
            header = _STORED_LOCAL.pack(0x04034B50, 20, _UTF8_NAMES, 0, 0, 0x21, crc, len(body),
                                        len(body), len(raw_name), 0) + raw_name
            central.append(_STORED_CENTRAL.pack(0x02014B50, 20, 20, _UTF8_NAMES, 0, 0, 0x21, crc,
                                                len(body), len(body), len(raw_name), 0, 0, 0, 0,
                                                0, offset) + raw_name)
            local += (header, body)
            offset += len(header) + len(body)
        size = sum(map(len, central))
        end = _STORED_END.pack(0x06054B50, 0, 0, len(parts), len(parts), size, offset, 0)
        return b"".join([*local, *central, end])
