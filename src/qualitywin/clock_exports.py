"""Clock exports reduced to punches: who (clock id and/or name), when (to the minute), and the
export's file!cell it came from.

Three layouts are recognised by their headers (`--format` forces one):

* "punches" — one row per punch. ZKTeco's 原始记录 (ZKTime 5.0 / 考勤管理系统 标准版):
  部门, 姓名, 登记号码, 日期时间, 机器号, 编号, 比对方式, 卡号; DingTalk's and others' 原始记录 use
  工号/UserId, 打卡日期 + 打卡时间 or one 打卡时间 holding the date and time.
* "daily" — ZKTeco's 考勤记录: one row per person, day and 对应时段, with 签到时间 and
  签退时间 (a Python script reading such an export uses exactly 姓名, 日期, 对应时段, 签到时间,
  签退时间 — found by searching public code; the other columns, 应到/实到/迟到时间…, are the
  clock's own verdicts and are not used: the scheme's rule is applied here, to the times).
* "report" — DingTalk's 每日统计 and WeCom's 上下班打卡日报: title rows (每日统计 统计日期…,
  报表生成时间…) above a header, often over two rows (上班1 merged over 打卡时间 | 打卡结果);
  姓名/名字, 工号/UserId/账号, 日期 (DingTalk "20-01-02 星期四") or 时间 (WeCom "2020/01/02
  星期四"), and 上班1打卡时间, 下班1打卡时间, 上班2打卡时间… (the column names DingTalk's CSV
  import documentation lists; public docs of zensgit/metasheet2). We did not find a WeCom export
  to check against: its columns are read by the same names and aliases.

The clock's own results (打卡结果 正常/迟到/缺卡) are ignored: only times count.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qualitywin import values as v
from qualitywin.export_tables import Table, read_tables
from qualitywin.issues import Code, Issue, QualitywinError, column_letter
from qualitywin.sheet_reader import Field, header_key, map_header
from qualitywin.roster import ID_COLUMN, NAME_COLUMN, person_id, person_name
from qualitywin.scheme import Column, normalise_text

FORMATS = ("punches", "daily", "report")
HEADER_SEARCH_ROWS = 15  # title rows above the header: DingTalk writes two or three

# DingTalk exports both 工号 (the employee number) and UserId (its own): 工号 first.
ID = Field(
    "id",
    Column(ID_COLUMN.name, tuple(a for a in ID_COLUMN.aliases if a not in ("userid", "用户id"))),
)
USER_ID = Field("userid", Column("UserId", ("用户id",)))
NAME = Field("name", NAME_COLUMN)
DATETIME = Field("datetime", Column("日期时间", ("datetime", "打卡日期时间", "签到日期时间")))
PUNCH_DATE = Field("date", Column("日期", ("date", "打卡日期", "考勤日期")))
PUNCH_TIME = Field("time", Column("时间", ("time", "打卡时间")))
PUNCH_FIELDS = (ID, NAME, USER_ID, DATETIME, PUNCH_DATE, PUNCH_TIME)

DAILY_DATE = Field("date", Column("日期", ("date", "考勤日期")))
SIGN_IN = Field("sign_in", Column("签到时间", ("sign_in",)))
SIGN_OUT = Field("sign_out", Column("签退时间", ("sign_out",)))
DAILY_FIELDS = (
    ID,
    NAME,
    USER_ID,
    DAILY_DATE,
    SIGN_IN,
    SIGN_OUT,
    Field("session", Column("对应时段", ("时段", "session"))),
)

# WeCom calls the date column 时间
REPORT_DATE = Field("date", Column("日期", ("date", "时间", "考勤日期")))
REPORT_FIELDS = (ID, NAME, USER_ID, REPORT_DATE)
# 上班1打卡时间, 下班1打卡时间, 上班2打卡时间…, also without the number or the word 打卡
# (not 上班时间 / 下班时间 alone: in ZKTeco's 考勤记录 those are the scheduled hours)
_REPORT_TIME = re.compile(r"^(上班|下班)(\d+(打卡)?|打卡)时间$")
NO_PUNCH = frozenset({"", "-", "--", "—", "未打卡", "缺卡", "无", "无记录", "休息"})

_DATE = re.compile(r"^(\d{4}|\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?$")


@dataclass(frozen=True)
class Punch:
    person_id: str  # "" when the export has no id column (or the cell is blank)
    name: str
    at: dt.datetime  # to the minute: 08:30:59 is 08:30
    source: str  # file!cell

    @property
    def who(self) -> str:
        if self.name and self.person_id:
            return f"{self.name}({self.person_id})"
        return self.name or self.person_id


@dataclass
class Export:
    path: str
    formats: list[str] = field(default_factory=list)  # one per table read
    punches: list[Punch] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def read_export(path: str | Path, format: str | None = None) -> Export:
    """Every punch of an export file, with the problems of its cells. Raises when the file cannot
    be read or no table in it has a recognised header."""
    path = Path(path)
    export = Export(str(path))
    tables = [t for t in read_tables(path) if any(_filled(r) for r in t.rows)]
    for table in tables:
        found = _find_header(table, format)
        if found is None:
            continue
        layout, header_rows = found
        export.formats.append(layout.name)
        layout.read(table, header_rows, export)
    if not export.formats:
        raise QualitywinError(_unrecognised(path, tables, format))
    return export


def _filled(row: list[Any]) -> bool:
    return any(not v.is_blank(c) for c in row)


# -- finding the header -------------------------------------------------------------------------


def _find_header(table: Table, forced: str | None) -> tuple["_Layout", int] | None:
    """The layout and the number of rows up to and including the header (one or two rows)."""
    layouts = [LAYOUTS[forced]] if forced else [LAYOUTS[f] for f in ("report", "daily", "punches")]
    rows = table.rows[: HEADER_SEARCH_ROWS + 1]
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if not _filled(row):
            continue
        candidates = [(row, index + 1)]
        if index + 1 < len(table.rows):
            candidates.append((combine_header(row, table.rows[index + 1]), index + 2))
        for layout in layouts:
            for header, used in candidates:
                if layout.fits(header):
                    return layout.with_header(header), used
    if forced:  # the row naming most of its columns, so what it lacks can be listed
        layout = LAYOUTS[forced]
        scored = [(sum(_has(_keys(r), f) for f in layout.fields), i) for i, r in enumerate(rows)]
        best, index = max(scored, key=lambda pair: (pair[0], -pair[1]), default=(0, 0))
        if best:
            return layout.with_header(rows[index]), index + 1
    return None


def combine_header(top: list[Any], bottom: list[Any]) -> list[str]:
    """A header over two rows: 上班1 above 打卡时间 is 上班1打卡时间; a group label stands over
    every column to its right until the next label (merged cells, or a CSV leaving them blank)."""
    width = max(len(top), len(bottom))
    combined, group = [], ""
    for i in range(width):
        upper = v.cell_text(top[i]) if i < len(top) and not v.is_blank(top[i]) else ""
        lower = v.cell_text(bottom[i]) if i < len(bottom) and not v.is_blank(bottom[i]) else ""
        if upper:
            group = upper
        elif lower:
            upper = group
        if upper and lower and header_key(upper) != header_key(lower):
            combined.append(upper + lower)
        else:
            combined.append(upper or lower)
    return combined


def _keys(header: list[Any]) -> list[str]:
    return [header_key(v.cell_text(c)) if not v.is_blank(c) else "" for c in header]


def _who(keys: list[str]) -> bool:
    return _has(keys, ID) or _has(keys, NAME) or _has(keys, USER_ID)


def _has(keys: list[str], f: Field) -> bool:
    names = {header_key(n) for n in (f.column.name, *f.column.aliases)}
    return any(k in names for k in keys)


# -- the three layouts ----------------------------------------------------------------------------


class _Layout:
    """A recognised header: which column holds what, and how a row becomes punches."""

    name = ""
    fields: tuple[Field, ...] = ()
    essentials: tuple[str, ...] = ()  # what the header must have, as the hint lists it

    def __init__(self, header: list[Any] | None = None):
        self.header = header or []
        self.columns: dict[str, int] = {}

    def fits(self, header: list[Any]) -> bool:
        raise NotImplementedError

    def with_header(self, header: list[Any]) -> "_Layout":
        return type(self)(header)

    def read(self, table: Table, header_rows: int, export: Export) -> None:
        found, issues = map_header(table.label, header_rows, 1, self.header, self.fields)
        # Exports carry many columns the rule does not need (部门, 机器号, 打卡结果…): only the
        # missing ones are problems.
        export.issues.extend(i for i in issues if i.code != Code.COLUMN_UNKNOWN)
        self.columns = {key: index + 1 for key, index in found.items()}
        missing = self.missing(header_rows, table.label)
        if missing:
            export.issues.extend(missing)
            return
        for number, row in enumerate(table.rows[header_rows:], start=header_rows + 1):
            if _filled(row):
                self.row(_Row(table.label, number, row, self.columns), export)

    def missing(self, row: int, label: str) -> list[Issue]:
        """Columns the layout cannot do without, as COLUMN_MISSING problems at the header."""
        problems = []
        if not {"id", "name", "userid"} & set(self.columns):
            problems.append(self._missing(label, row, NAME))
        return problems

    def _missing(self, label: str, row: int, wanted: Field) -> Issue:
        return Issue(
            Code.COLUMN_MISSING,
            label,
            row,
            None,
            None,
            {"column": wanted.column.name, "columns": list(self.essentials), "suggestions": []},
        )

    def row(self, row: "_Row", export: Export) -> None:
        raise NotImplementedError


class _PunchLayout(_Layout):
    name = "punches"
    fields = PUNCH_FIELDS
    essentials = ("登记号码/工号/姓名", "日期时间/日期 + 时间")

    def fits(self, header: list[Any]) -> bool:
        keys = _keys(header)
        who = _who(keys)
        when = _has(keys, DATETIME) or _has(keys, PUNCH_TIME)
        return who and when and not any(_REPORT_TIME.match(k) for k in keys)

    def missing(self, row: int, label: str) -> list[Issue]:
        problems = super().missing(row, label)
        if "datetime" not in self.columns and "time" not in self.columns:
            problems.append(self._missing(label, row, DATETIME))
        return problems

    def row(self, row: "_Row", export: Export) -> None:
        who = row.person(export)
        if who is None:
            return
        key = "datetime" if "datetime" in self.columns else "time"
        day = row.date("date", export) if "date" in self.columns and key == "time" else None
        if "date" in self.columns and key == "time" and day is None:
            return
        at = row.moment(key, day, export, required=True)
        if at is not None:
            export.punches.append(Punch(*who, at, row.source(key)))


class _DailyLayout(_Layout):
    name = "daily"
    fields = DAILY_FIELDS
    essentials = ("登记号码/工号/姓名", "日期", "签到时间/签退时间")

    def fits(self, header: list[Any]) -> bool:
        keys = _keys(header)
        return (
            (_has(keys, SIGN_IN) or _has(keys, SIGN_OUT)) and _has(keys, DAILY_DATE) and _who(keys)
        )

    def missing(self, row: int, label: str) -> list[Issue]:
        problems = super().missing(row, label)
        if "date" not in self.columns:
            problems.append(self._missing(label, row, DAILY_DATE))
        if "sign_in" not in self.columns and "sign_out" not in self.columns:
            problems.append(self._missing(label, row, SIGN_IN))
        return problems

    def row(self, row: "_Row", export: Export) -> None:
        who = row.person(export)
        day = row.date("date", export)
        if who is None or day is None:
            return
        for key in ("sign_in", "sign_out"):
            if key in self.columns:
                at = row.moment(key, day, export)
                if at is not None:
                    export.punches.append(Punch(*who, at, row.source(key)))


class _ReportLayout(_Layout):
    name = "report"
    fields = REPORT_FIELDS
    essentials = ("工号/姓名", "日期", "上班1打卡时间, 下班1打卡时间 …")

    def fits(self, header: list[Any]) -> bool:
        keys = _keys(header)
        return any(_REPORT_TIME.match(k) for k in keys) and _has(keys, REPORT_DATE) and _who(keys)

    def read(self, table: Table, header_rows: int, export: Export) -> None:
        self.time_columns = [
            i + 1 for i, k in enumerate(_keys(self.header)) if _REPORT_TIME.match(k)
        ]
        super().read(table, header_rows, export)

    def missing(self, row: int, label: str) -> list[Issue]:
        problems = super().missing(row, label)
        if "date" not in self.columns:
            problems.append(self._missing(label, row, REPORT_DATE))
        if not getattr(self, "time_columns", None):
            problems.append(self._missing(label, row, Field("t", Column("上班1打卡时间"))))
        return problems

    def row(self, row: "_Row", export: Export) -> None:
        who = row.person(export)
        day = row.date("date", export)
        if who is None or day is None:
            return
        for column in self.time_columns:
            at = row.moment_at(column, day, export)
            if at is not None:
                export.punches.append(Punch(*who, at, row.source_at(column)))


LAYOUTS: dict[str, _Layout] = {
    "punches": _PunchLayout(),
    "daily": _DailyLayout(),
    "report": _ReportLayout(),
}


# -- one row's cells ------------------------------------------------------------------------------


@dataclass
class _Row:
    label: str
    number: int
    cells: list[Any]
    columns: dict[str, int]

    def raw(self, key: str) -> Any:
        return self.raw_at(self.columns[key]) if key in self.columns else ""

    def raw_at(self, column: int) -> Any:
        return self.cells[column - 1] if column - 1 < len(self.cells) else ""

    def source(self, key: str) -> str:
        return self.source_at(self.columns[key])

    def source_at(self, column: int) -> str:
        return f"{self.label}!{column_letter(column)}{self.number}"

    def problem(
        self, export: Export, code: Code, column: int | None, value: Any, **params: Any
    ) -> None:
        export.issues.append(Issue(code, self.label, self.number, column, value, params))

    def person(self, export: Export) -> tuple[str, str] | None:
        number = person_id(self.raw("id")) or person_id(self.raw("userid"))
        name = person_name(self.raw("name"))
        if not number and not name:
            self.problem(
                export, Code.PERSON_BLANK, self.columns.get("name", self.columns.get("id")), ""
            )
            return None
        return number, name

    def date(self, key: str, export: Export) -> dt.date | None:
        value = self.raw(key)
        day = parse_export_date(value)
        if day is None:
            self.problem(export, Code.DATE_INVALID, self.columns[key], value)
        return day

    def moment(
        self, key: str, day: dt.date | None, export: Export, required: bool = False
    ) -> dt.datetime | None:
        return self.moment_at(self.columns[key], day, export, required)

    def moment_at(
        self, column: int, day: dt.date | None, export: Export, required: bool = False
    ) -> dt.datetime | None:
        value = self.raw_at(column)
        if not required and _no_punch(value):
            return None
        at = parse_export_time(value, day)
        if at is None:
            self.problem(export, Code.TIME_INVALID, column, value)
        return at


def _no_punch(value: Any) -> bool:
    return v.is_blank(value) or (isinstance(value, str) and normalise_text(value) in NO_PUNCH)


def parse_export_date(value: Any) -> dt.date | None:
    """A date cell, or text 2020-01-02, 2020/1/2, 2020年1月2日, DingTalk's 20-01-02 星期四."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _DATE.match(normalise_text(value))
    if match is None:
        return None
    year, month, day = (int(p) for p in match.groups())
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def parse_export_time(value: Any, day: dt.date | None) -> dt.datetime | None:
    """A punch to the minute: a date-time cell or text, or a time (cell, text 8:25 / 08:25:33, a
    fraction of a day) on `day`. None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.time) and day is not None:
        return dt.datetime.combine(day, value.replace(second=0, microsecond=0))
    if isinstance(value, float) and not isinstance(value, bool) and 0 <= value < 1 and day:
        minutes = int(round(value * 86400)) // 60  # seconds first: 08:30:59 stays 08:30
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60))
    if not isinstance(value, str):
        return None
    text = normalise_text(value)
    match = _TIME.search(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    rest = text[: match.start()].strip()
    own_day = parse_export_date(rest) if rest else None
    if rest and own_day is None or hour > 23 or minute > 59:
        return None
    on = own_day or day
    return dt.datetime.combine(on, dt.time(hour, minute)) if on else None


def _unrecognised(path: Path, tables: list[Table], forced: str | None) -> Issue:
    first = next(
        (r for t in tables for r in t.rows if sum(not v.is_blank(c) for c in r) >= 2),
        next((r for t in tables for r in t.rows if _filled(r)), []),
    )
    headers = [v.cell_text(c) for c in first if not v.is_blank(c)][:12]
    return Issue(
        Code.EXPORT_UNRECOGNISED,
        params={
            "path": str(path),
            "headers": headers or "—",
            "formats": [forced] if forced else FORMATS,
        },
    )
