"""The `--json` views: a month's result (the contract's shape) and a year's.

Keys for a scheme's optional features appear only when the scheme uses them (docs/rules.md):
"min_total" and "tie_break" at the top; per window "bonus" (a scheme with a bonus category),
"veto" (a vetoed window) and "reason" (a window whose status has one).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from qualitywin.model import MonthResult, WindowScore
from qualitywin.decimals import plain_number

if TYPE_CHECKING:
    from qualitywin.annual import WindowYear, YearResult


def result_to_dict(result: MonthResult) -> dict[str, Any]:
    shown = {
        "month": result.month,
        "scheme": result.scheme_name,
        "max_score": plain_number(result.max_score),
        "windows": [_window(w, bool(result.bonus_categories)) for w in result.windows],
        "selected": [w.window for w in result.selected],
        "tied": [w.window for w in result.tied],
    }
    # added to the contract's keys: what the console shows beside the table
    shown["referrals"] = [{"window": r.window, "person": r.person, "rule": r.rule_id,
                           "where": f"{r.sheet}!{r.row}"} for r in result.referrals]
    shown["rows"] = {"counted": result.rows_counted, "withdrawn": result.rows_withdrawn}
    if result.min_total is not None:
        shown["min_total"] = plain_number(result.min_total)
    if result.tie_break:
        shown["tie_break"] = list(result.tie_break)
    return shown


def _window(score: WindowScore, bonus: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "window": score.window,
        "rank": score.rank,
        "total": plain_number(score.total),
        "deducted": plain_number(score.deducted),
        "categories": {name: plain_number(points) for name, points in score.categories.items()},
        "status": score.status,
    }
    if score.decided:
        entry["decided"] = True
    if bonus:
        entry["bonus"] = plain_number(score.bonus)
    if score.veto is not None:
        entry["veto"] = {"rule": score.veto.rule_id, "where": score.veto.where,
                         "reason": score.reason}
    if score.reason:
        entry["reason"] = score.reason
    return entry


def result_to_json(result: MonthResult) -> str:
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=2)


def year_to_dict(result: "YearResult") -> dict[str, Any]:
    """The `annual --json` view: the figures of the year workbook."""
    from qualitywin.annual import QUARTERS

    return {
        "year": result.year,
        "months": [{"month": r.month, "file": r.path, "sha256": r.sha256, "scheme": r.scheme_name,
                    "rules_file": r.rules_file} for r in result.months],
        "missing_months": result.missing_months,
        "categories": list(result.categories),
        "windows": [{
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
        } for w in result.windows],
        "most_selected": [{"window": w.window, "times_selected": w.times_selected}
                          for w in result.most_selected()],
        "warnings": [{"code": i.code.value, "message": i.message()} for i in result.warnings],
    }


def _month_entry(window: "WindowYear", month: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"total": plain_number(window.totals[month]),
                             "status": window.statuses.get(month, "")}
    if month in window.decided:
        entry["decided"] = True
    return entry


def _quarter_entry(window: "WindowYear", quarter: int) -> dict[str, Any]:
    figures = window.quarter(quarter)
    return {"months": figures.months,
            "average_total": plain_number(figures.average) if figures.average is not None else None,
            "times_selected": figures.times_selected}


def year_to_json(result: "YearResult") -> str:
    return json.dumps(year_to_dict(result), ensure_ascii=False, indent=2)
