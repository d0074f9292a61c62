"""Each mistake gets its own answer, in the order a newcomer makes them: the input first, then
the options, then the output; a folder for a file is told, not a traceback; a refused month ends
with its count; -q keeps only the errors; an empty month says so."""

import pytest
from typer.testing import CliRunner

from qualitywin.cli import app

from conftest import build_workbook, day

runner = CliRunner(env={"COLUMNS": "300"})


def run(*args):
    return runner.invoke(app, ["--lang", "en", *map(str, args)])


@pytest.mark.parametrize("command", ["score", "validate", "top"])
@pytest.mark.parametrize("folder", [".", "/"])
def test_a_folder_given_as_the_input_is_told_with_exit_1(command, folder):
    result = run(command, folder)
    assert result.exit_code == 1, result.output
    assert "is not a file (it is a folder)" in result.stderr
    assert isinstance(result.exception, SystemExit)  # an answer, not a ValueError


@pytest.mark.parametrize("command", ["score", "validate", "top"])
def test_a_missing_input_is_not_found_before_its_month_is_asked_for(command, tmp_path):
    result = run(command, tmp_path / "nosuch.xlsx")
    assert result.exit_code == 1 and "file not found" in result.stderr
    assert "cannot tell the month" not in result.stderr


@pytest.fixture
def month_with_result(tmp_path):
    source = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "2.2a", 1)])
    assert run("score", source).exit_code == 0  # the result is there now
    return source


def test_a_bad_month_is_answered_before_the_output_that_exists(month_with_result):
    result = run("score", month_with_result, "--month", "2020-13")
    assert result.exit_code == 2 and "month 2020-13 is not valid" in result.stderr
    assert "exists" not in result.stderr


def test_a_csv_input_is_answered_before_the_output_that_exists(month_with_result):
    csv = month_with_result.with_name("2020-02.csv")
    csv.write_text("日期,窗口,条款\n2020-02-03,公安局,2.2a\n", encoding="utf-8")
    month_with_result.with_name("2020-02-结果.xlsx").rename(csv.with_name("2020-02-结果.xlsx"))
    result = run("score", csv, "-o", csv.with_name("2020-02-结果.xlsx"))
    assert result.exit_code == 1 and "is not an Excel workbook" in result.stderr
    assert "exists" not in result.stderr


def test_a_bad_rules_file_is_answered_before_the_output_that_exists(month_with_result, tmp_path):
    result = run("score", month_with_result, "--rules", tmp_path / "nosuch.py")
    assert result.exit_code == 1 and "cannot read the rules file" in result.stderr


@pytest.mark.parametrize("name", ["out.csv", "out.xls", "out"])
def test_an_output_that_is_not_xlsx_is_refused(month_with_result, name):
    target = month_with_result.with_name(name)
    result = run("score", month_with_result, "-o", target, "--force")
    assert result.exit_code == 2 and "must end in .xlsx" in result.stderr
    assert not target.exists()


def test_template_and_annual_refuse_a_non_xlsx_output_too(tmp_path, month_with_result):
    assert run("template", "2020-03", "-o", tmp_path / "t.csv").exit_code == 2
    assert run("annual", month_with_result.parent, "-o", tmp_path / "y.csv").exit_code == 2
    assert not (tmp_path / "t.csv").exists() and not (tmp_path / "y.csv").exists()


def test_score_with_errors_ends_with_the_count_as_validate_does(tmp_path):
    source = build_workbook(
        tmp_path / "2020-02.xlsx", [(day(3), "公安", "2.2a", 1), (day(4), "民政局", "9.9", 1)]
    )
    result = run("score", source)
    assert result.exit_code == 1
    assert result.stderr.rstrip().splitlines()[-1] == "2020-02.xlsx: 2 errors"
    zh = runner.invoke(app, ["--lang", "zh", "score", str(source)])
    assert zh.stderr.rstrip().splitlines()[-1] == "2020-02.xlsx 中有 2 个错误"


def test_quiet_shows_only_the_errors_when_there_are_errors(tmp_path):
    rows = [(day(3), "公安", "2.2a", 1)]  # an error
    moved = build_workbook(tmp_path / "2020-03.xlsx", rows)  # --month 2020-02: a warning too
    loud = run("score", moved, "--month", "2020-02")
    quiet = run("score", moved, "--month", "2020-02", "-q")
    assert loud.exit_code == quiet.exit_code == 1
    assert "Warnings" in loud.stderr and "differs from the month" in loud.stderr
    assert "Warnings" not in quiet.stderr and "differs from the month" not in quiet.stderr
    assert "not on the roster" in quiet.stderr


def test_an_empty_month_warns_that_nothing_was_recorded(tmp_path):
    template = tmp_path / "2020-03.xlsx"
    assert run("template", "2020-03", "-o", template).exit_code == 0
    result = run("score", template)
    assert result.exit_code == 0
    assert "records no incident: all 28 windows of 2020-03 keep full marks and tie" in result.stdout


def test_a_month_with_rows_has_no_such_warning(tmp_path):
    source = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "2.2a", 1)])
    assert "records no incident" not in run("score", source).stdout


def test_notice_and_page_refuse_an_output_of_another_kind(tmp_path):
    source = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "2.2a", 1)])
    assert run("score", source).exit_code == 0
    result = source.with_name("2020-02-结果.xlsx")
    for command, name, suffix in (("notice", "n.txt", ".docx"), ("page", "p.htm", ".html")):
        done = run(command, result, "-o", tmp_path / name)
        assert done.exit_code == 2 and f"must end in {suffix}" in done.stderr, done.output
        assert not (tmp_path / name).exists()
