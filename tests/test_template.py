"""`qualitywin template`: an empty month workbook with dropdowns and rules that our reader reads."""

import datetime as dt
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.records import read_month
from qualitywin.scheme import load_scheme
from qualitywin.template import LOOKUP_SHEET, RULES_SHEET, TEMPLATE_ROWS

runner = CliRunner()
SCHEME = load_scheme()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "2020-03.xlsx"
    result = run("--lang", "en", "template", "2020-03", "--output", path)
    assert result.exit_code == 0, result.output
    assert f"template written to {path}" in result.stdout
    return path


def validations(sheet):
    return {str(v.sqref): v for v in sheet.data_validations.dataValidation}


def test_the_incident_sheet_has_the_contract_headers_frozen_and_the_rule_text_column(template):
    sheet = openpyxl.load_workbook(template)["扣分记录"]
    header = [c.value for c in sheet[1]]
    assert header == ["日期", "窗口", "条款", "条款内容", "人次", "当事人", "说明", "状态"]
    assert sheet.freeze_panes == "A2"
    assert sheet["D2"].value.startswith("=IFERROR(VLOOKUP(C2,'条款说明'!")
    assert sheet[f"D{TEMPLATE_ROWS + 1}"].value.startswith("=IFERROR")


def test_the_incident_sheet_validates_every_input_column_on_2000_rows(template):
    sheet = openpyxl.load_workbook(template)["扣分记录"]
    found = validations(sheet)
    last = TEMPLATE_ROWS + 1
    assert TEMPLATE_ROWS >= 2000
    date = found[f"A2:A{last}"]
    assert date.type == "date" and date.operator in (None, "between")  # between: the default
    first_day, last_day = (
        dt.date(1899, 12, 30) + dt.timedelta(days=int(f)) for f in (date.formula1, date.formula2)
    )
    assert (first_day, last_day) == (dt.date(2020, 3, 1), dt.date(2020, 3, 31))
    window = found[f"B2:B{last}"]
    assert window.type == "list" and window.formula1 == f"'{LOOKUP_SHEET}'!$A$2:$A$29"
    rule = found[f"C2:C{last}"]
    recordable = [r.id for r in SCHEME.rules if r.mode != "computed"]
    assert (
        rule.type == "list" and rule.formula1 == f"'{LOOKUP_SHEET}'!$B$2:$B${len(recordable) + 1}"
    )
    count = found[f"E2:E{last}"]
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "1")
    status = found[f"H2:H{last}"]
    assert status.type == "list" and status.formula1 == '"有效,撤销"'
    for check in (date, window, rule, count, status, found[f"F2:F{last}"], found[f"G2:G{last}"]):
        assert check.showInputMessage and check.prompt and len(check.prompt) <= 255
    for check in (date, window, rule, count, status):
        assert check.showErrorMessage and check.errorStyle in (None, "stop")


def test_the_lookup_sheet_is_hidden_and_feeds_the_roster_and_the_recordable_rules(template):
    book = openpyxl.load_workbook(template)
    lookup = book[LOOKUP_SHEET]
    assert lookup.sheet_state == "hidden"
    assert [c.value for c in lookup["A"][1:]] == list(SCHEME.roster)
    rules = [c.value for c in lookup["B"][1:] if c.value]
    assert rules == [r.id for r in SCHEME.rules if r.mode != "computed"] and "2.1" not in rules
    assert book.active.title == "扣分记录"


def test_the_leave_sheet_and_the_rules_sheet(template):
    book = openpyxl.load_workbook(template)
    leave = book["请假"]
    assert [c.value for c in leave[1]] == ["窗口", "姓名", "病假天数", "私假天数"]
    found = validations(leave)
    assert found[f"A2:A{TEMPLATE_ROWS + 1}"].type == "list"
    for column in "CD":
        days = found[f"{column}2:{column}{TEMPLATE_ROWS + 1}"]
        assert (days.type, days.operator, days.formula1) == ("decimal", "greaterThanOrEqual", "0")
    rules = book[RULES_SHEET]
    assert [c.value for c in rules[1]] == ["条款", "类别", "简称", "条款内容", "分值", "方式"]
    listed = list(rules.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in listed] == [r.id for r in SCHEME.rules]
    assert listed[0][3] == SCHEME.rules[0].text and listed[0][4] == 5
    # widths fit Chinese: a CJK character counts double
    assert book["扣分记录"].column_dimensions["B"].width >= 2 * len("人劳局(社保中心)") - 2


def test_the_empty_template_validates_and_scores_everyone_full(template):
    records = read_month(template, SCHEME)
    assert records.errors == [] and records.incidents == []
    assert [i.code.value for i in records.warnings] == ["no-incidents"]  # nothing recorded: said
    result = runner.invoke(
        app,
        [
            "score",
            str(template),
            "--json",
            "--force",
            "--output",
            str(template.with_name("empty-结果.xlsx")),
        ],
    )
    assert result.exit_code == 0, result.output
    assert {w["total"] for w in json.loads(result.stdout)["windows"]} == {70}


def test_a_template_filled_with_three_rows_scores_as_expected(template, tmp_path):
    book = openpyxl.load_workbook(template)
    sheet = book["扣分记录"]
    rows = [
        (dt.datetime(2020, 3, 3), "公安局", "2.2a", 2, "张伟", "迟到", None),
        (dt.datetime(2020, 3, 5), "民政局", "3.2", None, "王五", None, "有效"),
        (dt.datetime(2020, 3, 6), "民政局", "4.1", 1, None, None, "撤销"),
    ]
    for number, values in enumerate(rows, start=2):
        for letter, value in zip("ABCEFGH", values):
            if value is not None:
                sheet[f"{letter}{number}"] = value
    book["请假"].append(["教体局", "李娜", 3, 1.5])
    filled = tmp_path / "2020-03.xlsx"
    book.save(filled)
    assert run("validate", filled).exit_code == 0
    result = run("score", filled, "--json")
    assert result.exit_code == 0, result.output
    shown = {w["window"]: w for w in json.loads(result.stdout)["windows"]}
    assert (shown["公安局"]["total"], shown["民政局"]["total"], shown["教体局"]["total"]) == (
        68,
        68,
        67,
    )
    assert shown["民政局"]["categories"]["行为规范"] == 8


def test_an_existing_file_is_refused_without_force(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("template", "2020-03").exit_code == 0
    first = (tmp_path / "2020-03.xlsx").read_bytes()
    refused = run("--lang", "en", "template", "2020-03")
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert (tmp_path / "2020-03.xlsx").read_bytes() == first
    assert run("template", "2020-03", "--force", "--quiet").stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2020-03.xlsx"]


def test_a_bad_month_is_a_usage_error():
    assert run("template", "2020-13").exit_code == 2


def test_a_february_of_a_leap_year_ends_on_the_29th(tmp_path):
    path = tmp_path / "2020-02.xlsx"
    assert run("template", "2020-02", "-o", path).exit_code == 0
    date = validations(openpyxl.load_workbook(path)["扣分记录"])[f"A2:A{TEMPLATE_ROWS + 1}"]
    assert dt.date(1899, 12, 30) + dt.timedelta(days=int(date.formula2)) == dt.date(2020, 2, 29)


def test_every_column_of_the_incident_sheet_has_an_input_message(template):
    """As the README says: each column, 条款内容 included, explains itself when selected."""
    sheet = openpyxl.load_workbook(template)["扣分记录"]
    prompted = {
        str(v.sqref).split(":")[0][0]
        for v in sheet.data_validations.dataValidation
        if v.showInputMessage and v.prompt
    }
    assert prompted == {c.column_letter for c in sheet[1]}
    assert "无需填写" in validations(sheet)[f"D2:D{TEMPLATE_ROWS + 1}"].prompt
