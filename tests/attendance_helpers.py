"""Tiny staff rosters and clock exports, written in every file kind an attendance system makes.

An export is given as rows of cells (its header rows included); each writer lays the same rows
out as .xlsx, CSV (any encoding), an HTML-table ".xls" or a SpreadsheetML 2003 ".xls".
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any, Iterable

import xlsxwriter

from qualitywin.attendance import AttendanceResult, attendance_from_files
from qualitywin.scheme import load_scheme

SCHEME = load_scheme()

# Three windows of the default roster; two different people called 王芳 sit in 公安局 and 民政局
# (the name alone is ambiguous: only the id tells them apart).
STAFF = [
    ("张伟", "公安局", "1"),
    ("王芳", "公安局", "2"),
    ("李娜", "民政局", "3"),
    ("王芳", "民政局", "4"),
    ("刘洋", "地税局", "5"),
]


def write_staff(
    path: Path,
    people: Iterable[tuple] = STAFF,
    exceptions: Iterable[tuple] = (),
    header: tuple = ("姓名", "窗口", "工号"),
    exception_header: tuple = ("姓名", "日期", "时段", "原因"),
) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("人员")
    for r, row in enumerate([header, *people]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    rows = list(exceptions)
    if rows:
        sheet = book.add_worksheet("考勤例外")
        sheet.book_date = book.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate([exception_header, *rows]):
            for c, value in enumerate(row):
                _write(sheet, r, c, value)
    book.close()
    return path


def _write(sheet: Any, r: int, c: int, value: Any) -> None:
    if isinstance(value, dt.datetime):
        sheet.write_datetime(r, c, value, sheet.book_date)
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), sheet.book_date)
    elif isinstance(value, dt.time):
        sheet.write_datetime(
            r, c, dt.datetime.combine(dt.date(1899, 12, 31), value), sheet.book_time
        )
    elif value is None or value == "":
        return
    elif isinstance(value, (int, float)):
        sheet.write_number(r, c, value)
    else:
        sheet.write_string(r, c, str(value))


def write_xlsx(
    path: Path, rows: list[list[Any]], merges: Iterable[tuple] = (), sheet_name: str = "Sheet1"
) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(sheet_name)
    sheet.book_date = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.book_time = book.add_format({"num_format": "hh:mm:ss"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            _write(sheet, r, c, value)
    for first_row, first_col, last_row, last_col in merges:
        value = rows[first_row][first_col]
        sheet.merge_range(first_row, first_col, last_row, last_col, value)
    book.close()
    return path


def as_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    return "" if value is None else str(value)


def write_csv(
    path: Path, rows: list[list[Any]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    text = "\r\n".join(delimiter.join(as_text(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_html_xls(
    path: Path,
    rows: list[list[Any]],
    encoding: str = "utf-8",
    spans: dict[tuple[int, int], tuple[int, int]] | None = None,
) -> Path:
    """A web system's ".xls": an HTML table. `spans` maps (row, col) → (rowspan, colspan); the
    cells a span covers are left out, as a browser expects."""
    spans = spans or {}
    covered = {
        (r + dr, c + dc)
        for (r, c), (down, across) in spans.items()
        for dr in range(down)
        for dc in range(across)
        if (dr, dc) != (0, 0)
    }
    lines = ['<html><head><meta charset="%s"></head><body><table border="1">' % encoding]
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            down, across = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{down}"' if down > 1 else "") + (
                f' colspan="{across}"' if across > 1 else ""
            )
            cells.append(f"<td{attrs}>{html.escape(as_text(value))}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table></body></html>")
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def write_spreadsheet_ml(path: Path, rows: list[list[Any]], sheet: str = "Sheet1") -> Path:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
        f'<Worksheet ss:Name="{html.escape(sheet)}"><Table>',
    ]
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, dt.datetime):
                data = f'<Data ss:Type="DateTime">{value:%Y-%m-%dT%H:%M:%S}.000</Data>'
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                data = f'<Data ss:Type="Number">{value}</Data>'
            else:
                data = f'<Data ss:Type="String">{html.escape(as_text(value))}</Data>'
            cells.append(f"<Cell>{data}</Cell>")
        lines.append("<Row>" + "".join(cells) + "</Row>")
    lines.append("</Table></Worksheet></Workbook>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def derive(
    exports: list[Path],
    staff: Path,
    month: str = "2020-01",
    scheme=SCHEME,
    format: str | None = None,
) -> AttendanceResult:
    return attendance_from_files(exports, month=month, staff=staff, scheme=scheme, format=format)


def incidents(result: AttendanceResult) -> list[tuple]:
    """The derived rows as (date, window, rule, person): what a clerk would have typed."""
    return [(r.date.isoformat(), r.window, r.rule, r.person) for r in result.rows]


def raw_punches(
    people: Iterable[tuple[str, str]], day: dt.date, times: Iterable[str]
) -> list[list[Any]]:
    """ZKTeco 原始记录 rows (部门, 姓名, 登记号码, 日期时间, 机器号) for each person and time."""
    rows = []
    for name, number in people:
        for t in times:
            hour, minute = (int(x) for x in t.split(":"))
            rows.append(["窗口", name, number, dt.datetime.combine(day, dt.time(hour, minute)), 1])
    return rows


RAW_HEADER = ["部门", "姓名", "登记号码", "日期时间", "机器号"]
