"""The staff view: with a roster (人员), each person's month — what was recorded against them.

The roster is a `人员` sheet in one of the month's workbooks, or the workbook given as
`score --staff FILE`. Per person: the counted deduction rows whose 当事人 names them (a cell may
name several: 张伟、李娜), the points those rows cost, and the sessions the attendance rules
(ATTENDANCE `late_rule`, `absent_rule`) say they were late or absent; a person with nothing
recorded is 满分 — where many centers pick their 服务标兵. A 当事人 not on the roster is a
warning: a typo, or someone missing from 人员.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from qualitywin.issues import Code, Issue, sheet_in_file
from qualitywin.model import AuditLine, MonthRecords, StaffLine
from qualitywin.reader import find_sheet
from qualitywin.roster import STAFF_SHEET, Person, person_name, read_staff
from qualitywin.scheme import Scheme
from qualitywin.vocabulary import AuditState

# 当事人 may name several people: 张伟、李娜 / 张伟,李娜 / 张伟 李娜
_SEPARATORS = re.compile(r"[、,,;;/\s]+")
NAMES_SHOWN = 20  # a warning lists this many strangers, then "…" (its count says how many)


def attach_roster(records: MonthRecords, staff: Path | None, scheme: Scheme) -> None:
    """Find the month's roster (`staff`, else a 人员 sheet in one of its files) and put its
    people, and its problems, into `records`. No roster: nothing changes."""
    several = len(records.sheet_names) > 1
    tag: str | None
    if staff is not None:
        source, tag = staff, staff.name
    else:
        holders = [
            Path(p)
            for p, names in records.sheet_names.items()
            if find_sheet(names, STAFF_SHEET) is not None
        ]
        if len(holders) > 1:
            records.issues.append(
                Issue(
                    Code.SHEET_IN_TWO_FILES,
                    params={
                        "sheet": STAFF_SHEET[0],
                        "first": sheet_in_file(STAFF_SHEET[0], holders[0].name),
                        "second": sheet_in_file(STAFF_SHEET[0], holders[1].name),
                    },
                )
            )
            return
        if not holders:
            return
        source, tag = holders[0], holders[0].name if several else None
    roster = read_staff(source, scheme, records.month)
    records.issues.extend(replace(i, file=tag) if tag else i for i in roster.issues)
    records.people = roster.people
    records.has_roster = True


def staff_lines(
    people: Sequence[Person], audit: list[AuditLine], scheme: Scheme
) -> tuple[list[StaffLine], list[Issue]]:
    """Each roster person's month from the audit, in roster window order; and a warning listing
    the 当事人 of counted rows who are not on the roster."""
    bonus = {c.name for c in scheme.bonus_categories}
    bonus_rules = {r.id for r in scheme.rules if r.category in bonus}
    late_rule, absent_rules = _attendance_rules(scheme)
    by_key = {(p.window, p.name): StaffLine(p.name, p.window) for p in people}
    strangers: dict[str, int] = {}
    for line in audit:
        if line.state is AuditState.WITHDRAWN or line.rule_id in bonus_rules or not line.person:
            continue
        for name in _names(line.person):
            entry = by_key.get((line.window, name))
            if entry is None:
                strangers[f"{name}({line.window})"] = strangers.get(f"{name}({line.window})", 0) + 1
                continue
            _book(entry, line, late_rule, absent_rules)
    order = {w: i for i, w in enumerate(scheme.roster)}
    rows = {(p.window, p.name): p.row for p in people}
    lines = sorted(
        by_key.values(), key=lambda s: (order.get(s.window, len(order)), rows[(s.window, s.name)])
    )
    warnings = []
    if strangers and people:
        named = [f"{who} ×{n}" if n > 1 else who for who, n in strangers.items()]
        shown = named[:NAMES_SHOWN] + (["…"] if len(named) > NAMES_SHOWN else [])
        warnings.append(
            Issue(
                Code.PERSON_NOT_ON_ROSTER,
                STAFF_SHEET[0],
                params={"count": len(strangers), "people": "、".join(shown)},
            )
        )
    return lines, warnings


def _book(entry: StaffLine, line: AuditLine, late_rule: str | None, absent_rules: set[str]) -> None:
    count = int(line.count) if isinstance(line.count, int) else 1
    entry.rows += 1
    entry.points += line.points
    entry.deducted += line.deducted
    entry.where.append(f"{sheet_in_file(line.sheet, line.file)}!{line.row}")
    if line.rule_id == late_rule:
        entry.late += count
    elif line.rule_id in absent_rules:
        entry.absent += count


def _names(person: str) -> list[str]:
    return [person_name(part) for part in _SEPARATORS.split(person) if part.strip()]


def _attendance_rules(scheme: Scheme) -> tuple[str | None, set[str]]:
    """The rules a late session and an absent one (or one with a missing punch) cost."""
    attendance = scheme.attendance
    if attendance is None:
        return None, set()
    return attendance.late_rule, {attendance.absent_rule, attendance.missing_punch_rule}
