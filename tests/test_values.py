"""Cell values as clerks type them: dates, rule ids, counts, statuses, leave days."""

import datetime as dt
from decimal import Decimal

import pytest

from qualitywin import values as v
from qualitywin.issues import Code


@pytest.mark.parametrize(
    "cell",
    [
        dt.date(2020, 2, 3),
        dt.datetime(2020, 2, 3, 17, 45),
        "2020-02-03",
        "2020/2/3",
        "2020.2.3",
        "2020年2月3日",
        " 2020-2-3 ",
        "２０２０－０２－０３",
        "2020-02-03 09:30",
    ],
)
def test_dates_are_read_from_date_cells_and_the_usual_texts(cell):
    assert v.parse_date(cell) == dt.date(2020, 2, 3)


@pytest.mark.parametrize(
    "cell, code",
    [
        (43864.0, Code.DATE_NUMBER),
        (43864, Code.DATE_NUMBER),
        ("2020-02-30", Code.DATE_INVALID),
        ("昨天", Code.DATE_INVALID),
        (True, Code.DATE_INVALID),
        ("02/03/2020", Code.DATE_INVALID),
    ],
)
def test_a_bare_number_or_unreadable_text_is_not_a_date(cell, code):
    with pytest.raises(v.BadValue) as caught:
        v.parse_date(cell)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("2.2a", "2.2a"),
        ("２．２Ａ", "2.2a"),
        (" 2.2A ", "2.2a"),
        (1.2, "1.2"),
        (4.0, "4"),
        ("1.1B", "1.1b"),
    ],
)
def test_rule_ids_compare_after_nfkc_trimming_and_lower_casing(cell, expected):
    assert v.rule_key(cell) == expected


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("", 1),
        (None, 1),
        (1, 1),
        (2.0, 2),
        ("3", 3),
        ("３", 3),
        (" 12 ", 12),
    ],
)
def test_counts_are_whole_numbers_from_one_up_and_blank_is_one(cell, expected):
    assert v.parse_count(cell) == expected


@pytest.mark.parametrize("cell", [1.5, 0, -1, "abc", "1.5", True, "0"])
def test_other_counts_are_errors(cell):
    with pytest.raises(v.BadValue) as caught:
        v.parse_count(cell)
    assert caught.value.code == Code.COUNT_INVALID


@pytest.mark.parametrize(
    "cell, withdrawn",
    [
        ("", False),
        ("有效", False),
        ("VALID", False),
        ("撤销", True),
        ("已撤销", True),
        (" Withdrawn ", True),
        ("ＷＩＴＨＤＲＡＷＮ", True),
    ],
)
def test_status_words(cell, withdrawn):
    assert v.parse_status(cell) is withdrawn


@pytest.mark.parametrize("cell", ["作废", "yes", 1.0])
def test_other_statuses_are_errors(cell):
    with pytest.raises(v.BadValue) as caught:
        v.parse_status(cell)
    assert caught.value.code == Code.STATUS_INVALID


def test_leave_days_add_up_in_decimal_as_the_cells_show_them():
    assert v.parse_amount(3.1) + v.parse_amount(0.4) == Decimal("3.5")
    assert v.parse_amount("") == 0
    assert v.parse_amount("1.5") == Decimal("1.5")
    assert v.parse_amount("１.５") == Decimal("1.5")


@pytest.mark.parametrize("cell", [-0.5, "两天", True, "-1"])
def test_negative_or_non_numeric_leave_days_are_errors(cell):
    with pytest.raises(v.BadValue) as caught:
        v.parse_amount(cell)
    assert caught.value.code == Code.NUMBER_INVALID


def test_text_longer_than_an_excel_cell_is_refused():
    assert v.free_text("x" * 32_767) == "x" * 32_767
    with pytest.raises(v.BadValue) as caught:
        v.free_text("x" * 32_768)
    assert caught.value.code == Code.TEXT_TOO_LONG


def test_messages_show_the_rule_a_bad_points_value_is_on_and_suggest_in_their_language():
    from qualitywin.issues import Code, Issue

    points = Issue(Code.RULES_BAD_POINTS, row=4, source="r.py", params={"what": "2.9", "value": -1})
    assert points.message("en") == "the points of 2.9 must be positive, not -1"
    window = Issue(Code.WINDOW_UNKNOWN, "扣分记录", 5, 2, "公安", {"suggestions": ["公安局"]})
    assert window.message("zh") == "窗口 公安 不在参评名单中(是不是:公安局?)"
    assert window.message("en") == "window 公安 is not on the roster (did you mean: 公安局?)"
