"""`read_month` reports every problem at once, each at its sheet and cell."""

import datetime as dt

import openpyxl
import pytest

from qualitywin.issues import Code, QualitywinError
from qualitywin.issues import UsageProblem
from qualitywin.records import read_month, resolve_month
from qualitywin.scheme import load_scheme

from conftest import HEADER, build_workbook, day

SCHEME = load_scheme()


def problems(path, month=None):
    records = read_month(path, SCHEME, month)
    return [(i.code, i.where) for i in records.errors], records


def one_row(month_file, row, **kwargs):
    found, _ = problems(month_file([row], **kwargs))
    return found


@pytest.mark.parametrize(
    "row, code, cell",
    [
        ((43864, "公安局", "2.2a"), Code.DATE_NUMBER, "扣分记录!A2"),
        (("二月三日", "公安局", "2.2a"), Code.DATE_INVALID, "扣分记录!A2"),
        ((day(3, month=3), "公安局", "2.2a"), Code.DATE_OUTSIDE_MONTH, "扣分记录!A2"),
        ((day(3), "公安", "2.2a"), Code.WINDOW_UNKNOWN, "扣分记录!B2"),
        ((day(3), "公安局", "2.2"), Code.RULE_UNKNOWN, "扣分记录!C2"),
        ((day(3), "公安局", "2.1"), Code.RULE_COMPUTED, "扣分记录!C2"),
        ((day(3), "公安局", "2.2a", 1.5), Code.COUNT_INVALID, "扣分记录!D2"),
        ((day(3), "公安局", "2.2a", 0), Code.COUNT_INVALID, "扣分记录!D2"),
        ((day(3), "公安局", "2.2a", "abc"), Code.COUNT_INVALID, "扣分记录!D2"),
        ((day(3), "公安局", "2.2a", 1, "", "", "作废"), Code.STATUS_INVALID, "扣分记录!G2"),
        ((None, "公安局", "2.2a"), Code.REQUIRED_BLANK, "扣分记录!A2"),
        ((day(3), None, "2.2a"), Code.REQUIRED_BLANK, "扣分记录!B2"),
        ((day(3), "公安局", "  "), Code.REQUIRED_BLANK, "扣分记录!C2"),
    ],
)
def test_each_bad_value_is_an_error_at_its_cell(month_file, row, code, cell):
    assert one_row(month_file, row) == [(code, cell)]


def test_an_unknown_window_suggests_the_near_miss(month_file):
    records = read_month(month_file([(day(3), "公安", "2.2a")]), SCHEME)
    message = records.errors[0].message("en")
    assert "公安局" in message and "did you mean" in message


def test_an_unknown_rule_suggests_its_parts(month_file):
    records = read_month(month_file([(day(3), "公安局", "2.2")]), SCHEME)
    assert records.errors[0].params["suggestions"] == ["2.2a", "2.2b", "2.2c"]


def test_every_problem_is_reported_at_once_in_row_order(month_file):
    rows = [
        (43864, "公安", "2.2"),
        (day(4), "公安局", "2.2a"),
        (day(5), "民政局", "9.9", -1, "", "", "?"),
    ]
    found, records = problems(month_file(rows))
    assert found == [
        (Code.DATE_NUMBER, "扣分记录!A2"),
        (Code.WINDOW_UNKNOWN, "扣分记录!B2"),
        (Code.RULE_UNKNOWN, "扣分记录!C2"),
        (Code.RULE_UNKNOWN, "扣分记录!C4"),
        (Code.COUNT_INVALID, "扣分记录!D4"),
        (Code.STATUS_INVALID, "扣分记录!G4"),
    ]
    assert len(records.incidents) == 1


def test_the_header_may_start_below_row_1_and_right_of_column_a(tmp_path):
    path = tmp_path / "2020-02.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "扣分记录"
    sheet["B1"] = None
    for column, name in enumerate(HEADER, start=3):
        sheet.cell(4, column, name)
    sheet.cell(5, 3, day(3))
    sheet.cell(5, 4, "公安")
    sheet.cell(5, 5, "2.2a")
    book.save(path)
    found, _ = problems(path)
    assert found == [(Code.WINDOW_UNKNOWN, "扣分记录!D5")]


def test_english_aliases_case_spaces_and_full_width_headers_are_accepted(month_file):
    header = ("Date", " WINDOW ", "ｒｕｌｅ", "count", "Person", "note", "Status")
    found, records = problems(month_file([(day(3), "公安局", "2.2a", 2)], header=header))
    assert found == [] and records.incidents[0].count == 2


def test_an_unknown_extra_column_is_a_warning(month_file):
    _, records = problems(
        month_file([(day(3), "公安局", "2.2a", 1, "", "", "", "x")], header=(*HEADER, "备注2"))
    )
    assert records.errors == []
    assert [(w.code, w.where) for w in records.warnings] == [(Code.COLUMN_UNKNOWN, "扣分记录!H1")]


def test_a_known_column_twice_is_an_error(month_file):
    found, _ = problems(month_file([], header=(*HEADER, "窗口")))
    assert found == [(Code.COLUMN_DUPLICATE, "扣分记录!H1")]


def test_a_missing_required_column_is_an_error_with_a_suggestion(month_file):
    found, records = problems(month_file([], header=("日期", "窗囗", "条款")))
    assert found == [(Code.COLUMN_MISSING, "扣分记录!1")]
    assert records.errors[0].params["column"] == "窗口"


def test_blank_rows_are_skipped_and_a_header_only_sheet_is_valid(month_file):
    found, records = problems(month_file([(None,), ("  ", None, ""), (day(3), "公安局", "2.2a")]))
    assert found == [] and [i.row for i in records.incidents] == [4]
    found, records = problems(month_file([], name="2020-03.xlsx"))
    assert found == [] and records.incidents == []


def test_the_incident_sheet_may_be_called_incidents_in_any_case(month_file):
    found, records = problems(month_file([(day(3), "公安局", "2.2a")], sheet=" Incidents "))
    assert found == [] and records.incident_sheet == " Incidents "


def test_a_missing_incident_sheet_names_the_sheets_there_are(month_file):
    with pytest.raises(QualitywinError) as caught:
        read_month(month_file([], sheet="Sheet1"), SCHEME)
    assert caught.value.issues[0].code == Code.SHEET_MISSING
    assert "Sheet1" in caught.value.render("en")


def test_both_1_1a_and_1_1b_is_a_warning_at_the_replaced_row(month_file):
    _, records = problems(month_file([(day(3), "公安局", "1.1a"), (day(4), "公安局", "1.1b")]))
    assert [(w.code, w.where) for w in records.warnings] == [(Code.RULE_REPLACED, "扣分记录!C2")]


@pytest.mark.parametrize(
    "leave_row, code, cell",
    [
        (("公安局", "张伟", -1, 0), Code.NUMBER_INVALID, "请假!C2"),
        (("公安局", "张伟", 1, "半天"), Code.NUMBER_INVALID, "请假!D2"),
        (("公安", "张伟", 1, 0), Code.WINDOW_UNKNOWN, "请假!A2"),
        (("公安局", None, 4, 0), Code.NAME_BLANK, "请假!B2"),
    ],
)
def test_leave_sheet_errors_are_located(month_file, leave_row, code, cell):
    assert one_row(month_file, (day(3), "公安局", "2.2a"), leave=[leave_row]) == [(code, cell)]


def test_the_leave_sheet_may_use_english_names(month_file):
    found, records = problems(
        month_file(
            [],
            leave=[("police", "x", 1, 1)],
            leave_sheet="Leave",
            leave_header=("window", "name", "sick_days", "personal_days"),
        )
    )
    assert found == [(Code.WINDOW_UNKNOWN, "Leave!A2")]


def test_merged_cells_take_the_value_of_their_top_left_cell(tmp_path):
    path = build_workbook(
        tmp_path / "2020-02.xlsx", [(day(3), "公安局", "2.2a"), (None, None, "2.2c")]
    )
    book = openpyxl.load_workbook(path)
    book["扣分记录"].merge_cells("A2:A3")
    book["扣分记录"].merge_cells("B2:B3")
    book.save(path)
    found, records = problems(path)
    assert found == []
    assert [(i.window, i.rule_id, i.date) for i in records.incidents] == [
        ("公安局", "2.2a", dt.date(2020, 2, 3)),
        ("公安局", "2.2c", dt.date(2020, 2, 3)),
    ]


def test_the_month_comes_from_the_file_name_or_the_option(tmp_path):
    assert resolve_month(tmp_path / "上街 2020-02 扣分.xlsx", None) == ("2020-02", [])
    month, warnings = resolve_month(tmp_path / "2020-02.xlsx", "2020-03")
    assert month == "2020-03" and [w.code for w in warnings] == [Code.MONTH_MISMATCH]
    with pytest.raises(UsageProblem):
        resolve_month(tmp_path / "records.xlsx", None)
    with pytest.raises(UsageProblem):
        resolve_month(tmp_path / "records.xlsx", "2020-13")


def test_the_leave_sheet_may_have_a_title_row_above_its_header(tmp_path):
    path = build_workbook(tmp_path / "2020-02.xlsx", [], leave=[("公安局", "张伟", 4, 0)])
    book = openpyxl.load_workbook(path)
    book["请假"].insert_rows(1)
    book["请假"]["A1"] = "2020年2月请假统计"
    book.save(path)
    found, records = problems(path)
    assert found == [] and [(m.row, m.amount) for m in records.measures] == [(3, 4)]
