"""A corpus of bad inputs, through the command line: a clear answer for each, and nothing lost.

Every case is generated at test time (tests/hostile.py and the builders below). For each one
`qualitywin score` must exit 1 or 2 with the expected message (naming sheet!cell where there is
one), print no traceback, leave no file behind (no result, no temporary file, no .layout) and
leave the input's bytes as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

import hostile
from hostile import HEADER, SHEET, Raw, Sheet, write_xlsx
from qualitywin.cli import app
from qualitywin.filecheck import check_file

runner = CliRunner()
SRC = Path(__file__).resolve().parents[1] / "src"

D = dt.date
GOOD = [
    [D(2020, 2, 3), "公安局", "2.2a", 1, "张伟", "迟到", ""],
    [D(2020, 2, 4), "民政局", "3.1", 2, "李娜", "未着装", ""],
]


def run(*args: object):
    """The command in English, on a console wide enough that no message is wrapped."""
    return runner.invoke(app, ["--lang", "en", *map(str, args)], env={"COLUMNS": "1000"})


# --------------------------------------------------------------------------- builders


def sheet_with(
    rows: list[list],
    name: str = "bad.xlsx",
    tail: str = "",
    header=HEADER,
    sheet: str = SHEET,
    extra: list[Sheet] = (),
    state: str | None = None,
):
    """A workbook whose 扣分记录 holds `header` then `rows` (cells may be hostile.Raw XML)."""

    def make(d: Path) -> Path:
        sheets = [Sheet(sheet, rows=[list(header), *rows], tail=tail, state=state), *extra]
        return write_xlsx(d / name, sheets)

    return make


def row(**changes) -> list:
    """One good row with some fields replaced: row(count="0")."""
    fields = dict(zip(["date", "window", "rule", "count", "person", "note", "status"], GOOD[0]))
    fields.update(changes)
    return list(fields.values())


def leave_sheet(rows: list[list]) -> Sheet:
    return Sheet("请假", rows=[["窗口", "姓名", "病假天数", "私假天数"], *rows])


def inline(text: str) -> Raw:
    from xml.sax.saxutils import escape

    return Raw(f'<c r="{{r}}" t="inlineStr"><is><t>{escape(text)}</t></is></c>')


def fifo(d: Path) -> Path:
    path = d / "pipe.xlsx"
    os.mkfifo(path)
    return path


def many_problems(d: Path) -> Path:
    """One file holding 24 different problems over two sheets."""
    bad_rows = [
        row(date="2020-02-30"),  # 2: date-invalid
        row(date=43864),  # 3: date-number
        row(date=D(2020, 3, 1)),  # 4: date-outside-month
        row(window="公安"),  # 5: window-unknown (did you mean 公安局)
        row(window=""),  # 6: required-blank
        row(rule="9.9"),  # 7: rule-unknown
        row(rule="2.1"),  # 8: rule-computed
        row(count="0"),  # 9: count-invalid
        row(count="1.5"),  # 10: count-invalid
        row(count=Raw('<c r="{r}" t="b"><v>1</v></c>')),  # 11: count-invalid (a boolean)
        row(status="作废"),  # 12: status-invalid
        row(note=Raw('<c r="{r}" t="e"><v>#N/A</v></c>')),  # 13: cell-error
        row(rule=Raw('<c r="{r}" t="e"><v>#REF!</v></c>')),  # 14: cell-error
        row(count=Raw('<c r="{r}"><f>SUM(X1:X9)</f></c>')),  # 15: formula-no-value
        row(note=inline("长" * 40_000)),  # 16: text-too-long
        row(date="someday", window="交警队", rule="", count=-1, status="?"),  # 17: five problems
        row(person=Raw('<c r="{r}" t="b"><v>0</v></c>'), date=True),  # 18: date-invalid (bool)
    ]
    leave = leave_sheet([["公安局", "", 1, 1], ["城管局", "王五", "x", -2]])
    return sheet_with(bad_rows, name="many.xlsx", extra=[leave])(d)


MANY_EXPECTED = [
    "扣分记录!A2",
    "扣分记录!A3",
    "扣分记录!A4",
    "扣分记录!B5",
    "扣分记录!B6",
    "扣分记录!C7",
    "扣分记录!C8",
    "扣分记录!D9",
    "扣分记录!D10",
    "扣分记录!D11",
    "扣分记录!G12",
    "扣分记录!F13",
    "扣分记录!C14",
    "扣分记录!D15",
    "扣分记录!F16",
    "扣分记录!A17",
    "扣分记录!B17",
    "扣分记录!C17",
    "扣分记录!D17",
    "扣分记录!G17",
    "扣分记录!A18",
    "请假!B2",
    "请假!A3",
    "请假!C3",
    "请假!D3",
]


# --------------------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path], Path]
    fragments: tuple[str, ...]
    exit: int = 1
    options: tuple[str, ...] = ()


def case(id, make, *fragments, exit=1, options=()):
    return pytest.param(Case(id, make, fragments, exit, options), id=id)


MB = 1024**2

CASES = [
    # -- the file itself
    case("missing", hostile.missing, "file not found", "no-such-file.xlsx"),
    case("directory", hostile.directory, "is not a file (it is a folder)"),
    case("fifo", fifo, "is not a file (it is a special file"),
    case("empty", hostile.empty_file, "is empty (0 bytes)"),
    case(
        "text",
        hostile.text_as_xlsx,
        "is not an Excel workbook (it is a text file)",
        "save it as an .xlsx",
    ),
    case("csv", hostile.csv_as_xlsx, "it is a CSV text file"),
    case("gbk-csv", hostile.gbk_csv_as_xlsx, "it is a CSV text file"),
    case("html-xls", hostile.html_as_xls, "web page (HTML)"),
    case("random-bytes", hostile.random_bytes, "an unknown binary file"),
    case("truncated-zip", hostile.truncated_zip, "a damaged or incomplete zip archive"),
    case("zip-without-workbook", hostile.zip_without_workbook, "a zip archive with no workbook"),
    case("xlsb-damaged", hostile.xlsb_like, "is not an Excel workbook (it is a damaged workbook)"),
    case("word-as-xls", hostile.word_document_ole, "another kind of office document"),
    case("damaged-ole", hostile.damaged_ole, "a damaged legacy Office file"),
    # -- passwords
    case("encrypted-xlsx", hostile.encrypted_xlsx, "password-protected", "remove the password"),
    case("encrypted-handmade", hostile.encrypted_cfb_handmade, "password-protected"),
    case("encrypted-xls", hostile.encrypted_xls, "password-protected", "remove the password"),
    # -- crafted XML
    case(
        "xxe",
        lambda d: hostile.xxe(d, d / "secret.txt"),
        "xl/worksheets/sheet1.xml",
        "declares a DTD or entities",
        "without expanding anything",
    ),
    case("entity-bomb", hostile.billion_laughs, "xl/sharedStrings.xml", "declares a DTD"),
    case("doctype-after-comment", hostile.doctype_after_long_comment, "declares a DTD"),
    case("doctype-utf16", hostile.utf16_doctype, "xl/workbook.xml", "declares a DTD"),
    # -- bombs and absurd sizes
    case(
        "zip-bomb-ratio",
        hostile.zip_bomb,
        "would inflate past the limit",
        "without inflating",
        "--max-unzipped",
    ),
    case(
        "zip-bomb-lying",
        lambda d: hostile.zip_bomb(d, declared=2000),
        "would inflate past the limit",
    ),
    case(
        "zip-bomb-declared",
        lambda d: hostile.zip_bomb(d, size=30 * MB),
        f"limit of {10 * MB} bytes",
        options=("--max-unzipped", str(10 * MB)),
    ),
    case(
        "row-1048577",
        hostile.too_many_rows_numbered,
        f"sheet {SHEET} has 1048577 rows",
        "limit of 1048576",
    ),
    *(
        case(
            f"far-cells-{kind}",
            lambda d, kind=kind: hostile.far_cells(d, kind),
            f"sheet {SHEET}",
            "rows" if kind == "deep-ref" else "cells",
        )
        for kind in sorted(hostile.FAR_CELLS)
    ),
    # -- workbook structure
    case(
        "sheet-missing",
        sheet_with(GOOD, sheet="Sheet1"),
        "sheet 扣分记录 not found; the workbook has: Sheet1",
    ),
    case(
        "sheet-empty",
        lambda d: write_xlsx(d / "blank.xlsx", [Sheet(SHEET, rows=[])]),
        f"sheet {SHEET} is empty: no header row",
    ),
    case(
        "header-misspelled",
        sheet_with(GOOD, header=["日期", "窗囗", *HEADER[2:]]),
        f"{SHEET}!B1",
        "unknown column 窗囗",
        "did you mean: 窗口",
        "has no column 窗口 (required) (did you mean: 窗囗?)",
    ),
    case(
        "header-misspelled-en",
        sheet_with(GOOD, header=["date", "windw", *HEADER[2:]]),
        "did you mean: window",
    ),
    case(
        "header-duplicated",
        sheet_with(GOOD, header=[*HEADER, "窗口"]),
        f"{SHEET}!H1",
        "column 窗口 appears twice (also at 扣分记录!B1)",
    ),
    case(
        "header-only-optional",
        sheet_with([], header=["当事人", "说明"]),
        "has no column 日期 (required)",
        "has no column 条款 (required)",
    ),
    # -- cells python-calamine would show as blank
    case(
        "formula-no-value",
        sheet_with([row(count=Raw('<c r="{r}"><f>D9*2</f></c>'))]),
        f"{SHEET}!D2",
        "the formula D9*2 with no computed value",
    ),
    case(
        "cached-na",
        sheet_with([row(window=Raw('<c r="{r}" t="e"><v>#N/A</v></c>'))]),
        f"{SHEET}!B2",
        "the error value #N/A",
    ),
    case(
        "cached-ref",
        sheet_with([row(rule=Raw('<c r="{r}" t="e"><f>#REF!</f><v>#REF!</v></c>'))]),
        f"{SHEET}!C2",
        "the error value #REF!",
    ),
    # -- booleans and long text
    case(
        "boolean-count",
        sheet_with([row(count=Raw('<c r="{r}" t="b"><v>1</v></c>'))]),
        f"{SHEET}!D2",
        "count TRUE must be a whole number",
    ),
    case(
        "boolean-date",
        sheet_with([row(date=Raw('<c r="{r}" t="b"><v>0</v></c>'))]),
        f"{SHEET}!A2",
        "date FALSE not understood",
    ),
    case(
        "text-too-long",
        sheet_with([row(note=inline("x" * 32_768))]),
        f"{SHEET}!F2",
        "text too long (32768 characters, limit 32767)",
    ),
    # -- every malformed value class of the contract
    case(
        "date-invalid",
        sheet_with([row(date="2020-02-30")]),
        f"{SHEET}!A2",
        "date 2020-02-30 not understood",
    ),
    case(
        "date-number",
        sheet_with([row(date=43864)]),
        f"{SHEET}!A2",
        "the date column holds the number 43864",
    ),
    case(
        "date-outside-month",
        sheet_with([row(date=D(2020, 1, 31))]),
        f"{SHEET}!A2",
        "is not in 2020-02",
    ),
    case(
        "window-unknown",
        sheet_with([row(window="公安")]),
        f"{SHEET}!B2",
        "window 公安 is not on the roster (did you mean: 公安局?)",
    ),
    case("window-blank", sheet_with([row(window="")]), f"{SHEET}!B2", "窗口 is blank (required)"),
    case("rule-unknown", sheet_with([row(rule="9.9")]), f"{SHEET}!C2", "rule 9.9 does not exist"),
    case(
        "rule-computed",
        sheet_with([row(rule="2.1")]),
        f"{SHEET}!C2",
        "it is computed from sheet 请假",
    ),
    case("count-zero", sheet_with([row(count=0)]), f"{SHEET}!D2", "count 0 must be a whole"),
    case("count-fraction", sheet_with([row(count="1.5")]), f"{SHEET}!D2", "count 1.5 must be"),
    case("count-text", sheet_with([row(count="两")]), f"{SHEET}!D2", "count 两 must be"),
    case(
        "status-invalid",
        sheet_with([row(status="作废")]),
        f"{SHEET}!G2",
        "status 作废 not understood",
    ),
    case(
        "leave-number-invalid",
        sheet_with(GOOD, extra=[leave_sheet([["公安局", "王五", "-1", 0]])]),
        "请假!C2",
        "病假天数: -1 must be a number of at least 0",
    ),
    case(
        "leave-name-blank",
        sheet_with(GOOD, extra=[leave_sheet([["公安局", "", 4, 0]])]),
        "请假!B2",
        "姓名 is blank (required when scored per person)",
    ),
    case(
        "leave-window-unknown",
        sheet_with(GOOD, extra=[leave_sheet([["城管局", "王五", 4, 0]])]),
        "请假!A2",
        "window 城管局 is not on the roster",
    ),
    case("many-problems", many_problems, *MANY_EXPECTED),
    # -- text that a console could take for markup
    case(
        "markup-in-cells",
        sheet_with([row(window="[/dim]公安", note="[/]")]),
        f"{SHEET}!B2",
        "window [/dim]公安 is not on the roster",
    ),
    case(
        "markup-in-path",
        lambda d: hostile.text_as_xlsx(d.joinpath("[red]").mkdir() or d / "[red]"),
        "[red]/notes.xlsx is not an Excel workbook",
    ),
    # -- files from the wild (issue 14): each once a signal, a traceback, a hang or a wrong answer
    case("ods-columns-repeated", hostile.ods_repeat, "damaged OpenDocument spreadsheet"),
    case(
        "ods-rows-repeated",
        lambda d: hostile.ods_repeat(d, "table:number-rows-repeated"),
        "damaged OpenDocument spreadsheet",
    ),
    case("ods-local-header", hostile.ods_bad_local_header, "damaged OpenDocument spreadsheet"),
    case("ods-nan", hostile.ods_number, f"{SHEET}!D2", "count nan must be a whole number"),
    case(
        "stray-far-cell",
        hostile.month_with_stray_cell,
        f"{SHEET}!A1048576",
        "日期 is blank (required)",
    ),
    case(
        "stray-far-cell-merged",
        lambda d: hostile.month_with_stray_cell(d, merged=True),
        f"{SHEET}!G1048576",
        "status 本月结束 not understood",
    ),
    case(
        "xls-empty-continue",
        lambda d: hostile.xls_records(d, "empty-continue"),
        f"{SHEET}!C2",
        "条款 is blank (required)",
    ),
    case(
        "xls-long-record",
        lambda d: hostile.xls_records(d, "long-record"),
        "long-record.xls is not an Excel workbook (it is a damaged workbook)",
    ),
    case(
        "date-far-outside-calendar",
        hostile.far_date,
        f"{SHEET}!2",
        "far-date.xlsx cannot be read",
        "a date outside the calendar",
    ),
    case(
        "date-far-in-the-past",
        lambda d: hostile.far_date(d, "-4e9"),
        f"{SHEET}!A2",
        "the date column holds the number -4000000000",
    ),
    case(
        "encoding-bogus",
        hostile.bogus_encoding,
        "is not an Excel workbook (it is a damaged workbook)",
    ),
    case("sst-count-huge", hostile.huge_string_count, "(it is a damaged workbook)"),
    case("ods-cell-limit", hostile.ods_cell_limit, "more cells than the reader's limit"),
    case("column-past-xfd", hostile.column_past_xfd, "past-xfd.xlsx is not an Excel workbook"),
    case(
        "formula-empty-value",
        hostile.formula_empty_value,
        f"{SHEET}!D2",
        "the formula 1+1 with no computed value",
    ),
    # -- how the command is called
    case(
        "month-missing",
        lambda d: hostile.valid_xlsx(d, "records.xlsx"),
        "cannot tell the month",
        exit=2,
        options=("--no-month",),
    ),
    case(
        "month-invalid",
        hostile.valid_xlsx,
        "month 2020-13 is not valid",
        exit=2,
        options=("--month", "2020-13"),
    ),
    case(
        "max-unzipped-not-a-number",
        hostile.valid_xlsx,
        "--max-unzipped",
        exit=2,
        options=("--max-unzipped", "lots"),
    ),
]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder (recursively) with its SHA-256; folders and FIFOs by name only."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_file() and not path.is_symlink():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "-"
    return found


@pytest.mark.parametrize("bad", CASES)
def test_a_bad_input_is_refused_clearly_and_nothing_is_written_or_changed(tmp_path, bad: Case):
    folder = tmp_path / "in"
    folder.mkdir()
    path = bad.make(folder)
    before = snapshot(folder)
    options = [o for o in bad.options if o != "--no-month"]
    month = [] if "--no-month" in bad.options or "--month" in options else ["--month", "2020-02"]
    result = run("score", path, *month, *options)
    assert result.exit_code == bad.exit, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for fragment in bad.fragments:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert snapshot(folder) == before  # no result, no temp file, no .layout; input unchanged


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 40


def test_the_secret_an_xxe_points_at_is_never_shown(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-7f3a-SECRET")
    result = run("validate", hostile.xxe(tmp_path, secret), "--month", "2020-02")
    assert result.exit_code == 1
    assert "MARKER" not in result.stdout + result.stderr


def test_twenty_problems_are_all_reported_in_one_run_in_sheet_and_row_order(tmp_path):
    result = run("validate", many_problems(tmp_path), "--month", "2020-02")
    assert result.exit_code == 1
    places = re.findall(r"^\s*((?:扣分记录|请假)!\w+)", result.stdout, flags=re.M)
    assert places == MANY_EXPECTED
    assert len(set(places)) >= 20
    assert f"{len(MANY_EXPECTED)} errors" in result.stdout


# --------------------------------------------------------------------------- read, not refused


@pytest.mark.parametrize(
    "make", [hostile.backslash_names, hostile.workbook_elsewhere, hostile.far_cell_on_other_sheet]
)
def test_valid_layouts_from_other_tools_are_read(tmp_path, make):
    """Backslash member names, a workbook part not under xl/, a huge area on a sheet not read."""
    result = run("validate", make(tmp_path), "--month", "2020-02")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "no errors (2 record rows)" in result.stdout


def test_a_far_stray_cell_costs_no_million_rows(tmp_path):
    """The rows read are the rows that hold something: 50 incidents, the header, the stray."""
    from qualitywin.reader import open_workbook

    book = open_workbook(hostile.month_with_stray_cell(tmp_path, merged=True))
    rows = book.rows(SHEET)
    numbers = [number for number, _, _ in rows.iter()]
    assert numbers == [*range(1, 52), 1_048_576]
    merged = rows.merged()
    assert merged[(1_048_576, 7)] == (1_048_576, 6) and (1_048_576, 6) not in merged
    assert merged[(30, 8)] == (2, 8) and (30, 9) not in merged


@pytest.mark.parametrize(
    "death",
    [
        "import os; os.abort()",
        "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)",
        "import sys; sys.stdout.buffer.write(b'half'); sys.exit(3)",
    ],
)
def test_a_reader_that_dies_is_one_line_naming_the_file(tmp_path, monkeypatch, death):
    """.xls/.xlsb/.ods are read in a child process: whatever kills it (python-calamine aborting
    on a failed allocation, a segfault) is one message and exit 1, not the end of qualitywin."""
    from qualitywin import reader

    child = tmp_path / "dying_child.py"
    child.write_text(death + "\n")
    monkeypatch.setattr(reader, "_CHILD", child)
    path = hostile.legacy_xls(tmp_path, GOOD, name="2020-02.xls")
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"Error: cannot read {path}: the reader stopped abnormally")
    how = {"abort": "SIGABRT", "SIGSEGV": "SIGSEGV", "exit(3)": "exit 3"}
    assert next(v for k, v in how.items() if k in death) in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_a_legacy_xls_is_read_and_scored(tmp_path):
    path = hostile.legacy_xls(tmp_path, GOOD, name="2020-02.xls")
    assert check_file(path).format == "xls"
    result = run("score", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert '"total": 69' in result.stdout  # 公安局: 2.2a × 1
    assert (tmp_path / "2020-02-结果.xlsx").is_file()


def test_an_ods_is_read_and_scored(tmp_path):
    path = hostile.ods(tmp_path, GOOD, name="2020-02.ods")
    assert check_file(path).format == "ods"
    result = run("score", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert '"total": 68' in result.stdout  # 民政局: 3.1 × 2


def test_an_xlsb_month_scores_like_its_xlsx_twin(tmp_path):
    import json

    xlsb = hostile.xlsb(tmp_path, GOOD, name="2020-02.xlsb")
    twin = write_xlsx(tmp_path / "2020-02.xlsx", [Sheet(SHEET, rows=[HEADER, *GOOD])])
    assert check_file(xlsb).format == "xlsb"
    results = []
    for path in (xlsb, twin):
        result = run("score", path, "--json", "-o", tmp_path / f"{path.suffix[1:]}-result.xlsx")
        assert result.exit_code == 0, result.stderr
        results.append(json.loads(result.stdout))
    assert results[0]["windows"] == results[1]["windows"]
    assert {w["window"]: w["total"] for w in results[0]["windows"]}["民政局"] == 68


def json_of(path: Path) -> dict:
    import json

    result = run("score", path, "--json", "--month", "2020-02", "--force")
    assert result.exit_code == 0, result.stderr
    return {w["window"]: w["total"] for w in json.loads(result.stdout)["windows"]}


def test_merged_cells_take_the_value_of_their_top_left_cell(tmp_path):
    rows = [row(), row(window="", rule="3.1")]  # B2:B3 merged: both rows are 公安局's
    path = sheet_with(rows, tail='<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>')(
        tmp_path
    )
    assert json_of(path)["公安局"] == 70 - 1 - 1


def test_a_header_below_a_title_row_is_found(tmp_path):
    path = write_xlsx(
        tmp_path / "titled.xlsx", [Sheet(SHEET, rows=[[], ["二月份扣分记录"], [], HEADER, *GOOD])]
    )
    assert json_of(path)["公安局"] == 69
    result = run("validate", path, "--month", "2020-02")
    assert "unknown column" not in result.stdout  # the title is not taken for a header


def test_a_header_that_does_not_start_in_column_a(tmp_path):
    path = write_xlsx(
        tmp_path / "shifted.xlsx",
        [Sheet(SHEET, rows=[[None, *HEADER], *([None, *r] for r in GOOD)])],
    )
    assert json_of(path)["民政局"] == 68


def test_a_hidden_incident_sheet_is_scored_with_a_warning(tmp_path):
    path = sheet_with(GOOD, state="hidden")(tmp_path)
    result = run("validate", path, "--month", "2020-02")
    assert result.exit_code == 0
    assert f"sheet {SHEET} is hidden; it is scored all the same" in result.stdout
    assert json_of(path)["公安局"] == 69


def test_formulas_with_a_cached_value_count_as_their_value(tmp_path):
    rows = [
        row(
            count=Raw('<c r="{r}"><f>1+2</f><v>3</v></c>'),
            note=Raw('<c r="{r}" t="str"><f>"迟"&amp;"到"</f><v>迟到</v></c>'),
        )
    ]
    assert json_of(sheet_with(rows)(tmp_path))["公安局"] == 67


def test_a_boolean_in_a_free_text_column_is_kept_as_text(tmp_path):
    rows = [row(person=Raw('<c r="{r}" t="b"><v>1</v></c>'))]
    assert json_of(sheet_with(rows)(tmp_path))["公安局"] == 69


# --------------------------------------------------------------------------- a real process


def run_process(*args: object, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QUALITYWIN_LANG": "en",
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "qualitywin", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize(
    "make, fragment",
    [
        (hostile.zip_bomb, "would inflate past the limit"),
        (lambda d: hostile.far_cells(d, "corner"), "cells"),  # would abort python-calamine
    ],
)
def test_a_real_process_refuses_without_a_traceback(tmp_path, make, fragment):
    path = make(tmp_path)
    before = snapshot(tmp_path)
    done = run_process("score", path, "--month", "2020-02", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert fragment in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert snapshot(tmp_path) == before


def test_a_message_to_a_log_file_is_never_wrapped(tmp_path):
    """stderr not a terminal (a log file, a scheduled job): one message stays one line."""
    path = tmp_path / ("a-long-folder-name-" * 6) / "2020-02.xlsx"
    path.parent.mkdir()
    path.write_text("only text here\n" * 3)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(
        [sys.executable, "-m", "qualitywin", "--lang", "en", "validate", str(path)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    assert first.startswith("Error: ") and first.endswith(
        "is not an Excel workbook (it is a text file)"
    )
    assert len(first) > 80
