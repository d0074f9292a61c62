"""Tiny workbooks built in tmp_path, the way a clerk would fill them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Iterable

import openpyxl
import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

HEADER = ("日期", "窗口", "条款", "人次", "当事人", "说明", "状态")
LEAVE_HEADER = ("窗口", "姓名", "病假天数", "私假天数")


def day(n: int, month: int = 2, year: int = 2020) -> dt.datetime:
    return dt.datetime(year, month, n)


def build_workbook(
    path: Path,
    rows: Iterable[Iterable[Any]] = (),
    *,
    header: Iterable[Any] = HEADER,
    leave: Iterable[Iterable[Any]] | None = None,
    leave_header: Iterable[Any] = LEAVE_HEADER,
    sheet: str = "扣分记录",
    leave_sheet: str = "请假",
    header_row: int = 1,
) -> Path:
    """Write a month's workbook: 扣分记录 with `rows`, and 请假 when `leave` is given."""
    book = openpyxl.Workbook()
    incidents = book.active
    incidents.title = sheet
    for offset, values in enumerate([list(header), *map(list, rows)]):
        for column, value in enumerate(values, start=1):
            if value is not None:
                _put(incidents.cell(header_row + offset, column), value)
    if leave is not None:
        sheet_leave = book.create_sheet(leave_sheet)
        for row, values in enumerate([list(leave_header), *map(list, leave)], start=1):
            for column, value in enumerate(values, start=1):
                if value is not None:
                    _put(sheet_leave.cell(row, column), value)
    book.save(path)
    return path


def _put(cell: Any, value: Any) -> None:
    """Text as a clerk typed it: openpyxl would make '=1+1' a formula, a clerk's cell is text."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


@pytest.fixture
def month_file(tmp_path: Path):
    """`month_file(rows, leave=...)` → path of 2020-02.xlsx in tmp_path."""

    def make(rows: Iterable[Iterable[Any]] = (), name: str = "2020-02.xlsx", **kwargs: Any) -> Path:
        return build_workbook(tmp_path / name, rows, **kwargs)

    return make
