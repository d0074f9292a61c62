"""A month of several workbooks: the incidents add up, each other sheet is in one file only, and
every line and message names its file."""

from __future__ import annotations

import json

import openpyxl
from typer.testing import CliRunner

import qualitywin
from qualitywin.cli import app
from qualitywin.issues import Code

from attendance_helpers import SCHEME
from conftest import build_workbook, day
from test_attendance_cli import month_of_punches

runner = CliRunner(env={"COLUMNS": "200"})

TYPED = [  # January's typed incidents, for three windows the clock rows also touch
    (day(6, 1), "公安局", "3.1", 1, "王强", "着装不规范", None),
    (day(8, 1), "民政局", "1.1a", 1, "", "", None),
    (day(9, 1), "地税局", "2.3a", 2, "刘洋", "", None),
]


def run(*args):
    return runner.invoke(app, ["--lang", "zh", *map(str, args)])


def derived_month(folder):
    """2020-01.xlsx (typed) and 2020-01-考勤扣分.xlsx (derived by `attendance`)."""
    export, staff = month_of_punches(folder)
    derived = folder / "2020-01-考勤扣分.xlsx"
    assert (
        run(
            "attendance", export, "--staff", staff, "-o", derived, "--month", "2020-01", "-q"
        ).exit_code
        == 0
    )
    typed = build_workbook(folder / "2020-01.xlsx", TYPED)
    return typed, derived


def ranking(result):
    return [(w.window, w.categories, w.total, w.rank, w.status) for w in result.windows]


def test_two_workbooks_rank_exactly_as_the_derived_rows_typed_into_one(tmp_path):
    typed, derived = derived_month(tmp_path)
    derived_rows = list(
        openpyxl.load_workbook(derived)["扣分记录"].iter_rows(min_row=2, values_only=True)
    )
    together = tmp_path / "together" / "2020-01.xlsx"
    together.parent.mkdir()
    build_workbook(together, [*TYPED, *derived_rows])
    two = qualitywin.score_file([typed, derived], rules=SCHEME)
    one = qualitywin.score_file(together, rules=SCHEME)
    assert ranking(two) == ranking(one)
    assert (
        (two.rows_counted, two.rows_withdrawn) == (one.rows_counted, one.rows_withdrawn) == (8, 0)
    )
    totals = {w.window: w.total for w in two.windows}
    # 公安局: 3.1 (1) + 张伟 late (2.2a, 1); 民政局: 1.1a (5) + 李娜 absent (2.2b, 5);
    # 地税局: 2.3a ×2 (2) + 刘洋's Sunday: no morning sign-out, left early, no sign-in (5+1+5)
    assert (totals["公安局"], totals["民政局"], totals["地税局"]) == (68, 60, 57)
    assert sum(a.deducted for a in two.audit) == sum(a.deducted for a in one.audit)


def test_the_cli_scores_several_files_and_names_the_result_after_the_first(tmp_path):
    typed, derived = derived_month(tmp_path)
    result = run("score", typed, derived, "--json")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2020-01-结果.xlsx").exists()
    shown = json.loads(result.stdout)
    assert shown["month"] == "2020-01"
    loaded = qualitywin.load_result(tmp_path / "2020-01-结果.xlsx")
    assert [s.path for s in loaded.sources] == [str(typed), str(derived)]
    assert loaded.source_path == str(typed)
    files = {(a.file, a.sheet) for a in loaded.audit}
    assert files == {("2020-01.xlsx", "扣分记录"), ("2020-01-考勤扣分.xlsx", "扣分记录")}
    audit = openpyxl.load_workbook(tmp_path / "2020-01-结果.xlsx")["扣分明细"]
    assert "[2020-01-考勤扣分.xlsx]扣分记录" in {c.value for c in audit["A"]}
    full = loaded.to_dict()
    assert [s["file"] for s in full["sources"]] == [str(typed), str(derived)]
    assert {a["file"] for a in full["audit"]} == {"2020-01.xlsx", "2020-01-考勤扣分.xlsx"}


def test_a_withdrawn_derived_row_counts_nothing_beside_the_typed_month(tmp_path):
    typed, derived = derived_month(tmp_path)
    before = {w.window: w.total for w in qualitywin.score_file([typed, derived]).windows}
    book = openpyxl.load_workbook(derived)
    book["扣分记录"]["G3"] = "撤销"  # 李娜's afternoon (2.2b, 5 points), withdrawn on appeal
    book.save(derived)
    after = qualitywin.score_file([typed, derived])
    assert {w.window: w.total for w in after.windows}["民政局"] == before["民政局"] + 5
    assert after.rows_withdrawn == 1


def test_a_sheet_in_two_files_is_an_error_naming_both(tmp_path):
    leave = [("公安局", "王强", 5, 0)]
    first = build_workbook(tmp_path / "2020-02.xlsx", [], leave=leave)
    second = build_workbook(tmp_path / "2020-02-请假.xlsx", [], leave=leave)
    records = qualitywin.validate_file([first, second])
    assert [i.code for i in records.errors] == [Code.SHEET_IN_TWO_FILES]
    result = run("validate", first, second)
    assert result.exit_code == 1
    assert "[2020-02.xlsx]请假" in result.output and "[2020-02-请假.xlsx]请假" in result.output


def test_the_leave_sheet_may_live_in_any_one_of_the_files(tmp_path):
    first = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "3.1", 1, "", "", None)])
    second = build_workbook(
        tmp_path / "2020-02-请假.xlsx", [], leave=[("公安局", "王强", 5, 0)]
    )  # 2 days over: 4 points
    result = qualitywin.score_file([first, second])
    police = next(w for w in result.windows if w.window == "公安局")
    assert police.total == 70 - 1 - 4
    computed = [a for a in result.audit if a.rule_id == "2.1"]
    assert [(a.file, a.sheet, a.row) for a in computed] == [("2020-02-请假.xlsx", "请假", 2)]


def test_the_same_entry_in_two_files_is_a_warning(tmp_path):
    row = (day(5), "公安局", "2.2a", 1, "张伟", "", None)
    first = build_workbook(tmp_path / "2020-02.xlsx", [row])
    second = build_workbook(tmp_path / "2020-02-考勤扣分.xlsx", [row, row])
    records = qualitywin.validate_file([first, second])
    doubles = [i for i in records.warnings if i.code == Code.DOUBLE_ENTRY]
    assert [(i.file, i.row, i.params["other"]) for i in doubles] == [
        ("2020-02-考勤扣分.xlsx", 2, "[2020-02.xlsx]扣分记录!2"),
        ("2020-02-考勤扣分.xlsx", 3, "[2020-02.xlsx]扣分记录!2"),
    ]
    assert doubles[0].where == "[2020-02-考勤扣分.xlsx]扣分记录!C2"
    assert records.errors == []


def test_two_of_the_same_entry_in_one_file_are_no_warning(tmp_path):
    row = (day(5), "公安局", "2.2a", 1, "张伟", "", None)
    first = build_workbook(tmp_path / "2020-02.xlsx", [row, row])
    second = build_workbook(tmp_path / "2020-02-考勤扣分.xlsx", [])
    records = qualitywin.validate_file([first, second])
    assert not [i for i in records.warnings if i.code == Code.DOUBLE_ENTRY]


def test_a_file_named_for_another_month_is_an_error(tmp_path):
    first = build_workbook(tmp_path / "2020-02.xlsx", [])
    other = build_workbook(tmp_path / "2020-01-考勤扣分.xlsx", [])
    records = qualitywin.validate_file([first, other])
    assert [(i.code, i.params["file"]) for i in records.errors] == [
        (Code.FILE_OTHER_MONTH, "2020-01-考勤扣分.xlsx")
    ]
    result = run("score", first, other)
    assert result.exit_code == 1
    assert "2020-01-考勤扣分.xlsx" in result.output and "2020-02" in result.output
    assert not (tmp_path / "2020-02-结果.xlsx").exists()


def test_the_month_option_wins_and_then_every_file_must_agree(tmp_path):
    first = build_workbook(
        tmp_path / "incidents.xlsx", [(day(3), "公安局", "3.1", 1, "", "", None)]
    )
    second = build_workbook(tmp_path / "2020-02-考勤扣分.xlsx", [])
    assert qualitywin.validate_file([first, second]).month == "2020-02"
    records = qualitywin.validate_file([first, second], month="2020-03")
    assert {i.code for i in records.errors} >= {Code.FILE_OTHER_MONTH}


def test_a_bad_cell_is_named_with_its_file(tmp_path):
    first = build_workbook(tmp_path / "2020-02.xlsx", [])
    second = build_workbook(
        tmp_path / "2020-02-b.xlsx", [(day(3), "没有的局", "3.1", 1, "", "", None)]
    )
    result = run("validate", first, second)
    assert result.exit_code == 1
    assert "[2020-02-b.xlsx]扣分记录!B2" in result.output
    shown = json.loads(run("validate", first, second, "--json").stdout)
    assert [(i["file"], i["cell"]) for i in shown["issues"]] == [("2020-02-b.xlsx", "B2")]
    assert [f["file"] for f in shown["files"]] == [str(first), str(second)]


def test_one_file_in_a_list_reads_as_that_file_alone(tmp_path):
    path = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "没有的局", "3.1", 1, "", "", None)])
    alone, listed = qualitywin.validate_file(path), qualitywin.validate_file([path])
    assert alone.issues == listed.issues and alone.issues[0].file is None
    assert alone.issues[0].where == "扣分记录!B2"


def test_top_and_score_take_several_files_and_say_where_a_double_entry_is(tmp_path):
    typed, derived = derived_month(tmp_path)
    book = openpyxl.load_workbook(typed)  # the clerk also typed 张伟's late arrival of 01-02
    book["扣分记录"].append((day(2, 1), "公安局", "2.2a", 1, "张伟", "迟到", None))
    book.save(typed)
    top = run("top", typed, derived)
    assert top.exit_code == 0, top.output
    assert "发改委" in top.stdout and "公安局" not in top.stdout  # 公安局 lost 3 points
    scored = run("score", typed, derived)
    assert scored.exit_code == 0, scored.output
    assert "[2020-01-考勤扣分.xlsx]扣分记录!C2" in scored.output  # the later file's row …
    assert "[2020-01.xlsx]扣分记录!5" in scored.output  # … names the first file's
    police = next(
        w for w in qualitywin.score_file([typed, derived]).windows if w.window == "公安局"
    )
    assert police.total == 70 - 1 - 1 - 1  # both entries count: a warning, not a guess
