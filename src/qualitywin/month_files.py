"""A month of several workbooks: 2020-02.xlsx, 2020-02-考勤扣分.xlsx, 好差评-2020-02.xlsx.

Every file is opened and read as `records.read_month` reads one. The 扣分记录 sheets of all files
add up (the typed incidents and the rows `attendance` derived); every other sheet the scheme
needs (请假, 好差评 …) must be in exactly one file, since two would count the same thing twice.
Each incident, measure and issue then carries its file's name, so 扣分明细, `--json` and every
message say [file]sheet!cell. The same (date, window, rule, person) typed in two files is a
warning: most likely one entry made twice.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from qualitywin.filecheck import DEFAULT_MAX_UNZIPPED
from qualitywin.issues import Code, Issue, QualitywinError, UsageProblem, sheet_in_file
from qualitywin.model import Incident, MonthRecords, SourceFile
from qualitywin.reader import Workbook, open_workbook
from qualitywin.records import (
    INCIDENT_SHEET,
    check_source,
    file_sha256,
    month_from_name,
    parse_month,
    read_book,
    replacement_warnings,
    resolve_month,
    untouched_warning,
)
from qualitywin.scheme import Rule, Scheme

Progress = Callable[[int, int], None]


def read_month_files(
    paths: Sequence[Path],
    scheme: Scheme,
    month: str | None = None,
    *,
    max_unzipped: int = DEFAULT_MAX_UNZIPPED,
    progress: Progress | None = None,
) -> MonthRecords:
    """Read and check a month given as several workbooks, into one set of records."""
    for path in paths:
        check_source(path)  # the files first: "not found" before "cannot tell the month"
    month, issues = month_of_files(paths, month)
    issues.extend(_files_twice(paths))
    books = [open_workbook(path, max_unzipped) for path in paths]
    incident_sheets = {book.path.name: book.find_sheet(INCIDENT_SHEET) for book in books}
    if not any(incident_sheets.values()):
        raise QualitywinError(
            Issue(
                Code.SHEET_MISSING,
                params={"wanted": INCIDENT_SHEET[0], "found": _all_sheets(books)},
            )
        )
    placed, placing_issues = place_computed_sheets(books, scheme)
    issues.extend(placing_issues)
    first = books[0].path
    records = MonthRecords(
        str(first), "", month, next(s for s in incident_sheets.values() if s is not None)
    )
    records.issues.extend(issues)
    for book in books:
        name = book.path.name
        sha = file_sha256(book.path)
        records.files.append(SourceFile(str(book.path), sha))
        records.sheet_names[str(book.path)] = list(book.sheet_names)
        sheet = incident_sheets[name]
        rules = [r for r in scheme.computed_rules() if placed.get(r.id) is book]
        _read_one(book, scheme, records, sheet, rules, progress)
        if sheet:
            records.incident_sheets[name] = sheet
    records.sha256 = records.files[0].sha256
    records.incident_sheet = records.incident_sheets.get(first.name, records.incident_sheet)
    records.columns = records.file_columns.get(first.name, {})
    records.issues.extend(replacement_warnings(records, scheme))
    records.issues.extend(double_entries(records.incidents, records))
    records.issues.extend(untouched_warning(records, scheme, records.incident_sheet))
    return records


def _read_one(
    book: Workbook,
    scheme: Scheme,
    records: MonthRecords,
    sheet: str | None,
    rules: list[Rule],
    progress: Progress | None,
) -> None:
    """One workbook read on its own, its rows and problems then tagged with its name."""
    name = book.path.name
    part = MonthRecords(str(book.path), "", records.month, sheet or "")
    read_book(book, scheme, part, sheet, rules, progress, file=name)
    records.incidents.extend(part.incidents)
    records.measures.extend(replace(m, file=name) for m in part.measures)
    records.issues.extend(replace(i, file=name) for i in part.issues)
    if sheet:
        records.file_columns[name] = part.columns


def check_sources(paths: Sequence[Path], option: str | None) -> str:
    """The quick looks before any reading (`score` makes them before weighing its output):
    each file is there and looks like a workbook, and the month can be told. The month."""
    for path in paths:
        check_source(path)
    if len(paths) == 1:
        return resolve_month(paths[0], option)[0]
    return month_of_files(paths, option)[0]


def month_of_files(paths: Sequence[Path], option: str | None) -> tuple[str, list[Issue]]:
    """The month: `--month`, else the first file name that holds one. A file named for another
    month is an error (it is most likely last month's workbook given by mistake)."""
    named = [(path, month_from_name(path)) for path in paths]
    found_month = (
        parse_month(option) if option is not None else next((m for _, m in named if m), None)
    )
    if found_month is None:
        raise UsageProblem("usage.month_missing", file=paths[0].name)
    month = found_month
    issues = [
        Issue(
            Code.FILE_OTHER_MONTH, params={"file": path.name, "file_month": found, "month": month}
        )
        for path, found in named
        if found and found != month
    ]
    return month, issues


def _files_twice(paths: Sequence[Path]) -> list[Issue]:
    seen: dict[Path, Path] = {}
    issues = []
    for path in paths:
        key = path.resolve()
        if key in seen:
            issues.append(Issue(Code.FILE_TWICE, params={"file": str(path)}))
        seen.setdefault(key, path)
    return issues


def place_computed_sheets(
    books: list[Workbook], scheme: Scheme
) -> tuple[dict[str, Workbook], list[Issue]]:
    """Which workbook holds each computed rule's sheet. Found in two: an error naming both; in
    none: what `read_book` says of a missing sheet (nothing, or sheet-missing if required)."""
    placed: dict[str, Workbook] = {}
    issues = []
    for rule in scheme.computed_rules():
        spec = rule.computed
        assert spec is not None
        holders = [(b, s) for b in books if (s := b.find_sheet((spec.sheet, *spec.sheet_aliases)))]
        if len(holders) > 1:
            (one, one_sheet), (other, other_sheet) = holders[:2]
            issues.append(
                Issue(
                    Code.SHEET_IN_TWO_FILES,
                    params={
                        "sheet": spec.sheet,
                        "first": sheet_in_file(one_sheet, one.path.name),
                        "second": sheet_in_file(other_sheet, other.path.name),
                    },
                )
            )
        elif holders:
            placed[rule.id] = holders[0][0]
        elif spec.required:
            issues.append(
                Issue(
                    Code.COMPUTED_SHEET_MISSING,
                    params={
                        "wanted": spec.sheet,
                        "found": _all_sheets(books),
                        "rule": rule.id,
                        "columns": [spec.window_column.name, *(c.name for c in spec.value_columns)],
                    },
                )
            )
    return placed, issues


def _all_sheets(books: list[Workbook]) -> str:
    return "; ".join(f"[{b.path.name}] {', '.join(b.sheet_names) or '—'}" for b in books)


def double_entries(incidents: list[Incident], records: MonthRecords) -> list[Issue]:
    """The same (date, window, rule, person) counted in two files: a warning at the later row,
    naming the earlier one. Within one file a repeat is ordinary (two 迟到 the same day)."""
    first: dict[tuple, Incident] = {}
    warnings = []
    for incident in incidents:
        if incident.withdrawn:
            continue
        key = (incident.date, incident.window, incident.rule_id, incident.person)
        earlier = first.setdefault(key, incident)
        if earlier.file != incident.file:
            other = f"{sheet_in_file(records.sheet_of(earlier), earlier.file)}!{earlier.row}"
            warnings.append(
                Issue(
                    Code.DOUBLE_ENTRY,
                    records.sheet_of(incident),
                    incident.row,
                    records.columns_of(incident).get("rule"),
                    incident.rule_id,
                    {
                        "date": incident.date.isoformat(),
                        "window": incident.window,
                        "rule": incident.rule_id,
                        "person": incident.person or "—",
                        "other": other,
                    },
                    file=incident.file,
                )
            )
    return warnings
