"""The `--json` views: a month's result (the contract's shape) and a year's, and the issues.

Keys for a scheme's optional features appear only when the scheme uses them (docs/rules.md):
"min_total" and "tie_break" at the top; per window "bonus" (a scheme with a bonus category),
"veto" (a vetoed window) and "reason" (a window whose status has one). "reason" is the result
workbook's Chinese text; "cause" is the same as data, with its text in the chosen language.
The keys the contract has always had keep their meaning; every other key was added later
(docs/python-api.md lists them).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable

from qualitywin.decimals import plain_number
from qualitywin.issues import Issue
from qualitywin.messages import reason_text, state_text, status_text
from qualitywin.model import AuditLine, MonthResult, Referral, StaffLine, WindowScore
from qualitywin.vocabulary import Reason

if TYPE_CHECKING:
    from qualitywin.annual import WindowYear, YearResult


CONTRACT_KEYS = (
    "month",
    "scheme",
    "max_score",
    "windows",
    "selected",
    "tied",
    "min_total",
    "tie_break",
)
SUMMARY_KEYS = ("referrals", "rows_counted", "rows_withdrawn")
CONTRACT_WINDOW_KEYS = (
    "window",
    "rank",
    "total",
    "deducted",
    "categories",
    "status",
    "decided",
    "bonus",
    "veto",
    "reason",
)


def result_to_dict(result: MonthResult) -> dict[str, Any]:
    """The `score --json` view: the contract's keys (docs/python-api.md), picked from the full
    `MonthResult.to_dict()`; a key for an optional feature only when the scheme uses it."""
    full = month_to_dict(result, audit=False)
    shown = {key: full[key] for key in (*CONTRACT_KEYS, "staff") if key in full}
    shown["windows"] = [
        {key: w[key] for key in CONTRACT_WINDOW_KEYS if key in w} for w in full["windows"]
    ]
    for key in SUMMARY_KEYS:  # added to the contract: what the console shows under the table
        shown[key] = full[key]
    return shown


def month_to_dict(result: MonthResult, *, audit: bool = True) -> dict[str, Any]:
    """Everything the views show, as JSON-ready data. `audit=False` leaves out the audit lines
    (a month may have a million); "audit_lines" counts them either way."""
    shown: dict[str, Any] = {
        "month": result.month,
        "scheme": result.scheme_name,
        "max_score": plain_number(result.max_score),
        "windows": [_window(w, bool(result.bonus_categories)) for w in result.windows],
        "selected": [w.window for w in result.selected],
        "tied": [w.window for w in result.tied],
    }
    if result.min_total is not None:
        shown["min_total"] = plain_number(result.min_total)
    if result.tie_break:
        shown["tie_break"] = list(result.tie_break)
    shown.update(
        {
            "winners": result.winners,
            "rules_file": result.rules_path,
            "source": {"file": result.source_path, "sha256": result.source_sha256},
            "sources": [{"file": f.path, "sha256": f.sha256} for f in result.sources],
            "categories": [
                {"name": c.name, "kind": c.kind, "points": plain_number(c.points)}
                for c in result.scheme.categories
            ],
            "picks": list(result.picks),
            "referrals": [referral_to_dict(r) for r in result.referrals],
            "rows_counted": result.rows_counted,
            "rows_withdrawn": result.rows_withdrawn,
            "warnings": issues_to_list(result.warnings),
            "audit_lines": len(result.audit),
        }
    )
    if result.staff:
        shown["staff"] = [staff_line_to_dict(line) for line in result.staff]
    if audit:
        shown["audit"] = [audit_line_to_dict(line) for line in result.audit]
    return shown


def _window(score: WindowScore, bonus: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "window": score.window,
        "rank": score.rank,
        "total": plain_number(score.total),
        "deducted": plain_number(score.deducted),
        "categories": {name: plain_number(points) for name, points in score.categories.items()},
        "status": str(score.status),
    }
    if score.decided:
        entry["decided"] = True
    if bonus:
        entry["bonus"] = plain_number(score.bonus)
    if score.veto is not None:
        entry["veto"] = {
            "rule": score.veto.rule_id,
            "where": score.veto.where,
            "reason": score.reason,
        }
    if score.reason:
        entry["reason"] = score.reason
    entry["status_text"] = status_text(score.status)
    entry["counted_rows"] = score.counted_rows
    if score.cause is not None:
        entry["cause"] = reason_to_dict(score.cause)
    return entry


def reason_to_dict(reason: Reason) -> dict[str, Any]:
    return {**reason.to_dict(), "text": reason_text(reason)}


def referral_to_dict(referral: Referral) -> dict[str, Any]:
    return {
        "window": referral.window,
        "rule": referral.rule_id,
        "person": referral.person,
        "sheet": referral.sheet,
        "row": referral.row,
        "file": referral.file or None,
        "date": referral.date.isoformat() if referral.date else None,
        "reason": reason_to_dict(referral.reason),
    }


def staff_line_to_dict(line: StaffLine) -> dict[str, Any]:
    """One person's month (the staff view): the rows recorded against them and what they cost,
    the sessions late or absent, and whether nothing was recorded (满分)."""
    return {
        "name": line.name,
        "window": line.window,
        "rows": line.rows,
        "points": plain_number(line.points),
        "deducted": plain_number(line.deducted),
        "late": line.late,
        "absent": line.absent,
        "full_marks": line.full_marks,
        "where": list(line.where),
    }


def audit_line_to_dict(line: AuditLine) -> dict[str, Any]:
    return {
        "file": line.file or None,
        "sheet": line.sheet,
        "row": line.row,
        "date": line.date.isoformat() if line.date else None,
        "window": line.window,
        "rule": line.rule_id,
        "count": plain_number(line.count) if isinstance(line.count, Decimal) else line.count,
        "person": line.person,
        "note": line.note,
        "points": plain_number(line.points),
        "deducted": plain_number(line.deducted),
        "state": line.state.value if line.state else "",
        "replaced_by": line.replaced_by,
        "state_text": state_text(line.state, by=line.replaced_by) if line.state else "",
    }


def issue_to_dict(issue: Issue, lang: str | None = None) -> dict[str, Any]:
    """An issue as data (`validate --json`): where it is, what it is, and what to do."""
    return {
        "code": issue.code.value,
        "severity": "warning" if issue.is_warning else "error",
        "file": issue.file,
        "sheet": issue.sheet,
        "row": issue.row,
        "column": issue.column,
        "cell": issue.cell,
        "source": issue.source,
        "value": json_value(issue.value),
        "params": {k: json_value(v) for k, v in issue.params.items()},
        "message": issue.message(lang),
        "hint": issue.hint(lang),
    }


def issues_to_list(issues: Iterable[Issue], lang: str | None = None) -> list[dict[str, Any]]:
    return [issue_to_dict(i, lang) for i in issues]


def json_value(value: Any) -> Any:
    """A cell value or parameter as JSON can hold it (dates as ISO text, decimals as numbers)."""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def validation_to_dict(records: Any) -> dict[str, Any]:
    """The `validate --json` view: the file, its month, the rows read and every issue."""
    return {
        "file": records.path,
        "sha256": records.sha256,
        "month": records.month,
        "files": [{"file": f.path, "sha256": f.sha256} for f in records.sources],
        "rows": len(records.incidents),
        "errors": len(records.errors),
        "warnings": len(records.warnings),
        "issues": issues_to_list(records.issues),
    }


def result_to_json(result: MonthResult) -> str:
    return to_json(result_to_dict(result))


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def year_to_dict(result: "YearResult") -> dict[str, Any]:
    """The `annual --json` view: the figures of the year workbook."""
    from qualitywin.annual import QUARTERS

    return {
        "year": result.year,
        "months": [
            {
                "month": r.month,
                "file": r.path,
                "sha256": r.sha256,
                "scheme": r.scheme_name,
                "rules_file": r.rules_file,
            }
            for r in result.months
        ],
        "missing_months": result.missing_months,
        "categories": list(result.categories),
        "windows": [
            {
                "window": w.window,
                "rank": w.rank,
                "months_scored": w.months_scored,
                "times_selected": w.times_selected,
                "average_total": plain_number(w.average),
                "lowest_total": plain_number(w.lowest),
                "lowest_months": w.lowest_months,
                "lost": {c: plain_number(w.lost[c]) for c in result.categories if c in w.lost},
                "monthly": {m: _month_entry(w, m) for m in sorted(w.totals)},
                "quarters": {f"Q{q}": _quarter_entry(w, q) for q in QUARTERS},
            }
            for w in result.windows
        ],
        "most_selected": [
            {"window": w.window, "times_selected": w.times_selected} for w in result.most_selected()
        ],
        "warnings": [
            {**issue_to_dict(i), "code": i.code.value, "message": i.message()}
            for i in result.warnings
        ],
    }


def _month_entry(window: "WindowYear", month: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "total": plain_number(window.totals[month]),
        "status": window.statuses.get(month, ""),
    }
    if month in window.decided:
        entry["decided"] = True
    return entry


def _quarter_entry(window: "WindowYear", quarter: int) -> dict[str, Any]:
    figures = window.quarter(quarter)
    return {
        "months": figures.months,
        "average_total": plain_number(figures.average) if figures.average is not None else None,
        "times_selected": figures.times_selected,
    }


def year_to_json(result: "YearResult") -> str:
    return json.dumps(year_to_dict(result), ensure_ascii=False, indent=2)
