"""The one reader of input sheets: a field list and a row function make a new input sheet.

Every input sheet (扣分记录, 请假 and the other sheets computed rules read, and any sheet a later
feature adds: 人员, 考勤例外, 好差评 …) is read by `read_sheet`, which does, once for all of them:

- **title rows**: up to ten non-blank rows above the header (a title, a date line) are passed
  over; the header is the first row naming a known column;
- **header mapping**: headers compare after NFKC, without spaces, case-insensitively, against
  each field's name and aliases; an unknown header is a warning with "did you mean", a missing
  required one an error (and the sheet is not read further), a column given twice an error;
- **merged cells**: a cell covered by a merged range reads as the range's top-left value (a
  merged 窗口 cell reads the same on every sheet);
- **cell flags**: a cell python-calamine shows as blank but that holds an error value (#N/A) or
  a formula without a cached value is reported as such at its cell (filecheck finds them);
- **blank rows** are skipped, and their problems with them;
- **per-value caches**: a field marked `cached` remembers what its parser made of each raw value
  (the value or the problem), so a million rows that repeat a few dates and windows cost a dict
  look-up per cell, not a parse;
- **progress**: `progress(done, total)` every 50,000 rows and at the end.

How to read a new sheet (say 人员, a roster of staff)::

    FIELDS = (
        Field("name", Column("姓名", ("name",)), required=True, parse=v.free_text),
        Field("window", Column("窗口", ("window",)), required=True, parse=parse_window,
              cached=True),
        Field("id", Column("工号", ("id",)), parse=v.free_text),
    )

    def on_row(row: int, values: list[Any]) -> None:   # values in FIELDS order, all clean
        name, window, staff_id = values
        staff.append(Person(row, name, window, staff_id))

    columns = read_sheet(book.rows(sheet), FIELDS, on_row, issues)

A parser takes the raw cell value and returns the clean value or raises `values.BadValue(code,
**params)`; the reader turns that into an `Issue` at the cell, with the field's column name in
its params. `on_row` is called only for rows without problems; it may still add its own issues
(a rule needing evidence, a duplicate) to the list it closes over.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from qualitywin import values as v
from qualitywin.issues import Code, Issue, column_letter
from qualitywin.scheme import Column, normalise_text

Progress = Callable[[int, int], None]
RowFunction = Callable[[int, list[Any]], None]
# on_header(sheet, header row, {field key: column number}, the header's problems) → more problems
HeaderHook = Callable[[str, int, dict[str, int], list[Issue]], list[Issue]]
PROGRESS_EVERY = 50_000


@dataclass(frozen=True)
class Field:
    """A column of an input sheet and how its cells are read."""

    key: str
    column: Column
    required: bool = False
    parse: Callable[[Any], Any] = v.free_text
    cached: bool = False  # remember each raw value's result (for columns that repeat)
    blank_code: Code = Code.REQUIRED_BLANK  # the problem of a blank required cell


def header_key(text: str) -> str:
    """Headers compare after NFKC, without spaces, case-insensitively."""
    return re.sub(r"\s+", "", normalise_text(text)).casefold()


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> list[str]:
    """'Did you mean' candidates: close spellings, or names that contain / start with the word."""
    word_key = normalise_text(word).casefold()
    by_key = {normalise_text(c).casefold(): c for c in candidates}
    # two-character names (窗口, 日期) one character off score 0.5: accept that for short words
    cutoff = 0.5 if len(word_key) <= 3 else 0.6
    close = difflib.get_close_matches(word_key, list(by_key), n=3, cutoff=cutoff)
    if not close and word_key:
        close = [k for k in by_key if k.startswith(word_key) or word_key in k][:3]
    return [by_key[k] for k in close]


def field_names(fields: tuple[Field, ...], aliases: bool = True) -> list[str]:
    names = []
    for f in fields:
        names.append(f.column.name)
        if aliases:
            names.extend(f.column.aliases)
    return names


def column_missing(
    sheet: str, row: int, column: str, columns: list[str], unknown_headers: list[str]
) -> Issue:
    """A needed column not found in the header row: the columns the sheet takes, and "did you
    mean" among the headers that were not recognised."""
    return Issue(
        Code.COLUMN_MISSING,
        sheet,
        row,
        None,
        None,
        {
            "column": column,
            "columns": columns,
            "suggestions": did_you_mean(column, unknown_headers),
        },
    )


def unknown_headers(issues: list[Issue]) -> list[str]:
    """The header texts a header mapping did not recognise."""
    return [str(i.value) for i in issues if i.code == Code.COLUMN_UNKNOWN]


def map_header(
    sheet: str,
    row: int,
    left: int,
    cells: list[Any],
    fields: tuple[Field, ...],
    ignored: tuple[Column, ...] = (),
) -> tuple[dict[str, int], list[Issue]]:
    """Header cells → {field key: index into the row's values}, with the problems found."""
    known = {header_key(n): f for f in fields for n in (f.column.name, *f.column.aliases)}
    skip = {header_key(n) for c in ignored for n in (c.name, *c.aliases)}
    found: dict[str, int] = {}
    issues: list[Issue] = []
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        if v.is_blank(cell):
            continue
        text = v.cell_text(cell)
        column = left + index
        field = known.get(header_key(text))
        if field is None:
            if header_key(text) not in skip:
                unknown.append(text)
                issues.append(
                    Issue(
                        Code.COLUMN_UNKNOWN,
                        sheet,
                        row,
                        column,
                        text,
                        {"suggestions": did_you_mean(text, field_names(fields))},
                    )
                )
        elif field.key in found:
            first = left + found[field.key]
            issues.append(
                Issue(
                    Code.COLUMN_DUPLICATE,
                    sheet,
                    row,
                    column,
                    text,
                    {"column": field.column.name, "other": f"{sheet}!{column_letter(first)}{row}"},
                )
            )
        else:
            found[field.key] = index
    for field in fields:
        if field.required and field.key not in found:
            names = field_names(fields, aliases=False)
            issues.append(column_missing(sheet, row, field.column.name, names, unknown))
    return found, issues


def read_sheet(
    rows: Any,
    fields: tuple[Field, ...],
    on_row: RowFunction,
    issues: list[Issue],
    *,
    ignored: tuple[Column, ...] = (),
    header_required: bool = True,
    on_header: HeaderHook | None = None,
    progress: Progress | None = None,
) -> dict[str, int] | None:
    """Read one sheet (a reader.SheetRows): `on_row(row, values)` for each clean row; every
    problem into `issues`. `on_header` sees the header's columns before the first row and may
    add problems (a missing column among several optional ones). Returns {field key: column
    number} of the header, or None when the sheet has none (or misses a required column)."""
    return _SheetReader(rows, fields, on_row, issues, ignored, progress).read(
        header_required, on_header
    )


_MISSING = object()


class _SheetReader:
    def __init__(
        self,
        rows: Any,
        fields: tuple[Field, ...],
        on_row: RowFunction,
        issues: list[Issue],
        ignored: tuple[Column, ...],
        progress: Progress | None,
    ):
        self.rows = rows
        self.sheet: str = rows.name
        self.fields = fields
        self.on_row = on_row
        self.issues = issues
        self.ignored = ignored
        self.progress = progress
        self.layout: list[tuple[str, int | None, Callable[[Any], Any], dict | None]] = []
        self.names: dict[str, str] = {}  # field key → its column's name, for the messages
        # a clean row has a filled required cell; without required fields, check for blank rows
        self.check_blank = not any(f.required for f in fields)

    def read(self, header_required: bool, on_header: HeaderHook | None) -> dict[str, int] | None:
        rows, sheet, issues = self.rows, self.sheet, self.issues
        merged = rows.merged()
        merged_values: dict[tuple[int, int], Any] = {}
        columns: dict[str, int] | None = None
        total = rows.height
        flags = rows.flags
        titles = _TitleRows(self.fields)
        for row, left, cells in rows.iter():
            if merged:
                _fill_merged(row, left, cells, merged, merged_values)
            if columns is None:
                header = titles.header(row, left, cells)
                if header is None:
                    continue
                columns, header_issues = map_header(sheet, *header, self.fields, self.ignored)
                columns_at = {k: header[1] + i for k, i in columns.items()}
                if on_header is not None:
                    header_issues.extend(on_header(sheet, header[0], columns_at, header_issues))
                issues.extend(header_issues)
                if any(i.code == Code.COLUMN_MISSING for i in header_issues):
                    return None
                self._set_layout(columns)
                continue
            self._read_row(row, left, cells, flags)
            if self.progress and row % PROGRESS_EVERY == 0:
                self.progress(row, total)
        if columns is None:
            if titles.first is not None:  # only title rows: map the first, report its problems
                issues.extend(map_header(sheet, *titles.first, self.fields, self.ignored)[1])
            elif header_required:
                issues.append(
                    Issue(
                        Code.HEADER_MISSING,
                        sheet,
                        params={"columns": field_names(self.fields, aliases=False)},
                    )
                )
            return None
        if self.progress:
            self.progress(total, total)
        return columns_at

    def _set_layout(self, columns: dict[str, int]) -> None:
        """Per field: its index in the row, its parser and the parser's memory."""
        self.layout = []
        self.names = {}
        for field in self.fields:
            parse = field.parse
            if field.required:
                parse = _required(parse, field.column.name, field.blank_code)
            self.layout.append(
                (field.key, columns.get(field.key), parse, {} if field.cached else None)
            )
            self.names[field.key] = field.column.name

    def _read_row(
        self, row: int, left: int, cells: list[Any], flags: dict[tuple[int, int], Any]
    ) -> None:
        """The hot loop (a million rows): one cached look-up per cell where it can."""
        width = len(cells)
        parsed = []
        problems: list[Issue] | None = None
        for key, index, parse, cache in self.layout:
            value = cells[index] if index is not None and index < width else ""
            if cache is not None and value.__class__ is not bool:  # True == 1 as a dict key
                result = cache.get(value, _MISSING)
                if result is _MISSING:
                    result = cache[value] = _attempt(parse, value)
            else:
                result = _attempt(parse, value)
            if result.__class__ is v.BadValue:
                column = left + index if index is not None else None
                problems = problems or []
                problems.append(
                    Issue(
                        result.code,
                        self.sheet,
                        row,
                        column,
                        value,
                        {"column": self.names[key], **result.params},
                    )
                )
            parsed.append(result)
        if flags:
            problems = self._flag_problems(row, left, flags, problems)
        if problems:
            if not self._is_blank_row(cells, width, row, left, flags):
                self.issues.extend(problems)
            return
        if self.check_blank and self._is_blank_row(cells, width, row, left, flags):
            return
        self.on_row(row, parsed)

    def _flag_problems(
        self, row: int, left: int, flags: dict, problems: list[Issue] | None
    ) -> list[Issue] | None:
        """Cells python-calamine shows as blank but that hold an error value or a formula with
        no computed value: their problem replaces whatever the blank made of them."""
        flagged = {}
        for _key, index, *_ in self.layout:
            if index is not None:
                flag = flags.get((row, left + index))
                if flag is not None:
                    flagged[left + index] = flag
        if not flagged:
            return problems
        kept = [p for p in problems or [] if p.column not in flagged]
        for column, flag in flagged.items():
            code = Code.CELL_ERROR if flag.kind == "error" else Code.FORMULA_NO_VALUE
            kept.append(Issue(code, self.sheet, row, column, flag.value))
        return sorted(kept, key=lambda p: p.column or 0)

    def _is_blank_row(self, cells: list[Any], width: int, row: int, left: int, flags: dict) -> bool:
        for _, index, *_ in self.layout:
            if index is not None and index < width:
                if not v.is_blank(cells[index]) or (row, left + index) in flags:
                    return False
        return True


class _TitleRows:
    """Finds the header row below a title: the first non-blank row naming a known column.

    Up to `limit` non-blank rows without one (a title, a date line) are passed over; after
    that, or when nothing else comes, the first non-blank row is taken for the header, so its
    problems (no 日期 column …) are reported at it.
    """

    def __init__(self, fields: tuple[Field, ...], limit: int = 10):
        self.names = {header_key(n) for f in fields for n in (f.column.name, *f.column.aliases)}
        self.limit = limit
        self.passed = 0
        self.first: tuple[int, int, list[Any]] | None = None

    def header(self, row: int, left: int, cells: list[Any]) -> tuple[int, int, list[Any]] | None:
        if all(v.is_blank(c) for c in cells):
            return None
        if any(header_key(v.cell_text(c)) in self.names for c in cells if not v.is_blank(c)):
            return row, left, cells
        self.first = self.first or (row, left, list(cells))
        self.passed += 1
        return self.first if self.passed > self.limit else None


def _attempt(parse: Callable[[Any], Any], value: Any) -> Any:
    """The parsed value, or the BadValue problem (kept, so a cache can remember it)."""
    try:
        return parse(value)
    except v.BadValue as bad:
        return bad


def _required(parse: Callable[[Any], Any], column: str, code: Code) -> Callable[[Any], Any]:
    def parse_required(value: Any) -> Any:
        if v.is_blank(value):
            raise v.BadValue(code, column=column)
        return parse(value)

    return parse_required


def _fill_merged(row: int, left: int, cells: list[Any], merged: Mapping, seen: dict) -> None:
    """A cell covered by a merged range takes the value of the range's top-left cell."""
    for index, cell in enumerate(cells):
        position = (row, left + index)
        if v.is_blank(cell) and position in merged:
            cells[index] = seen.get(merged[position], "")
        elif not v.is_blank(cell):
            seen[position] = cell
