"""Measuring the sheets of a legacy .xls workbook from its cell records, before a reader loads it.

A reader allocates a sheet as one dense grid from its first to its last cell, so a 6 kB .xls with
two cells, at A1 and IV65536, costs a gigabyte of memory. ``xls_extent`` reads the OLE compound
file (CFB) just enough to get the ``Workbook`` stream, walks its BIFF records, and returns the
largest sheet as (name, rows, columns) between its first and last cell record. It only reads
bytes already in memory, follows every sector chain at most once, and gives ``None`` for anything
it cannot follow or that is encrypted (a ``FILEPASS`` record): the reader then decides, and
reports a damaged or password-protected file as such.
"""

from __future__ import annotations

import struct

__all__ = ["xls_extent"]

_END = 0xFFFFFFFA                      # sector numbers from here on end a chain or mark the FAT
_CELLS = {0x0006, 0x00FD, 0x0203, 0x0204, 0x027E, 0x0201, 0x0205, 0x00D6}  # row, col first
_MULTI = {0x00BD, 0x00BE}              # MULRK, MULBLANK: row, first col, ..., last col
_BOF, _EOF, _SHEET, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F


def _u32s(data: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4]))


class _Cfb:
    def __init__(self, data: bytes):
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
            raise ValueError("sector size")
        self.size, self.mini_size = 1 << shift, 1 << mini_shift
        self.sectors = len(data) // self.size
        n_fat, first_dir = struct.unpack_from("<II", data, 44)
        self.cutoff, first_minifat = struct.unpack_from("<II", data, 56)
        first_difat = struct.unpack_from("<I", data, 68)[0]
        difat = [s for s in _u32s(data[76:512]) if s < _END]
        for sector in self._chain(first_difat, difat_mode=True):
            entries = _u32s(self._sector(sector))
            difat += [s for s in entries[:-1] if s < _END]
        self.fat = [e for s in difat[:n_fat] for e in _u32s(self._sector(s))]
        self.directory = b"".join(self._sector(s) for s in self._chain(first_dir))
        self.minifat = _u32s(b"".join(self._sector(s) for s in self._chain(first_minifat)))
        root_start, root_size = self._entry_place(0)
        self.ministream = self._read(root_start, root_size, mini=False)

    def _sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        if number >= self.sectors:
            raise ValueError("sector out of the file")
        return self.data[start:start + self.size]

    def _chain(self, start: int, difat_mode: bool = False, table: list[int] | None = None
               ) -> list[int]:
        out, seen = [], set()
        while start < _END:
            if start in seen or len(out) > self.sectors * 8:
                raise ValueError("sector chain loops")
            seen.add(start)
            out.append(start)
            if difat_mode:
                start = struct.unpack_from("<I", self._sector(start), self.size - 4)[0]
            else:
                links = self.fat if table is None else table
                start = links[start] if start < len(links) else _END
        return out

    def _entry_place(self, index: int) -> tuple[int, int]:
        start, size = struct.unpack_from("<IQ", self.directory, index * 128 + 116)
        return start, size & 0xFFFFFFFF if self.size == 512 else size

    def _read(self, start: int, size: int, mini: bool) -> bytes:
        if mini:
            step = self.mini_size
            parts = [self.ministream[s * step:(s + 1) * step]
                     for s in self._chain(start, table=self.minifat)]
        else:
            parts = [self._sector(s) for s in self._chain(start)]
        return b"".join(parts)[:size]

    def stream(self, names: tuple[str, ...]) -> bytes | None:
        for index in range(len(self.directory) // 128):
            entry = self.directory[index * 128:(index + 1) * 128]
            length, kind = struct.unpack_from("<HB", entry, 64)
            name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
            if kind == 2 and name in names:
                start, size = self._entry_place(index)
                return self._read(start, size, mini=size < self.cutoff)
        return None


def _sheet_name(body: bytes) -> tuple[int, str]:
    offset, length = struct.unpack_from("<I", body)[0], body[6]
    wide = len(body) > 7 and body[7] & 1
    raw = body[8:8 + length * (2 if wide else 1)]
    return offset, raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _walk(stream: bytes) -> tuple[str, int, int] | None:
    """The largest sheet's (name, rows, cols); None once the records are encrypted (FILEPASS)."""
    names: dict[int, str] = {}
    largest: tuple[str, int, int] | None = None
    pair, one = struct.Struct("<HH").unpack_from, struct.Struct("<H").unpack_from
    cells, multi = frozenset(_CELLS), frozenset(_MULTI)
    start = pos = 0
    top = left = 1 << 20
    bottom = right = -1
    end = len(stream) - 4
    while pos <= end:
        kind, size = pair(stream, pos)
        if kind in cells and size >= 6:      # the hot path: one comparison per bound
            row, col = pair(stream, pos + 4)
            if row < top:
                top = row
            if row > bottom:
                bottom = row
            if col < left:
                left = col
            if col > right:
                right = col
        elif kind in multi and size >= 6:
            row, first = pair(stream, pos + 4)
            last = one(stream, pos + 2 + size)[0]
            top, bottom = min(top, row), max(bottom, row)
            left, right = min(left, first), max(right, last)
        elif kind == _BOF:
            start, top, left, bottom, right = pos, 1 << 20, 1 << 20, -1, -1
        elif kind == _EOF and bottom >= 0:
            rows, cols = bottom - top + 1, max(right - left + 1, 1)
            if largest is None or rows * cols > largest[1] * largest[2]:
                largest = (names.get(start, ""), rows, cols)
            bottom = -1
        elif kind == _SHEET and size >= 8:
            offset, name = _sheet_name(stream[pos + 4:pos + 4 + size])
            names[offset] = name
        elif kind == _FILEPASS:
            return None
        pos += 4 + size
    return largest


def xls_extent(data: bytes) -> tuple[str, int, int] | None:
    """The largest sheet of an .xls file's bytes: (name, rows, columns); None if unreadable."""
    try:
        stream = _Cfb(data).stream(("Workbook", "Book"))
    except (ValueError, IndexError, struct.error):
        return None
    return None if stream is None else _walk(stream)
