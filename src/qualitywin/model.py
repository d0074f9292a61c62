"""The plain data that flows from reading to scoring to the views (workbook, console, JSON)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from qualitywin.issues import CollectsIssues, Issue
from qualitywin.scheme import Scheme
from qualitywin.vocabulary import AuditState, Reason, ReasonCode, WindowStatus

if TYPE_CHECKING:
    import pandas


class Incident(NamedTuple):
    """One row of 扣分记录, cleaned. (A tuple: a month may hold a million of them.)"""

    row: int
    date: dt.date
    window: str
    rule_id: str
    count: int  # type: ignore[assignment]  # shadows tuple.count: the clerks' word (人次)
    person: str
    note: str
    withdrawn: bool
    file: str = ""  # the workbook's name, when a month is several (issue 12)


@dataclass(frozen=True, slots=True)
class Measure:
    """One row of a sheet a computed rule reads (请假 for 2.1): the row's values summed."""

    rule_id: str
    sheet: str
    row: int
    window: str
    person: str
    amount: Decimal
    file: str = ""
    ratings: tuple[int, ...] = ()  # a 好差评 rate: (ratings counted, good, not counted)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One workbook of the month, as read (its path and its SHA-256)."""

    path: str
    sha256: str


@dataclass
class MonthRecords(CollectsIssues):
    """Everything read from one month's workbook (or workbooks), with the problems found.

    `path`/`sha256` are the (first) workbook's; `files` lists every workbook of a month of
    several. Then each incident and measure carries its workbook's name, and `incident_sheets`
    and `file_columns` give each workbook's 扣分记录 and its columns."""

    path: str
    sha256: str
    month: str  # YYYY-MM
    incident_sheet: str
    columns: dict[str, int] = field(default_factory=dict)  # field key → column number of 扣分记录
    incidents: list[Incident] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    incident_sheets: dict[str, str] = field(default_factory=dict)  # file name → its 扣分记录
    file_columns: dict[str, dict[str, int]] = field(default_factory=dict)
    sheet_names: dict[str, list[str]] = field(default_factory=dict)  # per file read
    people: tuple[Any, ...] = ()  # the roster (roster.Person), when the month has one
    has_roster: bool = False

    def sheet_of(self, incident: Incident) -> str:
        return self.incident_sheets.get(incident.file, self.incident_sheet)

    def columns_of(self, incident: Incident) -> dict[str, int]:
        return self.file_columns.get(incident.file, self.columns)

    @property
    def sources(self) -> list[SourceFile]:
        return self.files or [SourceFile(self.path, self.sha256)]


# Audit states of a deduction line (vocabulary.AuditState; these names are kept for callers).
COUNTED = AuditState.COUNTED
WITHDRAWN = AuditState.WITHDRAWN
REPLACED = AuditState.REPLACED
ONCE_ALREADY = AuditState.ONCE_ALREADY
PARTLY = AuditState.PARTLY
BEYOND_FLOOR = AuditState.BEYOND_FLOOR
BONUS = AuditState.BONUS
PARTLY_CAPPED = AuditState.PARTLY_CAPPED
BEYOND_CAP = AuditState.BEYOND_CAP


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
    state: AuditState | None  # None only while the line is being booked
    replaced_by: str = ""  # the rule that replaced this one (state REPLACED)
    file: str = ""  # the input workbook, when a month is several

    @property
    def source_sheet(self) -> str:
        """扣分明细's 来源工作表: the sheet, as [file]sheet when a month is several workbooks."""
        from qualitywin.issues import sheet_in_file

        return sheet_in_file(self.sheet, self.file)

    @property
    def state_label(self) -> str:
        """The state as 扣分明细 shows it (the center's Chinese wording)."""
        from qualitywin.messages import state_text

        return state_text(self.state or AuditState.COUNTED, "zh", by=self.replaced_by)


@dataclass(frozen=True, slots=True)
class Veto:
    """The first counted row of a veto rule (一票否决) for a window."""

    rule_id: str
    sheet: str
    row: int | str
    file: str = ""

    @property
    def where(self) -> str:
        from qualitywin.issues import sheet_in_file

        return f"{sheet_in_file(self.sheet, self.file)}!{self.row}"


@dataclass
class WindowScore:
    window: str
    categories: dict[str, Decimal]
    total: Decimal
    deducted: Decimal  # points lost in deduction categories (a bonus not earned is not lost)
    rank: int = 0
    status: WindowStatus = WindowStatus.NONE
    decided: bool = False  # 入选 by the evaluation group's pick among tied windows
    counted_rows: int = 0  # counted rows of deduction rules in the incident sheet
    bonus: Decimal = Decimal(0)  # points gained in bonus categories
    veto: Veto | None = None
    cause: Reason | None = None  # why the status: a veto, the minimum total, a tie-break

    @property
    def reason(self) -> str:
        """The cause as the result workbook writes it (Chinese); `messages.reason_text(
        score.cause, lang)` says it in another language."""
        from qualitywin.messages import reason_text

        return reason_text(self.cause, "zh")


@dataclass(frozen=True, slots=True)
class Referral:
    """A counted row of a rule flagged for referral (2.8: 移交有关部门)."""

    window: str
    rule_id: str
    person: str
    sheet: str
    row: int | str
    date: dt.date | None
    file: str = ""

    @property
    def reason(self) -> Reason:
        from qualitywin.issues import sheet_in_file

        return Reason(
            ReasonCode.REFERRAL,
            {
                "rule": self.rule_id,
                "person": self.person,
                "sheet": sheet_in_file(self.sheet, self.file),
                "row": self.row,
            },
        )


@dataclass
class StaffLine:
    """One roster person's month (the staff view, sheet 人员): the counted rows whose 当事人 is
    them and what those rows cost, and the attendance sessions the derived rows name."""

    name: str
    window: str
    rows: int = 0
    points: Decimal = Decimal(0)  # what the rows cost on their own
    deducted: Decimal = Decimal(0)  # what they did cost the window (once-a-month, floors)
    late: int = 0  # sessions late or left early (2.2a rows derived by `attendance`)
    absent: int = 0  # sessions absent or with a missing punch (2.2b and the like)
    where: list[str] = field(default_factory=list)  # the rows, "[file]sheet!row"

    @property
    def full_marks(self) -> bool:
        """Nothing recorded against them this month: 满分."""
        return self.rows == 0


@dataclass
class MonthResult:
    """A scored month: everything every view needs (the workbook, the console, JSON, frames)."""

    month: str
    scheme: Scheme
    source_path: str
    source_sha256: str
    windows: list[WindowScore]  # rank order, ties in roster order
    audit: list[AuditLine]
    referrals: list[Referral]
    rows_counted: int
    rows_withdrawn: int
    warnings: list[Issue] = field(default_factory=list)
    picks: list[str] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)  # every input workbook, in order
    staff: list["StaffLine"] = field(default_factory=list)  # with a roster (人员): per person

    # -- the scheme's figures, for the views --
    @property
    def scheme_name(self) -> str:
        return self.scheme.name

    @property
    def rules_path(self) -> str:
        return self.scheme.path

    @property
    def max_score(self) -> Decimal:
        return self.scheme.max_score

    @property
    def winners(self) -> int:
        return self.scheme.winners

    @property
    def bonus_categories(self) -> list[str]:
        return [c.name for c in self.scheme.bonus_categories]

    @property
    def veto_rules(self) -> list[str]:
        return [r.id for r in self.scheme.veto_rules()]

    @property
    def min_total(self) -> Decimal | None:
        return self.scheme.min_total

    @property
    def tie_break(self) -> list[str]:
        return list(self.scheme.tie_break)

    @property
    def selected(self) -> list[WindowScore]:
        return [w for w in self.windows if w.status == WindowStatus.SELECTED]

    @property
    def tied(self) -> list[WindowScore]:
        return [w for w in self.windows if w.status == WindowStatus.TIED]

    def to_dict(self, *, audit: bool = True) -> dict[str, Any]:
        """Everything the views show, as JSON-ready data (docs/python-api.md); `audit=False`
        leaves out the audit lines (a month may have a million), as `score --json` does."""
        from qualitywin.jsonview import month_to_dict

        return month_to_dict(self, audit=audit)

    def to_frames(self) -> dict[str, "pandas.DataFrame"]:
        """pandas DataFrames: "windows", "audit", "warnings" (pandas is imported only here)."""
        from qualitywin.frames import month_frames

        return month_frames(self)
