"""好差评: a computed rule that reads the platform's ratings and measures each window by them.

The national 政务服务"好差评" scheme rates every completed service on five levels — 非常满意,
满意, 基本满意, 不满意, 非常不满意 — through an 评价渠道 (online: 政务服务网, APP, 小程序;
offline: the hall's rating pad, QR code, 12345), and counts 不满意 and 非常不满意 as 差评, which the
department must review (a 差评 found unjustified is marked invalid) and rectify. See the national
guide's 评价渠道/评价等级 sections as republished at http://www.jiakaoti.com/page95?article_id=100,
Zhejiang's rollout (差评 = 不满意 and 非常不满意) at
http://sjzy.xuancheng.gov.cn/News/show/1053665.html, and a city's implementing rules at
http://www.jieyang.gov.cn/zwgk/jcxxgk/zfgb/gbd2026nian/gbdyq/szfbgshj/content/post_999474.html.
A provincial platform's 评价明细 export has one row per rating with columns such as 受理部门 (or
部门/窗口), 事项名称, 办件编号, 评价渠道, 评价等级, 评价时间, 评价内容 and, after review, whether a
差评 is valid; its 统计 export has one row per department: 受理部门, 非常满意, 满意, 一般 (基本满意),
不满意, 非常不满意, 满意率. Both read here, by their headers: the rules file names the window and
level columns (with aliases), the other columns of those exports are passed over without a word.

Per window: a rate (good ratings ÷ counted ratings × 100, in per cent, rounded to 0.01 as the
platform shows it) or the number of valid 差评. Each becomes a Measure, which `scoring` turns into
deductions like any computed rule (threshold, step, direction).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from qualitywin import values as v
from qualitywin.issues import Code, Issue
from qualitywin.model import Measure, MonthRecords
from qualitywin.reader import Workbook
from qualitywin.records import find_computed_sheet, parse_window
from qualitywin.sheet_reader import column_missing, unknown_headers, Field, read_sheet
from qualitywin.scheme import Column, Rule, Scheme, normalise_text
from qualitywin.vocabulary import RATING_LEVELS

LEVEL_NAMES = {name: level for level, names in RATING_LEVELS.items() for name in names}
# Columns of the platform's exports that say nothing the rule needs.
PLATFORM_COLUMNS = tuple(
    Column(name)
    for name in (
        "序号",
        "事项名称",
        "事项编码",
        "办件编号",
        "办件名称",
        "评价渠道",
        "评价时间",
        "评价内容",
        "评价人",
        "评价对象",
        "工作人员",
        "差评原因",
        "整改情况",
        "回访情况",
        "满意率",
        "差评率",
        "评价总数",
        "评价数",
        "合计",
        "好评率",
    )
)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass
class WindowRatings:
    """One window's ratings in the month, as read."""

    counted: int = 0
    good: int = 0
    bad_rows: list[tuple[int, int]] = field(default_factory=list)  # (row, 差评 on that row)
    excluded: int = 0
    first_row: int = 0

    @property
    def bad(self) -> int:
        return sum(n for _, n in self.bad_rows)


class RatingsReader:
    """Reads a rule's 好差评 sheet (sheet_reader: a field list and a row function) into
    Measures: one per window (rate) or one per row with 差评 (count)."""

    def __init__(self, book: Workbook, rule: Rule, scheme: Scheme, records: MonthRecords):
        assert rule.computed is not None and rule.computed.ratings is not None
        self.book, self.rule, self.scheme, self.records = book, rule, scheme, records
        self.spec = rule.computed
        self.ratings = rule.computed.ratings
        lookup = scheme.window_lookup()
        fields = [
            Field(
                "window",
                self.spec.window_column,
                required=True,
                cached=True,
                parse=lambda value: parse_window(value, scheme, lookup),
            ),
            Field("level", self.ratings.level_column, cached=True, parse=_level),
            Field(
                "exclude",
                self.ratings.exclude_column or Column("\0"),
                cached=True,
                parse=lambda value: normalise_text(v.cell_text(value)),
            ),
        ]
        fields.extend(
            Field(f"n{level}", Column(names[0], names[1:]), parse=_count)
            for level, names in RATING_LEVELS.items()
        )
        self.fields = tuple(fields)
        self.windows: dict[str, WindowRatings] = defaultdict(WindowRatings)
        self.sheet = ""
        self.columns: dict[str, int] = {}

    def read(self) -> str | None:
        spec = self.spec
        needed = [spec.window_column.name, self.ratings.level_column.name]
        sheet = find_computed_sheet(self.book, spec, self.rule.id, needed, self.records)
        if sheet is None:
            return None
        self.sheet = sheet
        columns = read_sheet(
            self.book.rows(sheet),
            self.fields,
            self._row,
            self.records.issues,
            ignored=PLATFORM_COLUMNS,
            header_required=False,
            on_header=self._header,
        )
        if columns is not None:
            self.records.measures.extend(self._measures(sheet))
        return sheet

    def _header(
        self, sheet: str, row: int, columns: dict[str, int], issues: list[Issue]
    ) -> list[Issue]:
        """A sheet with neither a level column nor a count per level is refused at its header
        (a misspelled 评价等级 would otherwise give every window no rating at all)."""
        self.columns = columns
        if "level" in columns or any(k.startswith("n") for k in columns):
            return []
        name = self.ratings.level_column.name
        names = [self.spec.window_column.name, name]
        return [column_missing(sheet, row, name, names, unknown_headers(issues))]

    def _row(self, row: int, values: list[Any]) -> None:
        window, level, exclude, *counts = values
        if "level" in self.columns:
            if level is None:
                self.records.issues.append(
                    Issue(
                        Code.REQUIRED_BLANK,
                        self.sheet,
                        row,
                        self.columns["level"],
                        "",
                        {"column": self.ratings.level_column.name},
                    )
                )
                return
            tally = {level: 1}
        else:
            tally = dict(zip(RATING_LEVELS, counts))
        if exclude and exclude in self.ratings.exclude_values:
            self.windows[window].excluded += sum(tally.values())
            return
        self._tally(window, row, tally)

    def _tally(self, window: str, row: int, counts: dict[int, int]) -> None:
        tally = self.windows[window]
        tally.first_row = tally.first_row or row
        tally.counted += sum(counts.values())
        tally.good += sum(n for level, n in counts.items() if level in self.ratings.good)
        bad = sum(n for level, n in counts.items() if level in self.ratings.bad)
        if bad:
            tally.bad_rows.append((row, bad))

    def _measures(self, sheet: str) -> list[Measure]:
        """Per window: its rate, or one measure per row with valid 差评; windows with too few
        ratings for a rate are a warning, and no rate."""
        measures: list[Measure] = []
        if self.ratings.measure == "bad_count":
            for window, tally in self.windows.items():
                measures.extend(
                    Measure(self.rule.id, sheet, row, window, "", Decimal(n))
                    for row, n in tally.bad_rows
                )
            return measures
        few = []
        for window in self.scheme.roster:
            found = self.windows.get(window)
            counted = found.counted if found else 0
            if found is None or counted == 0 or counted < self.ratings.min_ratings:
                few.append(f"{window}({counted})")
                continue
            tally = found
            rate = (Decimal(tally.good) * HUNDRED / counted).quantize(CENT, ROUND_HALF_UP)
            measures.append(
                Measure(
                    self.rule.id,
                    sheet,
                    tally.first_row,
                    window,
                    "",
                    rate,
                    ratings=(counted, tally.good, tally.excluded),
                )
            )
        if few:
            self.records.issues.append(
                Issue(
                    Code.RATINGS_TOO_FEW,
                    sheet,
                    params={
                        "rule": self.rule.id,
                        "minimum": max(self.ratings.min_ratings, 1),
                        "count": len(few),
                        "windows": "、".join(few),
                    },
                )
            )
        return measures


def _level(value: Any) -> int | None:
    """A level cell: None when blank (a summary export has no level column at all)."""
    if v.is_blank(value):
        return None
    level = level_of(value)
    if isinstance(level, v.BadValue):
        raise level
    return level


def _count(value: Any) -> int:
    """A count of ratings in the summary export: a whole number ≥ 0 (blank is 0)."""
    amount = v.parse_amount(value)
    if amount != amount.to_integral_value():
        raise v.BadValue(Code.NUMBER_INVALID)
    return int(amount)


def level_of(value: Any) -> int | v.BadValue:
    """A rating's level: its name (一般 = 基本满意) or a number 5–1 (stars)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == int(value) and int(value) in RATING_LEVELS:
            return int(value)
    else:
        text = normalise_text(v.cell_text(value)).replace(" ", "")
        if text in LEVEL_NAMES:
            return LEVEL_NAMES[text]
        if text.isdigit() and int(text) in RATING_LEVELS:
            return int(text)
    return v.BadValue(
        Code.RATING_LEVEL_UNKNOWN, levels="、".join(names[0] for names in RATING_LEVELS.values())
    )
