"""Reading a month's workbook into clean records, collecting every problem on the way.

`read_month` never stops at the first bad cell: each row is checked field by field and every
problem becomes an `Issue` with its sheet and cell. Only a file that cannot be read at all raises.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from qualitywin.filecheck import DEFAULT_MAX_UNZIPPED
from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.model import Incident, Measure, MonthRecords
from qualitywin.reader import SheetRows, Workbook, open_workbook
from qualitywin.scheme import Column, Computed, Scheme, normalise_text
from qualitywin import values as v

INCIDENT_SHEET = ("扣分记录", "incidents")
Progress = Callable[[int, int], None]


class UsageProblem(Exception):
    """A problem with how the command was called (exit code 2), e.g. no month."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        from qualitywin.messages import text

        return text(self.key, lang, **self.params)


@dataclass(frozen=True)
class Field:
    key: str
    column: Column
    required: bool = False


INCIDENT_FIELDS = (
    Field("date", Column("日期", ("date",)), required=True),
    Field("window", Column("窗口", ("window",)), required=True),
    Field("rule", Column("条款", ("rule",)), required=True),
    Field("count", Column("人次", ("count",))),
    Field("person", Column("当事人", ("person",))),
    Field("note", Column("说明", ("note",))),
    Field("status", Column("状态", ("status",))),
)
# Columns the template adds for the clerks' convenience (a formula showing the rule's text).
IGNORED_COLUMNS = (Column("条款内容", ("rule_text",)),)

_MONTH_IN_NAME = re.compile(r"(\d{4})-(\d{2})")
_MONTH_OPTION = re.compile(r"^(\d{4})-(\d{2})$")


# -- the month --------------------------------------------------------------------------------------


def parse_month(value: str) -> str:
    match = _MONTH_OPTION.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageProblem("usage.month_invalid", value=value)
    return value.strip()


def month_from_name(path: Path) -> str | None:
    for match in _MONTH_IN_NAME.finditer(path.name):
        if 1 <= int(match.group(2)) <= 12:
            return match.group(0)
    return None


def resolve_month(path: Path, option: str | None) -> tuple[str, list[Issue]]:
    """The month: `--month` wins (with a warning when the file name says otherwise)."""
    from_name = month_from_name(path)
    if option is None:
        if from_name is None:
            raise UsageProblem("usage.month_missing", file=path.name)
        return from_name, []
    month = parse_month(option)
    if from_name and from_name != month:
        return month, [Issue(Code.MONTH_MISMATCH, params={"month": month, "file_month": from_name})]
    return month, []


# -- the workbook -----------------------------------------------------------------------------------


def read_month(
    path: str | Path,
    scheme: Scheme,
    month: str | None = None,
    *,
    max_unzipped: int = DEFAULT_MAX_UNZIPPED,
    progress: Progress | None = None,
) -> MonthRecords:
    """Read and check a month's workbook. Raises QualitywinError only when it cannot be read."""
    path = Path(path)
    month, month_issues = resolve_month(path, month)
    book = open_workbook(path, max_unzipped)
    sheet = book.find_sheet(INCIDENT_SHEET)
    if sheet is None:
        raise QualitywinError(Issue(Code.SHEET_MISSING, params={
            "wanted": INCIDENT_SHEET[0], "found": book.sheet_names or "—"}))
    records = MonthRecords(str(path), file_sha256(path), month, sheet)
    records.issues.extend(month_issues)
    sheet_order = [sheet]
    _IncidentReader(book, scheme, records, progress).read(sheet)
    for rule in scheme.computed_rules():
        computed_sheet = _read_measures(book, rule.id, rule.computed, scheme, records)
        if computed_sheet and computed_sheet not in sheet_order:
            sheet_order.append(computed_sheet)
    for name in sheet_order:
        if name in book.hidden:
            records.issues.append(Issue(Code.SHEET_HIDDEN, sheet=name))
    records.issues.extend(_replacement_warnings(records, scheme))
    records.issues.sort(key=lambda i: (_sheet_rank(i.sheet, sheet_order), i.row or 0, i.column or 0))
    return records


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _sheet_rank(sheet: str | None, order: list[str]) -> int:
    if sheet is None:
        return -1
    return order.index(sheet) if sheet in order else len(order)


# -- headers ----------------------------------------------------------------------------------------


def header_key(text: str) -> str:
    """Headers compare after NFKC, without spaces, case-insensitively."""
    return re.sub(r"\s+", "", normalise_text(text)).casefold()


def map_header(
    sheet: str, row: int, left: int, cells: list[Any], fields: tuple[Field, ...],
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
                issues.append(Issue(Code.COLUMN_UNKNOWN, sheet, row, column, text,
                                    {"suggestions": _close(text, _names(fields))}))
        elif field.key in found:
            first = left + found[field.key]
            issues.append(Issue(Code.COLUMN_DUPLICATE, sheet, row, column, text, {
                "column": field.column.name, "other": f"{sheet}!{_letter(first)}{row}"}))
        else:
            found[field.key] = index
    for field in fields:
        if field.required and field.key not in found:
            issues.append(Issue(Code.COLUMN_MISSING, sheet, row, None, None, {
                "column": field.column.name, "columns": _names(fields, aliases=False),
                "suggestions": _close(field.column.name, unknown)}))
    return found, issues


def _names(fields: tuple[Field, ...], aliases: bool = True) -> list[str]:
    names = []
    for f in fields:
        names.append(f.column.name)
        if aliases:
            names.extend(f.column.aliases)
    return names


def _letter(column: int) -> str:
    from qualitywin.issues import column_letter

    return column_letter(column)


def _close(word: str, candidates: list[str] | tuple[str, ...]) -> list[str]:
    """'Did you mean' candidates: close spellings, or names that contain / start with the word."""
    word_key = normalise_text(word).casefold()
    by_key = {normalise_text(c).casefold(): c for c in candidates}
    close = difflib.get_close_matches(word_key, list(by_key), n=3, cutoff=0.6)
    if not close and word_key:
        close = [k for k in by_key if k.startswith(word_key) or word_key in k][:3]
    return [by_key[k] for k in close]


# -- 扣分记录 ----------------------------------------------------------------------------------------


class _IncidentReader:
    """Streams the incident sheet: header, then each row field by field."""

    def __init__(self, book: Workbook, scheme: Scheme, records: MonthRecords,
                 progress: Progress | None):
        self.book = book
        self.scheme = scheme
        self.records = records
        self.progress = progress
        year, month = (int(p) for p in records.month.split("-"))
        self.year_month = (year, month)
        self.windows = scheme.window_lookup()
        self.rule_ids = {r.id for r in scheme.rules if r.mode != "computed"}
        self.computed_ids = {r.id: r.computed.sheet for r in scheme.computed_rules()}
        self._window_cache: dict[Any, str | Issue] = {}
        self._rule_cache: dict[Any, str | Issue] = {}

    def read(self, sheet: str) -> None:
        rows = self.book.rows(sheet)
        merged = rows.merged()
        merged_values: dict[tuple[int, int], Any] = {}
        columns: dict[str, int] | None = None
        total = rows.height
        issues = self.records.issues
        for row, left, cells in rows.iter():
            if merged:
                _fill_merged(row, left, cells, merged, merged_values)
            if columns is None:
                if all(v.is_blank(c) for c in cells):
                    continue
                columns, header_issues = map_header(sheet, row, left, cells, INCIDENT_FIELDS,
                                                    IGNORED_COLUMNS)
                issues.extend(header_issues)
                if any(i.code == Code.COLUMN_MISSING for i in header_issues):
                    return
                self.layout = [(f.key, columns.get(f.key), f) for f in INCIDENT_FIELDS]
                self.records.columns = {k: left + i for k, i in columns.items()}
                continue
            self._read_row(sheet, row, left, cells, rows.flags)
            if self.progress and row % 50_000 == 0:
                self.progress(row, total)
        if columns is None:
            issues.append(Issue(Code.HEADER_MISSING, sheet, params={
                "columns": _names(INCIDENT_FIELDS, aliases=False)}))
        if self.progress:
            self.progress(total, total)

    def _read_row(self, sheet: str, row: int, left: int, cells: list[Any],
                  flags: dict[tuple[int, int], Any]) -> None:
        raw: dict[str, Any] = {}
        width = len(cells)
        for key, index, _ in self.layout:
            raw[key] = cells[index] if index is not None and index < width else ""
        flagged = _flagged_fields(row, left, self.layout, flags) if flags else {}
        if not flagged and all(v.is_blank(x) for x in raw.values()):
            return  # a blank row
        problems: list[Issue] = []
        for key, flag in flagged.items():
            code = Code.CELL_ERROR if flag.kind == "error" else Code.FORMULA_NO_VALUE
            problems.append(self._issue(code, sheet, row, left, key, flag.value))
        parsed: dict[str, Any] = {}
        for key, index, field in self.layout:
            if key in flagged:
                continue
            value = raw[key]
            if field.required and v.is_blank(value):
                problems.append(self._issue(Code.REQUIRED_BLANK, sheet, row, left, key, "",
                                            column=field.column.name))
                continue
            try:
                parsed[key] = self._parse(key, value)
            except v.BadValue as bad:
                problems.append(self._issue(bad.code, sheet, row, left, key, value, **bad.params))
        if problems:
            self.records.issues.extend(problems)
            return
        self.records.incidents.append(Incident(
            row=row, date=parsed["date"], window=parsed["window"], rule_id=parsed["rule"],
            count=parsed["count"], person=parsed["person"], note=parsed["note"],
            withdrawn=parsed["status"],
        ))

    def _issue(self, code: Code, sheet: str, row: int, left: int, key: str, value: Any,
               **params: Any) -> Issue:
        index = next(i for k, i, _ in self.layout if k == key)
        column = left + index if index is not None else None
        return Issue(code, sheet, row, column, value, params)

    def _parse(self, key: str, value: Any) -> Any:
        if key == "date":
            return self._date(value)
        if key == "window":
            return self._window(value)
        if key == "rule":
            return self._rule(value)
        if key == "count":
            return v.parse_count(value)
        if key == "status":
            return v.parse_status(value)
        return v.free_text(value)

    def _date(self, value: Any) -> dt.date:
        day = v.parse_date(value)
        if (day.year, day.month) != self.year_month:
            raise v.BadValue(Code.DATE_OUTSIDE_MONTH, month=self.records.month)
        return day

    def _window(self, value: Any) -> str:
        cached = self._window_cache.get(value)
        if cached is None:
            cached = self._window_cache[value] = lookup_window(value, self.scheme, self.windows)
        if isinstance(cached, v.BadValue):
            raise cached
        return cached

    def _rule(self, value: Any) -> str:
        cached = self._rule_cache.get(value)
        if cached is None:
            cached = self._rule_cache[value] = self._lookup_rule(value)
        if isinstance(cached, v.BadValue):
            raise cached
        return cached

    def _lookup_rule(self, value: Any) -> str | v.BadValue:
        key = v.rule_key(value)
        if key in self.rule_ids:
            return key
        if key in self.computed_ids:
            return v.BadValue(Code.RULE_COMPUTED, from_sheet=self.computed_ids[key])
        prefixed = sorted(r for r in self.rule_ids if r.startswith(key) and key)
        suggestions = prefixed[:4] or _close(key, sorted(self.rule_ids))
        return v.BadValue(Code.RULE_UNKNOWN, suggestions=suggestions)


def lookup_window(value: Any, scheme: Scheme, lookup: dict[str, str]) -> str | v.BadValue:
    """A roster window for a cell, or the problem (with 'did you mean')."""
    text = normalise_text(v.cell_text(value))
    window = lookup.get(text)
    if window is not None:
        return window
    return v.BadValue(Code.WINDOW_UNKNOWN, suggestions=_close(text, [*scheme.roster, *scheme.aliases]))


def _fill_merged(row: int, left: int, cells: list[Any], merged: dict, seen: dict) -> None:
    """A cell covered by a merged range takes the value of the range's top-left cell."""
    for index, cell in enumerate(cells):
        position = (row, left + index)
        if v.is_blank(cell) and position in merged:
            cells[index] = seen.get(merged[position], "")
        elif not v.is_blank(cell):
            seen[position] = cell


def _flagged_fields(row: int, left: int, layout: list, flags: dict) -> dict[str, Any]:
    found = {}
    for key, index, _ in layout:
        if index is not None:
            flag = flags.get((row, left + index))
            if flag is not None:
                found[key] = flag
    return found


# -- computed sheets (请假) ---------------------------------------------------------------------------


def _read_measures(book: Workbook, rule_id: str, spec: Computed, scheme: Scheme,
                   records: MonthRecords) -> str | None:
    """Rows of the sheet a computed rule reads; the sheet is optional (absent: nothing over)."""
    sheet = book.find_sheet((spec.sheet, *spec.sheet_aliases))
    if sheet is None:
        return None
    fields = [Field("window", spec.window_column, required=True)]
    if spec.person_column is not None:
        fields.append(Field("person", spec.person_column, required=spec.per == "person"))
    fields.extend(Field(f"value{i}", c) for i, c in enumerate(spec.value_columns))
    fields_t = tuple(fields)
    rows = book.rows(sheet)
    lookup = scheme.window_lookup()
    columns: dict[str, int] | None = None
    for row, left, cells in rows.iter():
        if columns is None:
            if all(v.is_blank(c) for c in cells):
                continue
            columns, issues = map_header(sheet, row, left, cells, fields_t)
            records.issues.extend(issues)
            if any(i.code == Code.COLUMN_MISSING for i in issues):
                return sheet
            continue
        measure = _read_measure(sheet, row, left, cells, columns, fields_t, rule_id, scheme,
                                lookup, rows, records)
        if measure is not None:
            records.measures.append(measure)
    return sheet


def _read_measure(sheet: str, row: int, left: int, cells: list[Any], columns: dict[str, int],
                  fields: tuple[Field, ...], rule_id: str, scheme: Scheme, lookup: dict[str, str],
                  rows: SheetRows, records: MonthRecords) -> Measure | None:
    raw = {f.key: (cells[columns[f.key]] if f.key in columns and columns[f.key] < len(cells)
                   else "") for f in fields}
    if all(v.is_blank(x) for x in raw.values()) and not any(
        (row, left + columns[k]) in rows.flags for k in columns
    ):
        return None
    problems: list[Issue] = []
    window, person, amount = None, "", v.Decimal(0)
    for field in fields:
        column = left + columns[field.key] if field.key in columns else None
        value = raw[field.key]
        flag = rows.flags.get((row, column)) if column else None
        if flag is not None:
            code = Code.CELL_ERROR if flag.kind == "error" else Code.FORMULA_NO_VALUE
            problems.append(Issue(code, sheet, row, column, flag.value))
            continue
        if field.required and v.is_blank(value):
            code = Code.NAME_BLANK if field.key == "person" else Code.REQUIRED_BLANK
            problems.append(Issue(code, sheet, row, column, "", {"column": field.column.name}))
            continue
        try:
            if field.key == "window":
                found = lookup_window(value, scheme, lookup)
                if isinstance(found, v.BadValue):
                    raise found
                window = found
            elif field.key == "person":
                person = normalise_text(v.free_text(value))
            else:
                amount += v.parse_amount(value)
        except v.BadValue as bad:
            problems.append(Issue(bad.code, sheet, row, column, value,
                                  {"column": field.column.name, **bad.params}))
    if problems:
        records.issues.extend(problems)
        return None
    return Measure(rule_id, sheet, row, window, person, amount)


# -- warnings that need the whole month -----------------------------------------------------------


def _replacement_warnings(records: MonthRecords, scheme: Scheme) -> list[Issue]:
    """Both a rule and the rule that replaces it recorded (and counted) for one window."""
    warnings = []
    for rule in scheme.rules:
        if not rule.replaces:
            continue
        by_window = {i.window for i in records.incidents if i.rule_id == rule.id and not i.withdrawn}
        for incident in records.incidents:
            if (incident.rule_id == rule.replaces and not incident.withdrawn
                    and incident.window in by_window):
                by_window.discard(incident.window)
                warnings.append(Issue(Code.RULE_REPLACED, records.incident_sheet, incident.row,
                                      records.columns.get("rule"), incident.rule_id, {"window": incident.window,
                                      "replaced": rule.replaces, "by": rule.id}))
    return warnings
