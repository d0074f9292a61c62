"""The rules file's ATTENDANCE table: data read with ast, every problem on its own line."""

from __future__ import annotations

import datetime as dt

from qualitywin.issues import Code
from qualitywin.scheme import check_rules, load_scheme

from rules_helpers import line_of, rules_file


def errors(path) -> list[tuple[Code, int | None, str]]:
    return [(i.code, i.row, i.message("en")) for i in check_rules(path).errors]


def test_the_default_scheme_prices_clock_findings_by_2_2a_and_2_2b():
    attendance = load_scheme().attendance
    assert (attendance.late_rule, attendance.absent_rule, attendance.missing_punch_rule) == (
        "2.2a",
        "2.2b",
        "2.2b",
    )
    assert attendance.grace_minutes == 0 and attendance.absent_after_minutes is None


def test_the_afternoon_follows_the_season_and_the_morning_does_not():
    attendance = load_scheme().attendance
    winter = [(s.name, s.start, s.end) for s in attendance.sessions_on(dt.date(2020, 1, 2))]
    summer = [(s.name, s.start, s.end) for s in attendance.sessions_on(dt.date(2020, 9, 30))]
    assert winter == [("上午", 510, 720), ("下午", 840, 1020)]
    assert summer == [("上午", 510, 720), ("下午", 870, 1050)]
    assert attendance.sessions_on(dt.date(2020, 10, 1))[1].start == 840


def test_without_attendance_the_scheme_loads_as_before(tmp_path):
    text = (rules_file(tmp_path)).read_text(encoding="utf-8")
    path = tmp_path / "no_attendance.py"
    path.write_text(text[: text.index("ATTENDANCE = {")], encoding="utf-8")
    assert load_scheme(path).attendance is None


def test_a_misspelled_rule_is_reported_on_its_line_with_did_you_mean(tmp_path):
    path = rules_file(tmp_path, ('"late_rule": "2.2a",', '"late_rule": "2.2x",'))
    [(code, line, message)] = errors(path)
    assert code == Code.RULES_UNKNOWN_RULE and line == line_of(path, '"late_rule"')
    assert "2.2x" in message and "2.2a" in message.split("did you mean:")[1]


def test_a_computed_rule_cannot_be_what_a_late_session_costs(tmp_path):
    path = rules_file(tmp_path, ('"late_rule": "2.2a",', '"late_rule": "2.1",'))
    assert [c for c, *_ in errors(path)] == [Code.RULES_UNKNOWN_RULE]


def test_a_misspelled_key_names_the_known_ones(tmp_path):
    path = rules_file(tmp_path, ('"grace_minutes": 0,', '"grace_minute": 0,'))
    [(code, line, message)] = errors(path)
    assert code == Code.RULES_UNKNOWN_KEY and line == line_of(path, '"grace_minute"')
    assert "did you mean: grace_minutes" in message


def test_a_bad_time_and_an_end_before_the_start_are_errors_on_the_session_line(tmp_path):
    path = rules_file(
        tmp_path, ('"start": "08:30", "end": "12:00"', '"start": "8.30", "end": "12:00"')
    )
    [(code, line, message)] = errors(path)
    assert code == Code.RULES_BAD_VALUE and line == line_of(path, '"8.30"') and "HH:MM" in message
    path = rules_file(
        tmp_path,
        ('"start": "08:30", "end": "12:00"', '"start": "12:30", "end": "12:00"'),
        name="r2.py",
    )
    assert [c for c, *_ in errors(path)] == [Code.RULES_BAD_VALUE]


def test_overlapping_sessions_are_an_error(tmp_path):
    path = rules_file(
        tmp_path, ('"start": "14:00", "end": "17:00"}', '"start": "11:00", "end": "17:00"}')
    )
    [(code, _, message)] = errors(path)
    assert code == Code.RULES_BAD_VALUE and "下午" in message


def test_a_seasonal_session_needs_one_for_the_rest_of_the_year(tmp_path):
    path = rules_file(
        tmp_path, ('        {"name": "下午", "start": "14:00", "end": "17:00"},\n', "")
    )
    [(code, _, message)] = errors(path)
    assert code == Code.RULES_BAD_VALUE and "from" in message


def test_a_day_both_off_and_on_and_a_bad_date_are_errors(tmp_path):
    path = rules_file(
        tmp_path,
        ('"holidays": [],', '"holidays": ["2020-04-06", "2020-4-7"],'),
        ('"workdays": [],', '"workdays": ["2020-04-06"],'),
    )
    found = errors(path)
    assert [c for c, *_ in found] == [Code.RULES_BAD_VALUE, Code.RULES_BAD_VALUE]
    assert any("2020-4-7" in m for *_, m in found) and any("2020-04-06" in m for *_, m in found)


def test_absent_after_must_not_be_inside_the_grace(tmp_path):
    path = rules_file(
        tmp_path, ('"grace_minutes": 0,', '"grace_minutes": 10, "absent_after_minutes": 5,')
    )
    assert [c for c, *_ in errors(path)] == [Code.RULES_BAD_VALUE]
