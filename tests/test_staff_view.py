"""The staff view: with a roster, each person's month — rows and points recorded against them,
sessions late or absent — and 满分 for those with nothing recorded."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
from typer.testing import CliRunner

import qualitywin
from qualitywin.cli import app
from qualitywin.issues import Code

from attendance_helpers import write_staff
from conftest import build_workbook, day
from test_month_files import derived_month

runner = CliRunner(env={"COLUMNS": "200"})
# the three of the punches (test_attendance_cli.PEOPLE) and 王芳, who has nothing recorded
ROSTER = [
    ("张伟", "公安局", "1"),
    ("李娜", "民政局", "3"),
    ("刘洋", "地税局", "5"),
    ("王芳", "公安局", "2"),
]


def figures(result):
    return [
        (s.name, s.window, s.rows, s.points, s.late, s.absent, s.full_marks) for s in result.staff
    ]


# Worked out by hand from test_month_files.TYPED and test_attendance_cli.month_of_punches:
#   张伟: late on 01-02 (2.2a, 1 point)
#   李娜: absent on the afternoon of 01-03 (2.2b, 5)
#   刘洋: the make-up Sunday 01-19: no morning sign-out (2.2b, 5), left early (2.2a, 1), no
#         afternoon sign-in (2.2b, 5); and the typed 2.3a × 2 on 01-09 (2 points): 4 rows, 13
#   王芳: nothing: 满分. 王强 (公安局's typed 3.1) is not on the roster: a warning.
EXPECTED = [
    ("张伟", "公安局", 1, Decimal(1), 1, 0, False),
    ("王芳", "公安局", 0, Decimal(0), 0, 0, True),
    ("李娜", "民政局", 1, Decimal(5), 0, 1, False),
    ("刘洋", "地税局", 4, Decimal(13), 1, 2, False),
]


def test_the_staff_list_matches_the_hand_computed_figures(tmp_path):
    typed, derived = derived_month(tmp_path)
    roster = write_staff(tmp_path / "名单.xlsx", ROSTER)
    result = qualitywin.score_file([typed, derived], staff=roster)
    assert figures(result) == EXPECTED
    liu = result.staff[3]
    assert liu.where == [
        "[2020-01.xlsx]扣分记录!4",
        "[2020-01-考勤扣分.xlsx]扣分记录!4",
        "[2020-01-考勤扣分.xlsx]扣分记录!5",
        "[2020-01-考勤扣分.xlsx]扣分记录!6",
    ]
    strangers = [i for i in result.warnings if i.code == Code.PERSON_NOT_ON_ROSTER]
    assert [i.params["people"] for i in strangers] == ["王强(公安局)"]


def test_a_roster_sheet_in_the_month_workbook_needs_no_option(tmp_path):
    path = build_workbook(
        tmp_path / "2020-02.xlsx",
        [
            (day(3), "公安局", "3.1", 1, "张伟、李四", "", None),
            (day(4), "公安局", "3.2", 1, "张伟", "", "撤销"),  # withdrawn: counts for nobody
            (day(5), "民政局", "1.1a", 1, "", "", None),
        ],
    )
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("人员")
    for row in (("姓名", "窗口"), ("张伟", "公安局"), ("李四", "公安局"), ("李娜", "民政局")):
        sheet.append(row)
    book.save(path)
    result = qualitywin.score_file(path)
    assert figures(result) == [
        ("张伟", "公安局", 1, Decimal(1), 0, 0, False),
        ("李四", "公安局", 1, Decimal(1), 0, 0, False),
        ("李娜", "民政局", 0, Decimal(0), 0, 0, True),
    ]
    assert result.staff[0].where == ["扣分记录!2"]  # one file: named as always


def test_the_result_has_a_staff_sheet_and_its_data_gives_the_staff_back(tmp_path):
    typed, derived = derived_month(tmp_path)
    roster = write_staff(tmp_path / "名单.xlsx", ROSTER)
    result = qualitywin.score_file([typed, derived], staff=roster)
    written = qualitywin.write_result(result)
    sheet = openpyxl.load_workbook(written)["人员"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == (
        "窗口",
        "姓名",
        "扣分行数",
        "应扣分",
        "实扣分",
        "迟到早退(时段)",
        "旷工缺卡(时段)",
        "满分",
    )
    assert [r[:8] for r in rows[1:]] == [
        ("公安局", "张伟", 1, 1, 1, 1, 0, None),
        ("公安局", "王芳", 0, 0, 0, 0, 0, "满分"),
        ("民政局", "李娜", 1, 5, 5, 0, 1, None),
        ("地税局", "刘洋", 4, 13, 13, 1, 2, None),
    ]
    loaded = qualitywin.load_result(written)
    assert figures(loaded) == EXPECTED
    assert loaded.staff[3].where == result.staff[3].where


def test_score_staff_json_is_the_library_view(tmp_path):
    typed, derived = derived_month(tmp_path)
    roster = write_staff(tmp_path / "名单.xlsx", ROSTER)
    cli = runner.invoke(
        app,
        ["--lang", "zh", "score", str(typed), str(derived), "--staff", str(roster), "--json", "-q"],
    )
    assert cli.exit_code == 0, cli.output
    shown = json.loads(cli.stdout)["staff"]
    library = qualitywin.score_file([typed, derived], staff=roster).to_dict()["staff"]
    assert shown == library
    assert [(s["name"], s["full_marks"]) for s in shown] == [
        ("张伟", False),
        ("王芳", True),
        ("李娜", False),
        ("刘洋", False),
    ]


def test_without_a_roster_there_is_no_staff_view(tmp_path):
    path = build_workbook(
        tmp_path / "2020-02.xlsx", [(day(3), "公安局", "3.1", 1, "张伟", "", None)]
    )
    result = qualitywin.score_file(path)
    assert result.staff == [] and "staff" not in result.to_dict()
    written = qualitywin.write_result(result)
    assert "人员" not in openpyxl.load_workbook(written).sheetnames


def test_a_roster_in_two_of_the_months_files_is_an_error(tmp_path):
    first = write_staff(tmp_path / "2020-01-名单.xlsx", ROSTER)
    book = openpyxl.load_workbook(first)
    incidents = book.create_sheet("扣分记录")
    incidents.append(("日期", "窗口", "条款"))
    incidents.append((dt.datetime(2020, 1, 6), "公安局", "3.1"))
    book.save(first)
    second = write_staff(tmp_path / "2020-01-人员.xlsx", ROSTER)
    records = qualitywin.validate_file([first, second])
    assert [i.code for i in records.errors] == [Code.SHEET_IN_TWO_FILES]
    assert "[2020-01-人员.xlsx]人员" in records.errors[0].message("zh")


def test_a_bad_roster_cell_is_named_with_the_roster_file(tmp_path):
    path = build_workbook(tmp_path / "2020-02.xlsx", [])
    roster = write_staff(tmp_path / "名单.xlsx", [("张伟", "没有的局", "1")])
    records = qualitywin.validate_file(path, staff=roster)
    assert [(i.code, i.where) for i in records.errors] == [
        (Code.WINDOW_UNKNOWN, "[名单.xlsx]人员!B2")
    ]


def test_validate_checks_the_roster_given_with_staff(tmp_path):
    typed, derived = derived_month(tmp_path)
    roster = write_staff(tmp_path / "名单.xlsx", [*ROSTER, ("赵六", "公安", "9")])
    args = ["--lang", "en", "validate", str(typed), str(derived)]
    assert runner.invoke(app, args).exit_code == 0  # no roster given: nothing to check
    with_roster = runner.invoke(app, [*args, "--staff", str(roster)])
    assert with_roster.exit_code == 1
    assert "[名单.xlsx]人员!B6" in with_roster.stdout and "公安" in with_roster.stdout
    records = qualitywin.validate_file([typed, derived], staff=roster)
    assert [i.code for i in records.errors] == [Code.WINDOW_UNKNOWN]
