"""Writing the result: never over the input, never half a file, never without --force."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hostile
from qualitywin.cli import app
from qualitywin.issues import Code, QualitywinError
from qualitywin.output import write_atomically

from conftest import day

runner = CliRunner()
SRC = Path(__file__).resolve().parents[1] / "src"
ROWS = [(day(3), "公安局", "2.2a", 2, "张伟", "迟到")]


def run(*args: object):
    return runner.invoke(app, ["--lang", "en", *map(str, args)], env={"COLUMNS": "1000"})


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def month(month_file) -> Path:
    return month_file(ROWS)


# --------------------------------------------------------------------------- the input is safe


def test_the_output_may_not_be_a_symlink_to_the_input(month):
    link = month.with_name("link.xlsx")
    link.symlink_to(month)
    before = month.read_bytes()
    result = run("score", month, "--output", link, "--force")
    assert result.exit_code == 1
    assert "is the input file; refused" in result.stderr
    assert month.read_bytes() == before and link.is_symlink()


def test_the_output_may_not_be_the_input_spelled_another_way(month):
    (month.parent / "sub").mkdir()
    spelled = month.parent / "sub" / ".." / month.name
    before = month.read_bytes()
    for output in (spelled, Path(os.path.relpath(month))):
        result = run("score", month, "--output", output, "--force")
        assert result.exit_code == 1 and "is the input file" in result.stderr
    assert month.read_bytes() == before


def test_the_output_may_not_be_a_hard_link_to_the_input(month):
    other = month.with_name("same-bytes.xlsx")
    os.link(month, other)
    result = run("score", month, "--output", other, "--force")
    assert result.exit_code == 1 and "is the input file" in result.stderr


# --------------------------------------------------------------------------- the folder


def test_a_missing_output_folder_is_a_clear_error(month):
    result = run("score", month, "--output", month.parent / "nowhere" / "r.xlsx")
    assert result.exit_code == 1
    assert "nowhere, does not exist" in result.stderr
    assert leftovers(month.parent) == [month.name]


def test_an_output_folder_that_is_a_file(month):
    result = run("score", month, "--output", month / "r.xlsx")
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert leftovers(month.parent) == [month.name]


def test_an_output_that_is_a_folder(month):
    (month.parent / "r.xlsx").mkdir()
    result = run("score", month, "--output", month.parent / "r.xlsx", "--force")
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_an_unwritable_folder_is_refused_before_reading(month, monkeypatch):
    # root writes anywhere, so the permission check itself is made to say no
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, **kw: False if Path(p) == month.parent else real_access(p, mode, **kw),
    )
    result = run("score", month)
    assert result.exit_code == 1
    assert "its folder is not writable" in result.stderr
    assert leftovers(month.parent) == [month.name]


def test_a_folder_that_refuses_the_temporary_file(month, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("score", month)
    assert result.exit_code == 1 and "permission denied" in result.stderr
    assert leftovers(month.parent) == [month.name]


def test_an_existing_output_is_kept_without_force(month):
    output = month.with_name("r.xlsx")
    output.write_bytes(b"last month's result")
    result = run("score", month, "--output", output)
    assert result.exit_code == 1 and "exists; not overwritten" in result.stderr
    assert output.read_bytes() == b"last month's result"
    assert run("score", month, "--output", output, "--force").exit_code == 0
    assert output.read_bytes()[:2] == b"PK"
    assert leftovers(month.parent) == sorted([month.name, "r.xlsx"])


# --------------------------------------------------------------------------- no half files


def test_a_disk_full_while_writing_leaves_nothing(month, monkeypatch):
    import qualitywin.result_workbook as rw

    def fill_the_disk(result, scheme, path, **kwargs):
        path.write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rw, "write_result", fill_the_disk)
    result = run("score", month)
    assert result.exit_code == 1
    assert "the disk is full" in result.stderr and "Traceback" not in result.stderr
    assert leftovers(month.parent) == [month.name]


def test_an_interrupt_while_writing_leaves_nothing(tmp_path):
    target = tmp_path / "r.xlsx"

    def interrupted(temp: Path) -> None:
        temp.write_bytes(b"PK half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, interrupted)
    assert leftovers(tmp_path) == []


def test_an_output_that_appears_meanwhile_is_not_overwritten(tmp_path):
    target = tmp_path / "r.xlsx"

    def someone_else_writes(temp: Path) -> None:
        temp.write_bytes(b"ours")
        target.write_bytes(b"theirs")

    with pytest.raises(QualitywinError) as info:
        write_atomically(target, someone_else_writes)
    assert info.value.issues[0].code is Code.OUTPUT_EXISTS
    assert target.read_bytes() == b"theirs" and leftovers(tmp_path) == ["r.xlsx"]


def big_month(folder: Path, rows: int) -> Path:
    """A month of `rows` valid incidents, its XML written in one go (seconds, not minutes)."""
    head = "".join(
        f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for c, h in zip("ABCDEFG", hostile.HEADER)
    )
    body = [f'<row r="1">{head}</row>']
    windows = ["公安局", "民政局", "司法局", "建设局"]
    for r in range(2, rows + 2):
        body.append(
            f'<row r="{r}"><c r="A{r}" s="1"><v>{43862 + r % 29}</v></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>{windows[r % 4]}</t></is></c>'
            f'<c r="C{r}" t="inlineStr"><is><t>2.2a</t></is></c><c r="D{r}"><v>1</v></c>'
            f'<c r="E{r}" t="inlineStr"><is><t>张{r}</t></is></c></row>'
        )
    xml = (
        f'<?xml version="1.0"?>\n<worksheet xmlns="{hostile.NS_MAIN}"><sheetData>'
        f"{''.join(body)}</sheetData></worksheet>"
    )
    return hostile.write_xlsx(folder / "2020-02.xlsx", [hostile.Sheet(hostile.SHEET, xml=xml)])


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_writing_leaves_neither_result_nor_temporary_file(tmp_path, signum, code):
    path = big_month(tmp_path, 100_000)
    env = {
        **os.environ,
        "QUALITYWIN_LANG": "en",
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    logs = tmp_path.parent / f"{tmp_path.name}-logs"
    logs.mkdir()
    with open(logs / "out", "wb") as out, open(logs / "err", "wb") as err:  # a pipe could fill
        process = subprocess.Popen(
            [sys.executable, "-m", "qualitywin", "score", str(path)],
            stdout=out,
            stderr=err,
            env=env,
        )
        try:
            deadline = time.monotonic() + 120  # reading 100k rows on a loaded 2-core machine
            while not any(".qualitywin-tmp" in p.name for p in tmp_path.iterdir()):
                assert process.poll() is None, (logs / "err").read_text()
                assert time.monotonic() < deadline
                time.sleep(0.005)
            process.send_signal(signum)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    stderr = (logs / "err").read_text()
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert leftovers(tmp_path) == ["2020-02.xlsx"]
