"""`<month>-考勤扣分.xlsx`: the derived 扣分记录 (scoreable as it is) and 考勤明细 (every session).

扣分记录 has exactly the columns of the sheet clerks type (records.INCIDENT_FIELDS), so
`qualitywin score 2020-01-考勤扣分.xlsx` reads it like any month; 状态 is left blank for the office
to write 撤销 on a row withdrawn on appeal. Text is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter

from qualitywin.attendance import AttendanceResult, SessionCheck, clock, punch_time, result_text
from qualitywin.records import INCIDENT_FIELDS
from qualitywin.result_workbook import WORKBOOK_OPTIONS
from qualitywin.textwidth import display_width

INCIDENT_SHEET = "扣分记录"
DETAIL_SHEET = "考勤明细"
INCIDENT_HEADER = tuple(f.column.name for f in INCIDENT_FIELDS)  # 日期, 窗口, 条款, 人次, …
DETAIL_HEADER = ("日期", "星期", "窗口", "姓名", "工号", "时段", "上班", "下班", "签到", "签退",
                 "迟到分钟", "早退分钟", "结果", "例外", "打卡来源")
WEEKDAYS = "一二三四五六日"


def default_name(month: str) -> str:
    return f"{month}-考勤扣分.xlsx"


def write_attendance(result: AttendanceResult, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                              "align": "center", "valign": "vcenter"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    _write_incidents(book.add_worksheet(INCIDENT_SHEET), result, header, date)
    _write_details(book.add_worksheet(DETAIL_SHEET), result, header, date)
    book.close()


def _write_incidents(sheet: Any, result: AttendanceResult, header: Any, date: Any) -> None:
    _header(sheet, INCIDENT_HEADER, header)
    widths = [len(h) * 2 + 2 for h in INCIDENT_HEADER]
    for r, row in enumerate(result.rows, start=1):
        sheet.write_datetime(r, 0, dt.datetime.combine(row.date, dt.time()), date)
        cells = (row.window, row.rule, 1, row.person, row.note, "")
        for c, value in enumerate(cells, start=1):
            _write(sheet, r, c, value)
            widths[c] = max(widths[c], min(display_width(str(value)) + 2, 80))
    _finish(sheet, widths, len(result.rows), len(INCIDENT_HEADER))


def _write_details(sheet: Any, result: AttendanceResult, header: Any, date: Any) -> None:
    _header(sheet, DETAIL_HEADER, header)
    widths = [len(h) * 2 + 2 for h in DETAIL_HEADER]
    for r, check in enumerate(result.checks, start=1):
        sheet.write_datetime(r, 0, dt.datetime.combine(check.day, dt.time()), date)
        for c, value in enumerate(detail_cells(check), start=1):
            _write(sheet, r, c, value)
            widths[c] = max(widths[c], min(display_width(str(value)) + 2, 60))
    _finish(sheet, widths, len(result.checks), len(DETAIL_HEADER))


def detail_cells(check: SessionCheck) -> list[Any]:
    """考勤明细's cells after 日期."""
    exemption = check.exemption
    return [
        WEEKDAYS[check.day.weekday()], check.person.window, check.person.name, check.person.id,
        check.session.name, clock(check.session.start), clock(check.session.end),
        punch_time(check.sign_in), punch_time(check.sign_out),
        "" if check.late is None else check.late, "" if check.early is None else check.early,
        result_text(check), exemption.reason if exemption else "",
        "、".join(f"{p.at:%H:%M} {p.source}" for p in check.punches),
    ]


def _header(sheet: Any, names: tuple[str, ...], style: Any) -> None:
    for c, name in enumerate(names):
        sheet.write_string(0, c, name, style)
    sheet.freeze_panes(1, 0)


def _write(sheet: Any, row: int, column: int, value: Any) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, column, value)
    elif value != "":
        sheet.write_string(row, column, str(value))


def _finish(sheet: Any, widths: list[int], rows: int, columns: int) -> None:
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    sheet.autofilter(0, 0, max(rows, 1), columns - 1)
