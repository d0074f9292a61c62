"""Tiny workbook builder for the black-box contract tests (built from the contract only)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

import openpyxl
from typer.testing import CliRunner

from qualitywin.cli import app

ROSTER = [
    "发改委",
    "人劳局(社保中心)",
    "教体局",
    "公安局",
    "民政局",
    "司法局",
    "财政局(核算中心)",
    "建设局",
    "交通局",
    "市政局",
    "卫生局",
    "环保局",
    "国土局",
    "商务局",
    "农经委",
    "人防办",
    "民族宗教局",
    "广电局",
    "安监局",
    "房管局",
    "文化局",
    "计生委",
    "质监局",
    "工商局",
    "地税局",
    "自来水公司",
    "烟草局",
    "燃气公司",
]
CATS = ["领导重视", "工作纪律", "行为规范", "办件规范"]
FULL = {"领导重视": 15, "工作纪律": 30, "行为规范": 10, "办件规范": 15}

INCIDENT_HEADER = ["日期", "窗口", "条款", "人次", "当事人", "说明", "状态"]
LEAVE_HEADER = ["窗口", "姓名", "病假天数", "私假天数"]


def d(day: int, month: int = 2, year: int = 2020) -> dt.datetime:
    return dt.datetime(year, month, day)


def inc(
    window: str,
    rule: Any,
    count: Any = 1,
    day: Any = 3,
    status: Any = None,
    person: Any = None,
    note: Any = None,
) -> list:
    """One 扣分记录 row in the default column order."""
    date = d(day) if isinstance(day, int) else day
    return [date, window, rule, count, person, note, status]


def build(
    path: Path,
    incidents: Iterable[Sequence[Any]] = (),
    *,
    header: Sequence[Any] | None = None,
    sheet: str = "扣分记录",
    leave: Iterable[Sequence[Any]] | None = None,
    leave_header: Sequence[Any] | None = None,
    leave_sheet: str = "请假",
    lead_rows: int = 0,
) -> Path:
    """Write a workbook: the incident sheet (header then rows), optionally a leave sheet.

    lead_rows: number of empty rows above the incident header.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for _ in range(lead_rows):
        ws.append([])
    # openpyxl's append on an empty row list doesn't advance; write header at explicit row.
    r = lead_rows + 1
    for c, v in enumerate(header or INCIDENT_HEADER, start=1):
        ws.cell(row=r, column=c, value=v)
    for row in incidents:
        r += 1
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    if leave is not None:
        ls = wb.create_sheet(leave_sheet)
        ls.append(list(leave_header or LEAVE_HEADER))
        for row in leave:
            ls.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


runner = CliRunner()


def run(*args: Any):
    return runner.invoke(app, [str(a) for a in args])


def score_json(path: Path, *extra: Any) -> dict:
    res = run("score", path, "--json", "--force", *extra)
    assert res.exit_code == 0, (res.exit_code, res.stdout, res.stderr)
    return json.loads(res.stdout)


def by_window(data: dict) -> dict:
    return {w["window"]: w for w in data["windows"]}


def output_of(res) -> str:
    """All text the command printed (stdout + stderr)."""
    return (res.stdout or "") + (res.stderr or "")
