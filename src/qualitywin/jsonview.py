"""The `--json` view of a month's result: the contract's shape, nothing else.

Keys for a scheme's optional features appear only when the scheme uses them (docs/rules.md):
"min_total" and "tie_break" at the top; per window "bonus" (a scheme with a bonus category),
"veto" (a vetoed window) and "reason" (a window whose status has one).
"""

from __future__ import annotations

import json
from typing import Any

from qualitywin.model import MonthResult, WindowScore
from qualitywin.result_workbook import plain_number


def result_to_dict(result: MonthResult) -> dict[str, Any]:
    shown = {
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
