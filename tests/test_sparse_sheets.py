"""A sparse sheet (a stray cell far below the month) costs its cells, not its last address.

Such a sheet is read through a compacted copy (see sparse.py); what it reads, and every cell a
message names, must be what the plain path reads. The plain path is forced for comparison by
raising the threshold of sparseness past Excel's last row.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from typer.testing import CliRunner

import hostile
from hostile import HEADER, SHEET, Sheet, _Strings, sheet_xml, write_xlsx
from qualitywin import filecheck
from qualitywin.cli import app
from qualitywin.reader import open_workbook

runner = CliRunner()
MONTH = [[dt.date(2020, 2, 1 + i % 28), "公安局", "2.2a", 1, "张伟", "迟到", ""] for i in range(20)]


def run(*args: object):
    return runner.invoke(app, ["--lang", "en", *map(str, args)], env={"COLUMNS": "1000"})


def month_with_far_rows(d: Path, far: str, tail: str = "", name: str = "far.xlsx") -> Path:
    """The month, then the worksheet XML `far` (rows numbered far below it) in sheetData."""
    strings = _Strings()
    xml = sheet_xml([HEADER, *MONTH], strings, tail=tail)
    xml = xml.replace("</sheetData>", far + "</sheetData>")
    return write_xlsx(d / name, [Sheet(SHEET, xml=xml)], strings=strings)


def far_row(cells: str, row: int = 1_048_000) -> str:
    return f'<row r="{row}">{cells.format(r=row)}</row>'


def read(path: Path) -> tuple[bool, list, dict, tuple]:
    """(compacted?, the rows yielded, the merged cells, the used area's corners)."""
    rows = open_workbook(path).rows(SHEET)
    merged = rows.merged()
    return rows.data.compacted, list(rows.iter()), dict(merged), (rows.data.start, rows.data.end)


def plain(monkeypatch) -> None:
    monkeypatch.setattr(filecheck, "SPARSE_MIN_ROWS", 10**9)


def test_the_stray_cell_month_is_read_compacted_with_its_original_row_numbers(
    tmp_path, monkeypatch
):
    path = hostile.month_with_stray_cell(tmp_path)
    compacted, rows, merged, area = read(path)
    assert compacted
    assert [n for n, _, _ in rows] == [*range(1, 52), 1_048_576]
    assert rows[-1][2][5] == "本月结束" and area[1] == (1_048_575, 6)
    plain(monkeypatch)
    assert read(path) == (False, rows, merged, area)


def test_merged_cells_by_the_stray_cell_keep_their_original_ranges(tmp_path, monkeypatch):
    path = hostile.month_with_stray_cell(tmp_path, merged=True)
    compacted, rows, merged, area = read(path)
    assert compacted
    assert merged[(1_048_576, 7)] == (1_048_576, 6) and merged[(30, 8)] == (2, 8)
    plain(monkeypatch)
    assert read(path) == (False, rows, merged, area)


def test_a_sheet_that_is_not_sparse_is_read_without_a_copy(tmp_path):
    dense = hostile.valid_xlsx(tmp_path)
    near = month_with_far_rows(tmp_path, far_row('<c r="F{r}"><v>1</v></c>', row=5_000))
    for path in (dense, near):
        book = open_workbook(path)
        assert book.check.sparse == {}
        assert book.rows(SHEET).data.compacted is False


def test_a_sheet_it_cannot_compact_is_read_as_it_is(tmp_path, monkeypatch):
    """A row without its number (readers number it after the row before) is left, with its
    sheet, to the plain path."""
    strings = _Strings()
    xml = sheet_xml([HEADER, *MONTH], strings).replace('<row r="5">', "<row>")
    far = f'<row r="1048576"><c r="F1048576" t="s"><v>{strings.add("备注")}</v></c></row>'
    xml = xml.replace("</sheetData>", far + "</sheetData>")
    path = write_xlsx(tmp_path / "odd.xlsx", [Sheet(SHEET, xml=xml)], strings=strings)
    assert open_workbook(path).check.sparse == {SHEET: "xl/worksheets/sheet1.xml"}
    compacted, rows, merged, area = read(path)
    assert not compacted
    plain(monkeypatch)
    assert read(path) == (False, rows, merged, area)


def test_the_copy_is_removed_after_reading(tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert read(hostile.month_with_stray_cell(tmp_path))[0]
    assert list(temp.iterdir()) == []


def issues_of(path: Path) -> list[str]:
    result = run("validate", path, "--month", "2020-02")
    assert result.exit_code == 1, result.stdout + result.stderr
    return (result.stdout + result.stderr).splitlines()


def test_the_stray_cell_month_reports_the_same_problems_at_the_original_cells(
    tmp_path, monkeypatch
):
    path = hostile.month_with_stray_cell(tmp_path, merged=True)
    compacted = issues_of(path)
    assert any(f"{SHEET}!G1048576" in line for line in compacted)
    plain(monkeypatch)
    assert issues_of(path) == compacted


def test_a_formula_without_value_or_an_error_in_a_far_row_is_named_at_its_cell(
    tmp_path, monkeypatch
):
    cells = (
        '<c r="A{r}" s="1"><v>43864</v></c><c r="D{r}"><f>SUM(X1:X9)</f></c>'
        '<c r="E{r}" t="e"><v>#N/A</v></c>'
    )
    path = month_with_far_rows(tmp_path, far_row(cells))
    assert open_workbook(path).check.sparse
    compacted = issues_of(path)
    text = "\n".join(compacted)
    assert re.search(rf"{SHEET}!D1048000\b.*SUM\(X1:X9\)", text), text
    assert re.search(rf"{SHEET}!E1048000\b.*#N/A", text), text
    plain(monkeypatch)
    assert issues_of(path) == compacted
