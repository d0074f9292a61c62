"""The one sheet reader: every input sheet reads titles, merged cells, headers and blanks alike."""

from decimal import Decimal
from typing import Any

import openpyxl

from qualitywin import values as v
from qualitywin.issues import Code, Issue
from qualitywin.reader import open_workbook
from qualitywin.records import read_month
from qualitywin.scheme import Column, load_scheme
from qualitywin.sheet_reader import Field, read_sheet

from conftest import HEADER, LEAVE_HEADER, day

SCHEME = load_scheme()


def merged_month(path):
    """Both sheets with 窗口 merged down over two rows, as offices lay out their tables."""
    book = openpyxl.Workbook()
    incidents = book.active
    incidents.title = "扣分记录"
    incidents.append(HEADER)
    incidents.append([day(3), "公安局", "2.2a", 1, "张伟"])
    incidents.append([day(4), None, "2.2a", 1, "李娜"])
    incidents.merge_cells("B2:B3")
    leave = book.create_sheet("请假")
    leave.append(LEAVE_HEADER)
    leave.append(["公安局", "张伟", 3, 2])
    leave.append([None, "李娜", 4, 1])
    leave.merge_cells("A2:A3")
    book.save(path)
    return path


def test_a_merged_window_cell_reads_the_same_on_the_incidents_and_the_leave_sheet(tmp_path):
    records = read_month(merged_month(tmp_path / "2020-02.xlsx"), SCHEME)
    assert records.errors == []
    assert [(i.row, i.window) for i in records.incidents] == [(2, "公安局"), (3, "公安局")]
    assert [(m.row, m.window, m.person, m.amount) for m in records.measures] == [
        (2, "公安局", "张伟", Decimal(5)),
        (3, "公安局", "李娜", Decimal(5)),
    ]


def roster_workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "人员"
    sheet.append(["2020年2月 窗口人员名单"])  # a title row
    sheet.append(["姓 名", "窗口", "工号 "])  # spaces in headers
    sheet.append(["张伟", "公安局", "A01"])
    sheet.append([None, None, None])  # a blank row
    sheet.append(["李娜", "公安", "A02"])  # unknown window
    sheet.append(["王五", "民政局"])
    book.save(path)
    return path


def test_a_new_sheet_is_a_field_list_and_a_row_function(tmp_path):
    lookup = SCHEME.window_lookup()

    def parse_window(value: Any) -> str:
        window = lookup.get(v.cell_text(value).strip())
        if window is None:
            raise v.BadValue(Code.WINDOW_UNKNOWN, suggestions=["公安局"])
        return window

    fields = (
        Field("name", Column("姓名"), required=True, blank_code=Code.NAME_BLANK),
        Field("window", Column("窗口"), required=True, parse=parse_window, cached=True),
        Field("id", Column("工号")),
    )
    people: list[tuple] = []
    issues: list[Issue] = []
    book = open_workbook(roster_workbook(tmp_path / "staff.xlsx"))
    columns = read_sheet(
        book.rows("人员"), fields, lambda row, values: people.append((row, *values)), issues
    )
    assert columns == {"name": 1, "window": 2, "id": 3}
    assert people == [(3, "张伟", "公安局", "A01"), (6, "王五", "民政局", "")]
    assert [(i.code, i.where, i.params["column"]) for i in issues] == [
        (Code.WINDOW_UNKNOWN, "人员!B5", "窗口")
    ]


def test_a_missing_required_column_stops_the_sheet_with_did_you_mean(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "人员"
    book.active.append(["姓名", "窗囗"])
    book.active.append(["张伟", "公安局"])
    book.save(tmp_path / "staff.xlsx")
    fields = (
        Field("name", Column("姓名"), required=True),
        Field("window", Column("窗口"), required=True),
    )
    issues: list[Issue] = []
    rows: list = []
    assert (
        read_sheet(
            open_workbook(tmp_path / "staff.xlsx").rows("人员"),
            fields,
            lambda row, values: rows.append(row),
            issues,
        )
        is None
    )
    assert rows == []
    missing = next(i for i in issues if i.code == Code.COLUMN_MISSING)
    assert missing.params["suggestions"] == ["窗囗"]


def test_progress_is_reported_to_the_end(tmp_path):
    seen: list[tuple[int, int]] = []
    book = open_workbook(roster_workbook(tmp_path / "staff.xlsx"))
    read_sheet(
        book.rows("人员"),
        (Field("name", Column("姓名"), required=True),),
        lambda row, values: None,
        [],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (6, 6)
