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
from qualitywin.textwidth import display_width

INCIDENT_SHEET = "扣分记录"
DETAIL_SHEET = "考勤明细"
ABOUT_SHEET = "考勤说明"  # not 说明: that name marks a result workbook for `annual`
INCIDENT_HEADER = tuple(f.column.name for f in INCIDENT_FIELDS)  # 日期, 窗口, 条款, 人次, …
DETAIL_HEADER = (
    "日期",
    "星期",
    "窗口",
    "姓名",
    "工号",
    "时段",
    "上班",
    "下班",
    "签到",
    "签退",
    "迟到分钟",
    "早退分钟",
    "结果",
    "例外",
    "打卡来源",
)
WEEKDAYS = "一二三四五六日"
# Text from the exports stays text: never a formula, a link or a number.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def default_name(month: str) -> str:
    return f"{month}-考勤扣分.xlsx"


def write_attendance(result: AttendanceResult, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    header = book.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "valign": "vcenter"}
    )
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    _write_incidents(book.add_worksheet(INCIDENT_SHEET), result, header, date)
    _write_details(book.add_worksheet(DETAIL_SHEET), result, header, date)
    _write_about(book.add_worksheet(ABOUT_SHEET), result, header)
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
        WEEKDAYS[check.day.weekday()],
        check.person.window,
        check.person.name,
        check.person.id,
        check.session.name,
        clock(check.session.start),
        clock(check.session.end),
        punch_time(check.sign_in),
        punch_time(check.sign_out),
        "" if check.late is None else check.late,
        "" if check.early is None else check.early,
        result_text(check),
        exemption.reason if exemption else "",
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


def about_rows(result: AttendanceResult) -> list[tuple[str, str]]:
    """考勤说明: where the rows come from, so a disputed one can be traced to its files."""
    rows = [
        ("月份", result.month),
        (
            "工作日",
            f"{len(result.workdays)} 天:"
            + "、".join(f"{d.month}-{d.day}" for d in result.workdays),
        ),
        ("规则文件", result.rules_path),
    ]
    attendance = result.attendance
    if attendance is not None:
        sessions = "、".join(
            f"{s.name} {clock(s.start)}–{clock(s.end)}"
            + (f"({s.season[0]} 至 {s.season[1]})" if s.season else "")
            for s in attendance.sessions
        )
        after = attendance.absent_after_minutes
        rows += [
            ("时段", sessions),
            ("宽限", f"{attendance.grace_minutes} 分钟"),
            ("迟到、早退", attendance.late_rule),
            (
                "旷工",
                attendance.absent_rule
                + (f"(迟到、早退超过 {after} 分钟亦按旷工)" if after is not None else ""),
            ),
            ("缺卡", attendance.missing_punch_rule),
        ]
    rows += [
        ("导出文件", f"{e.file}({'、'.join(e.formats)},{e.punches} 次打卡)") for e in result.exports
    ]
    rows += [
        ("人员名单", result.sources[-1] if result.sources else ""),
        ("生成扣分", f"{len(result.rows)} 条"),
        ("警告", "\n".join(w.message("zh") for w in result.warnings)),
    ]
    return rows


def _write_about(sheet: Any, result: AttendanceResult, header: Any) -> None:
    sheet.write_string(0, 0, "项目", header)
    sheet.write_string(0, 1, "内容", header)
    for r, (label, value) in enumerate(about_rows(result), start=1):
        sheet.write_string(r, 0, label)
        if value:
            sheet.write_string(r, 1, value)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 100)
