"""The arithmetic of the scheme: each rule mode, replacement, floors, 2.1, withdrawn rows."""

from decimal import Decimal

import pytest

from conftest import day
from scoring_helpers import by_window, score_rows
from qualitywin import model as m


def test_a_per_count_rule_costs_points_times_count(tmp_path):
    result = score_rows(tmp_path, [(day(3), "公安局", "2.2c", 3), (day(4), "公安局", "4.2", 2)])
    police = by_window(result)["公安局"]
    assert police.categories["工作纪律"] == 30 - 2 * 3
    assert police.categories["办件规范"] == 15 - 5 * 2
    assert police.total == 70 - 16 and police.deducted == 16


def test_a_once_a_month_rule_costs_its_points_once_whatever_the_counts(tmp_path):
    result = score_rows(tmp_path, [(day(3), "公安局", "1.3", 3), (day(9), "公安局", "1.3", 1)])
    assert by_window(result)["公安局"].categories["领导重视"] == 15 - 5
    states = [line.state for line in result.audit]
    assert states == [m.COUNTED, m.ONCE_ALREADY]


def test_1_1b_replaces_1_1a_when_both_count(tmp_path):
    result = score_rows(tmp_path, [(day(3), "公安局", "1.1a"), (day(9), "公安局", "1.1b")])
    assert by_window(result)["公安局"].categories["领导重视"] == 0
    replaced = [line for line in result.audit if line.rule_id == "1.1a"]
    assert replaced[0].deducted == 0 and replaced[0].state.startswith(m.REPLACED)


def test_a_withdrawn_1_1b_leaves_a_counted_1_1a_standing(tmp_path):
    result = score_rows(
        tmp_path, [(day(3), "公安局", "1.1a"), (day(9), "公安局", "1.1b", 1, "", "", "撤销")]
    )
    assert by_window(result)["公安局"].categories["领导重视"] == 10


def test_replacement_is_per_window(tmp_path):
    result = score_rows(tmp_path, [(day(3), "公安局", "1.1a"), (day(9), "民政局", "1.1b")])
    scores = by_window(result)
    assert scores["公安局"].categories["领导重视"] == 10
    assert scores["民政局"].categories["领导重视"] == 0


def test_a_category_stops_at_zero_and_the_rest_is_recorded_beyond_the_floor(tmp_path):
    rows = [(day(3), "公安局", "2.8"), (day(4), "公安局", "2.2b", 3), (day(5), "公安局", "2.8")]
    result = score_rows(tmp_path, rows)
    police = by_window(result)["公安局"]
    assert police.categories["工作纪律"] == 0
    assert police.total == 40 and police.deducted == 30
    assert [(l.points, l.deducted, l.state) for l in result.audit] == [
        (20, 20, m.COUNTED),
        (15, 10, m.PARTLY),
        (20, 0, m.BEYOND_FLOOR),
    ]


def test_the_floor_of_one_category_leaves_the_others_alone(tmp_path):
    rows = [(day(3), "公安局", "3.2", 9), (day(4), "公安局", "2.2a")]
    police = by_window(score_rows(tmp_path, rows))["公安局"]
    assert police.categories == {"领导重视": 15, "工作纪律": 29, "行为规范": 0, "办件规范": 15}


def test_withdrawn_rows_are_kept_in_the_audit_but_cost_nothing(tmp_path):
    result = score_rows(tmp_path, [(day(3), "公安局", "2.8", 1, "张伟", "", "撤销")])
    assert by_window(result)["公安局"].total == 70
    assert result.audit[0].state == m.WITHDRAWN and result.audit[0].deducted == 0
    assert result.rows_withdrawn == 1 and result.rows_counted == 0
    assert result.referrals == []


def test_a_counted_2_8_case_is_flagged_for_referral(tmp_path):
    result = score_rows(tmp_path, [(day(12), "民政局", "2.8", 1, "王五", "收受礼品")])
    assert [(r.window, r.person, r.row) for r in result.referrals] == [("民政局", "王五", 2)]
    assert by_window(result)["民政局"].categories["工作纪律"] == 10


@pytest.mark.parametrize(
    "sick, personal, points",
    [
        (3, 0, 0),  # exactly the limit
        (2.5, 0.5, 0),
        (3, 0.5, 1),  # half a day over
        (3.1, 0.5, 2),  # 0.6 over → ceil(1.2) = 2 half days
        (2, 2, 2),  # a whole day over
        (10, 5, 24),  # 12 days over
    ],
)
def test_2_1_costs_one_point_per_started_half_day_over_three_days(tmp_path, sick, personal, points):
    result = score_rows(tmp_path, [], leave=[("公安局", "张伟", sick, personal)])
    assert by_window(result)["公安局"].categories["工作纪律"] == 30 - points
    assert len(result.audit) == (1 if points else 0)


def test_2_1_adds_up_several_rows_of_one_person_in_decimal(tmp_path):
    leave = [("公安局", "张伟", 3.1, None), ("公安局", " 张伟 ", 0.4, "")]
    result = score_rows(tmp_path, [], leave=leave)
    assert by_window(result)["公安局"].categories["工作纪律"] == 29  # 3.5 days: exactly 1 half day
    line = result.audit[0]
    assert (line.rule_id, line.row, line.count, line.deducted) == ("2.1", "2、3", 1, 1)


def test_2_1_treats_the_same_name_in_two_windows_as_two_people(tmp_path):
    leave = [("公安局", "张伟", 2, 0), ("民政局", "张伟", 2, 0)]
    scores = by_window(score_rows(tmp_path, [], leave=leave))
    assert scores["公安局"].total == 70 and scores["民政局"].total == 70


def test_2_1_counts_against_the_discipline_floor_too(tmp_path):
    rows = [(day(3), "公安局", "2.8"), (day(4), "公安局", "2.2b")]
    result = score_rows(tmp_path, rows, leave=[("公安局", "张伟", 6, 0)])
    assert by_window(result)["公安局"].categories["工作纪律"] == 0
    leave_line = result.audit[-1]
    assert (leave_line.points, leave_line.deducted, leave_line.state) == (6, 5, m.PARTLY)


def test_aliases_and_full_width_names_score_to_the_roster_window(tmp_path):
    rows = [
        (day(3), "社保中心", "2.2a"),
        (day(4), "人劳局（社保中心）", "2.2a"),
        (day(5), "人劳局", "2.2a"),
        (day(6), "核算中心", "２．２Ａ"),
    ]
    scores = by_window(score_rows(tmp_path, rows))
    assert scores["人劳局(社保中心)"].total == 67
    assert scores["财政局(核算中心)"].total == 69


def test_a_number_cell_rule_id_is_read_as_its_shortest_text(tmp_path):
    scores = by_window(score_rows(tmp_path, [(day(3), "公安局", 1.2)]))
    assert scores["公安局"].categories["领导重视"] == 10


def test_scores_are_decimal_and_totals_add_up(tmp_path):
    result = score_rows(tmp_path, [(day(3), "公安局", "2.2a")])
    for score in result.windows:
        assert isinstance(score.total, Decimal)
        assert score.total == sum(score.categories.values())
        assert score.deducted == 70 - score.total
