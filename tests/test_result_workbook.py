"""The result workbook's audit: every line kept, split over sheets past a sheet's limit."""

import openpyxl

from qualitywin import result_workbook
from qualitywin.records import read_month
from qualitywin.scoring import score_month

from conftest import day
from scoring_helpers import SCHEME


def write(tmp_path, month_file, rows, leave=None):
    path = month_file(rows, leave=leave)
    result = score_month(read_month(path, SCHEME), SCHEME)
    output = tmp_path / "out.xlsx"
    result_workbook.write_result(result, SCHEME, output)
    return openpyxl.load_workbook(output), result


def test_an_audit_longer_than_a_sheet_continues_on_numbered_sheets(
    tmp_path, month_file, monkeypatch
):
    monkeypatch.setattr(result_workbook, "SHEET_ROWS", 4)  # a header and 3 lines a sheet
    rows = [(day(d), "公安局", "2.2a", 1, f"p{d}") for d in range(1, 9)]
    book, result = write(tmp_path, month_file, rows, leave=[("民政局", "李娜", 5, 0)])
    names = [n for n in book.sheetnames if n.startswith("扣分明细")]
    assert names == ["扣分明细", "扣分明细(2)", "扣分明细(3)"]
    lines = [r for n in names for r in book[n].iter_rows(min_row=2, values_only=True)]
    assert [l[8] for l in lines[:8]] == [f"p{d}" for d in range(1, 9)]
    assert lines[8][4] == "2.1" and len(lines) == len(result.audit) == 9
    assert all(book[n].cell(1, 1).value == "来源工作表" for n in names)
    about = {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert "扣分明细(3)" in about["扣分明细分表"]


def test_the_audit_keeps_dates_numbers_and_odd_text_exactly(tmp_path, month_file):
    note = 'a <b>&"x"</b>\ttab'
    book, _ = write(tmp_path, month_file, [(day(3), "公安局", "2.2a", 2, "=1+1", note)])
    line = next(book["扣分明细"].iter_rows(min_row=2, values_only=True))
    assert line[2].date().isoformat() == "2020-02-03"
    assert (line[7], line[10], line[11]) == (2, 2, 2)
    assert line[8] == "=1+1"
    assert line[9] == note


def test_an_empty_month_still_has_an_audit_sheet_with_its_header(tmp_path, month_file):
    book, _ = write(tmp_path, month_file, [])
    assert book["扣分明细"].max_row == 1


def test_a_blank_status_or_note_is_an_empty_cell_not_an_empty_string(tmp_path, month_file):
    import zipfile

    book, _ = write(tmp_path, month_file, [(day(3), "公安局", "2.2a", 1)])
    with zipfile.ZipFile(tmp_path / "out.xlsx") as archive:
        strings = archive.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<t></t>" not in strings and "<t/>" not in strings
    sheet = book["排名"]
    header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "名次")
    row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "公安局")
    assert row[header.index("状态")] is None and row[header.index("备注")] is None
