"""A sparse .xlsx sheet (a stray note at row 1,048,576) read at the cost of its cells.

python-calamine allocates a sheet's used range, rows x columns, whatever cells it holds: a
month of 50 rows and one note at row 1,048,576 cost 1.1 s and 260 MB. Such a sheet (filecheck
finds it: its last row lies far beyond its count of rows) is handed to calamine as a compacted
copy, a temporary workbook in a private folder where that worksheet's rows are renumbered
1, 2, 3... and its <dimension> and <mergeCell>s are dropped; every other part is copied as it
is. The reader gives the rows their original numbers back, and the merged ranges are read here
from the original XML, so every message still names the original cell (扣分记录!A1048576).

The worksheet is streamed, tag by tag, with filecheck's byte patterns; nothing is parsed as a
tree. Anything unexpected (a row without a number, rows out of order, a UTF-16 part) leaves the
sheet to the plain path: compaction is a saving, never a second way of reading.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from qualitywin.filecheck import _MAX_CARRY, _ROOT, CHUNK, _attrs, cell_position

_R_VALUE = re.compile(rb"""(\br\s*=\s*["'])([^"']*)(["'])""")
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")


class _NotCompacted(Exception):
    """This worksheet is left to the plain path."""


@dataclass
class Compacted:
    """The compacted copy, and how to read it back in the original's terms."""

    path: Path
    original: list[int] = field(default_factory=lambda: [0])  # compacted row → original row
    merged: list = field(default_factory=list)  # ((r0, c0), (r1, c1)), 0-based, as calamine

    def original_row(self, row: int) -> int:
        """The original number of compacted row `row` (1-based)."""
        return self.original[min(row, len(self.original) - 1)]

    def original_corner(self, corner: tuple[int, int] | None) -> tuple[int, int] | None:
        """A 0-based (row, column) corner of the compacted used area, in the original."""
        if corner is None:
            return None
        return self.original_row(corner[0] + 1) - 1, corner[1]


@contextmanager
def compacted(path: Path, member: str) -> Iterator[Compacted | None]:
    """A compacted copy of the workbook at `path` in which worksheet `member` has its rows
    renumbered; None when it cannot be compacted. The copy is removed on leaving."""
    try:
        folder = tempfile.TemporaryDirectory(prefix="qualitywin-")
    except OSError:  # no temporary space: the plain path needs none
        yield None
        return
    with folder:
        copy = Compacted(Path(folder.name) / "compacted.xlsx")
        try:
            _write_copy(path, member, copy)
        except (_NotCompacted, OSError, zipfile.BadZipFile, zlib.error, EOFError):
            yield None  # a full disk, or damage the plain path will name
            return
        yield copy


def _write_copy(path: Path, member: str, copy: Compacted) -> None:
    written: set[str] = set()
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(copy.path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            if info.filename in written or info.is_dir():
                continue  # the first of two entries with one name is the one read
            written.add(info.filename)
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with source.open(info) as inp, target.open(entry, "w") as out:
                if info.filename == member:
                    _compact(inp, out, copy)
                else:
                    shutil.copyfileobj(inp, out, CHUNK)


def _compact(inp, out, copy: Compacted) -> None:
    """Stream the worksheet from `inp` to `out`, rows renumbered; cut only after a `>`, so a
    tag is never split."""
    renumber: _Renumber | None = None
    carry = b""
    while chunk := inp.read(CHUNK):
        data = carry + chunk
        if renumber is None:
            if data.startswith(_UTF16_STARTS):
                raise _NotCompacted
            root = _ROOT.search(data)
            if root is None:
                if len(data) < _MAX_CARRY:
                    carry = data
                    continue
                raise _NotCompacted
            renumber = _Renumber(root[1] + b":" if root[1] else b"", copy)
        cut = data.rfind(b">") + 1
        out.write(renumber.segment(data[:cut]))
        carry = data[cut:]
    if renumber is None:
        raise _NotCompacted
    out.write(renumber.segment(carry))


class _Renumber:
    """Rewrites the tags of a worksheet: <row r> and <c r> renumbered, <dimension> and
    <mergeCell> dropped (the merged ranges are kept, in original terms, on `copy`).

    A row's cells are renumbered by one split, not a Python call per cell (which made the
    copy cost 15 us a row, against 8)."""

    def __init__(self, prefix: bytes, copy: Compacted):
        e = re.escape(prefix)
        self.copy = copy
        self.row = re.compile(rb"<" + e + rb"row(?:\s[^>]*)?/?>")
        # a cell reference up to its row number, which the split drops (the number follows)
        self.cell = re.compile(rb"(<" + e + rb"c\s[^>]*?\br\s*=\s*[\"'][A-Za-z]{1,3})\d+(?=[\"'])")
        self.other = re.compile(rb"<" + e + rb"(dimension|mergeCell)(?:\s[^>]*)?/?>")
        self.number = b""  # the current row's new number

    def segment(self, seg: bytes) -> bytes:
        seg = self.other.sub(self._other, seg)
        out, at = [], 0
        for m in self.row.finditer(seg):
            out.append(self._cells(seg[at : m.start()]))
            out.append(self._row(m[0]))
            at = m.end()
        out.append(self._cells(seg[at:]))
        return b"".join(out)

    def _cells(self, body: bytes) -> bytes:
        pieces = self.cell.split(body)  # text, reference before its number, text, ...
        if len(pieces) == 1:
            return body
        if not self.number:
            raise _NotCompacted  # a cell before any row: damage the plain path deals with
        pieces[1::2] = [reference + self.number for reference in pieces[1::2]]
        return b"".join(pieces)

    def _row(self, tag: bytes) -> bytes:
        r = _R_VALUE.search(tag)
        if r is None or not r[2].strip().isdigit() or int(r[2]) <= self.copy.original[-1]:
            raise _NotCompacted  # unnumbered or out of order: the plain path reads it as is
        self.copy.original.append(int(r[2]))
        self.number = str(len(self.copy.original) - 1).encode()
        return tag[: r.start(2)] + self.number + tag[r.end(2) :]

    def _other(self, m: re.Match) -> bytes:
        """A <dimension> or <mergeCell> is dropped; a merged range is noted first."""
        if m[1] == b"mergeCell":
            self._merge(m[0])
        return b""

    def _merge(self, tag: bytes) -> None:
        ref = _attrs(tag).get(b"ref", b"")
        first, _, last = ref.partition(b":")
        top, bottom = cell_position(first), cell_position(last or first)
        if top is not None and bottom is not None:
            self.copy.merged.append(((top[0] - 1, top[1] - 1), (bottom[0] - 1, bottom[1] - 1)))
