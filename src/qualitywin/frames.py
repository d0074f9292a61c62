"""pandas views of a result: `MonthResult.to_frames()`, `YearResult.to_frames()`.

pandas is imported here only, and this module only when a frame is asked for, so the month's
commands start without it (tests/test_startup.py). Scores stay Decimal in the frames' object
columns: the figures are exact, as in the workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from qualitywin.jsonview import audit_line_to_dict, issue_to_dict

if TYPE_CHECKING:
    from qualitywin.annual import YearResult
    from qualitywin.model import MonthResult


def month_frames(result: "MonthResult") -> dict[str, pd.DataFrame]:
    """ "windows" (one row a window, in rank order, a column per category), "audit" (one row an
    audit line) and "warnings" (one row an issue)."""
    categories = [c.name for c in result.scheme.categories]
    windows = pd.DataFrame(
        [
            {
                "window": w.window,
                "rank": w.rank,
                **{c: w.categories[c] for c in categories},
                "total": w.total,
                "deducted": w.deducted,
                "status": str(w.status),
                "decided": w.decided,
                "reason": w.reason,
            }
            for w in result.windows
        ],
        columns=["window", "rank", *categories, "total", "deducted", "status", "decided", "reason"],
    )
    audit = pd.DataFrame([_audit_row(line) for line in result.audit], columns=AUDIT_COLUMNS)
    return {"windows": windows, "audit": audit, "warnings": issues_frame(result.warnings)}


AUDIT_COLUMNS = [
    "file",
    "sheet",
    "row",
    "date",
    "window",
    "rule",
    "count",
    "person",
    "note",
    "points",
    "deducted",
    "state",
    "replaced_by",
]


def _audit_row(line: Any) -> dict[str, Any]:
    row = audit_line_to_dict(line)
    row.update(points=line.points, deducted=line.deducted, date=line.date)
    return {key: row[key] for key in AUDIT_COLUMNS}


def issues_frame(issues: list[Any]) -> pd.DataFrame:
    columns = [
        "code",
        "severity",
        "file",
        "sheet",
        "row",
        "column",
        "cell",
        "value",
        "message",
        "hint",
    ]
    return pd.DataFrame(
        [{k: issue_to_dict(i)[k] for k in columns} for i in issues], columns=columns
    )


def year_frames(result: "YearResult") -> dict[str, pd.DataFrame]:
    """ "totals" and "statuses" (windows × months, windows in year rank order), "windows" (the
    year table: rank, months, times 入选, average, lowest, points lost per category) and
    "warnings"."""
    months = [m.month for m in result.months]
    index = pd.Index([w.window for w in result.windows], name="window")
    totals = pd.DataFrame(
        [[w.totals.get(m) for m in months] for w in result.windows], index=index, columns=months
    )
    statuses = pd.DataFrame(
        [[w.statuses.get(m, "") for m in months] for w in result.windows],
        index=index,
        columns=months,
    )
    table = pd.DataFrame(
        [
            {
                "rank": w.rank,
                "months_scored": w.months_scored,
                "times_selected": w.times_selected,
                "average_total": w.average,
                "lowest_total": w.lowest,
                **{c: w.lost.get(c) for c in result.categories},
            }
            for w in result.windows
        ],
        index=index,
    )
    return {
        "totals": totals,
        "statuses": statuses,
        "windows": table,
        "warnings": issues_frame(result.warnings),
    }
