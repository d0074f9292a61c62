"""The result workbook's 人员 sheet (a month scored with a staff roster): one row per person.

Fed the result's `staff` lines (staff_view.py); people with nothing recorded are marked 满分.
"""

from __future__ import annotations

from typing import Any

from qualitywin.decimals import plain_number
from qualitywin.model import MonthResult
from qualitywin.printing import print_setup
from qualitywin.result_layout import FULL_MARKS, STAFF_HEADER, STAFF_SHEET
from qualitywin.textwidth import column_width


def write_staff_sheet(
    book: Any, header_style: Any, cell_style: Any, result: MonthResult, center: str
) -> None:
    sheet = book.add_worksheet(STAFF_SHEET)
    sheet.write_row(0, 0, STAFF_HEADER, header_style)
    rows = [
        (
            s.window,
            s.name,
            s.rows,
            plain_number(s.points),
            plain_number(s.deducted),
            s.late,
            s.absent,
            FULL_MARKS if s.full_marks else "",
            "、".join(s.where),
        )
        for s in result.staff
    ]
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value == "":
                sheet.write_blank(number, column, None, cell_style)
            elif isinstance(value, (int, float)):
                sheet.write_number(number, column, value, cell_style)
            else:
                sheet.write_string(number, column, str(value), cell_style)
    for column, name in enumerate(STAFF_HEADER):
        values = [name, *(str(r[column]) for r in rows[:2000])]
        sheet.set_column(column, column, column_width(values, maximum=60) + 2)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(STAFF_HEADER) - 1)
    print_setup(sheet, f"{center} {result.month} 人员", 0)
