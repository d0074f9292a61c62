"""Reading a month's workbook into clean records, collecting every problem on the way.

`read_month` never stops at the first bad cell: each row is checked field by field and every
problem becomes an `Issue` with its sheet and cell. Only a file that cannot be read at all raises.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from qualitywin.filecheck import DEFAULT_MAX_UNZIPPED
from qualitywin.issues import Code, Issue, QualitywinError, UsageProblem, os_error_name
from qualitywin.model import Incident, Measure, MonthRecords
from qualitywin.reader import Workbook, open_workbook
from qualitywin.scheme import Column, Computed, Rule, Scheme, normalise_text
from qualitywin.sheet_reader import column_missing, unknown_headers, Field, did_you_mean, read_sheet
from qualitywin import values as v

INCIDENT_SHEET = ("扣分记录", "incidents")
Progress = Callable[[int, int], None]


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


def check_source(path: Path) -> None:
    """The quick look at an input before its options and its output are weighed: it is there,
    a file, not empty, and starts like a workbook (zip or legacy OLE). The byte checks proper
    (filecheck.check_file) come when it is read."""
    import os
    import stat

    from qualitywin.filecheck import CFB_MAGIC, ZIP_MAGIC, describe_bytes

    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise QualitywinError.of(Code.NOT_A_FILE, path=str(path), what="directory")
        if not stat.S_ISREG(mode):  # a pipe would block: not opened here
            raise QualitywinError.of(Code.NOT_A_FILE, path=str(path), what="special-file")
        with open(path, "rb") as source:
            sample = source.read(4096)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise QualitywinError.of(Code.FILE_MISSING, path=str(path)) from exc
    except OSError as exc:
        raise QualitywinError.of(
            Code.FILE_UNREADABLE, path=str(path), reason=os_error_name(exc)
        ) from exc
    if not sample:
        raise QualitywinError.of(Code.FILE_EMPTY, path=str(path))
    if not sample.startswith(ZIP_MAGIC) and not sample.startswith(CFB_MAGIC):
        raise QualitywinError.of(Code.NOT_A_WORKBOOK, path=str(path), what=describe_bytes(sample))


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
    check_source(path)  # the file first: "not found" before "cannot tell the month"
    month, month_issues = resolve_month(path, month)
    book = open_workbook(path, max_unzipped)
    sheet = book.find_sheet(INCIDENT_SHEET)
    if sheet is None:
        raise QualitywinError(
            Issue(
                Code.SHEET_MISSING,
                params={"wanted": INCIDENT_SHEET[0], "found": book.sheet_names or "—"},
            )
        )
    records = MonthRecords(str(path), file_sha256(path), month, sheet)
    records.issues.extend(month_issues)
    records.sheet_names[str(path)] = list(book.sheet_names)
    order = read_book(book, scheme, records, sheet, scheme.computed_rules(), progress)
    records.issues.extend(replacement_warnings(records, scheme))
    records.issues.extend(untouched_warning(records, scheme, sheet))
    records.issues.sort(key=lambda i: issue_order(i, order))
    return records


def untouched_warning(records: MonthRecords, scheme: Scheme, sheet: str) -> list[Issue]:
    """The untouched template: every window keeps full marks and all tie; say so."""
    if records.incidents or records.measures or records.errors:
        return []
    return [
        Issue(
            Code.NO_INCIDENTS,
            sheet=sheet,
            params={"month": records.month, "windows": len(scheme.roster)},
        )
    ]


def read_book(
    book: Workbook,
    scheme: Scheme,
    records: MonthRecords,
    sheet: str | None,
    computed: list[Rule],
    progress: Progress | None = None,
    file: str = "",
) -> list[str]:
    """Read one workbook into `records`: its incident sheet (if it has one) and the sheets of
    the `computed` rules; its issues sorted sheet by sheet, row by row. Returns the sheets read,
    in order (a month of several workbooks reads each with the rules whose sheet it holds, and
    `file` names it on each incident)."""
    first_issue = len(records.issues)
    sheet_order = [sheet] if sheet else []
    if sheet:
        _IncidentReader(book, scheme, records, progress, file).read(sheet)
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


# -- 扣分记录 ----------------------------------------------------------------------------------------


class _IncidentReader:
    """The incident sheet: its fields' parsers (dates in the month, roster windows, rule ids)
    and the row function that makes an Incident. A month repeats the same few dates, windows,
    rule ids, counts and statuses, so those fields are cached (sheet_reader.Field.cached)."""

    def __init__(
        self,
        book: Workbook,
        scheme: Scheme,
        records: MonthRecords,
        progress: Progress | None,
        file: str = "",
    ):
        self.book = book
        self.file = file  # the workbook's name on each incident, in a month of several
        self.scheme = scheme
        self.records = records
        self.progress = progress
        year, month = (int(p) for p in records.month.split("-"))
        self.year_month = (year, month)
        self.windows = scheme.window_lookup()
        self.rule_ids = {r.id for r in scheme.rules if r.mode != "computed"}
        self.computed_ids = {
            r.id: r.computed.sheet for r in scheme.computed_rules() if r.computed is not None
        }
        self.evidence_ids = frozenset(r.id for r in scheme.rules if r.evidence)
        parsers = {
            "date": self._date,
            "window": self._window,
            "rule": self._rule,
            "count": v.parse_count,
            "status": v.parse_status,
            "person": v.free_text,
            "note": v.free_text,
        }
        cached = {"date", "window", "rule", "count", "status"}
        self.fields = tuple(
            replace(f, parse=parsers[f.key], cached=f.key in cached) for f in INCIDENT_FIELDS
        )
        self.sheet = ""

    def read(self, sheet: str) -> None:
        self.sheet = sheet
        read_sheet(
            self.book.rows(sheet),
            self.fields,
            self._row,
            self.records.issues,
            ignored=IGNORED_COLUMNS,
            on_header=self._header,
            progress=self.progress,
        )

    def _header(
        self, sheet: str, row: int, columns: dict[str, int], issues: list[Issue]
    ) -> list[Issue]:
        self.records.columns = columns
        return []

    def _row(self, row: int, values: list[Any]) -> None:
        date, window, rule, count, person, note, withdrawn = values
        if rule in self.evidence_ids and not withdrawn and not person and not note:
            self.records.issues.append(self._evidence_blank(self.sheet, rule, row))
            return
        self.records.incidents.append(
            Incident(row, date, window, rule, count, person, note, withdrawn, self.file)
        )

    def _evidence_blank(self, sheet: str, rule: str, row: int) -> Issue:
        """A rule that needs evidence (a 锦旗, a letter): the 说明 cell is where it goes."""
        columns = self.records.columns
        column = columns.get("note", columns.get("person"))
        return Issue(Code.EVIDENCE_BLANK, sheet, row, column, "", {"rule": rule})

    def _date(self, value: Any) -> dt.date:
        day = v.parse_date(value)
        if (day.year, day.month) != self.year_month:
            raise v.BadValue(Code.DATE_OUTSIDE_MONTH, month=self.records.month)
        return day

    def _window(self, value: Any) -> str:
        return parse_window(value, self.scheme, self.windows)

    def _rule(self, value: Any) -> str:
        key = v.rule_key(value)
        if key in self.rule_ids:
            return key
        if key in self.computed_ids:
            raise v.BadValue(Code.RULE_COMPUTED, from_sheet=self.computed_ids[key])
        prefixed = sorted(r for r in self.rule_ids if r.startswith(key) and key)
        suggestions = prefixed[:4] or did_you_mean(key, sorted(self.rule_ids))
        raise v.BadValue(Code.RULE_UNKNOWN, suggestions=suggestions)


def lookup_window(value: Any, scheme: Scheme, lookup: dict[str, str]) -> str | v.BadValue:
    """A roster window for a cell, or the problem (with 'did you mean')."""
    text = normalise_text(v.cell_text(value))
    window = lookup.get(text)
    if window is not None:
        return window
    return v.BadValue(
        Code.WINDOW_UNKNOWN, suggestions=did_you_mean(text, [*scheme.roster, *scheme.aliases])
    )


def parse_window(value: Any, scheme: Scheme, lookup: dict[str, str]) -> str:
    """A roster window for a cell (a sheet_reader parser: raises the problem)."""
    found = lookup_window(value, scheme, lookup)
    if isinstance(found, v.BadValue):
        raise found
    return found


# -- computed sheets (请假) ---------------------------------------------------------------------------


def find_computed_sheet(
    book: Workbook, spec: Computed, rule_id: str, columns: list[str], records: MonthRecords
) -> str | None:
    """The sheet a computed rule reads (请假, 好差评); a required one that is missing is an error
    naming the rule and the columns it needs."""
    sheet = book.find_sheet((spec.sheet, *spec.sheet_aliases))
    if sheet is None and spec.required:
        records.issues.append(
            Issue(
                Code.COMPUTED_SHEET_MISSING,
                params={
                    "wanted": spec.sheet,
                    "found": book.sheet_names or "—",
                    "rule": rule_id,
                    "columns": columns,
                },
            )
        )
    return sheet


class _MeasureReader:
    """The sheet a computed rule reads (请假 for 2.1): one Measure per filled row, its value
    columns summed.

    An optional sheet may be absent (nothing passes the threshold); a sheet the rule marks
    `required` must be there."""

    def __init__(
        self, book: Workbook, rule_id: str, spec: Computed, scheme: Scheme, records: MonthRecords
    ):
        self.book = book
        self.rule_id = rule_id
        self.spec = spec
        self.records = records
        lookup = scheme.window_lookup()
        fields = [
            Field(
                "window",
                spec.window_column,
                required=True,
                cached=True,
                parse=lambda value: parse_window(value, scheme, lookup),
            )
        ]
        if spec.person_column is not None:
            fields.append(
                Field(
                    "person",
                    spec.person_column,
                    required=spec.per == "person",
                    parse=_person,
                    blank_code=Code.NAME_BLANK,
                )
            )
        fields.extend(
            Field(f"value{i}", c, parse=v.parse_amount) for i, c in enumerate(spec.value_columns)
        )
        self.fields = tuple(fields)
        self.first_rows: dict[tuple[str, str], int] = {}  # for "aggregate": "single"
        self.sheet = ""
        self.window_column = 0

    def read(self) -> str | None:
        """Read the rule's sheet into `records.measures`; the sheet's name, if there is one."""
        spec = self.spec
        columns = [f.column.name for f in self.fields]
        sheet = find_computed_sheet(self.book, spec, self.rule_id, columns, self.records)
        if sheet is None:
            return None
        self.sheet = sheet
        read_sheet(
            self.book.rows(sheet),
            self.fields,
            self._row,
            self.records.issues,
            header_required=False,
            on_header=self._header,
        )
        return sheet

    def _header(
        self, sheet: str, row: int, columns: dict[str, int], issues: list[Issue]
    ) -> list[Issue]:
        self.window_column = columns.get("window", 0)
        return _no_value_column(sheet, row, columns, self.spec, issues)

    def _row(self, row: int, values: list[Any]) -> None:
        window = values[0]
        person = values[1] if self.spec.person_column is not None else ""
        amounts = values[2:] if self.spec.person_column is not None else values[1:]
        measure: Measure | None = Measure(
            self.rule_id, self.sheet, row, window, person or "", sum(amounts, v.Decimal(0))
        )
        if measure is not None and self.spec.aggregate == "single":
            measure = self._only_row(measure)
        if measure is not None:
            self.records.measures.append(measure)

    def _only_row(self, measure: Measure) -> Measure | None:
        """`"aggregate": "single"` (a rate): a second row for the same window/person is an error,
        not something to add up."""
        key = (measure.window, measure.person if self.spec.per == "person" else "")
        if key in self.first_rows:
            who = " ".join(filter(None, key))
            self.records.issues.append(
                Issue(
                    Code.MEASURE_DUPLICATE,
                    measure.sheet,
                    measure.row,
                    self.window_column,
                    who,
                    {"who": who, "other": self.first_rows[key]},
                )
            )
            return None
        self.first_rows[key] = measure.row
        return measure


def _person(value: Any) -> str:
    return normalise_text(v.free_text(value))


def _no_value_column(
    sheet: str, row: int, columns: dict[str, int], spec: Computed, issues: list[Issue]
) -> list[Issue]:
    """Each value column may be left out (请假 without 私假天数), but not all of them: a sheet
    with none would score nothing without a word (a misspelled 满意率 header)."""
    if any(key.startswith("value") for key in columns):
        return []
    first = spec.value_columns[0].name
    names = [spec.window_column.name, *(c.name for c in spec.value_columns)]
    return [column_missing(sheet, row, first, names, unknown_headers(issues))]


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
            warnings.append(
                Issue(
                    Code.RULE_REPLACED,
                    records.sheet_of(incident),
                    incident.row,
                    records.columns_of(incident).get("rule"),
                    incident.rule_id,
                    {"window": incident.window, "replaced": incident.rule_id, "by": by},
                    file=incident.file or None,
                )
            )
    return warnings
