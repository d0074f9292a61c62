"""The staff roster (sheet 人员 / staff) and its attendance exceptions (考勤例外).

Both sheets live in one workbook, given as `--staff FILE` (it may be the month's own workbook).
The roster is plain data — a tuple of `Person` — so any view (the attendance run, a staff view of
the result) can use it without reading the sheet again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from qualitywin import values as v
from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.reader import Workbook, open_workbook
from qualitywin.records import lookup_window
from qualitywin.sheet_reader import Field, _fill_merged, _TitleRows, map_header
from qualitywin.sheet_reader import did_you_mean as _close
from qualitywin.scheme import WHOLE_DAY, Column, Scheme, normalise_text

STAFF_SHEET = ("人员", "staff")
EXCEPTION_SHEET = ("考勤例外", "attendance_exceptions")
# The clock's own number for a person goes by many names (ZKTeco 登记号码 / 考勤号码, DingTalk
# 工号 / UserId, WeCom 账号); the roster accepts each.
ID_COLUMN = Column("工号", ("id", "登记号码", "考勤号码", "人员编号", "userid", "用户id", "账号"))
NAME_COLUMN = Column("姓名", ("name", "名字"))

STAFF_FIELDS = (
    Field("name", NAME_COLUMN, required=True),
    Field("window", Column("窗口", ("window",)), required=True),
    Field("id", ID_COLUMN),
)
EXCEPTION_FIELDS = (
    Field("name", NAME_COLUMN, required=True),
    Field("date", Column("日期", ("date",)), required=True),
    Field("session", Column("时段", ("session",)), required=True),
    Field("reason", Column("原因", ("reason",)), required=True),
    Field("id", ID_COLUMN),
)

_DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Person:
    name: str
    window: str
    id: str  # "" when the roster gives none
    row: int  # on the 人员 sheet


@dataclass(frozen=True)
class Exemption:
    """A session that costs nothing (请假, 公出, 出差, 补卡…)."""

    person: Person
    date: dt.date
    session: str  # a session name, or 全天
    reason: str
    row: int

    def covers(self, day: dt.date, session: str) -> bool:
        return day == self.date and self.session in (session, WHOLE_DAY)


@dataclass
class Staff:
    path: str
    sheet: str
    people: tuple[Person, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_warning]


def person_id(value: Any) -> str:
    """A clock id as text: a number cell 12.0 is "12", and leading zeros go (the clock shows
    00012 where the roster was typed 12)."""
    if v.is_blank(value):
        return ""
    text = normalise_text(v.cell_text(value))
    return text.lstrip("0") or "0" if _DIGITS.match(text) else text


def person_name(value: Any) -> str:
    """Names compare after NFKC and trimming, inner spaces removed (王 芳 is 王芳)."""
    return re.sub(r"\s+", "", normalise_text(v.cell_text(value))) if not v.is_blank(value) else ""


def read_staff(path: str | Path, scheme: Scheme, month: str) -> Staff:
    """Read the roster and the month's exceptions. Raises only when the file or 人员 is missing."""
    book = open_workbook(Path(path))
    sheet = book.find_sheet(STAFF_SHEET)
    if sheet is None:
        raise QualitywinError(Issue(Code.SHEET_MISSING, params={
            "wanted": STAFF_SHEET[0], "found": book.sheet_names or "—"}))
    staff = Staff(str(path), sheet)
    people = _PeopleReader(scheme, staff)
    read_sheet(book, sheet, STAFF_FIELDS, people.row, staff.issues)
    staff.people = tuple(people.people)
    if not staff.people and not staff.errors:
        staff.issues.append(Issue(Code.STAFF_EMPTY, sheet))
    exceptions_sheet = book.find_sheet(EXCEPTION_SHEET)
    if exceptions_sheet is not None:
        reader = _ExemptionReader(staff, scheme, month)
        read_sheet(book, exceptions_sheet, EXCEPTION_FIELDS, reader.row, staff.issues)
        staff.exemptions = tuple(reader.exemptions)
    return staff


RowFunction = Callable[[str, int, dict[str, Any], dict[str, int]], list[Issue]]


def read_sheet(book: Workbook, sheet: str, fields: tuple[Field, ...], row_function: RowFunction,
               issues: list[Issue]) -> None:
    """The header (below any title rows), then each non-blank row as {field: raw value} with the
    columns {field: column number}, given to `row_function`, which returns the row's problems.

    The one place this module reads cells: when the shared sheet reader (issue 10) lands, it
    replaces this body and nothing else changes.
    """
    rows = book.rows(sheet)
    merged = rows.merged()
    seen: dict[tuple[int, int], Any] = {}
    titles = _TitleRows(fields)
    columns: dict[str, int] | None = None
    for row, left, cells in rows.iter():
        if merged:
            _fill_merged(row, left, cells, merged, seen)
        if columns is None:
            header = titles.header(row, left, cells)
            if header is None:
                continue
            found, header_issues = map_header(sheet, *header, fields)
            issues.extend(header_issues)
            if any(i.code == Code.COLUMN_MISSING for i in header_issues):
                return
            columns = {key: left + index for key, index in found.items()}
            continue
        raw = {key: _cell(cells, column - left) for key, column in columns.items()}
        for key, column in columns.items():
            flag = rows.flags.get((row, column))
            if flag is not None:
                code = Code.CELL_ERROR if flag.kind == "error" else Code.FORMULA_NO_VALUE
                issues.append(Issue(code, sheet, row, column, flag.value))
                raw[key] = ""
        if all(v.is_blank(x) for x in raw.values()):
            continue
        issues.extend(row_function(sheet, row, raw, columns))
    if columns is None:
        issues.append(Issue(Code.HEADER_MISSING, sheet, params={
            "columns": [f.column.name for f in fields]}))


def _cell(cells: list[Any], index: int) -> Any:
    return cells[index] if 0 <= index < len(cells) else ""


def _blank_required(sheet: str, row: int, raw: dict, columns: dict,
                    fields: tuple[Field, ...]) -> list[Issue]:
    return [Issue(Code.REQUIRED_BLANK, sheet, row, columns.get(f.key), "",
                  {"column": f.column.name})
            for f in fields if f.required and v.is_blank(raw.get(f.key, ""))]


class _PeopleReader:
    def __init__(self, scheme: Scheme, staff: Staff):
        self.scheme = scheme
        self.lookup = scheme.window_lookup()
        self.people: list[Person] = []
        self.by_name_window: dict[tuple[str, str], int] = {}
        self.by_id: dict[str, int] = {}

    def row(self, sheet: str, row: int, raw: dict, columns: dict) -> list[Issue]:
        problems = _blank_required(sheet, row, raw, columns, STAFF_FIELDS)
        if problems:
            return problems
        window = lookup_window(raw["window"], self.scheme, self.lookup)
        if isinstance(window, v.BadValue):
            return [Issue(window.code, sheet, row, columns["window"], raw["window"], window.params)]
        name, number = person_name(raw["name"]), person_id(raw.get("id", ""))
        first = self.by_name_window.setdefault((name, window), row)
        if first != row:
            problems.append(Issue(Code.STAFF_NAME_TWICE, sheet, row, columns["name"], name,
                                  {"window": window, "other": first}))
        if number:
            first = self.by_id.setdefault(number, row)
            if first != row:
                problems.append(Issue(Code.STAFF_ID_TWICE, sheet, row, columns["id"], number,
                                      {"other": first}))
        if not problems:
            self.people.append(Person(name, window, number, row))
        return problems


class _ExemptionReader:
    def __init__(self, staff: Staff, scheme: Scheme, month: str):
        self.staff = staff
        self.month = month
        attendance = scheme.attendance
        self.sessions = [*(attendance.session_names if attendance else []), WHOLE_DAY]
        self.exemptions: list[Exemption] = []

    def row(self, sheet: str, row: int, raw: dict, columns: dict) -> list[Issue]:
        problems = _blank_required(sheet, row, raw, columns, EXCEPTION_FIELDS)
        if problems:
            return problems
        try:
            day = v.parse_date(raw["date"])
        except v.BadValue as bad:
            return [Issue(bad.code, sheet, row, columns["date"], raw["date"], bad.params)]
        if day.strftime("%Y-%m") != self.month:
            return []  # one sheet may hold the whole year's exceptions
        session = normalise_text(v.cell_text(raw["session"]))
        if session not in self.sessions:
            problems.append(Issue(Code.SESSION_UNKNOWN, sheet, row, columns["session"], session,
                                  {"sessions": self.sessions,
                                   "suggestions": _close(session, self.sessions)}))
        person = find_person(self.staff.people, person_name(raw["name"]),
                             person_id(raw.get("id", "")))
        if not isinstance(person, Person):
            code = Code.NAME_AMBIGUOUS if person else Code.STAFF_UNKNOWN
            problems.append(Issue(code, sheet, row, columns["name"], v.cell_text(raw["name"]), {
                "people": [f"{p.name}({p.window})" for p in person],
                "suggestions": _close(person_name(raw["name"]),
                                      sorted({p.name for p in self.staff.people}))}))
        if problems or not isinstance(person, Person):
            return problems
        self.exemptions.append(Exemption(person, day, session, v.free_text(raw["reason"]), row))
        return []


def find_person(people: tuple[Person, ...], name: str, number: str) -> Person | list[Person]:
    """The roster person for an id and/or a name, or the candidates: [] none, two or more when
    the name is ambiguous. The id decides where both sides have one."""
    if number:
        by_id = [p for p in people if p.id == number]
        if by_id:
            return by_id[0]
    candidates = [p for p in people if p.name == name and not (number and p.id)]
    return candidates[0] if len(candidates) == 1 else candidates
