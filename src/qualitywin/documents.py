"""What the office publishes, each from a result workbook alone: the 通报, the 扣分通知单 and
the 公示 page. One call each (the CLI's notice / notices / page):

    write_notice_file("2020-02-结果.xlsx", number="上政服〔2020〕3号", date=dt.date(2020, 3, 2))
    write_deduction_notice_files("2020-02-结果.xlsx")
    write_page_file("2020-02-结果.xlsx")

The result is rebuilt from the workbook's own data (`load_result`), so the documents can be
made later, on another machine, and always say what the workbook says; a workbook whose visible
排名 was edited after scoring is refused. Outputs are written atomically and never overwrite an
existing file without `force`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from qualitywin.deduction_notices import NoticeFile, notice_files, write_deduction_notices
from qualitywin.issues import Code, QualitywinError, os_error_name
from qualitywin.model import MonthResult
from qualitywin.notice_docx import write_notice
from qualitywin.output import check_output, write_atomically
from qualitywin.public_page import month_page
from qualitywin.publishing import Deduction, deductions_by_window


def load_published(path: str | Path) -> MonthResult:
    """The month's result, rebuilt from a result workbook's own data (with its scheme, the
    rules file's PUBLISH included). A workbook edited by hand after scoring is refused."""
    from qualitywin.api import load_result

    return load_result(path, strict=True)


def write_notice_file(
    result_path: str | Path,
    output: Path | None = None,
    *,
    number: str = "",
    date: dt.date | None = None,
    force: bool = False,
) -> Path:
    """The month's 通报 (.docx) beside the result, or at `output`."""
    result_path = Path(result_path)
    result = load_published(result_path)
    target = output or result_path.with_name(f"{result.month}-通报.docx")
    check_output(target, [result_path], force, suffix=".docx")
    write_atomically(
        target, lambda temp: write_notice(result, temp, number=number, date=date), force
    )
    return target


def write_deduction_notice_files(
    result_path: str | Path,
    folder: Path | None = None,
    *,
    every_window: bool = False,
    single: bool = False,
    date: dt.date | None = None,
    force: bool = False,
) -> list[Path]:
    """The 扣分通知单 into `folder` (made if missing): a .docx per window that lost points (every
    window with `every_window`), or one with a page each (`single`). Nothing is written when one
    of the files exists and `force` is not given."""
    result_path = Path(result_path)
    result = load_published(result_path)
    folder = folder or result_path.with_name(f"{result.month}-扣分通知单")
    files = notice_files(result, every_window=every_window, single=single)
    if not files:
        return []
    _make_folder(folder)
    targets = [folder / f.name for f in files]
    for target in targets:  # every refusal before the first file is written
        check_output(target, [result_path], force)
    lines = deductions_by_window(result)  # once, for every file
    for notice, target in zip(files, targets):
        write_atomically(target, _notices_writer(result, notice, date, lines), force)
    return targets


def _notices_writer(
    result: MonthResult, notice: NoticeFile, date: dt.date | None, lines: dict[str, list[Deduction]]
) -> Callable[[Path], None]:
    return lambda temp: write_deduction_notices(result, notice.windows, temp, date, lines)


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise QualitywinError.of(Code.OUTPUT_NOT_A_FOLDER, path=str(folder))
    if not folder.parent.is_dir():
        raise QualitywinError.of(Code.OUTPUT_DIR_MISSING, path=str(folder.parent))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise QualitywinError.of(
            Code.OUTPUT_NOT_WRITABLE, path=str(folder), reason=os_error_name(exc)
        ) from exc


def write_page_file(
    result_path: str | Path,
    output: Path | None = None,
    *,
    date: dt.date | None = None,
    force: bool = False,
) -> Path:
    """The 公示 page (.html) of a month's result, or of a year workbook (年度汇总)."""
    from qualitywin.year_page import is_year_workbook, year_page_of

    result_path = Path(result_path)
    if is_year_workbook(result_path):
        html, stem = year_page_of(result_path, date)
    else:
        result = load_published(result_path)
        html, stem = month_page(result, date), result.month
    target = output or result_path.with_name(f"{stem}-公示.html")
    check_output(target, [result_path], force, suffix=".html")
    write_atomically(target, lambda temp: _write_text(temp, html), force)
    return target


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
