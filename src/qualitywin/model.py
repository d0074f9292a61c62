"""The plain data that flows from reading to scoring to the views (workbook, console, JSON)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from qualitywin.issues import Issue


class Incident(NamedTuple):
    """One row of 扣分记录, cleaned. (A tuple: a month may hold a million of them.)"""

    row: int
    date: dt.date
    window: str
    rule_id: str
    count: int
    person: str
    note: str
    withdrawn: bool


@dataclass(frozen=True, slots=True)
class Measure:
    """One row of a sheet a computed rule reads (请假 for 2.1): the row's values summed."""

    rule_id: str
    sheet: str
    row: int
    window: str
    person: str
    amount: Decimal


@dataclass
class MonthRecords:
    """Everything read from one month's workbook, with the problems found on the way."""

    path: str
    sha256: str
    month: str  # YYYY-MM
    incident_sheet: str
    columns: dict[str, int] = field(default_factory=dict)  # field key → column number of 扣分记录
    incidents: list[Incident] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_warning]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.is_warning]


# Audit states of a deduction line (shown in 扣分明细 as they are: the center's wording).
COUNTED = "计入"
WITHDRAWN = "已撤销"
REPLACED = "被替代"
ONCE_ALREADY = "本月已扣(按月一次)"
PARTLY = "部分计入(扣完为止)"
BEYOND_FLOOR = "超出扣完(不再扣分)"
BONUS = "计入加分"
PARTLY_CAPPED = "部分计入(封顶)"
BEYOND_CAP = "超出封顶(不再计分)"


@dataclass(slots=True)
class AuditLine:
    """One line of 扣分明细: an input row, or a computed deduction (2.1 per person)."""

    sheet: str
    row: int | str  # a computed line may stand for several rows: "3, 7"
    date: dt.date | None
    window: str
    rule_id: str
    count: int | Decimal
    person: str
    note: str
    points: Decimal  # what the row would cost on its own
    deducted: Decimal  # what it did cost, after once-a-month, replacement and the floor
    state: str


@dataclass(frozen=True, slots=True)
class Veto:
    """The first counted row of a veto rule (一票否决) for a window."""

    rule_id: str
    sheet: str
    row: int | str

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.row}"


@dataclass
class WindowScore:
    window: str
    categories: dict[str, Decimal]
    total: Decimal
    deducted: Decimal  # points lost in deduction categories (a bonus not earned is not lost)
    rank: int = 0
    status: str = ""  # 入选 / 并列待定 / 一票否决 / 未达最低分 / ""
    decided: bool = False  # 入选 by the evaluation group's pick among tied windows
    counted_rows: int = 0  # counted rows of deduction rules in the incident sheet
    bonus: Decimal = Decimal(0)  # points gained in bonus categories
    veto: Veto | None = None
    reason: str = ""  # why the status: a veto, the minimum total, a tie-break


@dataclass(frozen=True, slots=True)
class Referral:
    """A counted row of a rule flagged for referral (2.8: 移交有关部门)."""

    window: str
    rule_id: str
    person: str
    sheet: str
    row: int
    date: dt.date


@dataclass
class MonthResult:
    month: str
    scheme_name: str
    rules_path: str
    max_score: Decimal
    winners: int
    source_path: str
    source_sha256: str
    windows: list[WindowScore]  # rank order, ties in roster order
    audit: list[AuditLine]
    referrals: list[Referral]
    rows_counted: int
    rows_withdrawn: int
    warnings: list[Issue] = field(default_factory=list)
    picks: list[str] = field(default_factory=list)
    # the scheme's optional features, for the views (empty when the scheme does not use them)
    bonus_categories: list[str] = field(default_factory=list)
    veto_rules: list[str] = field(default_factory=list)
    min_total: Decimal | None = None
    tie_break: list[str] = field(default_factory=list)

    @property
    def selected(self) -> list[WindowScore]:
        return [w for w in self.windows if w.status == "入选"]

    @property
    def tied(self) -> list[WindowScore]:
        return [w for w in self.windows if w.status == "并列待定"]
