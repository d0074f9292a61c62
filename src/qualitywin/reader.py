"""Opening a workbook safely and streaming a sheet's rows with their Excel positions.

`filecheck.check_file` looks at the bytes first (format, encryption, XML entities, zip bombs,
cells python-calamine would show as blank); then python-calamine (Rust) reads the cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import python_calamine

from qualitywin.filecheck import CellFlag, FileCheck, check_file, DEFAULT_MAX_UNZIPPED
from qualitywin.issues import Code, QualitywinError
from qualitywin.scheme import normalise_text


@dataclass
class Workbook:
    path: Path
    check: FileCheck
    book: Any  # python_calamine.CalamineWorkbook
    sheet_names: list[str]
    hidden: frozenset[str] = field(default_factory=frozenset)

    def find_sheet(self, names: tuple[str, ...]) -> str | None:
        """The first sheet whose name matches one of `names`, ignoring case and spaces around."""
        return find_sheet(self.sheet_names, names)

    def rows(self, sheet: str) -> "SheetRows":
        try:
            data = self.book.get_sheet_by_name(sheet)
        except python_calamine.CalamineError as exc:
            raise _unreadable(self.path, exc) from exc
        return SheetRows(sheet, data, self.check.flags.get(sheet, {}))


@dataclass
class SheetRows:
    """Rows of one sheet; `iter()` yields (row number, first column number, values), 1-based."""

    name: str
    data: Any  # python_calamine.CalamineSheet
    flags: dict[tuple[int, int], CellFlag]

    @property
    def height(self) -> int:
        return self.data.end[0] + 1 if self.data.end else 0

    def merged(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Each covered cell of a merged range → the range's top-left cell (1-based)."""
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        for (r0, c0), (r1, c1) in self.data.merged_cell_ranges or []:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        covered[(r + 1, c + 1)] = (r0 + 1, c0 + 1)
        return covered

    def iter(self) -> Iterator[tuple[int, int, list[Any]]]:
        start, end = self.data.start, self.data.end
        if start is None or end is None:
            return
        # python-calamine 0.9 yields rows from row 0 but columns from the first used one.
        left = start[1] + 1
        count = 0
        for count, values in enumerate(self.data.iter_rows(), start=1):
            yield count, left, values
        if count and count != end[0] + 1:  # pragma: no cover - guards a reader change
            raise RuntimeError(f"python-calamine row layout changed: {count} rows, end {end}")


def open_workbook(path: str | Path, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> Workbook:
    path = Path(path)
    check = check_file(path, max_unzipped)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        metadata = book.sheets_metadata
    except python_calamine.PasswordError as exc:
        raise QualitywinError.of(Code.ENCRYPTED, path=str(path)) from exc
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise _unreadable(path, exc) from exc
    hidden = frozenset(m.name for m in metadata if m.visible != python_calamine.SheetVisibleEnum.Visible)
    return Workbook(path, check, book, list(book.sheet_names), hidden | set(check.hidden_sheets))


def _unreadable(path: Path, exc: Exception) -> QualitywinError:
    return QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what="damaged-workbook",
                              reason=str(exc))


def find_sheet(sheet_names: list[str], names: tuple[str, ...]) -> str | None:
    """Of a workbook's `sheet_names`, the first that matches one of `names` (case and spaces
    around ignored)."""
    wanted = [_sheet_key(n) for n in names]
    by_key = {_sheet_key(n): n for n in reversed(sheet_names)}
    return next((by_key[k] for k in wanted if k in by_key), None)


def _sheet_key(name: str) -> str:
    return normalise_text(name).casefold()
