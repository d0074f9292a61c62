"""The attendance rule: clock punches → 工作纪律 rows, per roster person × workday × session.

Read as issue 12 states it:

* the day is split at the midpoints between one session's end and the next one's start (12:00
  and 14:30 split at 13:15; a punch exactly on the midpoint belongs to the later session); each
  punch belongs to the session it falls in;
* in a session with two or more punches the earliest is the sign-in and the latest the sign-out;
  a single punch is the sign-in if it is before the session's midpoint, else the sign-out;
* late = sign-in − start, early = end − sign-out; each beyond `grace_minutes` costs one
  person-time of `late_rule` (of `absent_rule` beyond `absent_after_minutes`);
* a session with no punch costs one person-time of `absent_rule`; one with only a sign-in or only
  a sign-out costs one of `missing_punch_rule` (a late single sign-in costs its lateness too: each
  sentence of the rule applies on its own);
* an exempt session (考勤例外) costs nothing and says why;
* punches of people not on the roster, and roster people with no punch all month, are warnings;
  nothing is derived for them. A name that fits two roster people is an error asking for the id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from qualitywin.clock_exports import Export, Punch, read_export
from qualitywin.issues import CollectsIssues, Code, Issue, QualitywinError
from qualitywin.messages import text
from qualitywin.roster import Exemption, Person, Staff, find_person, read_staff
from qualitywin.scheme import Attendance, Scheme, Session
from qualitywin.workdays import workdays_of_month

WORKBOOK_LANGUAGE = "zh"  # the derived 扣分记录 is the center's own record, in its wording


@dataclass(frozen=True)
class Finding:
    """What one session costs: `kind` is late, early, absent or missing_in / missing_out."""

    kind: str
    rule: str
    minutes: int = 0
    beyond_absent: bool = False  # late/early past absent_after_minutes: costs the absent rule


@dataclass(frozen=True)
class SessionCheck:
    """One row of 考勤明细: a person's session on a workday, as the clock shows it."""

    person: Person
    day: dt.date
    session: Session
    punches: tuple[Punch, ...]
    sign_in: Punch | None
    sign_out: Punch | None
    late: int | None  # minutes after the start (None without a sign-in)
    early: int | None
    findings: tuple[Finding, ...]
    exemption: Exemption | None


@dataclass(frozen=True)
class DerivedRow:
    """A row of the derived 扣分记录, laid out like the one clerks type (人次 is always 1)."""

    date: dt.date
    window: str
    rule: str
    person: str
    note: str


@dataclass(frozen=True)
class ExportSummary:
    file: str
    formats: tuple[str, ...]
    punches: int


@dataclass
class AttendanceResult(CollectsIssues):
    month: str
    workdays: list[dt.date]
    checks: list[SessionCheck] = field(default_factory=list)
    rows: list[DerivedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    export_files: list[str] = field(default_factory=list)  # names, as 说明 cites them
    sources: list[str] = field(default_factory=list)  # every file read: the exports and the roster
    exports: list[ExportSummary] = field(default_factory=list)  # for the workbook's 考勤说明
    rules_path: str = ""
    attendance: Attendance | None = None


def attendance_from_files(
    exports: Sequence[str | Path],
    *,
    month: str,
    staff: str | Path,
    scheme: Scheme,
    format: str | None = None,
) -> AttendanceResult:
    """Read the roster and every export, then derive the month. Problems of the roster's and the
    exports' cells are collected in `issues` (nothing is derived when there is an error); a file
    that cannot be read, or a scheme without ATTENDANCE, raises QualitywinError."""
    if scheme.attendance is None:
        raise QualitywinError.of(Code.ATTENDANCE_MISSING, rules=scheme.path)
    roster = read_staff(staff, scheme, month)
    files = [read_export(path, format) for path in exports]
    problems = [*roster.issues, *(i for f in files for i in f.issues)]
    if any(not i.is_warning for i in problems):
        result = AttendanceResult(month, [], issues=problems)
    else:
        result = derive_attendance(files, roster, scheme.attendance, month)
        result.issues[:0] = problems
    result.sources = [*(str(p) for p in exports), str(staff)]
    result.exports = [
        ExportSummary(Path(f.path).name, tuple(f.formats), len(f.punches)) for f in files
    ]
    result.rules_path, result.attendance = scheme.path, scheme.attendance
    return result


def derive_attendance(
    exports: list[Export], staff: Staff, attendance: Attendance, month: str
) -> AttendanceResult:
    """Apply the rule to the month. Problems (ambiguous names, warnings) go to `issues`."""
    result = AttendanceResult(month, workdays_of_month(month, attendance))
    result.export_files = [Path(e.path).name for e in exports]
    every = [p for e in exports for p in e.punches]
    punches = [p for p in every if p.at.strftime("%Y-%m") == month]
    if every and not punches:  # a wrong --month would otherwise make everyone "never punched"
        days = sorted(p.at.date().isoformat() for p in every)
        result.issues.append(
            Issue(
                Code.PUNCHES_OTHER_MONTH,
                params={"month": month, "first": days[0], "last": days[-1]},
            )
        )
        return result
    by_person, issues = match_punches(punches, staff.people)
    result.issues.extend(issues)
    silent = [p for p in staff.people if p not in by_person]
    if silent:
        result.issues.append(
            Issue(
                Code.STAFF_WITHOUT_PUNCHES,
                staff.sheet,
                params={"count": len(silent), "people": [f"{p.name}({p.window})" for p in silent]},
            )
        )
    for person, mine in by_person.items():
        exemptions = [e for e in staff.exemptions if e.person == person]
        result.checks.extend(checks_of_month(person, mine, result.workdays, attendance, exemptions))
    result.checks.sort(key=lambda c: (c.day, c.person.row, c.session.start))  # as a clerk lists
    result.rows = [
        row
        for check in result.checks
        for row in derived_rows(check, attendance, result.export_files)
    ]
    return result


def checks_of_month(
    person: Person,
    punches: list[Punch],
    workdays: list[dt.date],
    attendance: Attendance,
    exemptions: list[Exemption],
) -> list[SessionCheck]:
    """Every session of every workday; punches on other days (a holiday's duty) count nothing."""
    by_day: dict[dt.date, list[Punch]] = {}
    for punch in sorted(punches, key=lambda p: p.at):
        by_day.setdefault(punch.at.date(), []).append(punch)
    return [
        check
        for day in workdays
        for check in check_day(person, day, by_day.get(day, []), attendance, exemptions)
    ]


def match_punches(
    punches: list[Punch], people: tuple[Person, ...]
) -> tuple[dict[Person, list[Punch]], list[Issue]]:
    """Punches by roster person: by id where both sides have one, else by name."""
    by_person: dict[Person, list[Punch]] = {}
    unknown: dict[str, int] = {}
    ambiguous: dict[tuple[str, str], Issue] = {}
    known: dict[tuple[str, str], Person | list[Person]] = {}  # a month repeats each person
    for punch in punches:
        key = (punch.name, punch.person_id)
        found = known.get(key)
        if found is None:
            found = known[key] = find_person(people, *key)
        if isinstance(found, Person):
            by_person.setdefault(found, []).append(punch)
        elif found:
            ambiguous.setdefault(
                (punch.person_id, punch.name),
                Issue(
                    Code.NAME_AMBIGUOUS,
                    punch.source,
                    value=punch.name,
                    params={"people": [f"{p.name}({p.window})" for p in found]},
                ),
            )
        else:
            unknown[punch.who] = unknown.get(punch.who, 0) + 1
    issues = list(ambiguous.values())
    if unknown:
        issues.append(
            Issue(
                Code.PUNCHES_NOT_ON_ROSTER,
                params={
                    "count": len(unknown),
                    "people": [f"{who} ×{n}" for who, n in unknown.items()],
                },
            )
        )
    return by_person, issues


def check_day(
    person: Person,
    day: dt.date,
    punches: list[Punch],
    attendance: Attendance,
    exemptions: list[Exemption],
) -> list[SessionCheck]:
    sessions = attendance.sessions_on(day)
    checks = []
    for index, session in enumerate(sessions):
        low = _split(sessions[index - 1], session) if index else None
        high = _split(session, sessions[index + 1]) if index + 1 < len(sessions) else None
        mine = tuple(p for p in punches if _within(_minute(p), low, high))
        exemption = next((e for e in exemptions if e.covers(day, session.name)), None)
        checks.append(check_session(person, day, session, mine, attendance, exemption))
    return checks


def _split(before: Session, after: Session) -> int:
    """Twice the midpoint between two sessions, in minutes (kept doubled: no half minutes)."""
    return before.end + after.start


def _within(minute: int, low: int | None, high: int | None) -> bool:
    return (low is None or 2 * minute >= low) and (high is None or 2 * minute < high)


def _minute(punch: Punch) -> int:
    return punch.at.hour * 60 + punch.at.minute


def check_session(
    person: Person,
    day: dt.date,
    session: Session,
    punches: tuple[Punch, ...],
    attendance: Attendance,
    exemption: Exemption | None,
) -> SessionCheck:
    sign_in, sign_out = _sign_in_and_out(session, punches)
    late = _minute(sign_in) - session.start if sign_in else None
    early = session.end - _minute(sign_out) if sign_out else None
    findings: list[Finding] = []
    if exemption is None:
        findings = _findings(punches, sign_in, sign_out, late, early, attendance)
    return SessionCheck(
        person,
        day,
        session,
        punches,
        sign_in,
        sign_out,
        max(late, 0) if late is not None else None,
        max(early, 0) if early is not None else None,
        tuple(findings),
        exemption,
    )


def _sign_in_and_out(
    session: Session, punches: tuple[Punch, ...]
) -> tuple[Punch | None, Punch | None]:
    if len(punches) >= 2:
        return punches[0], punches[-1]
    if len(punches) == 1:
        before_middle = 2 * _minute(punches[0]) < session.start + session.end
        return (punches[0], None) if before_middle else (None, punches[0])
    return None, None


def _findings(
    punches: tuple[Punch, ...],
    sign_in: Punch | None,
    sign_out: Punch | None,
    late: int | None,
    early: int | None,
    attendance: Attendance,
) -> list[Finding]:
    if not punches:
        return [Finding("absent", attendance.absent_rule)]
    found = []
    for kind, minutes in (("late", late), ("early", early)):
        if minutes is not None and minutes > attendance.grace_minutes:
            after = attendance.absent_after_minutes
            beyond = after is not None and minutes > after
            found.append(
                Finding(
                    kind,
                    attendance.absent_rule if beyond else attendance.late_rule,
                    minutes,
                    beyond,
                )
            )
    if sign_out is None:
        found.append(Finding("missing_out", attendance.missing_punch_rule))
    elif sign_in is None:
        found.append(Finding("missing_in", attendance.missing_punch_rule))
    return found


# -- the derived rows -----------------------------------------------------------------------------


def derived_rows(check: SessionCheck, attendance: Attendance, files: list[str]) -> list[DerivedRow]:
    return [
        DerivedRow(
            check.day,
            check.person.window,
            finding.rule,
            check.person.name,
            note_text(check, finding, attendance, files),
        )
        for finding in check.findings
    ]


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def punch_time(punch: Punch | None) -> str:
    return punch.at.strftime("%H:%M") if punch else ""


def note_text(
    check: SessionCheck, finding: Finding, attendance: Attendance, files: list[str]
) -> str:
    """说明: the session, the times, and the export cell each time comes from."""
    session = check.session
    params = {
        "session": session.name,
        "start": clock(session.start),
        "end": clock(session.end),
        "minutes": finding.minutes,
        "after": attendance.absent_after_minutes,
        "files": "、".join(files),
    }
    punch = {"late": check.sign_in, "early": check.sign_out}.get(
        finding.kind, check.sign_in or check.sign_out
    )  # a missing punch: the one there is
    if punch is not None and finding.kind != "absent":
        params.update(time=punch_time(punch), source=punch.source)
    key = f"attendance.note.{finding.kind}" + (".absent" if finding.beyond_absent else "")
    return text(key, WORKBOOK_LANGUAGE, **params)


def result_text(check: SessionCheck) -> str:
    """考勤明细's 结果: 正常, 迟到, 早退, 旷工, 缺卡 (several joined), or 例外."""
    if check.exemption is not None:
        return text("attendance.result.exempt", WORKBOOK_LANGUAGE)
    if not check.findings:
        return text("attendance.result.ok", WORKBOOK_LANGUAGE)
    return "、".join(text(f"attendance.result.{f.kind}", WORKBOOK_LANGUAGE) for f in check.findings)
