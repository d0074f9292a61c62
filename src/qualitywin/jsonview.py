"""The `--json` view of a month's result: the contract's shape, nothing else."""

from __future__ import annotations

import json
from typing import Any

from qualitywin.model import MonthResult, WindowScore
from qualitywin.result_workbook import plain_number


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
