"""Opening a workbook safely and streaming a sheet's rows with their Excel positions.

`filecheck.check_file` looks at the bytes first (format, encryption, XML entities, zip bombs,
used areas, cells python-calamine would show as blank); then python-calamine (Rust) reads the
cells. Rust can abort the whole process where Python would raise, so:

* an .xlsx is read here: its byte checks bound what calamine allocates, and a Rust panic
  (`PanicException`, a BaseException) or an overflow while converting a cell is caught where
  calamine is called and named as a located problem;
* .xls, .xlsb and .ods, whose binary records the byte checks do not bound, are read by
  `calamine_child.py` in a process of its own; its death (a signal, memory) is one clear
  message naming the file. So is an .xlsx holding a value calamine may panic on (a 12-digit
  date serial): the panic is caught either way, but Rust prints it on stderr first. Measured: a child for an .xlsx too would cost 0.6-1.4 s on a
  100,000-row month (pickling the rows back), for risks the xlsx checks already bound.

Rows that hold nothing are not yielded, and merged ranges are looked up, not expanded; an .xlsx
sheet whose last row lies far beyond its rows is read through a compacted copy (sparse.py): the
cost of a sheet follows the cells that hold something, not the address of its last cell.
"""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import python_calamine

from qualitywin.filecheck import CellFlag, FileCheck, check_file, DEFAULT_MAX_UNZIPPED
from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.scheme import normalise_text
from qualitywin.sparse import compacted

_CHILD = Path(__file__).with_name("calamine_child.py")


@dataclass
class SheetData:
    """What a reader hands over for one sheet: its used area (0-based corners, as calamine
    gives them), merged ranges, and its numbered rows (1-based row, values)."""

    start: tuple[int, int] | None
    end: tuple[int, int] | None
    merged_cell_ranges: list
    numbered_rows: Iterable[tuple[int, list[Any]]]
    compacted: bool = False  # read through a compacted copy (a sparse sheet, see sparse.py)


@dataclass
class Workbook:
    path: Path
    check: FileCheck
    book: Any  # where sheets come from: _InProcess or _InChild
    sheet_names: list[str]
    hidden: frozenset[str] = field(default_factory=frozenset)

    def find_sheet(self, names: tuple[str, ...]) -> str | None:
        """The first sheet whose name matches one of `names`, ignoring case and spaces around."""
        return find_sheet(self.sheet_names, names)

    def rows(self, sheet: str) -> "SheetRows":
        """The sheet's rows; raises if this sheet (only the sheets read are checked) is too big
        to read or cannot be read."""
        too_big = self.check.oversized.get(sheet)
        if too_big is not None:
            raise QualitywinError(too_big)
        return SheetRows(
            sheet, self.book.sheet(sheet), self.check.flags.get(sheet, {}), str(self.path)
        )


@dataclass
class SheetRows:
    """Rows of one sheet; `iter()` yields (row number, first column number, values), 1-based.

    Rows with nothing in them (and no flagged cell) are skipped: their numbers are missing."""

    name: str
    data: SheetData
    flags: dict[tuple[int, int], CellFlag]
    path: str = ""

    @property
    def height(self) -> int:
        return self.data.end[0] + 1 if self.data.end else 0

    def merged(self) -> Mapping[tuple[int, int], tuple[int, int]]:
        """Each covered cell of a merged range → the range's top-left cell (1-based)."""
        width = self.data.end[1] + 1 if self.data.end else 0
        return MergedCells(self.data.merged_cell_ranges or [], width)

    def iter(self) -> Iterator[tuple[int, int, list[Any]]]:
        start, end = self.data.start, self.data.end
        if start is None or end is None:
            return
        # python-calamine 0.9 yields rows from row 0 but columns from the first used one.
        left = start[1] + 1
        flagged = {row for row, _ in self.flags}
        for number, values in _guarded(self.data.numbered_rows, self.path, self.name):
            if values.count("") == len(values) and number not in flagged:
                continue
            yield number, left, values


class MergedCells(Mapping):
    """Covered cell → top-left cell of its merged range, computed row by row on demand.

    A range A2:H1048576 covers 8 million cells; expanding it into a dict took longer than the
    month. Ranges are kept sorted by their first row; a row's covered cells are worked out
    when it is first asked about (the readers ask row after row)."""

    def __init__(self, ranges: list, width: int):
        # 1-based, columns clipped to the sheet's width, single-cell ranges dropped
        spans = []
        for (r0, c0), (r1, c1) in ranges:
            c1 = min(c1, max(width - 1, c0))
            if (r1, c1) != (r0, c0) and r1 >= r0 and c1 >= c0:
                spans.append((r0 + 1, c0 + 1, r1 + 1, c1 + 1))
        self._spans = sorted(spans)
        self._starts = [s[0] for s in self._spans]
        self._tallest = max((s[2] - s[0] for s in self._spans), default=0)
        self._row = -1
        self._covered: dict[int, tuple[int, int]] = {}

    def _row_cells(self, row: int) -> dict[int, tuple[int, int]]:
        if row != self._row:
            covered: dict[int, tuple[int, int]] = {}
            # only ranges starting at most `tallest` rows above can reach this row
            first = bisect_right(self._starts, row - self._tallest - 1)
            last = bisect_right(self._starts, row)
            for r0, c0, r1, c1 in self._spans[first:last]:
                if r1 >= row:
                    for c in range(c0, c1 + 1):
                        if (row, c) != (r0, c0):
                            covered.setdefault(c, (r0, c0))
            self._row, self._covered = row, covered
        return self._covered

    def __getitem__(self, cell: tuple[int, int]) -> tuple[int, int]:
        return self._row_cells(cell[0])[cell[1]]

    def __contains__(self, cell: object) -> bool:
        if not self._spans or not isinstance(cell, tuple):
            return False
        return cell[1] in self._row_cells(cell[0])

    def __len__(self) -> int:
        return sum((r1 - r0 + 1) * (c1 - c0 + 1) - 1 for r0, c0, r1, c1 in self._spans)

    def __bool__(self) -> bool:
        return bool(self._spans)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for r0, c0, r1, c1 in self._spans:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        yield (r, c)


def open_workbook(path: str | Path, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> Workbook:
    path = Path(path)
    check = check_file(path, max_unzipped)
    if check.format == "xlsx" and not check.isolate:
        book: _InProcess | _InChild = _InProcess(path, check.sparse)
    else:
        book = _InChild(path)
    visible = book.metadata()
    hidden = frozenset(name for name, shown in visible if not shown)
    return Workbook(
        path, check, book, [name for name, _ in visible], hidden | set(check.hidden_sheets)
    )


# --------------------------------------------------------------------------- readers


class _InProcess:
    """python-calamine in this process (xlsx: the byte checks bound what it allocates)."""

    def __init__(self, path: Path, sparse: Mapping[str, str] | None = None):
        self.path = path
        self.sparse = sparse or {}  # sheet → worksheet member, for sheets read compacted
        with _calamine_errors(path):
            self.calamine = python_calamine.CalamineWorkbook.from_path(str(path))

    def metadata(self) -> list[tuple[str, bool]]:
        with _calamine_errors(self.path):
            return [
                (m.name, m.visible == python_calamine.SheetVisibleEnum.Visible)
                for m in self.calamine.sheets_metadata
            ]

    def sheet(self, name: str) -> SheetData:
        member = self.sparse.get(name)
        if member is not None:
            compact = self._compacted_sheet(name, member)
            if compact is not None:
                return compact
        with _calamine_errors(self.path, name):
            data = self.calamine.get_sheet_by_name(name)
            start, end, merged = data.start, data.end, data.merged_cell_ranges or []
        return SheetData(start, end, merged, enumerate(data.iter_rows(), start=1))

    def _compacted_sheet(self, name: str, member: str) -> SheetData | None:
        """The sheet read from a copy with its rows renumbered 1, 2, 3..., handed over with
        the original row numbers; None when it cannot be compacted (then read as it is)."""
        with compacted(self.path, member) as copy:
            if copy is None:
                return None
            with _calamine_errors(self.path, name):
                book = python_calamine.CalamineWorkbook.from_path(str(copy.path))
                data = book.get_sheet_by_name(name)  # the cells are in memory from here on
                start, end = data.start, data.end
        last = len(copy.original) - 1
        rows = (
            (copy.original[number], values)
            for number, values in enumerate(data.iter_rows(), start=1)
            if number <= last
        )
        return SheetData(
            copy.original_corner(start), copy.original_corner(end), copy.merged, rows, True
        )


class _calamine_errors:
    """Every way python-calamine fails, as the file's problem (a panic is a BaseException)."""

    def __init__(self, path: Path, sheet: str | None = None):
        self.path, self.sheet = path, sheet

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> None:  # never swallows: raises the file's problem
        if exc is None or isinstance(exc, QualitywinError):
            return
        if isinstance(exc, python_calamine.PasswordError):
            raise QualitywinError.of(Code.ENCRYPTED, path=str(self.path)) from exc
        if isinstance(
            exc, (python_calamine.CalamineError, OSError, ValueError, OverflowError, MemoryError)
        ) or _is_panic(exc):
            raise unreadable(self.path, f"{type(exc).__name__}: {exc}") from exc


class _InChild:
    """python-calamine in a child process (.xls, .xlsb, .ods): its death is one message."""

    def __init__(self, path: Path):
        self.path = path

    def metadata(self) -> list[tuple[str, bool]]:
        return self._ask()[1]

    def sheet(self, name: str) -> SheetData:
        answer = self._ask(name)
        if answer[0] == "bad-row":
            raise QualitywinError(
                Issue(
                    Code.ROW_UNREADABLE,
                    name,
                    answer[1],
                    None,
                    None,
                    {"path": str(self.path), "reason": answer[2]},
                )
            )
        _, start, end, merged, rows = answer
        return SheetData(start, end, merged, rows)

    def _ask(self, *sheet: str) -> tuple:
        try:
            run = subprocess.run(
                [sys.executable, "-I", str(_CHILD), str(self.path), *sheet],
                stdin=subprocess.DEVNULL,
                capture_output=True,
            )
        except OSError as e:  # cannot start a process at all (out of memory, no processes)
            raise _crashed(self.path, type(e).__name__) from e
        if run.returncode < 0:
            raise _crashed(self.path, _signal_name(-run.returncode))
        try:
            answer = pickle.loads(run.stdout)
        except Exception as e:  # noqa: BLE001 - a child that died after writing part of it
            raise _crashed(self.path, f"exit {run.returncode}") from e
        if answer[0] != "error":
            return answer
        if answer[1] == "password":
            raise QualitywinError.of(Code.ENCRYPTED, path=str(self.path))
        raise unreadable(self.path, answer[2])


def _guarded(
    rows: Iterable[tuple[int, list[Any]]], path: str, sheet: str
) -> Iterator[tuple[int, list[Any]]]:
    """Rows as calamine converts them; a cell it cannot convert (a date millions of years
    away) ends the sheet with a problem at the row after the last good one."""
    number = 0
    iterator = iter(rows)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except (OverflowError, ValueError, python_calamine.CalamineError) as exc:
            raise _bad_row(path, sheet, number + 1, exc) from exc
        except BaseException as exc:
            if not _is_panic(exc):
                raise
            raise _bad_row(path, sheet, number + 1, exc) from exc
        number = item[0]
        yield item


def _is_panic(exc: BaseException) -> bool:
    """pyo3's PanicException (a Rust panic) cannot be imported by name; it is a BaseException."""
    return type(exc).__name__ == "PanicException"


def _bad_row(path: str, sheet: str, row: int, exc: BaseException) -> QualitywinError:
    return QualitywinError(
        Issue(
            Code.ROW_UNREADABLE,
            sheet,
            row,
            None,
            None,
            {"path": path, "reason": f"{type(exc).__name__}: {exc}"},
        )
    )


def unreadable(path: Path, reason: str) -> QualitywinError:
    """calamine refused the file: named as damaged, or as too big when that is the reason."""
    what = "cell-limit" if "cell limit" in reason.lower() else "damaged-workbook"
    return QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what=what, reason=reason)


def _crashed(path: Path, how: str) -> QualitywinError:
    return QualitywinError.of(Code.READER_CRASHED, path=str(path), how=how)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def find_sheet(sheet_names: list[str], names: tuple[str, ...]) -> str | None:
    """Of a workbook's `sheet_names`, the first that matches one of `names` (case and spaces
    around ignored)."""
    wanted = [_sheet_key(n) for n in names]
    by_key = {_sheet_key(n): n for n in reversed(sheet_names)}
    return next((by_key[k] for k in wanted if k in by_key), None)


def _sheet_key(name: str) -> str:
    return normalise_text(name).casefold()
