"""The library's front door: every use case is one call (docs/python-api.md).

The command line (cli.py), the tests and any later view call these; none of them wires reading,
refusing, scoring and writing together a second time. Nothing here prints, and nothing imports
typer, rich or pandas.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, Union

from qualitywin.filecheck import DEFAULT_MAX_UNZIPPED
from qualitywin.issues import Code, InvalidWorkbook, Issue, QualitywinError, UsageProblem
from qualitywin.model import MonthRecords, MonthResult
from qualitywin.scheme import Scheme
from qualitywin.scheme import load_scheme as _load_scheme

if TYPE_CHECKING:
    from qualitywin.annual import YearResult
    from qualitywin.attendance import AttendanceResult
    from qualitywin.roster import Staff

PathLike = Union[str, "os.PathLike[str]"]
# One month's input: a workbook, or (later, issue 12) several that together make the month.
Sources = Union[PathLike, Sequence[PathLike]]
Rules = Union[Scheme, PathLike, None]
Progress = Callable[[int, int], None]


def load_scheme(path: PathLike | None = None) -> Scheme:
    """The scoring scheme of a rules file (the shipped default without one). Raises
    QualitywinError listing every problem of the file with its line."""
    return _load_scheme(path)


def validate_file(
    path: Sources,
    *,
    rules: Rules = None,
    month: str | None = None,
    staff: PathLike | None = None,
    max_unzipped: int = DEFAULT_MAX_UNZIPPED,
    progress: Progress | None = None,
) -> MonthRecords:
    """Read and check a month's workbook, or the workbooks that together make the month (a
    sequence of paths): its records and every issue found (`.errors`, `.warnings`). The staff
    roster is `staff` (a workbook with sheet 人员), else a 人员 sheet in one of the month's files,
    if any (`.people`). Raises QualitywinError only when a file cannot be read at all."""
    from qualitywin.month_files import read_month_files
    from qualitywin.records import read_month
    from qualitywin.staff_view import attach_roster

    scheme = _scheme(rules)
    paths = source_paths(path)
    if len(paths) == 1:
        records = read_month(paths[0], scheme, month, max_unzipped=max_unzipped, progress=progress)
    else:
        records = read_month_files(
            paths, scheme, month, max_unzipped=max_unzipped, progress=progress
        )
    attach_roster(records, Path(staff) if staff is not None else None, scheme)
    return records


def score_file(
    path: Sources,
    *,
    rules: Rules = None,
    month: str | None = None,
    picks: Iterable[str] = (),
    staff: PathLike | None = None,
    max_unzipped: int = DEFAULT_MAX_UNZIPPED,
    progress: Progress | None = None,
) -> MonthResult:
    """Read, check and score a month. Raises InvalidWorkbook (every error, with its cell) when
    the workbook has errors, QualitywinError when a pick is wrong or the file is unreadable.
    With a roster (`staff`, or a 人员 sheet in the month), `.staff` is each person's month."""
    scheme = _scheme(rules)
    records = validate_file(
        path, rules=scheme, month=month, staff=staff, max_unzipped=max_unzipped, progress=progress
    )
    return score_month(records, scheme, tuple(picks))


def score_month(records: MonthRecords, scheme: Scheme, picks: Iterable[str] = ()) -> MonthResult:
    """Score records read by `validate_file`; records with errors raise InvalidWorkbook."""
    from qualitywin import scoring

    return scoring.score_month(records, scheme, tuple(picks))


def default_result_path(result: MonthResult) -> Path:
    """Where `score` puts a month's result: beside its (first) input, <input>-结果.xlsx."""
    from qualitywin.output import default_output

    return default_output(Path(result.source_path))


def write_result(
    result: MonthResult,
    path: PathLike | None = None,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write the result workbook atomically (default: beside the input, as `score` does).
    Refuses, as the CLI does, to overwrite without `force`, to write over the input, or into a
    missing folder. Returns the path written."""
    from qualitywin import result_workbook
    from qualitywin.output import check_output, write_atomically

    target = Path(path) if path is not None else default_result_path(result)
    check_output(
        target, [Path(s.path) for s in result.sources] or [Path(result.source_path)], force
    )
    write_atomically(
        target,
        lambda temp: result_workbook.write_result(result, result.scheme, temp, progress=progress),
        force,
    )
    return target


def load_result(
    path: PathLike,
    *,
    strict: bool = True,
    audit: bool = True,
    max_unzipped: int = DEFAULT_MAX_UNZIPPED,
) -> MonthResult:
    """Rebuild a month's result (with `.scheme` and `.audit`) from a result workbook's own data.

    A result whose visible 排名 no longer matches its data (edited by hand) raises
    QualitywinError (code result-edited, naming the cell); with `strict=False` the result comes
    back with those disagreements among its warnings (result-data-differs). A result written
    before the data existed is refused (result-no-data): score the month again. `audit=False`
    leaves 扣分明细 unread (`.audit` empty): a million lines take a while and memory.
    """
    from qualitywin.annual import read_result_book
    from qualitywin.reader import open_workbook
    from qualitywin.result_data import has_data, read_audit

    path = Path(path)
    book = open_workbook(path, max_unzipped)
    ranking = read_result_book(book, path)
    if not has_data(book) or ranking.result is None or ranking.data is None:
        raise QualitywinError.of(Code.RESULT_NO_DATA, file=path.name)
    result = ranking.result
    problems = list(ranking.edits)
    if audit:
        result.audit, audit_problems = read_audit(book, ranking.data, result, str(path))
        problems.extend(audit_problems)
    if problems and strict:
        raise QualitywinError(problems)
    result.warnings.extend(as_warning(p) for p in problems)
    return result


def as_warning(issue: Issue) -> Issue:
    """A result-edited problem as the warning `strict=False` and `annual` give instead."""
    return replace(issue, code=Code.RESULT_DATA_DIFFERS)


def gather_year(
    paths: Iterable[PathLike], year: int | None = None, *, max_unzipped: int = DEFAULT_MAX_UNZIPPED
) -> "YearResult":
    """A year of monthly result workbooks (files, or folders of them) totalled."""
    from qualitywin import annual

    return annual.gather_year(paths, year, max_unzipped)


def default_year_path(result: "YearResult", first: PathLike | None = None) -> Path:
    """Where `annual` puts the year: <year>-年度汇总.xlsx in the (first) results' folder."""
    given = Path(first) if first is not None else Path(result.months[0].path)
    folder = given if given.is_dir() else given.parent
    return folder / f"{result.year}-年度汇总.xlsx"


def write_year(result: "YearResult", path: PathLike | None = None, *, force: bool = False) -> Path:
    """Write the year workbook atomically (default: beside the first month's result)."""
    from qualitywin import annual_workbook
    from qualitywin.output import check_output, write_atomically

    target = Path(path) if path is not None else default_year_path(result)
    check_output(target, [Path(r.path) for r in result.months], force)
    write_atomically(target, lambda temp: annual_workbook.write_year(result, temp), force)
    return target


def write_template(
    month: str, path: PathLike | None = None, *, rules: Rules = None, force: bool = False
) -> Path:
    """Write the empty input workbook of a month ("YYYY-MM"; default file <month>.xlsx), with
    dropdowns and checks on every column. Raises UsageProblem for a bad month."""
    from qualitywin.output import check_output, write_atomically
    from qualitywin.records import parse_month
    from qualitywin.template import write_template as write

    chosen = parse_month(month)
    scheme = _scheme(rules)  # the options before the output: each mistake its own answer
    target = Path(path) if path is not None else Path(f"{chosen}.xlsx")
    check_output(target, [], force, suffix=".xlsx")
    write_atomically(target, lambda temp: write(chosen, scheme, temp), force)
    return target


def read_staff(path: PathLike, *, month: str, rules: Rules = None) -> "Staff":
    """The staff roster (sheet 人员) and the month's 考勤例外, as plain data with their issues."""
    from qualitywin import roster

    return roster.read_staff(Path(path), _scheme(rules), month)


def derive_attendance(
    exports: Sequence[PathLike],
    *,
    staff: PathLike,
    month: str | None = None,
    rules: Rules = None,
    format: str | None = None,
) -> "AttendanceResult":
    """Clock exports → the month's derived 工作纪律 rows (`.rows`), one check per roster person ×
    workday × session (`.checks`) and every issue (`.errors`: then nothing is derived).

    `month` is "YYYY-MM" (default: from the first export's file name); `format` forces one of
    "punches", "daily", "report". Raises QualitywinError when a file cannot be read, no header
    is recognised, or the scheme has no ATTENDANCE table."""
    from qualitywin.attendance import attendance_from_files
    from qualitywin.records import month_from_name, parse_month

    paths = [Path(e) for e in exports]
    chosen = parse_month(month) if month else (month_from_name(paths[0]) if paths else None)
    if chosen is None:
        raise UsageProblem("usage.month_missing", file=paths[0].name if paths else "—")
    return attendance_from_files(
        paths, month=chosen, staff=Path(staff), scheme=_scheme(rules), format=format
    )


def write_attendance(
    result: "AttendanceResult", path: PathLike | None = None, *, force: bool = False
) -> Path:
    """Write <month>-考勤扣分.xlsx (default: in the current folder) atomically, with the same
    refusals as `write_result`; a result with errors is refused (QualitywinError)."""
    from qualitywin.attendance_workbook import default_name, write_attendance as write
    from qualitywin.output import check_output, write_atomically

    if result.errors:
        raise QualitywinError(result.errors)
    target = Path(path) if path is not None else Path(default_name(result.month))
    check_output(target, [Path(s) for s in result.sources], force)
    write_atomically(target, lambda temp: write(result, temp), force)
    return target


def _scheme(rules: Rules) -> Scheme:
    return rules if isinstance(rules, Scheme) else _load_scheme(rules)


def source_paths(path: Sources) -> list[Path]:
    """The month's workbooks: one path, or a sequence of them (a month of several files)."""
    if isinstance(path, (str, os.PathLike)):
        return [Path(path)]
    paths = [Path(p) for p in path]
    if not paths:
        raise ValueError("a month needs at least one workbook")
    return paths


__all__ = [
    "InvalidWorkbook",
    "default_result_path",
    "default_year_path",
    "derive_attendance",
    "gather_year",
    "load_result",
    "load_scheme",
    "read_staff",
    "score_file",
    "score_month",
    "source_paths",
    "validate_file",
    "write_attendance",
    "write_result",
    "write_template",
    "write_year",
]
