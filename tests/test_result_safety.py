"""The result workbook: text from the input stays text, and the same input gives the same result."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from qualitywin.cli import app

from conftest import day

runner = CliRunner()

# what a spreadsheet would run as a formula if a cell started with it
HOSTILE_TEXTS = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    '\r=HYPERLINK("http://x.example/","点我")',
    "=1+1\t",
]


def run(*args: object):
    return runner.invoke(app, [*map(str, args)], env={"COLUMNS": "1000"})


def every_cell(path: Path):
    book = openpyxl.load_workbook(path)  # not read-only: data_type tells a formula
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet.title, cell


def test_text_that_looks_like_a_formula_is_written_as_text(month_file):
    rows = [
        (day(3 + i), "公安局", "2.8" if i == 0 else "3.1", 1, text, text)
        for i, text in enumerate(HOSTILE_TEXTS)
    ]
    path = month_file(rows)
    result = run("score", path)
    assert result.exit_code == 0, result.stderr
    output = path.with_name("2020-02-结果.xlsx")

    cells = list(every_cell(output))
    formulas = [(sheet, cell.coordinate) for sheet, cell in cells if cell.data_type == "f"]
    assert formulas == []
    with zipfile.ZipFile(output) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in book.read(name) and b"<f " not in book.read(name)

    audit = openpyxl.load_workbook(output)["扣分明细"]
    written = [(r[8], r[9]) for r in audit.iter_rows(min_row=2, values_only=True)]
    # 当事人 and 说明 are trimmed (a leading tab or CR is whitespace), and stay text
    assert written == [(t.strip(), t.strip()) for t in HOSTILE_TEXTS]
    ranking = [c.value for s, c in cells if s == "排名" and isinstance(c.value, str)]
    assert any(HOSTILE_TEXTS[0] in v for v in ranking)  # the referral names the person, as text


# --------------------------------------------------------------------------- determinism

ROWS = [
    (day(3), "公安局", "2.2a", 2, "张伟", "迟到"),
    (day(5), "民政局", "2.8", 1, "王五", "收受礼品"),
    (day(6), "民政局", "3.2", 1, "", "", "撤销"),
    (day(7), "司法局", "1.1a", 1, "", ""),
    (day(8), "司法局", "1.1b", 1, "", ""),
    (day(9), "建设局", "1.3", 1, "", ""),
    (day(10), "建设局", "1.3", 1, "", ""),
    *((day(11), w, "3.1", 1, "", "") for w in ("发改委", "教体局", "交通局")),
]
LEAVE = [("公安局", "李娜", 3, 1), ("交通局", "赵六", 2.5, 1.5)]


def score_json(path: Path, output: Path) -> str:
    result = run("score", path, "--json", "--output", output)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cells_of(path: Path) -> dict:
    found = {}
    for sheet, cell in every_cell(path):
        found[(sheet, cell.coordinate)] = (cell.value, cell.data_type)
    return found


def test_the_same_input_gives_the_same_json_and_the_same_workbook(month_file, tmp_path):
    path = month_file(ROWS, leave=LEAVE)
    first = score_json(path, tmp_path / "a.xlsx")
    second = score_json(path, tmp_path / "b.xlsx")
    assert first.encode() == second.encode()
    a, b = cells_of(tmp_path / "a.xlsx"), cells_of(tmp_path / "b.xlsx")
    generated = [k for k, (value, _) in a.items() if k[0] == "说明" and value == "生成时间"]
    assert len(generated) == 1
    time_cell = (generated[0][0], "B" + generated[0][1][1:])
    assert {k: v for k, v in a.items() if k != time_cell} == {
        k: v for k, v in b.items() if k != time_cell
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_row_order_changes_no_score(month_file, tmp_path, seed):
    shuffled = list(ROWS)
    random.Random(seed).shuffle(shuffled)
    leave = list(reversed(LEAVE))
    ordered = score_json(month_file(ROWS, leave=LEAVE), tmp_path / "a.xlsx")
    other = month_file(shuffled, name="2020-02-shuffled.xlsx", leave=leave)
    assert without_rows(score_json(other, tmp_path / f"b{seed}.xlsx")) == without_rows(ordered)


def without_rows(shown: str) -> dict:
    """The JSON but where a referral was recorded: that row moves with the order."""
    found = json.loads(shown)
    for referral in found["referrals"]:
        referral.pop("row")
        referral["reason"].pop("params")
        referral["reason"].pop("text")
    return found
