"""The staff roster (人员) and its exceptions (考勤例外), checked like every sheet."""

from __future__ import annotations

import datetime as dt

import pytest

from qualitywin.issues import Code, QualitywinError
from qualitywin.roster import find_person, person_id, read_staff

from attendance_helpers import SCHEME, STAFF, write_staff


def test_the_roster_is_plain_data_with_rows(tmp_path):
    staff = read_staff(write_staff(tmp_path / "s.xlsx"), SCHEME, "2020-01")
    assert staff.issues == []
    assert [(p.name, p.window, p.id, p.row) for p in staff.people][:2] == [
        ("张伟", "公安局", "1", 2),
        ("王芳", "公安局", "2", 3),
    ]


def test_unknown_window_name_twice_in_a_window_and_id_twice_are_errors_at_their_cells(tmp_path):
    people = [
        ("张伟", "公按局", "1"),
        ("王芳", "公安局", "2"),
        ("王芳", "公安局", "3"),
        ("李娜", "民政局", "2"),
    ]
    staff = read_staff(write_staff(tmp_path / "s.xlsx", people), SCHEME, "2020-01")
    found = [(i.code, i.where) for i in staff.errors]
    assert found == [
        (Code.WINDOW_UNKNOWN, "人员!B2"),
        (Code.STAFF_NAME_TWICE, "人员!A4"),
        (Code.STAFF_ID_TWICE, "人员!C5"),
    ]
    assert "公安局" in staff.errors[0].message("en")  # did you mean


def test_the_id_column_is_optional_and_window_aliases_work(tmp_path):
    staff = read_staff(
        write_staff(tmp_path / "s.xlsx", [("张伟", "社保中心")], header=("姓名", "窗口")),
        SCHEME,
        "2020-01",
    )
    assert staff.issues == [] and staff.people[0].window == "人劳局(社保中心)"


def test_a_missing_window_column_says_which(tmp_path):
    staff = read_staff(
        write_staff(tmp_path / "s.xlsx", [("张伟", "公安局")], header=("姓名", "部门")),
        SCHEME,
        "2020-01",
    )
    assert [i.code for i in staff.errors] == [Code.COLUMN_MISSING]


def test_a_workbook_without_the_staff_sheet_is_refused_naming_its_sheets(tmp_path):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "s.xlsx"))
    book.add_worksheet("扣分记录")
    book.close()
    with pytest.raises(QualitywinError) as raised:
        read_staff(tmp_path / "s.xlsx", SCHEME, "2020-01")
    assert raised.value.issues[0].code == Code.SHEET_MISSING
    assert "扣分记录" in raised.value.issues[0].message("en")


def test_exceptions_of_the_month_are_read_and_other_months_left_alone(tmp_path):
    rows = [
        ("张伟", dt.date(2020, 1, 6), "上午", "公出"),
        ("刘洋", dt.date(2020, 1, 7), "全天", "请假"),
        ("刘洋", dt.date(2020, 2, 3), "全天", "请假"),
    ]
    staff = read_staff(write_staff(tmp_path / "s.xlsx", STAFF, rows), SCHEME, "2020-01")
    assert staff.issues == []
    assert [(e.person.name, e.date.day, e.session, e.reason) for e in staff.exemptions] == [
        ("张伟", 6, "上午", "公出"),
        ("刘洋", 7, "全天", "请假"),
    ]
    assert staff.exemptions[1].covers(dt.date(2020, 1, 7), "下午")


def test_a_bad_exception_names_its_cell(tmp_path):
    rows = [
        ("张玮", dt.date(2020, 1, 6), "上午", "公出"),
        ("张伟", dt.date(2020, 1, 6), "早上", "公出"),
        ("王芳", dt.date(2020, 1, 6), "上午", "请假"),
        ("张伟", "一月六日", "上午", "公出"),
        ("张伟", dt.date(2020, 1, 8), "上午", ""),
    ]
    staff = read_staff(write_staff(tmp_path / "s.xlsx", STAFF, rows), SCHEME, "2020-01")
    found = [(i.code, i.where) for i in staff.errors]
    assert found == [
        (Code.STAFF_UNKNOWN, "考勤例外!A2"),
        (Code.SESSION_UNKNOWN, "考勤例外!C3"),
        (Code.NAME_AMBIGUOUS, "考勤例外!A4"),
        (Code.DATE_INVALID, "考勤例外!B5"),
        (Code.REQUIRED_BLANK, "考勤例外!D6"),
    ]
    assert "张伟" in staff.errors[0].message("en")  # did you mean


def test_an_id_decides_where_both_sides_have_one(tmp_path):
    people = read_staff(write_staff(tmp_path / "s.xlsx"), SCHEME, "2020-01").people
    assert find_person(people, "王芳", "4").window == "民政局"
    assert [p.window for p in find_person(people, "王芳", "")] == ["公安局", "民政局"]
    assert find_person(people, "王芳", "99") == []  # both have ids, and they differ
    assert find_person(people, "张伟", "").id == "1"


@pytest.mark.parametrize(
    "cell, expected",
    [(12.0, "12"), ("00012", "12"), ("０１２", "12"), (" A-7 ", "A-7"), ("", ""), ("0", "0")],
)
def test_clock_ids_compare_as_the_clock_means_them(cell, expected):
    assert person_id(cell) == expected
