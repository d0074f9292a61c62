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
from typing import Any

from qualitywin import values as v
from qualitywin.issues import CollectsIssues, Code, Issue, QualitywinError
from qualitywin.reader import open_workbook
from qualitywin.records import parse_window
from qualitywin.scheme import WHOLE_DAY, Column, Scheme, normalise_text
from qualitywin.sheet_reader import Field, did_you_mean, read_sheet

STAFF_SHEET = ("人员", "staff")
EXCEPTION_SHEET = ("考勤例外", "attendance_exceptions")
# The clock's own number for a person goes by many names (ZKTeco 登记号码 / 考勤号码, DingTalk
# 工号 / UserId, WeCom 账号); the roster accepts each.
ID_COLUMN = Column("工号", ("id", "登记号码", "考勤号码", "人员编号", "userid", "用户id", "账号"))
NAME_COLUMN = Column("姓名", ("name", "名字"))

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
class Staff(CollectsIssues):
    path: str
    sheet: str
    people: tuple[Person, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    issues: list[Issue] = field(default_factory=list)


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
        raise QualitywinError(
            Issue(
                Code.SHEET_MISSING,
                params={"wanted": STAFF_SHEET[0], "found": book.sheet_names or "—"},
            )
        )
    staff = Staff(str(path), sheet)
    people = _PeopleReader(scheme, staff)
    read_sheet(book.rows(sheet), people.fields, people.row, staff.issues, on_header=people.header)
    staff.people = tuple(people.people)
    if not staff.people and not staff.errors:
        staff.issues.append(Issue(Code.STAFF_EMPTY, sheet))
    exceptions_sheet = book.find_sheet(EXCEPTION_SHEET)
    if exceptions_sheet is not None:
        reader = _ExemptionReader(staff, scheme, month)
        read_sheet(
            book.rows(exceptions_sheet),
            reader.fields,
            reader.row,
            staff.issues,
            on_header=reader.header,
        )
        staff.exemptions = tuple(reader.exemptions)
    return staff


class _SheetRows:
    """A row function for the shared sheet reader that knows its sheet and header columns (its
    own problems — a duplicate, an unknown person — are placed at their cells too)."""

    fields: tuple[Field, ...] = ()

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        self.sheet = ""
        self.columns: dict[str, int] = {}

    def header(
        self, sheet: str, row: int, columns: dict[str, int], problems: list[Issue]
    ) -> list[Issue]:
        self.sheet, self.columns = sheet, columns
        return []

    def problem(self, code: Code, row: int, key: str, value: Any, **params: Any) -> None:
        self.issues.append(Issue(code, self.sheet, row, self.columns.get(key), value, params))


class _PeopleReader(_SheetRows):
    def __init__(self, scheme: Scheme, staff: Staff):
        super().__init__(staff.issues)
        lookup = scheme.window_lookup()
        self.fields = (
            Field("name", NAME_COLUMN, required=True, parse=person_name),
            Field(
                "window",
                Column("窗口", ("window",)),
                required=True,
                cached=True,
                parse=lambda value: parse_window(value, scheme, lookup),
            ),
            Field("id", ID_COLUMN, parse=person_id),
        )
        self.people: list[Person] = []
        self.by_name_window: dict[tuple[str, str], int] = {}
        self.by_id: dict[str, int] = {}

    def row(self, row: int, values: list[Any]) -> None:
        name, window, number = values
        first = self.by_name_window.setdefault((name, window), row)
        twice = first != row
        if twice:
            self.problem(Code.STAFF_NAME_TWICE, row, "name", name, window=window, other=first)
        if number:
            first = self.by_id.setdefault(number, row)
            if first != row:
                self.problem(Code.STAFF_ID_TWICE, row, "id", number, other=first)
                twice = True
        if not twice:
            self.people.append(Person(name, window, number, row))


class _ExemptionReader(_SheetRows):
    def __init__(self, staff: Staff, scheme: Scheme, month: str):
        super().__init__(staff.issues)
        self.staff = staff
        self.month = month
        attendance = scheme.attendance
        self.sessions = [*(attendance.session_names if attendance else []), WHOLE_DAY]
        self.fields = (
            Field("name", NAME_COLUMN, required=True, parse=person_name),
            Field("date", Column("日期", ("date",)), required=True, parse=v.parse_date),
            Field("session", Column("时段", ("session",)), required=True, parse=self._session),
            Field("reason", Column("原因", ("reason",)), required=True),
            Field("id", ID_COLUMN, parse=person_id),
        )
        self.exemptions: list[Exemption] = []

    def _session(self, value: Any) -> str:
        session = normalise_text(v.cell_text(value))
        if session not in self.sessions:
            raise v.BadValue(
                Code.SESSION_UNKNOWN,
                sessions=self.sessions,
                suggestions=did_you_mean(session, self.sessions),
            )
        return session

    def row(self, row: int, values: list[Any]) -> None:
        name, day, session, reason, number = values
        if day.strftime("%Y-%m") != self.month:
            return  # one sheet may hold the whole year's exceptions
        person = find_person(self.staff.people, name, number)
        if isinstance(person, Person):
            self.exemptions.append(Exemption(person, day, session, reason, row))
            return
        self.problem(
            Code.NAME_AMBIGUOUS if person else Code.STAFF_UNKNOWN,
            row,
            "name",
            name,
            people=[f"{p.name}({p.window})" for p in person],
            suggestions=did_you_mean(name, sorted({p.name for p in self.staff.people})),
        )


def find_person(people: tuple[Person, ...], name: str, number: str) -> Person | list[Person]:
    """The roster person for an id and/or a name, or the candidates: [] none, two or more when
    the name is ambiguous. The id decides where both sides have one."""
    if number:
        by_id = [p for p in people if p.id == number]
        if by_id:
            return by_id[0]
    candidates = [p for p in people if p.name == name and not (number and p.id)]
    return candidates[0] if len(candidates) == 1 else candidates
