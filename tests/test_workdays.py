"""Workdays: Monday–Friday minus China's holidays plus make-up days (chinese-calendar), with the
rules file's holidays / workdays lists winning; a year the calendar does not know is an error."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from qualitywin.issues import Code, QualitywinError
from qualitywin.scheme import load_scheme
from qualitywin.workdays import is_workday, workdays_of_month

ATTENDANCE = load_scheme().attendance


def test_sunday_2020_01_19_was_a_make_up_workday():
    assert dt.date(2020, 1, 19).weekday() == 6
    assert is_workday(dt.date(2020, 1, 19), ATTENDANCE)


@pytest.mark.parametrize("day", range(24, 32))
def test_the_spring_festival_2020_is_off_even_on_weekdays(day):
    assert not is_workday(dt.date(2020, 1, day), ATTENDANCE)


def test_the_extended_holiday_ran_to_february_2_and_took_the_make_up_saturday_with_it():
    """2020-02-01 (Saturday) was first a make-up workday; the State Council's extension of the
    Spring Festival to 02-02 cancelled it, and chinese-calendar says so."""
    assert not is_workday(dt.date(2020, 2, 1), ATTENDANCE)
    assert not is_workday(dt.date(2020, 2, 2), ATTENDANCE)
    assert is_workday(dt.date(2020, 2, 3), ATTENDANCE)


def test_january_2020_has_17_workdays():
    days = workdays_of_month("2020-01", ATTENDANCE)
    assert len(days) == 17
    assert dt.date(2020, 1, 1) not in days and dt.date(2020, 1, 19) in days


def test_the_rules_file_lists_win_over_the_calendar():
    local = dataclasses.replace(
        ATTENDANCE,
        workdays=frozenset({dt.date(2020, 2, 1)}),
        holidays=frozenset({dt.date(2020, 2, 3)}),
    )
    assert is_workday(dt.date(2020, 2, 1), local)
    assert not is_workday(dt.date(2020, 2, 3), local)


def test_a_year_the_calendar_does_not_know_is_an_error_naming_the_year():
    with pytest.raises(QualitywinError) as raised:
        workdays_of_month("2099-03", ATTENDANCE)
    issue = raised.value.issues[0]
    assert issue.code == Code.CALENDAR_UNKNOWN and issue.params["year"] == 2099
    assert "2099" in issue.message("en") and "holidays / workdays" in issue.hint("en")


def test_a_day_of_an_unknown_year_listed_in_the_rules_file_needs_no_calendar():
    listed = dataclasses.replace(
        ATTENDANCE,
        workdays=frozenset({dt.date(2099, 3, 2)}),
        holidays=frozenset({dt.date(2099, 3, 1)}),
    )
    assert is_workday(dt.date(2099, 3, 2), listed) and not is_workday(dt.date(2099, 3, 1), listed)
