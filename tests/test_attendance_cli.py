"""`qualitywin attendance`: the derived workbook, scoreable as it is, exactly like typed rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
import xlsxwriter
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.records import read_month
from qualitywin.scoring import score_month

from attendance_helpers import RAW_HEADER, SCHEME, write_csv, write_staff

runner = CliRunner(env={"COLUMNS": "200"})
PEOPLE = [("张伟", "公安局", "1"), ("李娜", "民政局", "3"), ("刘洋", "地税局", "5")]


def month_of_punches(folder):
    """January 2020: everyone on time every workday, except a few findings."""
    from qualitywin.workdays import workdays_of_month

    rows = [RAW_HEADER]
    for day in workdays_of_month("2020-01", SCHEME.attendance):
        for name, _, number in PEOPLE:
            times = ["08:20", "12:01", "13:55", "17:02"]
            if (name, day.day) == ("张伟", 2):
                times[0] = "08:47"  # late
            if (name, day.day) == ("李娜", 3):
                times = times[:2]  # afternoon absent
            if (name, day.day) == ("刘洋", 19):  # the make-up Sunday
                times = ["08:25", "16:40"]  # left early, no morning sign-out
            rows.extend(["窗口", name, number, f"{day} {t}", 1] for t in times)
    staff = write_staff(
        folder / "人员.xlsx", PEOPLE, [("李娜", dt.date(2020, 1, 6), "全天", "出差")]
    )
    return write_csv(folder / "原始记录.csv", rows, "gbk"), staff


def run(*args):
    return runner.invoke(app, ["--lang", "zh", *map(str, args)])


def test_attendance_writes_the_month_workbook_with_both_sheets(tmp_path):
    export, staff = month_of_punches(tmp_path)
    target = tmp_path / "2020-01-考勤扣分.xlsx"
    result = run("attendance", export, "--staff", staff, "--month", "2020-01", "-o", target)
    assert result.exit_code == 0, result.output
    assert "生成扣分 5 条" in result.output and "结果已写入" in result.output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["扣分记录", "考勤明细", "考勤说明"]
    rows = list(book["扣分记录"].iter_rows(values_only=True))
    assert rows[0] == ("日期", "窗口", "条款", "人次", "当事人", "说明", "状态")
    assert [(r[0].date(), r[1], r[2], r[3], r[4]) for r in rows[1:]] == [
        (dt.date(2020, 1, 2), "公安局", "2.2a", 1, "张伟"),
        (dt.date(2020, 1, 3), "民政局", "2.2b", 1, "李娜"),
        (dt.date(2020, 1, 19), "地税局", "2.2b", 1, "刘洋"),  # 上午: no sign-out
        (dt.date(2020, 1, 19), "地税局", "2.2a", 1, "刘洋"),  # 下午: 20 minutes early…
        (dt.date(2020, 1, 19), "地税局", "2.2b", 1, "刘洋"),
    ]  # …and no sign-in
    assert rows[1][5] == "上午迟到 17 分钟:签到 08:47(应 08:30),原始记录.csv!D2"
    assert all(r[6] is None for r in rows[1:])
    details = list(book["考勤明细"].iter_rows(values_only=True))
    assert len(details) == 1 + 3 * 17 * 2
    exempt = [d for d in details if d[13] == "出差"]
    assert [(d[0].date(), d[5], d[12]) for d in exempt] == [
        (dt.date(2020, 1, 6), "上午", "例外"),
        (dt.date(2020, 1, 6), "下午", "例外"),
    ]


def typed_month(path, derived):
    """The same rows as a clerk would type them into 扣分记录."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("扣分记录")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ("日期", "窗口", "条款", "人次", "当事人", "说明", "状态"))
    for r, row in enumerate(derived, start=1):
        sheet.write_datetime(r, 0, row[0], date)
        sheet.write_row(r, 1, [row[1], row[2], 1, row[4], row[5] or ""])
        if row[6]:
            sheet.write_string(r, 6, row[6])
    book.close()
    return path


def scored(path):
    records = read_month(path, SCHEME)
    assert records.errors == []
    result = score_month(records, SCHEME)
    return (
        [(w.window, w.total, w.rank, w.status) for w in result.windows],
        [(a.date, a.window, a.rule_id, a.person, a.deducted, a.state) for a in result.audit],
        result.rows_counted,
        result.rows_withdrawn,
    )


def test_scoring_the_derived_workbook_equals_scoring_the_same_rows_typed(tmp_path):
    export, staff = month_of_punches(tmp_path)
    derived = tmp_path / "2020-01-考勤扣分.xlsx"
    assert (
        run(
            "attendance", export, "--staff", staff, "-o", derived, "--month", "2020-01", "-q"
        ).exit_code
        == 0
    )
    rows = list(openpyxl.load_workbook(derived)["扣分记录"].iter_rows(min_row=2, values_only=True))
    typed = typed_month(tmp_path / "2020-01.xlsx", rows)
    assert scored(derived) == scored(typed)
    windows = dict((w, total) for w, total, *_ in scored(derived)[0])
    assert (windows["公安局"], windows["民政局"], windows["地税局"]) == (69, 65, 59)
    cli = run("score", derived, "-q")
    assert cli.exit_code == 0 and (tmp_path / "2020-01-考勤扣分-结果.xlsx").exists()


def test_a_withdrawn_derived_row_counts_nothing(tmp_path):
    export, staff = month_of_punches(tmp_path)
    derived = tmp_path / "2020-01-考勤扣分.xlsx"
    run("attendance", export, "--staff", staff, "-o", derived, "--month", "2020-01", "-q")
    before = scored(derived)
    book = openpyxl.load_workbook(derived)
    book["扣分记录"]["G3"] = "撤销"  # 李娜's afternoon, withdrawn on appeal
    book.save(derived)
    windows, audit, counted, withdrawn = scored(derived)
    assert dict((w, t) for w, t, *_ in windows)["民政局"] == 70
    assert (counted, withdrawn) == (before[2] - 1, 1)
    assert [a[4] for a in audit if a[1] == "民政局"] == [0]


def test_a_bad_export_cell_stops_the_run_naming_the_cell_and_writes_nothing(tmp_path):
    staff = write_staff(tmp_path / "人员.xlsx", PEOPLE)
    export = write_csv(tmp_path / "p.csv", [RAW_HEADER, ["窗口", "张伟", "1", "2020-01-02 8点", 1]])
    result = run("attendance", export, "--staff", staff, "--month", "2020-01")
    assert result.exit_code == 1
    assert "p.csv!D2" in result.output and "8点" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv", "人员.xlsx"]  # nothing written
    assert "Traceback" not in result.output


def test_usage_errors_exit_2_and_an_existing_output_needs_force(tmp_path):
    export, staff = month_of_punches(tmp_path)
    assert run("attendance", export, "--staff", staff, "--month", "2020-13").exit_code == 2
    assert (
        run(
            "attendance", export, "--staff", staff, "--month", "2020-01", "--format", "zkteco"
        ).exit_code
        == 2
    )
    assert run("attendance", export, "--staff", staff).exit_code == 2  # no month in 原始记录.csv
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"keep")
    result = run("attendance", export, "--staff", staff, "--month", "2020-01", "-o", target)
    assert result.exit_code == 1 and target.read_bytes() == b"keep"


def test_a_rules_file_without_attendance_is_refused(tmp_path):
    export, staff = month_of_punches(tmp_path)
    text = open(SCHEME.path, encoding="utf-8").read()
    rules = tmp_path / "rules.py"
    rules.write_text(text[: text.index("ATTENDANCE = {")], encoding="utf-8")
    result = run("attendance", export, "--staff", staff, "--month", "2020-01", "--rules", rules)
    assert result.exit_code == 1 and "ATTENDANCE" in result.output


def test_the_month_comes_from_the_first_export_name(tmp_path):
    export, staff = month_of_punches(tmp_path)
    named = export.rename(tmp_path / "2020-01-原始记录.csv")
    result = run("attendance", named, "--staff", staff, "-o", tmp_path / "a.xlsx", "-q")
    assert result.exit_code == 0 and (tmp_path / "a.xlsx").exists()


def test_the_library_result_is_what_the_cli_writes(tmp_path):
    from attendance_helpers import derive

    export, staff = month_of_punches(tmp_path)
    result = derive([export], staff)
    target = tmp_path / "x.xlsx"
    run("attendance", export, "--staff", staff, "--month", "2020-01", "-o", target, "-q")
    rows = list(openpyxl.load_workbook(target)["扣分记录"].iter_rows(min_row=2, values_only=True))
    assert [(r[0].date(), r[1], r[2], r[4], r[5]) for r in rows] == [
        dataclasses.astuple(r) for r in result.rows
    ]


def test_the_api_writes_nothing_for_a_result_with_errors_and_never_over_an_input(tmp_path):
    import pytest

    import qualitywin
    from qualitywin.issues import QualitywinError

    staff = write_staff(tmp_path / "人员.xlsx", PEOPLE)
    bad = write_csv(tmp_path / "p.csv", [RAW_HEADER, ["窗口", "张伟", "1", "2020-01-02 8点", 1]])
    result = qualitywin.derive_attendance([bad], staff=staff, month="2020-01")
    assert [e.where for e in result.errors] == ["p.csv!D2"]
    with pytest.raises(QualitywinError):
        qualitywin.write_attendance(result, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
    export, staff = month_of_punches(tmp_path)
    good = qualitywin.derive_attendance([export], staff=staff, month="2020-01")
    with pytest.raises(QualitywinError) as raised:
        qualitywin.write_attendance(good, staff, force=True)
    assert raised.value.issues[0].code.value == "output-is-input"


def test_the_workbook_says_where_its_rows_come_from(tmp_path):
    export, staff = month_of_punches(tmp_path)
    target = tmp_path / "x.xlsx"
    run("attendance", export, "--staff", staff, "--month", "2020-01", "-o", target, "-q")
    about = dict(openpyxl.load_workbook(target)["考勤说明"].iter_rows(values_only=True))
    assert about["月份"] == "2020-01" and about["工作日"].startswith("17 天:1-2、1-3")
    assert "1-19" in about["工作日"] and "1-24" not in about["工作日"]
    assert about["导出文件"] == f"原始记录.csv(punches,{3 * 17 * 4 - 2 - 2} 次打卡)"
    assert about["时段"].startswith("上午 08:30–12:00、下午 14:30–17:30(05-01 至 09-30)")
    assert about["生成扣分"] == "5 条"
