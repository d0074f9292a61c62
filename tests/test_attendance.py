"""The attendance rule, per roster person × workday × session, as issue 12 states it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, strategies as st

from qualitywin.attendance import check_day, check_session, result_text
from qualitywin.clock_exports import Punch
from qualitywin.issues import Code
from qualitywin.roster import Exemption, Person

from attendance_helpers import RAW_HEADER, SCHEME, derive, incidents, write_csv, write_staff

BASE = SCHEME.attendance  # 上午 08:30–12:00, 下午 14:00–17:00 (14:30–17:30 from 05-01 to 09-30)
# distinct rules for each finding, so a test sees which one was chosen
RULES = dataclasses.replace(BASE, late_rule="2.2a", absent_rule="2.2b", missing_punch_rule="2.2c")
ZHANG = Person("张伟", "公安局", "1", 2)
THURSDAY = dt.date(2020, 1, 2)


def punch(hhmm: str, day: dt.date = THURSDAY, cell: str = "D2") -> Punch:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return Punch("1", "张伟", dt.datetime.combine(day, dt.time(hour, minute)), f"打卡.csv!{cell}")


def day_of(*times: str, attendance=RULES, day: dt.date = THURSDAY, exemptions=()):
    checks = check_day(ZHANG, day, [punch(t, day) for t in times], attendance, list(exemptions))
    return {c.session.name: c for c in checks}


def found(check) -> list[tuple[str, str, int]]:
    return [(f.kind, f.rule, f.minutes) for f in check.findings]


def test_a_full_day_on_time_costs_nothing():
    day = day_of("08:29", "12:00", "13:59", "17:01")
    assert [found(c) for c in day.values()] == [[], []]
    assert result_text(day["上午"]) == "正常"


def test_the_day_is_split_at_the_midpoint_between_sessions():
    # 12:00 and 14:00 split at 13:00: 12:59 closes the morning, 13:00 opens the afternoon
    day = day_of("08:30", "12:59", "13:00", "17:00")
    assert (day["上午"].sign_out.at.minute, day["下午"].sign_in.at.hour) == (59, 13)
    summer = day_of("08:30", "13:14", "13:15", "17:30", day=dt.date(2020, 6, 2))
    assert [len(c.punches) for c in summer.values()] == [2, 2]  # 12:00 and 14:30 split at 13:15
    assert summer["上午"].sign_out.at.strftime("%H:%M") == "13:14"


def test_with_two_or_more_punches_the_earliest_signs_in_and_the_latest_out():
    morning = day_of("08:40", "09:00", "11:50", "14:00", "17:00")["上午"]
    assert (morning.sign_in.at.minute, morning.sign_out.at.minute) == (40, 50)
    assert found(morning) == [("late", "2.2a", 10), ("early", "2.2a", 10)]


def test_a_single_punch_before_the_session_midpoint_is_the_sign_in_else_the_sign_out():
    # 08:30–12:00: the midpoint is 10:15
    before = day_of("10:14", "14:00", "17:00")["上午"]
    assert before.sign_in is not None and before.sign_out is None
    assert found(before) == [("late", "2.2a", 104), ("missing_out", "2.2c", 0)]
    after = day_of("10:15", "14:00", "17:00")["上午"]
    assert after.sign_in is None and found(after) == [
        ("early", "2.2a", 105),
        ("missing_in", "2.2c", 0),
    ]
    on_time = day_of("08:30", "14:00", "17:00")["上午"]
    assert found(on_time) == [("missing_out", "2.2c", 0)]


def test_a_session_with_no_punch_is_absent():
    day = day_of("08:30", "12:00")
    assert found(day["下午"]) == [("absent", "2.2b", 0)]
    assert result_text(day["下午"]) == "旷工"


def test_grace_minutes_forgive_that_much_and_no_more():
    graced = dataclasses.replace(RULES, grace_minutes=5)
    assert found(day_of("08:35", "11:55", "14:00", "17:00", attendance=graced)["上午"]) == []
    assert found(day_of("08:36", "11:54", "14:00", "17:00", attendance=graced)["上午"]) == [
        ("late", "2.2a", 6),
        ("early", "2.2a", 6),
    ]


def test_beyond_absent_after_minutes_late_is_half_a_day_absent():
    strict = dataclasses.replace(RULES, absent_after_minutes=30)
    assert found(day_of("09:00", "12:00", "14:00", "17:00", attendance=strict)["上午"]) == [
        ("late", "2.2a", 30)
    ]
    late = day_of("09:01", "12:00", "14:00", "17:00", attendance=strict)["上午"]
    assert found(late) == [("late", "2.2b", 31)]
    assert late.findings[0].beyond_absent


def test_seconds_never_make_a_minute_late(tmp_path):
    staff = write_staff(tmp_path / "s.xlsx", [("张伟", "公安局", "1")])
    rows = [
        RAW_HEADER,
        ["窗口", "张伟", "1", "2020-01-02 08:30:59", 1],
        ["窗口", "张伟", "1", "2020-01-02 12:00:00", 1],
    ]
    result = derive([write_csv(tmp_path / "p.csv", rows)], staff)
    thursday_morning = next(
        c for c in result.checks if c.day == THURSDAY and c.session.name == "上午"
    )
    assert thursday_morning.late == 0 and thursday_morning.findings == ()


def test_an_exempt_session_costs_nothing_and_says_why():
    leave = Exemption(ZHANG, THURSDAY, "下午", "请假", 2)
    day = day_of("08:30", "12:00", exemptions=[leave])
    assert found(day["下午"]) == [] and day["下午"].exemption.reason == "请假"
    assert result_text(day["下午"]) == "例外"
    whole = Exemption(ZHANG, THURSDAY, "全天", "出差", 3)
    assert all(c.findings == () for c in day_of(exemptions=[whole]).values())


def test_the_note_names_the_times_and_the_export_cell(tmp_path):
    staff = write_staff(tmp_path / "s.xlsx", [("张伟", "公安局", "1")])
    rows = [
        RAW_HEADER,
        ["窗口", "张伟", "1", "2020-01-02 08:42", 1],
        ["窗口", "张伟", "1", "2020-01-02 12:00", 1],
    ]
    result = derive([write_csv(tmp_path / "打卡.csv", rows)], staff)
    thursday = [r for r in result.rows if r.date == THURSDAY]
    assert [(r.rule, r.note) for r in thursday] == [
        ("2.2a", "上午迟到 12 分钟:签到 08:42(应 08:30),打卡.csv!D2"),
        ("2.2b", "下午旷工:14:00–17:00 没有打卡记录(已读:打卡.csv)"),
    ]


def month_rows(tmp_path, rows, people=(("张伟", "公安局", "1"),), exceptions=()):
    staff = write_staff(tmp_path / "s.xlsx", people, exceptions)
    return derive([write_csv(tmp_path / "p.csv", [RAW_HEADER, *rows])], staff)


def full_day(day: str, name="张伟", number="1") -> list[list]:
    return [["窗口", name, number, f"{day} {t}", 1] for t in ("08:30", "12:00", "14:00", "17:00")]


def test_a_holiday_has_no_sessions_and_a_make_up_sunday_has_them(tmp_path):
    rows = full_day("2020-01-02") + [["窗口", "张伟", "1", "2020-01-24 08:50", 1]]
    result = month_rows(tmp_path, rows)
    days = {c.day for c in result.checks}
    assert dt.date(2020, 1, 1) not in days and dt.date(2020, 1, 24) not in days
    assert dt.date(2020, 1, 19) in days  # Sunday, a make-up workday: absent without punches
    assert ("2020-01-19", "公安局", "2.2b", "张伟") in incidents(result)
    assert len(result.rows) == 2 * (17 - 1)  # every other workday: two absent sessions


def test_a_rules_file_workday_adds_sessions_the_calendar_does_not_have(tmp_path):
    scheme = dataclasses.replace(
        SCHEME, attendance=dataclasses.replace(BASE, workdays=frozenset({dt.date(2020, 2, 1)}))
    )
    staff = write_staff(tmp_path / "s.xlsx", [("张伟", "公安局", "1")])
    rows = [RAW_HEADER, *full_day("2020-02-01"), *full_day("2020-02-03")]
    result = derive([write_csv(tmp_path / "p.csv", rows)], staff, "2020-02", scheme=scheme)
    assert {c.day for c in result.checks} >= {dt.date(2020, 2, 1), dt.date(2020, 2, 3)}
    assert all(c.findings == () for c in result.checks if c.day.day in (1, 3))


def test_unknown_people_and_people_without_punches_are_warnings_and_cost_nothing(tmp_path):
    rows = full_day("2020-01-02") + full_day("2020-01-02", "赵六", "99")
    result = month_rows(tmp_path, rows, people=[("张伟", "公安局", "1"), ("刘洋", "地税局", "5")])
    assert result.errors == []
    assert [(i.code, i.params["people"]) for i in result.warnings] == [
        (Code.PUNCHES_NOT_ON_ROSTER, ["赵六(99) ×4"]),
        (Code.STAFF_WITHOUT_PUNCHES, ["刘洋(地税局)"]),
    ]
    assert {r.person for r in result.rows} == {"张伟"}


def test_a_name_that_fits_two_roster_people_is_an_error_asking_for_the_id(tmp_path):
    people = [("王芳", "公安局", "2"), ("王芳", "民政局", "4")]
    rows = [["窗口", "王芳", "", "2020-01-02 08:30", 1]]
    result = month_rows(tmp_path, rows, people=people)
    [error] = result.errors
    assert error.code == Code.NAME_AMBIGUOUS and error.where == "p.csv!D2"
    assert "工号" in error.hint("zh")


def test_the_id_tells_two_people_of_one_name_apart(tmp_path):
    people = [("王芳", "公安局", "2"), ("王芳", "民政局", "4")]
    rows = full_day("2020-01-02", "王芳", "4") + full_day("2020-01-02", "王芳", "2")
    result = month_rows(tmp_path, rows, people=people)
    assert result.errors == []
    thursday = [c for c in result.checks if c.day == THURSDAY]
    assert [(c.person.window, c.findings) for c in thursday] == [
        ("公安局", ()),
        ("公安局", ()),
        ("民政局", ()),
        ("民政局", ()),
    ]


@pytest.mark.parametrize(
    "punches, expected",
    [
        ((), ["absent", "absent"]),
        (("08:31", "12:00", "14:00", "17:00"), ["late"]),
        (("08:30", "11:59", "14:00", "16:59"), ["early", "early"]),
    ],
)
def test_check_session_findings_per_day(punches, expected):
    assert [f.kind for c in day_of(*punches).values() for f in c.findings] == expected


def test_check_session_keeps_minutes_for_the_detail_sheet():
    check = check_session(
        ZHANG, THURSDAY, BASE.sessions_on(THURSDAY)[0], (punch("08:20"), punch("12:10")), BASE, None
    )
    assert (check.late, check.early, check.findings) == (0, 0, ())


def test_exports_of_another_month_are_an_error_not_a_month_of_absences(tmp_path):
    staff = write_staff(tmp_path / "s.xlsx", [("张伟", "公安局", "1")])
    result = derive(
        [write_csv(tmp_path / "p.csv", [RAW_HEADER, *full_day("2020-01-02")])], staff, "2020-03"
    )
    assert [i.code for i in result.errors] == [Code.PUNCHES_OTHER_MONTH] and result.rows == []
    assert "2020-01-02" in result.errors[0].message("en")


def test_the_order_of_the_export_rows_changes_nothing(tmp_path):
    rows = [
        *full_day("2020-01-02"),
        ["窗口", "张伟", "1", "2020-01-03 08:41", 1],
        ["窗口", "张伟", "1", "2020-01-03 08:44", 1],
        ["窗口", "张伟", "1", "2020-01-03 16:10", 1],
    ]
    first = month_rows(tmp_path, rows)
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    (tmp_path / "p.csv").unlink()
    again = month_rows(tmp_path, shuffled)
    assert [(r.date, r.rule, r.note.split(",")[0]) for r in again.rows] == [
        (r.date, r.rule, r.note.split(",")[0]) for r in first.rows
    ]
    assert incidents(again) == incidents(first)


@given(st.lists(st.integers(min_value=6 * 60, max_value=20 * 60), max_size=8))
def test_every_punch_belongs_to_one_session_and_each_session_costs_at_most_two(minutes):
    times = [f"{m // 60:02d}:{m % 60:02d}" for m in minutes]
    day = day_of(*times)
    assert sum(len(c.punches) for c in day.values()) == len(times)
    for check in day.values():
        kinds = [f.kind for f in check.findings]
        assert (kinds == ["absent"]) == (not check.punches)
        assert len(kinds) <= 2 and len(set(kinds)) == len(kinds)
        assert {f.rule for f in check.findings} <= {
            RULES.late_rule,
            RULES.absent_rule,
            RULES.missing_punch_rule,
        }
