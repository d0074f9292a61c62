"""Scoring a month: from clean records to each window's category scores and the audit trail.

Each line is explained in the audit: counted, withdrawn, replaced (1.1a by 1.1b), already
deducted this month (once-a-month rules), beyond the category's floor (扣完为止), or beyond a cap
(a bonus category's points, or a rule's own `cap`). Bonus lines add points instead of taking them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal

from qualitywin import model as m
from qualitywin.decimals import plain_text
from qualitywin.issues import InvalidWorkbook
from qualitywin.messages import text
from qualitywin.model import (
    AuditLine,
    Incident,
    Measure,
    MonthRecords,
    MonthResult,
    Referral,
    Veto,
    WindowScore,
)
from qualitywin.ranking import rank_and_select
from qualitywin.staff_view import staff_lines
from qualitywin.scheme import Rule, Scheme
from qualitywin.vocabulary import AuditState

ZERO = Decimal(0)


def score_month(records: MonthRecords, scheme: Scheme, picks: tuple[str, ...] = ()) -> MonthResult:
    """Score clean records. Records with errors are refused (`InvalidWorkbook`): a bad row left
    out would give plausible but wrong totals."""
    if records.errors:
        raise InvalidWorkbook(records)
    ledger = _Ledger(scheme)
    replaced = scheme.replaced_pairs(records.incidents)
    files = {f: i for i, f in enumerate(dict.fromkeys(i.file for i in records.incidents))}
    for incident in sorted(records.incidents, key=lambda i: (i.date, files[i.file], i.row)):
        ledger.book_incident(incident, records.sheet_of(incident), replaced)
    for rule in scheme.computed_rules():
        measures = [x for x in records.measures if x.rule_id == rule.id]
        for line in computed_lines(rule, measures, scheme.roster):
            ledger.book_computed(line, rule)
    windows = rank_and_select(ledger.window_scores(), scheme, picks)
    withdrawn = sum(1 for i in records.incidents if i.withdrawn)
    staff, staff_warnings = (
        staff_lines(records.people, ledger.audit, scheme) if records.has_roster else ([], [])
    )
    return MonthResult(
        month=records.month,
        scheme=scheme,
        source_path=records.path,
        source_sha256=records.sha256,
        sources=records.sources,
        windows=windows,
        audit=ledger.audit,
        referrals=ledger.referrals,
        rows_counted=len(records.incidents) - withdrawn,
        rows_withdrawn=withdrawn,
        warnings=records.warnings + staff_warnings,
        staff=staff,
        picks=[w.window for w in windows if w.decided],
    )


class _Ledger:
    """What each window has in each category: a deduction category starts full and stops at 0
    (扣完为止); a bonus category starts at 0 and stops at its points (封顶). A rule with a `cap`
    moves at most that many points a window a month."""

    def __init__(self, scheme: Scheme):
        self.scheme = scheme
        self.categories = {c.name: c for c in scheme.categories}
        self.have = {
            (w, c.name): ZERO if c.is_bonus else c.points
            for w in scheme.roster
            for c in scheme.categories
        }
        self.by_rule: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        self.once: set[tuple[str, str]] = set()
        self.rules = {r.id: r for r in scheme.rules}
        self.audit: list[AuditLine] = []
        self.referrals: list[Referral] = []
        self.counted_rows: dict[str, int] = defaultdict(int)  # for the tie-break criterion
        self.vetoes: dict[str, Veto] = {}

    def book_incident(
        self, incident: Incident, sheet: str, replaced: dict[tuple[str, str], str]
    ) -> None:
        """One 扣分记录 row: its audit line, and its points unless withdrawn, replaced (1.1a
        beside 1.1b) or already deducted this month (a once-a-month rule)."""
        rule = self.rules[incident.rule_id]
        points = rule.points * incident.count if rule.mode == "per_count" else rule.points
        line = AuditLine(
            sheet,
            incident.row,
            incident.date,
            incident.window,
            rule.id,
            incident.count,
            incident.person,
            incident.note,
            points,
            ZERO,
            None,
            file=incident.file,
        )
        self.audit.append(line)
        if incident.withdrawn:
            line.state = m.WITHDRAWN
            return
        if not self.categories[rule.category].is_bonus:
            self.counted_rows[incident.window] += 1
        if rule.veto:
            self.vetoes.setdefault(
                incident.window, Veto(rule.id, sheet, incident.row, incident.file)
            )
        if rule.referral:
            self.referrals.append(
                Referral(
                    incident.window,
                    rule.id,
                    incident.person,
                    sheet,
                    incident.row,
                    incident.date,
                    incident.file,
                )
            )
        by = replaced.get((incident.window, rule.id))
        if by is not None:
            line.state, line.replaced_by = m.REPLACED, by
        elif rule.mode == "once" and not self.first_of_month(incident.window, rule.id):
            line.state = m.ONCE_ALREADY
        else:
            self.deduct(line, rule)

    def book_computed(self, line: AuditLine, rule: Rule) -> None:
        """A computed line (2.1: one person over the leave limit)."""
        self.deduct(line, rule)
        self.audit.append(line)
        if rule.veto:
            self.vetoes.setdefault(line.window, Veto(rule.id, line.sheet, line.row, line.file))

    def first_of_month(self, window: str, rule_id: str) -> bool:
        if (window, rule_id) in self.once:
            return False
        self.once.add((window, rule_id))
        return True

    def deduct(self, line: AuditLine, rule: Rule) -> None:
        """Book a line: take its points from (or, for a bonus, add them to) its category."""
        category = self.categories[rule.category]
        key = (line.window, rule.category)
        wanted = line.points
        if rule.cap is not None:
            wanted = min(wanted, max(rule.cap - self.by_rule[(line.window, rule.id)], ZERO))
        room = category.points - self.have[key] if category.is_bonus else self.have[key]
        line.deducted = min(wanted, room)
        self.by_rule[(line.window, rule.id)] += line.deducted
        self.have[key] += line.deducted if category.is_bonus else -line.deducted
        line.state = _state(
            line, category.is_bonus, capped=wanted < line.points and line.deducted == wanted
        )

    def window_scores(self) -> list[WindowScore]:
        scores = []
        for window in self.scheme.roster:
            categories = {c.name: self.have[(window, c.name)] for c in self.scheme.categories}
            total = sum(categories.values(), ZERO)
            bonus = sum((categories[c.name] for c in self.scheme.bonus_categories), ZERO)
            deducted = sum(
                (c.points - categories[c.name] for c in self.scheme.categories if not c.is_bonus),
                ZERO,
            )
            scores.append(
                WindowScore(
                    window,
                    categories,
                    total,
                    deducted,
                    counted_rows=self.counted_rows.get(window, 0),
                    bonus=bonus,
                    veto=self.vetoes.get(window),
                )
            )
        return scores


def _state(line: AuditLine, bonus: bool, capped: bool) -> AuditState:
    """Counted in full, in part, or not at all — and which limit stopped it."""
    if line.deducted == line.points:
        return m.BONUS if bonus else m.COUNTED
    if bonus or capped:
        return m.PARTLY_CAPPED if line.deducted > 0 else m.BEYOND_CAP
    return m.PARTLY if line.deducted > 0 else m.BEYOND_FLOOR


def computed_lines(rule: Rule, measures: list[Measure], roster: tuple[str, ...]) -> list[AuditLine]:
    """One audit line per person (or window) whose summed amount passes the rule's threshold.

    2.1: days = sick + personal; over = days − 3; deduction = ceil(over / 0.5) × 1.
    """
    spec = rule.computed
    assert spec is not None, "a computed rule has its spec"
    groups: dict[tuple[str, str], list[Measure]] = defaultdict(list)
    for measure in measures:
        person = measure.person if spec.per == "person" else ""
        groups[(measure.window, person)].append(measure)
    order = {w: i for i, w in enumerate(roster)}
    lines = []
    for (window, person), rows in sorted(groups.items(), key=lambda g: (order[g[0][0]], g[0][1])):
        amount = sum((x.amount for x in rows), ZERO)
        beyond = amount - spec.threshold if spec.direction == "above" else spec.threshold - amount
        if beyond <= 0:
            continue
        steps = math.ceil(beyond / spec.step)
        key = "note.ratings_rate" if rows[0].ratings else f"note.computed_{spec.direction}"
        rated, good, excluded = rows[0].ratings or (0, 0, 0)
        note = text(
            key,
            "zh",
            amount=plain_text(amount),
            threshold=plain_text(spec.threshold),
            beyond=plain_text(beyond),
            step=plain_text(spec.step),
            points=plain_text(rule.points),
            rated=rated,
            good=good,
            excluded=excluded,
        )
        lines.append(
            AuditLine(
                sheet=rows[0].sheet,
                date=None,  # one row: its number; several: "3、7"
                row=rows[0].row if len(rows) == 1 else "、".join(str(x.row) for x in rows),
                window=window,
                rule_id=rule.id,
                count=steps,
                person=person,
                note=note,
                points=rule.points * steps,
                deducted=ZERO,
                state=None,
                file=rows[0].file,
            )
        )
    return lines
