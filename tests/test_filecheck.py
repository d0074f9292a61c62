"""check_file: a workbook is safe and readable before python-calamine opens it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import hostile  # noqa: E402
from qualitywin.filecheck import (  # noqa: E402
    DEFAULT_MAX_UNZIPPED,
    MAX_SHEET_CELLS,
    MAX_SHEET_ROWS,
    CellFlag,
    FileCheck,
    _SheetPatterns,
    assert_openpyxl_is_defused,
    cell_position,
    check_file,
)
from qualitywin.issues import Code, QualitywinError  # noqa: E402

MB = 1024**2


def refused(path: Path, **kw) -> QualitywinError:
    with pytest.raises(QualitywinError) as info:
        check_file(path, **kw)
    return info.value


def refused_when_read(path: Path) -> QualitywinError:
    """Size problems are raised when the sheet is read: only the sheets read are checked."""
    from qualitywin.reader import open_workbook

    issue = check_file(path).oversized[hostile.SHEET]
    with pytest.raises(QualitywinError) as info:
        open_workbook(path).rows(hostile.SHEET)
    assert info.value.issues == [issue]
    return info.value


def code_of(path: Path, **kw) -> Code:
    return refused(path, **kw).issues[0].code


# --------------------------------------------------------------------------- good files


def test_a_valid_workbook_is_xlsx_without_flags(tmp_path):
    assert check_file(hostile.valid_xlsx(tmp_path)) == FileCheck("xlsx", {}, ())


def test_a_workbook_written_by_xlsxwriter_passes_and_its_hidden_sheet_is_named(tmp_path):
    result = check_file(hostile.xlsxwriter_workbook(tmp_path))
    assert result.format == "xlsx"
    assert result.flags == {}  # xlsxwriter caches a value for its formula
    assert result.hidden_sheets == ("备注",)


def test_str_paths_are_accepted(tmp_path):
    assert check_file(str(hostile.valid_xlsx(tmp_path))).format == "xlsx"


def test_default_limit_is_4_gib():
    assert DEFAULT_MAX_UNZIPPED == 4 * 1024**3
    assert MAX_SHEET_ROWS == 1_048_576


# --------------------------------------------------------------------------- the file itself


def test_a_missing_file(tmp_path):
    err = refused(hostile.missing(tmp_path))
    assert err.issues[0].code is Code.FILE_MISSING
    assert err.issues[0].params["path"].endswith("no-such-file.xlsx")


def test_a_directory_is_not_a_file(tmp_path):
    assert code_of(hostile.directory(tmp_path)) is Code.NOT_A_FILE


def test_a_fifo_is_not_a_file_and_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    err = refused(fifo)  # opening it would block forever
    assert err.issues[0].code is Code.NOT_A_FILE
    assert err.issues[0].params["what"] == "special-file"


def test_an_empty_file(tmp_path):
    assert code_of(hostile.empty_file(tmp_path)) is Code.FILE_EMPTY


def test_an_unreadable_file(tmp_path, monkeypatch):
    path = hostile.valid_xlsx(tmp_path)
    real_open = open

    def denied(file, *args, **kwargs):  # chmod 0 does not stop root, so the open is refused
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    err = refused(path)
    assert err.issues[0].code is Code.FILE_UNREADABLE
    assert err.issues[0].params["reason"]


@pytest.mark.parametrize(
    "make, what",
    [
        (hostile.text_as_xlsx, "text"),
        (hostile.csv_as_xlsx, "csv"),
        (hostile.gbk_csv_as_xlsx, "csv"),
        (hostile.html_as_xls, "html"),
        (hostile.random_bytes, "binary"),
        (hostile.truncated_zip, "damaged-zip"),
        (hostile.zip_without_workbook, "zip-without-workbook"),
        (hostile.word_document_ole, "other-document"),
        (hostile.damaged_ole, "damaged-ole"),
    ],
)
def test_things_that_are_not_workbooks(tmp_path, make, what):
    err = refused(make(tmp_path))
    assert err.issues[0].code is Code.NOT_A_WORKBOOK
    assert err.issues[0].params["what"] == what
    assert "path" in err.issues[0].params


# --------------------------------------------------------------------------- other formats


def test_a_legacy_xls_is_sniffed_and_calamine_reads_it(tmp_path):
    path = hostile.legacy_xls(tmp_path)
    assert check_file(path) == FileCheck("xls", {}, ())
    import python_calamine

    rows = (
        python_calamine.CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name(hostile.SHEET)
        .to_python()
    )
    assert rows[0] == hostile.HEADER
    assert rows[1][1:5] == ["公安局", "2.2a", 1, "张伟"]


def test_an_xls_named_xlsx_is_still_an_xls(tmp_path):
    path = hostile.legacy_xls(tmp_path).rename(tmp_path / "renamed.xlsx")
    assert check_file(path).format == "xls"


def test_an_ods_is_sniffed_and_calamine_reads_it(tmp_path):
    path = hostile.ods(tmp_path)
    assert check_file(path) == FileCheck("ods", {}, ())
    import python_calamine

    rows = (
        python_calamine.CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name(hostile.SHEET)
        .to_python()
    )
    assert rows[0] == hostile.HEADER
    assert rows[2][1] == "税务局"


def test_a_password_protected_xlsx_is_encrypted(tmp_path):
    err = refused(hostile.encrypted_xlsx(tmp_path))
    assert err.issues[0].code is Code.ENCRYPTED
    assert err.issues[0].params["kind"] == "ooxml"


def test_a_handmade_encrypted_package_is_encrypted(tmp_path):
    assert code_of(hostile.encrypted_cfb_handmade(tmp_path)) is Code.ENCRYPTED


def test_an_xls_with_filepass_is_encrypted(tmp_path):
    err = refused(hostile.encrypted_xls(tmp_path))
    assert err.issues[0].code is Code.ENCRYPTED
    assert err.issues[0].params["kind"] == "xls"


# --------------------------------------------------------------------------- hostile XML


def test_xxe_is_refused_without_reading_the_secret(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-7f3a-SECRET")
    path = hostile.xxe(tmp_path, secret)
    start = time.perf_counter()
    err = refused(path)
    assert time.perf_counter() - start < 1
    assert err.issues[0].code is Code.UNSAFE_XML
    assert err.issues[0].params == {"part": "xl/worksheets/sheet1.xml"}
    assert "MARKER" not in str(err) and "MARKER" not in repr(err.issues)


def test_an_entity_bomb_is_refused_fast(tmp_path):
    start = time.perf_counter()
    err = refused(hostile.billion_laughs(tmp_path))
    assert time.perf_counter() - start < 1
    assert err.issues[0].code is Code.UNSAFE_XML
    assert err.issues[0].params["part"] == "xl/sharedStrings.xml"


def test_a_doctype_behind_megabytes_of_comment_is_found(tmp_path):
    assert code_of(hostile.doctype_after_long_comment(tmp_path)) is Code.UNSAFE_XML


def test_a_doctype_in_utf16_is_found(tmp_path):
    err = refused(hostile.utf16_doctype(tmp_path))
    assert err.issues[0].code is Code.UNSAFE_XML
    assert err.issues[0].params["part"] == "xl/workbook.xml"


def test_openpyxl_parses_through_defusedxml():
    assert_openpyxl_is_defused()  # raises QualitywinError(INSECURE_SETUP) otherwise


def test_openpyxl_without_defusedxml_is_refused(monkeypatch):
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(QualitywinError) as info:
        assert_openpyxl_is_defused()
    assert info.value.issues[0].code is Code.INSECURE_SETUP


# --------------------------------------------------------------------------- bombs


def test_a_zip_bomb_is_refused_by_its_declared_size_under_a_small_limit(tmp_path):
    path = hostile.zip_bomb(tmp_path)  # 200 MB of spaces in ~200 kB
    start = time.perf_counter()
    err = refused(path, max_unzipped=10 * MB)
    assert time.perf_counter() - start < 1
    issue = err.issues[0]
    assert issue.code is Code.ZIP_BOMB
    assert issue.params["kind"] == "declared"
    assert issue.params["limit"] == 10 * MB
    assert issue.params["size"] > 200 * MB


def test_a_zip_bomb_is_refused_by_its_ratio_under_the_default_limit(tmp_path):
    err = refused(hostile.zip_bomb(tmp_path))
    assert err.issues[0].code is Code.ZIP_BOMB
    assert err.issues[0].params["kind"] == "ratio"
    assert err.issues[0].params["part"] == "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize("limit", [10 * MB, DEFAULT_MAX_UNZIPPED])
def test_a_zip_bomb_that_lies_about_its_size_is_refused_fast(tmp_path, limit):
    path = hostile.zip_bomb(tmp_path, declared=2000)
    start = time.perf_counter()
    err = refused(path, max_unzipped=limit)
    assert time.perf_counter() - start < 1
    assert err.issues[0].code is Code.ZIP_BOMB
    assert err.issues[0].params["kind"] == "lying-size"
    assert err.issues[0].params["declared"] == 2000


def test_the_limit_can_be_raised(tmp_path):
    path = hostile.zip_bomb(tmp_path, size=30 * MB)  # honest sizes, ratio under the rule
    err = refused(path, max_unzipped=30 * MB + 1000)  # declared total is just over
    assert err.issues[0].params["kind"] == "declared"
    assert check_file(path, max_unzipped=64 * MB).format == "xlsx"


# --------------------------------------------------------------------------- rows


def test_a_row_numbered_past_excels_last_row(tmp_path):
    err = refused_when_read(hostile.too_many_rows_numbered(tmp_path))
    assert err.issues[0].code is Code.TOO_MANY_ROWS
    assert err.issues[0].params["sheet"] == hostile.SHEET
    assert err.issues[0].params["rows"] == 1_048_577


def test_more_row_elements_than_excel_has(tmp_path):
    err = refused_when_read(hostile.too_many_rows_counted(tmp_path))
    assert err.issues[0].code is Code.TOO_MANY_ROWS
    assert err.issues[0].params["rows"] == 1_048_577


def test_exactly_excels_row_count_is_fine(tmp_path):
    assert check_file(hostile.too_many_rows_counted(tmp_path, n=1_048_576)).format == "xlsx"


@pytest.mark.parametrize("kind", sorted(hostile.FAR_CELLS))
def test_an_absurd_used_area_is_refused_before_python_calamine_allocates_it(tmp_path, kind):
    err = refused_when_read(hostile.far_cells(tmp_path, kind))
    issue = err.issues[0]
    if kind == "deep-ref":
        assert issue.code is Code.TOO_MANY_ROWS and issue.params["rows"] == 99_999_999
        return
    assert issue.code is Code.TOO_MANY_CELLS
    assert issue.params["sheet"] == hostile.SHEET
    assert issue.params["cells"] > MAX_SHEET_CELLS and issue.params["limit"] == MAX_SHEET_CELLS


def test_a_huge_used_area_on_a_sheet_not_read_refuses_nothing(tmp_path):
    from qualitywin.reader import open_workbook

    notes = hostile.Sheet("备注", rows=[["备注"]], tail="")
    notes.xml = (
        '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x'
        '</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        "</sheetData></worksheet>" % hostile.NS_MAIN
    )
    path = hostile.write_xlsx(
        tmp_path / "notes.xlsx", [hostile.Sheet(hostile.SHEET, rows=hostile.base_rows()), notes]
    )
    book = open_workbook(path)
    assert [row for row, _, _ in book.rows(hostile.SHEET).iter()] == [1, 2, 3]
    with pytest.raises(QualitywinError) as info:
        book.rows("备注")
    assert info.value.issues[0].code is Code.TOO_MANY_CELLS


def test_a_note_far_to_the_right_of_a_short_sheet_is_fine(tmp_path):
    assert check_file(hostile.wide_but_short(tmp_path)).format == "xlsx"


def test_the_big_row_pattern_is_exact_around_the_limit():
    pattern = _SheetPatterns.get(b"").big_row
    numbers = [*range(1_040_000, 1_060_000), 1, 999_999, 1_000_000, 9_999_999, 10**7, 10**9]
    for n in numbers:
        assert bool(pattern.search(b'<row r="%d" spans="1:7">' % n)) == (n > MAX_SHEET_ROWS), n


# --------------------------------------------------------------------------- flags


def test_cached_errors_and_formulas_without_value_are_flagged(tmp_path):
    result = check_file(hostile.flagged_cells(tmp_path))
    assert result.flags[hostile.SHEET] == {
        (3, 6): CellFlag("error", "#N/A"),
        (3, 7): CellFlag("error", "#REF!"),
        (7, 2): CellFlag("error", "#DIV/0!"),
        (2, 7): CellFlag("formula-no-value", "SUM(D2:D3)"),
        (6, 4): CellFlag("formula-no-value", ""),  # a shared-formula child without a value
    }
    # F2 (a formula with its cached value) and D4/D5 (shared formulas with values): not flagged
    assert result.flags["说明"] == {(1, 2): CellFlag("error", "#NAME?")}
    assert result.hidden_sheets == ("说明", "旧表")


def test_python_calamine_shows_those_cells_as_empty(tmp_path):
    """Why the flags exist: the reader would see "" and say nothing."""
    import python_calamine

    path = hostile.flagged_cells(tmp_path)
    rows = (
        python_calamine.CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name(hostile.SHEET)
        .to_python()
    )
    assert rows[2][5] == "" and rows[2][6] == ""  # F3 #N/A, G3 #REF!
    assert rows[1][6] == ""  # G2: formula, no value
    assert rows[1][5] == "迟到"  # F2: formula with its value


def test_flags_with_a_namespace_prefix(tmp_path):
    assert check_file(hostile.prefixed_namespace(tmp_path)).flags == {
        hostile.SHEET: {
            (2, 3): CellFlag("error", "#VALUE!"),
            (2, 4): CellFlag("formula-no-value", "1/0"),
        }
    }


def test_flags_on_cells_and_rows_without_references(tmp_path):
    assert check_file(hostile.cells_without_refs(tmp_path)).flags == {
        hostile.SHEET: {
            (2, 2): CellFlag("error", "#N/A"),
            (2, 3): CellFlag("formula-no-value", "A2"),
        }
    }


def test_flags_across_chunk_boundaries(tmp_path):
    flags = check_file(hostile.flags_across_chunks(tmp_path, rows=60_000)).flags[hostile.SHEET]
    expected = {}
    for r in range(1000, 60_001, 1000):
        expected[(r, 2)] = CellFlag("error", "#N/A")
        expected[(r, 3)] = CellFlag("formula-no-value", f"A{r}*2")
    assert flags == expected


@pytest.mark.parametrize(
    "ref, pos",
    [
        ("A1", (1, 1)),
        ("AB12", (12, 28)),
        ("XFD1048576", (1_048_576, 16_384)),
        ("b2", (2, 2)),
        ("12", None),
        ("", None),
    ],
)
def test_cell_position(ref, pos):
    assert cell_position(ref) == pos


@pytest.mark.parametrize(
    "cell, flagged",
    [
        ('<c r="D2"><f>1+1</f><v/></c>', True),  # openpyxl writes an uncalculated formula so
        ('<c r="D2"><f>1+1</f><v></v></c>', True),
        ('<c r="D2"><f>1+1</f><v>2</v></c>', False),
        ('<c r="D2" t="str"><f>IF(A1="","",A1)</f><v></v></c>', False),  # its value: the empty text
    ],
)
def test_a_formula_with_an_empty_cached_value_has_no_value(tmp_path, cell, flagged):
    xml = (
        f'<worksheet xmlns="{hostile.NS_MAIN}"><sheetData><row r="2">{cell}</row>'
        "</sheetData></worksheet>"
    )
    path = hostile.write_xlsx(tmp_path / "f.xlsx", [hostile.Sheet(hostile.SHEET, xml=xml)])
    flags = check_file(path).flags.get(hostile.SHEET, {})
    assert ((2, 4) in flags) == flagged
    if flagged:
        assert flags[(2, 4)].kind == "formula-no-value" and flags[(2, 4)].value == "1+1"
