"""What makes a printed sheet lose words: text wider than its column without wrapping, or
wrapped in a row too low for it (spreadsheets do not grow rows when they open a file), and
cells without borders. Checked on the settings, for every result sheet; the pictures were
checked by eye (LibreOffice → PDF → PNG) when these settings were made."""

import openpyxl
import pytest

from qualitywin import result_workbook
from qualitywin.annual import gather_year
from qualitywin.annual_workbook import write_year
from qualitywin.records import read_month
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month
from qualitywin.textwidth import LINE_HEIGHT, display_width

from conftest import build_workbook, day
from rules_helpers import rules_file
from scoring_helpers import SCHEME

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
LONG_NOTE = (
    "群众反映该窗口工作人员在办理业务时态度生硬、推诿扯皮,经调查属实,已约谈首席代表并要求限期整改"
)


def written(tmp_path, rows, scheme=SCHEME, leave=None, name="2020-02.xlsx"):
    source = build_workbook(tmp_path / name, rows, leave=leave)
    result = score_month(read_month(source, scheme), scheme)
    output = tmp_path / name.replace(".xlsx", "-结果.xlsx")
    result_workbook.write_result(result, scheme, output)
    return openpyxl.load_workbook(output), result


def shows_whole(sheet, cell) -> bool:
    """A text cell shows every word: it fits its column on one line, or it wraps in a row
    high enough for its lines."""
    text = "" if cell.value is None else str(cell.value)
    width = sum(
        sheet.column_dimensions[letter].width or 8.43 for letter in _columns_of(sheet, cell)
    )
    if display_width(text) <= width - 1:
        return True
    lines = -(-display_width(text) // max(int(width - 1.5), 1))
    height = sheet.row_dimensions[cell.row].height or LINE_HEIGHT
    return bool(cell.alignment.wrap_text) and height >= lines * LINE_HEIGHT


def _columns_of(sheet, cell) -> list[str]:
    """The column letters a cell spans (several, when it is merged)."""
    from openpyxl.utils import get_column_letter

    for merged in sheet.merged_cells.ranges:
        if cell.coordinate in merged:
            return [get_column_letter(c) for c in range(merged.min_col, merged.max_col + 1)]
    return [cell.column_letter]


def boxed(cell) -> bool:
    return all(getattr(cell.border, side).style for side in ("left", "right", "top", "bottom"))


def test_the_audit_wraps_the_rule_text_and_the_note_in_bordered_rows(tmp_path):
    book, _ = written(
        tmp_path, [(day(3), "公安局", "2.2a", 1, "张伟", LONG_NOTE), (day(4), "民政局", "1.2", 1)]
    )
    sheet = book["扣分明细"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert boxed(cell), cell.coordinate  # the empty 当事人 of row 3 too
        for cell in (row[5], row[9]):  # 条款内容, 说明
            assert shows_whole(sheet, cell), (cell.coordinate, cell.value)
    assert sheet["C2"].number_format == "yyyy-mm-dd"


def test_a_computed_line_has_its_row_number_as_a_number(tmp_path):
    book, _ = written(tmp_path, [], leave=[("公安局", "张伟", 4, None)])
    line = next(r for r in book["扣分明细"].iter_rows(min_row=2) if r[4].value == "2.1")
    assert line[1].value == 2 and line[1].data_type == "n"


def test_the_about_sheet_shows_its_long_lines_whole(tmp_path):
    book, _ = written(tmp_path, [(day(3), "公安局", "2.2a", 1)])
    sheet = book["说明"]
    note = next(r[1] for r in sheet.iter_rows() if r[0].value == "说明")
    assert note.value.endswith("满分按 70 分计。") and shows_whole(sheet, note)
    for key, value in sheet.iter_rows(min_row=2):
        assert boxed(value) and value.alignment.horizontal == "left", key.value


@pytest.fixture
def bonus_veto():
    return load_scheme(ROOT / "rules" / "examples" / "bonus_veto.py")


def test_the_ranking_wraps_a_long_note_inside_the_table(tmp_path, bonus_veto):
    rows = [(day(3), "国土局", "2.8", 1, "陈某", LONG_NOTE), (day(4), "环保局", "2.2b", 3)]
    book, _ = written(tmp_path, rows, bonus_veto)
    sheet = book["排名"]
    header_row = next(r[0].row for r in sheet.iter_rows() if r[1].value == "窗口")
    for row in sheet.iter_rows(min_row=header_row + 1):
        assert shows_whole(sheet, row[-1]), (row[1].value, row[-1].value)


def test_the_legend_says_what_decided_each_status(tmp_path, bonus_veto):
    rows = [(day(3), "国土局", "2.8", 1, "陈某"), (day(4), "环保局", "2.2b", 3)]
    book, _ = written(tmp_path, rows, bonus_veto)
    sheet = book["排名"]
    legend = {
        r[0].value: r[2].value
        for r in sheet.iter_rows(min_row=3, max_row=8)
        if r[0].value and r[2].value
    }
    assert {"入选", "一票否决", "未达最低分"} <= set(legend)
    assert "前 5 名以内" not in legend["入选"] and "名额依次顺延" in legend["入选"]
    assert "并列处理顺序" in legend["入选"]
    assert "2.8" in legend["一票否决"] and "60" in legend["未达最低分"]
    for row in sheet.iter_rows(min_row=3, max_row=2 + len(legend)):
        assert shows_whole(sheet, row[2])


def test_the_default_legend_names_no_status_the_month_cannot_have(tmp_path):
    book, _ = written(tmp_path, [(day(3), window, "2.2a", 1) for window in SCHEME.roster[:24]])
    statuses = [r[0].value for r in book["排名"].iter_rows(min_row=3, max_row=5)]
    assert statuses[0] == "入选" and "一票否决" not in statuses and "未达最低分" not in statuses


def test_the_year_table_wraps_the_lowest_months_and_centres_the_rank(tmp_path):
    for month in (1, 2, 3):  # every window scores 70 each month: three lowest months each
        source = build_workbook(tmp_path / f"2020-{month:02d}.xlsx", [])
        result = score_month(read_month(source, SCHEME), SCHEME)
        result_workbook.write_result(result, SCHEME, tmp_path / f"2020-{month:02d}-结果.xlsx")
    year = gather_year([tmp_path], 2020)
    write_year(year, tmp_path / "year.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "year.xlsx")["年度汇总"]
    first = sheet[3]
    assert first[6].value == "2020-01、2020-02、2020-03" and shows_whole(sheet, first[6])
    assert first[0].alignment.horizontal == "center"
    assert all(boxed(c) for c in first)


def test_a_rules_edit_does_not_break_the_layout(tmp_path):
    """A longer scheme note (a center's own rules file) still prints whole."""
    long_note = "本办法" + "自发布之日起施行,由中心督察科负责解释;" * 8
    path = rules_file(tmp_path, ('"note": "', f'"note": "{long_note}'))
    book, _ = written(tmp_path, [(day(3), "公安局", "2.2a", 1)], load_scheme(path))
    sheet = book["说明"]
    note = next(r[1] for r in sheet.iter_rows() if r[0].value == "说明")
    assert note.value.startswith(long_note) and shows_whole(sheet, note)
