"""Which days of a month are working days: Monday–Friday, minus China's public holidays, plus the
official make-up days (调休上班), from the `chinese-calendar` package; the rules file's
ATTENDANCE `holidays` / `workdays` lists win over it.

chinese-calendar knows the years the State Council has published (it is updated each December).
A day outside its data that the lists do not cover is an error naming the year and the fix, never
a guess: a wrong calendar would cost every window 旷工 on a holiday.
"""

from __future__ import annotations

import calendar
import datetime as dt

import chinese_calendar

from qualitywin.issues import Code, QualitywinError
from qualitywin.scheme import Attendance


def is_workday(day: dt.date, attendance: Attendance) -> bool:
    if day in attendance.holidays:
        return False
    if day in attendance.workdays:
        return True
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as exc:  # the library has no data for that year
        raise QualitywinError.of(
            Code.CALENDAR_UNKNOWN, year=day.year, day=day.isoformat(), version=_library_version()
        ) from exc


def workdays_of_month(month: str, attendance: Attendance) -> list[dt.date]:
    """The month's working days in order (`month` is "YYYY-MM")."""
    year, number = (int(part) for part in month.split("-"))
    days = calendar.monthrange(year, number)[1]
    every = (dt.date(year, number, d) for d in range(1, days + 1))
    return [day for day in every if is_workday(day, attendance)]


def _library_version() -> str:
    return str(getattr(chinese_calendar, "__version__", "?"))
