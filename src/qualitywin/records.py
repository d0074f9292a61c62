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
from qualitywin.issues import Code, Issue, QualitywinError, UsageProblem
from qualitywin.model import Incident, Measure, MonthRecords
from qualitywin.reader import Workbook, open_workbook
from qualitywin.scheme import Column, Computed, Rule, Scheme, normalise_text
from qualitywin import values as v

INCIDENT_SHEET = ("扣分记录", "incidents")
Progress = Callable[[int, int], None]


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
    order = read_book(book, scheme, records, sheet, scheme.computed_rules(), progress)
    records.issues.extend(replacement_warnings(records, scheme))
    records.issues.sort(key=lambda i: issue_order(i, order))
    return records


def read_book(book: Workbook, scheme: Scheme, records: MonthRecords, sheet: str | None,
              computed: list[Rule], progress: Progress | None = None) -> list[str]:
    """Read one workbook into `records`: its incident sheet (if it has one) and the sheets of
    the `computed` rules; its issues sorted sheet by sheet, row by row. Returns the sheets read,
    in order."""
    first_issue = len(records.issues)
    sheet_order = [sheet] if sheet else []
    if sheet:
        _IncidentReader(book, scheme, records, progress).read(sheet)
    for rule in computed:
        computed_sheet = _computed_reader(book, rule, scheme, records).read()
        if computed_sheet and computed_sheet not in sheet_order:
            sheet_order.append(computed_sheet)
    for name in sheet_order:
        if name in book.hidden:
            records.issues.append(Issue(Code.SHEET_HIDDEN, sheet=name))
    mine = records.issues[first_issue:]
    mine.sort(key=lambda i: issue_order(i, sheet_order))
    records.issues[first_issue:] = mine
    return sheet_order


def _computed_reader(book: Workbook, rule: Rule, scheme: Scheme, records: MonthRecords) -> Any:
    """The reader of a computed rule's sheet: 好差评 ratings, or rows of numbers (请假)."""
    assert rule.computed is not None
    if rule.computed.ratings is not None:
        from qualitywin.ratings import RatingsReader

        return RatingsReader(book, rule, scheme, records)
    return _MeasureReader(book, rule.id, rule.computed, scheme, records)


def issue_order(issue: Issue, sheet_order: list[str]) -> tuple[int, int, int]:
    return (_sheet_rank(issue.sheet, sheet_order), issue.row or 0, issue.column or 0)


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
    # two-character names (窗口, 日期) one character off score 0.5: accept that for short words
    cutoff = 0.5 if len(word_key) <= 3 else 0.6
    close = difflib.get_close_matches(word_key, list(by_key), n=3, cutoff=cutoff)
    if not close and word_key:
        close = [k for k in by_key if k.startswith(word_key) or word_key in k][:3]
    return [by_key[k] for k in close]


# -- 扣分记录 ----------------------------------------------------------------------------------------


class _IncidentReader:
    """Streams the incident sheet: the header, then each row field by field.

    A month repeats the same few dates, windows, rule ids, counts and statuses over and over, so
    each field's parser remembers what it made of a raw value (the clean value or the problem):
    a million rows cost a dictionary look-up per cell, not a parse.
    """

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
        self.evidence_ids = frozenset(r.id for r in scheme.rules if r.evidence)
        self.parsers = {"date": self._date, "window": self._window, "rule": self._rule,
                        "count": v.parse_count, "status": v.parse_status,
                        "person": v.free_text, "note": v.free_text}
        self.cached = {"date", "window", "rule", "count", "status"}

    def read(self, sheet: str) -> None:
        rows = self.book.rows(sheet)
        merged = rows.merged()
        merged_values: dict[tuple[int, int], Any] = {}
        columns: dict[str, int] | None = None
        total = rows.height
        issues = self.records.issues
        titles = _TitleRows(INCIDENT_FIELDS)
        for row, left, cells in rows.iter():
            if merged:
                _fill_merged(row, left, cells, merged, merged_values)
            if columns is None:
                header = titles.header(row, left, cells)
                if header is None:
                    continue
                columns, header_issues = map_header(sheet, *header, INCIDENT_FIELDS,
                                                    IGNORED_COLUMNS)
                issues.extend(header_issues)
                if any(i.code == Code.COLUMN_MISSING for i in header_issues):
                    return
                self._set_layout(columns, left)
                continue
            self._read_row(sheet, row, left, cells, rows.flags)
            if self.progress and row % 50_000 == 0:
                self.progress(row, total)
        if columns is None and titles.first is not None:  # only title rows: map the first
            issues.extend(map_header(sheet, *titles.first, INCIDENT_FIELDS, IGNORED_COLUMNS)[1])
        elif columns is None:
            issues.append(Issue(Code.HEADER_MISSING, sheet, params={
                "columns": _names(INCIDENT_FIELDS, aliases=False)}))
        if self.progress:
            self.progress(total, total)

    def _set_layout(self, columns: dict[str, int], left: int) -> None:
        """Per field: its index in the row, its parser and the parser's memory."""
        self.records.columns = {k: left + i for k, i in columns.items()}
        self.layout = []
        for field in INCIDENT_FIELDS:
            parse = self.parsers[field.key]
            if field.required:
                parse = _required(parse, field.column.name)
            cache: dict[Any, Any] | None = {} if field.key in self.cached else None
            self.layout.append((field.key, columns.get(field.key), parse, cache))

    def _read_row(self, sheet: str, row: int, left: int, cells: list[Any],
                  flags: dict[tuple[int, int], Any]) -> None:
        width = len(cells)
        parsed = []
        problems: list[Issue] | None = None
        for _key, index, parse, cache in self.layout:
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
                problems.append(Issue(result.code, sheet, row, column, value, result.params))
            parsed.append(result)
        if flags:
            problems = self._flag_problems(sheet, row, left, flags, problems)
        if problems:
            if not self._is_blank_row(cells, width, row, left, flags):
                self.records.issues.extend(problems)
            return
        date, window, rule, count, person, note, withdrawn = parsed
        if rule in self.evidence_ids and not withdrawn and not person and not note:
            self.records.issues.append(self._evidence_blank(sheet, rule, row))
            return
        self.records.incidents.append(
            Incident(row, date, window, rule, count, person, note, withdrawn))

    def _flag_problems(self, sheet: str, row: int, left: int, flags: dict,
                       problems: list[Issue] | None) -> list[Issue] | None:
        """Cells python-calamine shows as blank but that hold an error value or a formula with
        no computed value: their problem replaces whatever the blank made of them."""
        flagged = _flagged_fields(row, left, self.layout, flags)
        if not flagged:
            return problems
        columns = {left + index for key, index, *_ in self.layout if key in flagged}
        kept = [p for p in problems or [] if p.column not in columns]
        for key, flag in flagged.items():
            index = next(i for k, i, *_ in self.layout if k == key)
            code = Code.CELL_ERROR if flag.kind == "error" else Code.FORMULA_NO_VALUE
            kept.append(Issue(code, sheet, row, left + index, flag.value))
        return sorted(kept, key=lambda p: p.column or 0)

    def _evidence_blank(self, sheet: str, rule: str, row: int) -> Issue:
        """A rule that needs evidence (a 锦旗, a letter): the 说明 cell is where it goes."""
        columns = self.records.columns
        column = columns.get("note", columns.get("person"))
        return Issue(Code.EVIDENCE_BLANK, sheet, row, column, "", {"rule": rule})

    def _is_blank_row(self, cells: list[Any], width: int, row: int, left: int,
                      flags: dict) -> bool:
        for _, index, *_ in self.layout:
            if index is not None and index < width:
                if not v.is_blank(cells[index]) or (row, left + index) in flags:
                    return False
        return True

    def _date(self, value: Any) -> dt.date:
        day = v.parse_date(value)
        if (day.year, day.month) != self.year_month:
            raise v.BadValue(Code.DATE_OUTSIDE_MONTH, month=self.records.month)
        return day

    def _window(self, value: Any) -> str:
        found = lookup_window(value, self.scheme, self.windows)
        if isinstance(found, v.BadValue):
            raise found
        return found

    def _rule(self, value: Any) -> str:
        key = v.rule_key(value)
        if key in self.rule_ids:
            return key
        if key in self.computed_ids:
            raise v.BadValue(Code.RULE_COMPUTED, from_sheet=self.computed_ids[key])
        prefixed = sorted(r for r in self.rule_ids if r.startswith(key) and key)
        suggestions = prefixed[:4] or _close(key, sorted(self.rule_ids))
        raise v.BadValue(Code.RULE_UNKNOWN, suggestions=suggestions)


_MISSING = object()


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


TitleRows = _TitleRows  # for the other sheet readers (ratings.py)


def _attempt(parse: Callable[[Any], Any], value: Any) -> Any:
    """The parsed value, or the BadValue problem (kept, so a cache can remember it)."""
    try:
        return parse(value)
    except v.BadValue as bad:
        return bad


def _required(parse: Callable[[Any], Any], column: str) -> Callable[[Any], Any]:
    def parse_required(value: Any) -> Any:
        if v.is_blank(value):
            raise v.BadValue(Code.REQUIRED_BLANK, column=column)
        return parse(value)

    return parse_required


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
    for key, index, *_ in layout:
        if index is not None:
            flag = flags.get((row, left + index))
            if flag is not None:
                found[key] = flag
    return found


# -- computed sheets (请假) ---------------------------------------------------------------------------


class _MeasureReader:
    """Streams the sheet a computed rule reads (请假 for 2.1): one Measure per filled row.

    An optional sheet may be absent (nothing passes the threshold); a sheet the rule marks
    `required` must be there."""

    def __init__(self, book: Workbook, rule_id: str, spec: Computed, scheme: Scheme,
                 records: MonthRecords):
        self.book = book
        self.rule_id = rule_id
        self.spec = spec
        self.scheme = scheme
        self.records = records
        self.lookup = scheme.window_lookup()
        fields = [Field("window", spec.window_column, required=True)]
        if spec.person_column is not None:
            fields.append(Field("person", spec.person_column, required=spec.per == "person"))
        fields.extend(Field(f"value{i}", c) for i, c in enumerate(spec.value_columns))
        self.fields = tuple(fields)
        self.first_rows: dict[tuple[str, str], int] = {}  # for "aggregate": "single"

    def read(self) -> str | None:
        """Read the rule's sheet into `records.measures`; the sheet's name, if there is one."""
        spec = self.spec
        sheet = self.book.find_sheet((spec.sheet, *spec.sheet_aliases))
        if sheet is None:
            if spec.required:
                self.records.issues.append(Issue(Code.SHEET_MISSING, params={
                    "wanted": spec.sheet, "found": self.book.sheet_names or "—"}))
            return None
        rows = self.book.rows(sheet)
        columns: dict[str, int] | None = None
        titles = _TitleRows(self.fields)
        for row, left, cells in rows.iter():
            if columns is None:
                header = titles.header(row, left, cells)
                if header is None:
                    continue
                columns, issues = map_header(sheet, *header, self.fields)
                issues.extend(_no_value_column(sheet, row, columns, spec, issues))
                self.records.issues.extend(issues)
                if any(i.code == Code.COLUMN_MISSING for i in issues):
                    return sheet
                continue
            measure = self._row(sheet, row, left, cells, columns, rows.flags)
            if measure is not None and spec.aggregate == "single":
                measure = self._only_row(measure, left + columns["window"])
            if measure is not None:
                self.records.measures.append(measure)
        if columns is None and titles.first is not None:  # only title rows: map the first
            self.records.issues.extend(map_header(sheet, *titles.first, self.fields)[1])
        return sheet

    def _row(self, sheet: str, row: int, left: int, cells: list[Any], columns: dict[str, int],
             flags: dict[tuple[int, int], Any]) -> Measure | None:
        raw = {f.key: (cells[columns[f.key]] if f.key in columns and columns[f.key] < len(cells)
                       else "") for f in self.fields}
        if all(v.is_blank(x) for x in raw.values()) and not any(
            (row, left + columns[k]) in flags for k in columns
        ):
            return None  # a blank row
        problems: list[Issue] = []
        window, person, amount = None, "", v.Decimal(0)
        for field in self.fields:
            column = left + columns[field.key] if field.key in columns else None
            value = raw[field.key]
            flag = flags.get((row, column)) if column else None
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
                    window = self._window(value)
                elif field.key == "person":
                    person = normalise_text(v.free_text(value))
                else:
                    amount += v.parse_amount(value)
            except v.BadValue as bad:
                problems.append(Issue(bad.code, sheet, row, column, value,
                                      {"column": field.column.name, **bad.params}))
        if problems:
            self.records.issues.extend(problems)
            return None
        return Measure(self.rule_id, sheet, row, window, person, amount)

    def _window(self, value: Any) -> str:
        found = lookup_window(value, self.scheme, self.lookup)
        if isinstance(found, v.BadValue):
            raise found
        return found

    def _only_row(self, measure: Measure, column: int) -> Measure | None:
        """`"aggregate": "single"` (a rate): a second row for the same window/person is an error,
        not something to add up."""
        key = (measure.window, measure.person if self.spec.per == "person" else "")
        if key in self.first_rows:
            who = " ".join(filter(None, key))
            self.records.issues.append(Issue(Code.MEASURE_DUPLICATE, measure.sheet, measure.row,
                                             column, who, {"who": who,
                                                           "other": self.first_rows[key]}))
            return None
        self.first_rows[key] = measure.row
        return measure


def _no_value_column(sheet: str, row: int, columns: dict[str, int], spec: Computed,
                     issues: list[Issue]) -> list[Issue]:
    """Each value column may be left out (请假 without 私假天数), but not all of them: a sheet
    with none would score nothing without a word (a misspelled 满意率 header)."""
    if any(key.startswith("value") for key in columns):
        return []
    unknown = [str(i.value) for i in issues if i.code == Code.COLUMN_UNKNOWN]
    first = spec.value_columns[0].name
    names = [spec.window_column.name, *(c.name for c in spec.value_columns)]
    return [Issue(Code.COLUMN_MISSING, sheet, row, None, None, {
        "column": first, "columns": names, "suggestions": _close(first, unknown)})]


# -- warnings that need the whole month -----------------------------------------------------------


def replacement_warnings(records: MonthRecords, scheme: Scheme) -> list[Issue]:
    """Both a rule and the rule that replaces it recorded (and counted) for one window: a
    warning at the first counted row of the replaced rule."""
    pairs = scheme.replaced_pairs(records.incidents)
    warnings = []
    for incident in records.incidents:
        by = pairs.get((incident.window, incident.rule_id))
        if by is not None and not incident.withdrawn:
            del pairs[(incident.window, incident.rule_id)]
            warnings.append(Issue(Code.RULE_REPLACED, records.sheet_of(incident), incident.row,
                                  records.columns_of(incident).get("rule"), incident.rule_id, {
                                      "window": incident.window, "replaced": incident.rule_id,
                                      "by": by}, file=incident.file or None))
    return warnings
