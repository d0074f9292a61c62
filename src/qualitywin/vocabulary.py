"""The words qualitywin's data is made of: window statuses, audit states, rule modes, category
kinds and the reasons behind a status, as enums and Literals.

A leaf module: it imports nothing of qualitywin's, so every other module (and a user's code) can
use it. The enum values are the center's own Chinese words, as the result workbook shows them
(`WindowStatus.SELECTED == "入选"`), so existing comparisons and workbooks keep working. What a
member *says* to a reader, in zh or en, comes only from the message catalog:
`messages.status_text(status, lang)`, `messages.state_text(state, lang, by=...)`,
`messages.reason_text(reason, lang)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Mapping, get_args


class WindowStatus(StrEnum):
    """A window's standing in its month."""

    SELECTED = "入选"
    TIED = "并列待定"  # tied across the cut: the evaluation group decides
    VETOED = "一票否决"
    BELOW_MINIMUM = "未达最低分"
    NONE = ""


class AuditState(StrEnum):
    """What became of one line of 扣分明细."""

    COUNTED = "计入"
    WITHDRAWN = "已撤销"
    REPLACED = "被替代"  # by the replacing rule, carried beside it (AuditLine.replaced_by)
    ONCE_ALREADY = "本月已扣(按月一次)"
    PARTLY = "部分计入(扣完为止)"
    BEYOND_FLOOR = "超出扣完(不再扣分)"
    BONUS = "计入加分"
    PARTLY_CAPPED = "部分计入(封顶)"
    BEYOND_CAP = "超出封顶(不再计分)"


RuleMode = Literal["once", "per_count", "computed"]
CategoryKind = Literal["deduction", "bonus"]
ComputedPer = Literal["person", "window"]
Direction = Literal["above", "below"]
Aggregate = Literal["sum", "single"]

RULE_MODES: tuple[str, ...] = get_args(RuleMode)
CATEGORY_KINDS: tuple[str, ...] = get_args(CategoryKind)
AGGREGATES: tuple[str, ...] = get_args(Aggregate)
# 好差评 (issue 12): the five levels of the national scheme, 5 (best) to 1, by their names; a
# computed rule with "ratings" aggregates them per window into a rate or a count of 差评.
RATING_LEVELS: dict[int, tuple[str, ...]] = {
    5: ("非常满意",),
    4: ("满意",),
    3: ("基本满意", "一般"),
    2: ("不满意",),
    1: ("非常不满意",),
}
RatingMeasure = Literal["rate", "bad_count"]
RATING_MEASURES: tuple[str, ...] = get_args(RatingMeasure)
# Tie-break criteria (SCHEME["tie_break"]); "fewer_lost:" takes a category name after the colon.
CRITERIA = ("fewer_counted_rows", "fewer_deducted", "more_bonus", "fewer_lost:")


class ReasonCode(StrEnum):
    """Why a window has its status, or why a row is passed on."""

    VETO = "veto"  # params: rule, label, sheet, row
    BELOW_MINIMUM = "below_minimum"  # params: total, min_total
    TIE_SELECTED = "tie_selected"  # params: criteria (the names used, in order)
    TIE_LEFT_OUT = "tie_left_out"  # params: criteria
    TIE_UNRESOLVED = "tie_unresolved"  # params: criteria
    REFERRAL = "referral"  # params: rule, person, sheet, row


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason as data: its code and parameters (plain str / int / list values, so it travels
    through JSON unchanged). `messages.reason_text` makes the sentence."""

    code: ReasonCode
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.value, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Reason":
        return cls(ReasonCode(data["code"]), dict(data.get("params", {})))
