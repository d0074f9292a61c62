"""The year view: monthly result workbooks read back and gathered into one table.

`read_result` reads what `score` wrote (its 排名 and 说明 sheets) and checks that each window's
figures add up; `gather_year` puts the months together: per window the months scored, times 入选,
average and lowest total, points lost per category, and the same by quarter. Nothing here writes
or prints; see annual_workbook.py, console.py and jsonview.py.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, cast

from qualitywin.filecheck import DEFAULT_MAX_UNZIPPED
from qualitywin.decimals import plain_text
from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.model import MonthResult
from qualitywin.reader import Workbook, open_workbook
from qualitywin.records import file_sha256
from qualitywin.result_data import has_data, ranking_edits, read_data, result_from_data, scheme_of
from qualitywin.result_layout import (
    ABOUT_CATEGORIES,
    ABOUT_INPUT,
    ABOUT_INPUT_SHA,
    ABOUT_MAX,
    ABOUT_MONTH,
    ABOUT_RULES_FILE,
    ABOUT_SCHEME,
    ABOUT_SHEET,
    ABOUT_VERSION,
    DECIDED_NOTE,
    DEDUCTED,
    NOTE,
    RANK,
    RANKING_SHEET,
    STATUS,
    TOOL_PREFIX,
    TOTAL,
    WINDOW,
)
from qualitywin.vocabulary import WindowStatus

SELECTED = WindowStatus.SELECTED
TIED = WindowStatus.TIED
QUARTERS = (1, 2, 3, 4)
CENT = Decimal("0.01")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CATEGORY_POINTS = re.compile(r"^(.*\S)\s+(\+?)(\d+(?:\.\d+)?)$")  # "加分 +5": a bonus category


# -- one month's result, read back -------------------------------------------------------------------


@dataclass
class MonthRow:
    """One window's line of a result's 排名."""

    window: str
    row: int  # as Excel shows it
    rank: int | None
    categories: dict[str, Decimal]
    total: Decimal
    deducted: Decimal | None
    status: str
    decided: bool


@dataclass
class MonthRanking:
    """What a result workbook says about its month."""

    path: str
    sha256: str
    month: str  # YYYY-MM
    scheme_name: str
    rules_file: str
    max_score: Decimal | None
    category_points: dict[str, Decimal]  # from 说明's 类别, where it can be read
    bonus_categories: frozenset[str]  # categories that add points (加分), marked "+" in 类别
    categories: tuple[str, ...]  # the columns of 排名 between 窗口 and 总分
    rows: list[MonthRow]
    source_file: str = ""
    source_sha256: str = ""
    issues: list[Issue] = field(default_factory=list)  # figures that do not add up
    columns: dict[str, int] = field(default_factory=dict)  # 排名's header → column number
    # from the result's own data (None for a result written before it existed):
    data: dict[str, Any] | None = None
    result: MonthResult | None = None  # without its audit (result_data.read_audit reads it)
    edits: list[Issue] = field(default_factory=list)  # where 排名 differs from the data

    @property
    def year(self) -> int:
        return int(self.month[:4])

    @property
    def scheme_key(self) -> tuple:
        return (self.scheme_name, self.rules_file)


def read_result(path: str | Path, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> MonthRanking:
    """Read a result workbook written by `score`. Raises QualitywinError when it is not one."""
    path = Path(path)
    return read_result_book(open_workbook(path, max_unzipped), path)


def read_result_book(book: Workbook, path: Path) -> MonthRanking:
    """A result's 排名 and 说明 as written; with the result's own data when it has some: the
    categories' names, kinds and points come from there, and every figure of 排名 that differs
    from the data is a warning (the year uses the figures as written, and says so)."""
    for sheet in (RANKING_SHEET, ABOUT_SHEET):
        if sheet not in book.sheet_names:
            raise QualitywinError.of(Code.NOT_A_RESULT, path=str(path), missing=sheet)
    about = _read_about(book)
    version = str(about.get(ABOUT_VERSION, ""))
    if not version.startswith(TOOL_PREFIX):
        raise QualitywinError.of(
            Code.NOT_A_RESULT, path=str(path), missing=f"{ABOUT_SHEET}!{ABOUT_VERSION}"
        )
    month = str(about.get(ABOUT_MONTH, "")).strip()
    match = _MONTH.match(month)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise QualitywinError.of(
            Code.NOT_A_RESULT, path=str(path), missing=f"{ABOUT_SHEET}!{ABOUT_MONTH}"
        )
    categories = _text(about.get(ABOUT_CATEGORIES))
    ranking = MonthRanking(
        path=str(path),
        sha256=file_sha256(path),
        month=month,
        scheme_name=_text(about.get(ABOUT_SCHEME)),
        rules_file=_text(about.get(ABOUT_RULES_FILE)),
        max_score=_number_or_none(about.get(ABOUT_MAX)),
        category_points=_category_points(categories),
        bonus_categories=_bonus_categories(categories),
        categories=(),
        rows=[],
        source_file=_text(about.get(ABOUT_INPUT)),
        source_sha256=_text(about.get(ABOUT_INPUT_SHA)),
    )
    if has_data(book):
        _take_data(book, ranking)
    _read_ranking(book, ranking)
    ranking.issues = _inconsistencies(ranking)
    if ranking.result is not None:
        ranking.edits = ranking_edits(
            ranking.path, _visible(ranking), ranking.result, ranking.columns
        )
        ranking.issues.extend(
            replace(e, code=Code.RESULT_DATA_DIFFERS, params={**e.params, "month": ranking.month})
            for e in ranking.edits
        )
    return ranking


def _take_data(book: Workbook, ranking: MonthRanking) -> None:
    """The result's own data: its scheme gives the categories (a name may hold "、")."""
    ranking.data = read_data(book, ranking.path)
    scheme = scheme_of(ranking.data, ranking.path)
    ranking.result = result_from_data(ranking.data, scheme, ranking.path)
    ranking.category_points = {c.name: c.points for c in scheme.categories}
    ranking.bonus_categories = frozenset(c.name for c in scheme.bonus_categories)


def _visible(ranking: MonthRanking) -> dict[str, dict[str, Any]]:
    """排名's rows by window, each as {header: value, "row": row number}."""
    shown: dict[str, dict[str, Any]] = {}
    for line in ranking.rows:
        entry: dict[str, Any] = {
            "row": line.row,
            TOTAL: line.total,
            STATUS: line.status,
            **line.categories,
        }
        if line.rank is not None:
            entry[RANK] = Decimal(line.rank)
        if line.deducted is not None:
            entry[DEDUCTED] = line.deducted
        shown.setdefault(line.window, entry)
    return shown


def _read_about(book: Workbook) -> dict[str, Any]:
    about: dict[str, Any] = {}
    for _, left, cells in book.rows(ABOUT_SHEET).iter():
        if left != 1 or len(cells) < 2:
            continue
        key = _text(cells[0])
        if key and key not in about:
            about[key] = cells[1]
    return about


def _read_ranking(book: Workbook, ranking: MonthRanking) -> None:
    """The rows under the header row (found by its 窗口 cell) until the first blank 窗口."""
    columns: dict[str, int] | None = None
    for row, left, cells in book.rows(RANKING_SHEET).iter():
        values = {left + i: cell for i, cell in enumerate(cells)}
        if columns is None:
            header = {_text(v): c for c, v in values.items() if _text(v)}
            if WINDOW in header:
                columns = _ranking_columns(ranking, header, row)
                ranking.columns = columns
            continue
        window = _text(values.get(columns[WINDOW]))
        if not window:
            break
        ranking.rows.append(_ranking_row(ranking, columns, values, row, window))
    if columns is None:
        raise QualitywinError.of(
            Code.NOT_A_RESULT, path=ranking.path, missing=f"{RANKING_SHEET}!{WINDOW}"
        )


def _ranking_columns(ranking: MonthRanking, header: dict[str, int], row: int) -> dict[str, int]:
    if TOTAL not in header:
        raise QualitywinError.of(
            Code.NOT_A_RESULT, path=ranking.path, missing=f"{RANKING_SHEET}!{TOTAL}"
        )
    first, last = header[WINDOW], header[TOTAL]
    ranking.categories = tuple(
        name for name, c in sorted(header.items(), key=lambda i: i[1]) if first < c < last
    )
    return header


def _ranking_row(
    ranking: MonthRanking, columns: dict[str, int], values: dict[int, Any], row: int, window: str
) -> MonthRow:
    def number(name: str, required: bool = True) -> Decimal | None:
        column = columns.get(name)
        value = values.get(column) if column else None
        if (value is None or value == "") and not required:
            return None
        found = _number_or_none(value)
        if found is None:
            raise QualitywinError(
                Issue(
                    Code.RESULT_DAMAGED,
                    sheet=RANKING_SHEET,
                    row=row,
                    column=column,
                    value=value,
                    params={"path": ranking.path, "column": name},
                )
            )
        return found

    rank = number(RANK, required=False)
    note = _text(values.get(columns.get(NOTE, -1)))
    return MonthRow(
        window=window,
        row=row,
        rank=int(rank) if rank is not None else None,
        categories={c: number(c) for c in ranking.categories},  # type: ignore[misc]
        total=number(TOTAL),  # type: ignore[arg-type]
        deducted=number(DEDUCTED, required=False),
        status=_text(values.get(columns.get(STATUS, -1))),
        decided=DECIDED_NOTE in note,
    )


def _inconsistencies(ranking: MonthRanking) -> list[Issue]:
    """Rows whose categories do not sum to 总分, or whose 总分 + 扣分 is not 满分 (hand-edited?)."""
    issues = []
    bonus_caps = sum(
        (ranking.category_points.get(c, Decimal(0)) for c in ranking.bonus_categories), Decimal(0)
    )
    for line in ranking.rows:
        summed = sum(line.categories.values(), Decimal(0))
        bad_sum = bool(line.categories) and summed != line.total
        # 扣分 counts only deduction categories: a bonus not earned is not a deduction
        gained = sum(
            (line.categories.get(c, Decimal(0)) for c in ranking.bonus_categories), Decimal(0)
        )
        bad_max = (
            ranking.max_score is not None
            and line.deducted is not None
            and line.total - gained + line.deducted != ranking.max_score - bonus_caps
        )
        if bad_sum or bad_max:
            issues.append(
                Issue(
                    Code.RESULT_INCONSISTENT,
                    sheet=RANKING_SHEET,
                    row=line.row,
                    params={
                        "file": Path(ranking.path).name,
                        "month": ranking.month,
                        "window": line.window,
                        "sum": _show(summed),
                        "total": _show(line.total),
                        "deducted": _show(line.deducted),
                        "max": _show(ranking.max_score),
                    },
                )
            )
    return issues


# -- the year -----------------------------------------------------------------------------------------


@dataclass
class QuarterFigures:
    quarter: int
    months: int
    average: Decimal | None  # rounded half-up to 2 decimals
    times_selected: int


@dataclass
class WindowYear:
    window: str
    totals: dict[str, Decimal] = field(default_factory=dict)  # month → 总分
    statuses: dict[str, str] = field(default_factory=dict)  # month → 状态
    decided: set[str] = field(default_factory=set)  # months 入选 by the evaluation group's pick
    lost: dict[str, Decimal] = field(default_factory=dict)  # category → points lost in the year
    rank: int = 0

    @property
    def months_scored(self) -> int:
        return len(self.totals)

    @property
    def selected_months(self) -> list[str]:
        return sorted(m for m, s in self.statuses.items() if s == SELECTED)

    @property
    def times_selected(self) -> int:
        return len(self.selected_months)

    @property
    def exact_average(self) -> Fraction:
        """The average total, exactly (ranks compare this, not the rounded figure)."""
        return sum((Fraction(t) for t in self.totals.values()), Fraction(0)) / len(self.totals)

    @property
    def average(self) -> Decimal:
        return rounded_average(self.totals.values())

    @property
    def lowest(self) -> Decimal:
        return min(self.totals.values())

    @property
    def lowest_months(self) -> list[str]:
        return sorted(m for m, t in self.totals.items() if t == self.lowest)

    @property
    def total_lost(self) -> Decimal:
        return sum(self.lost.values(), Decimal(0))

    def quarter(self, quarter: int) -> QuarterFigures:
        months = [m for m in self.totals if quarter_of(m) == quarter]
        return QuarterFigures(
            quarter,
            len(months),
            rounded_average(self.totals[m] for m in months) if months else None,
            sum(1 for m in months if self.statuses.get(m) == SELECTED),
        )


@dataclass
class YearResult:
    year: int
    months: list[MonthRanking]  # in month order
    categories: tuple[str, ...]
    windows: list[WindowYear]  # rank order
    warnings: list[Issue] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in a folder that are not results

    @property
    def missing_months(self) -> list[str]:
        present = {r.month for r in self.months}
        return [m for m in year_months(self.year) if m not in present]

    def to_frames(self) -> dict[str, Any]:
        """pandas DataFrames (frames.year_frames): windows × months, the year table, warnings."""
        from qualitywin.frames import year_frames

        return year_frames(self)

    def most_selected(self, places: int = 5) -> list[WindowYear]:
        """The windows most often 入选: the first `places` by count, ties at the cut included."""
        chosen = sorted(
            (w for w in self.windows if w.times_selected), key=lambda w: -w.times_selected
        )
        if len(chosen) <= places:
            return chosen
        cut = chosen[places - 1].times_selected
        return [w for w in chosen if w.times_selected >= cut]


def gather_year(
    paths: Iterable[str | os.PathLike[str]],
    year: int | None = None,
    max_unzipped: int = DEFAULT_MAX_UNZIPPED,
) -> YearResult:
    """Read the result workbooks (files, or folders of them) and total the year."""
    files, folders = _expand(paths)
    skipped: list[str] = []
    rankings = []
    for path in files:
        try:
            rankings.append(read_result(path, max_unzipped))
        except QualitywinError as error:
            if path in folders and all(i.code == Code.NOT_A_RESULT for i in error.issues):
                skipped.append(str(path))  # an input or another workbook beside the results
                continue
            raise
    warnings: list[Issue] = []
    rankings, year = _of_one_year(rankings, year, warnings, [str(p) for p in paths])
    _refuse_months_twice(rankings)
    rankings.sort(key=lambda r: r.month)
    result = YearResult(year, rankings, _categories(rankings), _windows(rankings), skipped=skipped)
    for ranking in rankings:
        warnings.extend(ranking.issues)
    warnings.extend(_undecided_ties(rankings))
    if result.missing_months:
        warnings.append(
            Issue(
                Code.MONTHS_MISSING,
                params={
                    "year": year,
                    "count": len(result.missing_months),
                    "months": result.missing_months,
                },
            )
        )
    warnings.extend(_schemes_differ(rankings))
    result.warnings = warnings
    return result


def _expand(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], set[Path]]:
    """The files to read (each once), and which of them came from a folder."""
    files: list[Path] = []
    from_folders: set[Path] = set()
    seen: set[Path] = set()
    for given in map(Path, paths):
        found = _workbooks_in(given) if given.is_dir() else [given]
        for path in found:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            files.append(path)
            if given.is_dir():
                from_folders.add(path)
    return files, from_folders


def _workbooks_in(folder: Path) -> list[Path]:
    """The .xlsx files of a folder, without Office lock files (~$…) and hidden temporary files."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() == ".xlsx" and p.is_file() and not p.name.startswith(("~$", "."))
    )


def _of_one_year(
    rankings: list[MonthRanking], year: int | None, warnings: list[Issue], places: list[str]
) -> tuple[list[MonthRanking], int]:
    if year is not None:
        for other in (r for r in rankings if r.year != year):
            warnings.append(
                Issue(
                    Code.RESULT_OTHER_YEAR,
                    params={"path": other.path, "month": other.month, "year": year},
                )
            )
        rankings = [r for r in rankings if r.year == year]
    if not rankings:
        raise QualitywinError.of(Code.NO_RESULTS, place=places, year=year or "—")
    years = sorted({r.year for r in rankings})
    if len(years) > 1:
        raise QualitywinError.of(Code.YEARS_MIXED, years=years)
    return rankings, years[0]


def _refuse_months_twice(rankings: list[MonthRanking]) -> None:
    by_month: dict[str, list[MonthRanking]] = defaultdict(list)
    for ranking in rankings:
        by_month[ranking.month].append(ranking)
    twice = [
        Issue(Code.MONTH_TWICE, params={"month": month, "files": [r.path for r in found]})
        for month, found in sorted(by_month.items())
        if len(found) > 1
    ]
    if twice:
        raise QualitywinError(twice)


def _categories(rankings: list[MonthRanking]) -> tuple[str, ...]:
    """Every category of the months, in the order they first appear."""
    return tuple(dict.fromkeys(c for r in rankings for c in r.categories))


def _windows(rankings: list[MonthRanking]) -> list[WindowYear]:
    """Each window's year, ranked by its exact average total (1, 2, 2, 4).

    The months' 排名 rows become one long table (pandas): a window's totals and statuses are its
    rows by month, its points lost the sum over its months per category (a bonus category
    loses nothing). The figures stay Decimal. Equal averages keep the order in which the windows
    first appear in the months' 排名 sheets (which list tied windows in roster order).
    """
    import pandas as pd

    months = pd.DataFrame(
        [
            (
                r.month,
                line.window,
                line.total,
                line.status,
                line.decided and line.status == SELECTED,
            )
            for r in rankings
            for line in r.rows
        ],
        columns=["month", "window", "total", "status", "decided"],
    )
    lost = pd.DataFrame(
        [
            (line.window, category, r.category_points[category] - points)
            for r in rankings
            for line in r.rows
            for category, points in line.categories.items()
            if category in r.category_points and category not in r.bonus_categories
        ],
        columns=["window", "category", "lost"],
    )
    windows: dict[str, WindowYear] = {}
    latest = months.drop_duplicates(["window", "month"], keep="last")  # a month's row, once
    for name, rows in latest.groupby("window", sort=False):
        windows[str(name)] = WindowYear(
            str(name),
            totals=dict(zip(rows["month"], rows["total"])),
            statuses=dict(zip(rows["month"], rows["status"])),
            decided=set(rows.loc[rows["decided"].astype(bool), "month"]),
        )
    summed = lost.groupby(["window", "category"], sort=False)["lost"].sum()
    for key, points in summed.items():
        name, category = cast(tuple[str, str], key)
        windows[name].lost[category] = Decimal(points)
    ordered = sorted(windows.values(), key=lambda w: -w.exact_average)  # stable: first seen first
    for place, window in enumerate(ordered, start=1):
        before = ordered[place - 2] if place > 1 else None
        tied = before is not None and before.exact_average == window.exact_average
        window.rank = before.rank if tied and before else place
    return ordered


def _undecided_ties(rankings: list[MonthRanking]) -> list[Issue]:
    return [
        Issue(
            Code.TIE_UNDECIDED,
            params={
                "month": r.month,
                "file": Path(r.path).name,
                "windows": [x.window for x in r.rows if x.status == TIED],
            },
        )
        for r in rankings
        if any(x.status == TIED for x in r.rows)
    ]


def _schemes_differ(rankings: list[MonthRanking]) -> list[Issue]:
    groups: dict[tuple, list[str]] = defaultdict(list)
    for ranking in rankings:
        groups[ranking.scheme_key].append(ranking.month)
    if len(groups) < 2:
        return []
    return [
        Issue(
            Code.SCHEMES_DIFFER,
            params={
                "schemes": [
                    f"{'、'.join(months)}: {name} ({rules or '—'})"
                    for (name, rules), months in groups.items()
                ]
            },
        )
    ]


# -- small helpers ------------------------------------------------------------------------------------


def year_months(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def quarter_of(month: str) -> int:
    return (int(month[5:]) - 1) // 3 + 1


def rounded_average(totals: Iterable[Decimal]) -> Decimal:
    """The average, rounded half-up to 2 decimals (as the year table shows it)."""
    values = list(totals)
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def _category_points(text: str) -> dict[str, Decimal]:
    """说明's 类别 ("领导重视 15、工作纪律 30、…、加分 +5") → {category: points}."""
    points = {}
    for part in text.split("、"):
        match = _CATEGORY_POINTS.match(part.strip())
        if match:
            points[match.group(1)] = Decimal(match.group(3))
    return points


def _bonus_categories(text: str) -> frozenset[str]:
    """The categories 说明's 类别 marks with "+": they add points, so none are lost in them."""
    found = (_CATEGORY_POINTS.match(part.strip()) for part in text.split("、"))
    return frozenset(m.group(1) for m in found if m and m.group(2))


def _number_or_none(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _show(value: Decimal | None) -> str:
    return "—" if value is None else plain_text(value)
