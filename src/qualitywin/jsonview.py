"""The `--json` views: a month's result (the contract's shape, nothing else) and a year's."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from qualitywin.model import MonthResult, WindowScore
from qualitywin.result_workbook import plain_number

if TYPE_CHECKING:
    from qualitywin.annual import WindowYear, YearResult


def result_to_dict(result: MonthResult) -> dict[str, Any]:
    return {
        "month": result.month,
        "scheme": result.scheme_name,
        "max_score": plain_number(result.max_score),
        "windows": [_window(w) for w in result.windows],
        "selected": [w.window for w in result.selected],
        "tied": [w.window for w in result.tied],
    }


def _window(score: WindowScore) -> dict[str, Any]:
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
