"""The optional scheme features, each from a rules file (the default one with a few edits):
bonus categories and caps, evidence, vetoes, the minimum total, tie-breaks, computed per window."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qualitywin import model as m
from qualitywin.issues import Code
from qualitywin.jsonview import result_to_dict
from qualitywin.ranking import CRITERIA, rank, select
from qualitywin.records import read_month
from qualitywin.scheme import CRITERIA as CRITERIA_NAMES
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month

from conftest import build_workbook, day
from rules_helpers import BONUS_CATEGORY, BONUS_RULES, VETO_2_8, rules_file, scheme_key

ROSTER = load_scheme().roster


def scored(tmp_path, rules, rows, **kwargs):
    scheme = load_scheme(rules)
    records = read_month(build_workbook(tmp_path / "2020-02.xlsx", rows, **kwargs), scheme)
    assert not records.errors, [i.where + " " + i.message("en") for i in records.errors]
    result = score_month(records, scheme)
    return result, {w.window: w for w in result.windows}


def everyone_loses_one(but: tuple[str, ...] = ()) -> list[tuple]:
    return [(day(20), w, "3.1") for w in ROSTER if w not in but]


# -- bonus -----------------------------------------------------------------------------------------


@pytest.fixture
def bonus_rules(tmp_path):
    return rules_file(tmp_path, BONUS_CATEGORY, BONUS_RULES)


def test_a_bonus_category_adds_to_the_maximum_and_starts_at_zero(tmp_path, bonus_rules):
    scheme = load_scheme(bonus_rules)
    assert scheme.max_score == 75  # 70 + the bonus category's 5
    result, windows = scored(tmp_path, bonus_rules, [])
    police = windows["公安局"]
    assert police.categories["加分"] == 0 and police.total == 70
    assert police.deducted == 0  # a bonus not earned is not a deduction
    assert police.bonus == 0


def test_bonus_rules_add_points_per_count_and_once(tmp_path, bonus_rules):
    rows = [
        (day(3), "公安局", "5.1", 2, "", "锦旗两面"),  # +2 × 2 = 4
        (day(4), "民政局", "5.3", 2, "", "报道"),  # once: +3 whatever the count
        (day(5), "民政局", "5.3", 1, "", "又一次报道"),
    ]  # once a month: already counted
    result, windows = scored(tmp_path, bonus_rules, rows)
    assert windows["公安局"].categories["加分"] == 4 and windows["公安局"].total == 74
    assert windows["民政局"].categories["加分"] == 3 and windows["民政局"].bonus == 3
    assert [line.state for line in result.audit] == [m.BONUS, m.BONUS, m.ONCE_ALREADY]


def test_the_bonus_category_stops_at_its_points(tmp_path, bonus_rules):
    rows = [
        (day(3), "公安局", "5.1", 2, "", "锦旗"),  # +4
        (day(4), "公安局", "5.3", 1, "", "报道"),  # +3, but only 1 left under the cap of 5
        (day(5), "公安局", "5.1", 1, "", "锦旗"),
    ]  # nothing left
    result, windows = scored(tmp_path, bonus_rules, rows)
    assert windows["公安局"].categories["加分"] == 5 and windows["公安局"].total == 75
    assert [(l.points, l.deducted, l.state) for l in result.audit] == [
        (4, 4, m.BONUS),
        (3, 1, m.PARTLY_CAPPED),
        (2, 0, m.BEYOND_CAP),
    ]


def test_a_rule_cap_limits_that_rule_alone(tmp_path, bonus_rules):
    rows = [
        (day(3), "公安局", "5.2", 3, "", "三封信"),  # +3, 5.2 capped at 2 → +2
        (day(4), "公安局", "5.2", 1, "", "又一封"),  # 5.2 used up
        (day(5), "公安局", "5.1", 1, "", "锦旗"),
    ]  # +2: the category still has room
    result, windows = scored(tmp_path, bonus_rules, rows)
    assert windows["公安局"].categories["加分"] == 4
    assert [(l.deducted, l.state) for l in result.audit] == [
        (2, m.PARTLY_CAPPED),
        (0, m.BEYOND_CAP),
        (2, m.BONUS),
    ]


def test_a_cap_on_a_deduction_rule_limits_its_deduction(tmp_path):
    rules = rules_file(
        tmp_path,
        (
            '"label": "无故迟到、早退", "category": "工作纪律", "points": 1,',
            '"label": "无故迟到、早退", "category": "工作纪律", "points": 1, "cap": 3,',
        ),
    )
    result, windows = scored(tmp_path, rules, [(day(3), "公安局", "2.2a", 5)])
    assert windows["公安局"].categories["工作纪律"] == 27
    assert result.audit[0].state == m.PARTLY_CAPPED


def test_bonus_rows_are_not_counted_rows(tmp_path, bonus_rules):
    rows = [(day(3), "公安局", "5.1", 1, "", "锦旗"), (day(4), "公安局", "2.2a")]
    _, windows = scored(tmp_path, bonus_rules, rows)
    assert windows["公安局"].counted_rows == 1


def test_evidence_is_required_in_a_counted_row_at_the_note_cell(tmp_path, bonus_rules):
    scheme = load_scheme(bonus_rules)
    rows = [
        (day(3), "公安局", "5.1", 1, "", ""),  # no evidence: error at F2
        (day(4), "公安局", "5.1", 1, "张伟", ""),  # a person is evidence enough
        (day(5), "公安局", "5.1", 1, "", "", "撤销"),  # withdrawn: nothing to prove
        (day(6), "公安局", "5.2", 1, "", ""),
    ]  # 5.2 needs no evidence
    records = read_month(build_workbook(tmp_path / "2020-02.xlsx", rows), scheme)
    assert [(i.code, i.where) for i in records.errors] == [(Code.EVIDENCE_BLANK, "扣分记录!F2")]
    assert "5.1" in records.errors[0].message("en")


# -- veto ------------------------------------------------------------------------------------------


def test_a_vetoed_window_cannot_be_selected_and_frees_its_place(tmp_path):
    rules = rules_file(
        tmp_path,
        VETO_2_8,
        ('"points": 20, "mode": "per_count"', '"points": 1, "mode": "per_count"'),
    )
    # 发改委 人劳局 公安局 民政局 at 70; 教体局 69 by a (1-point) 2.8 row, vetoed; the rest 69
    top = ROSTER[:5]
    rows = everyone_loses_one(but=top) + [(day(9), "教体局", "2.8", 1, "王五", "收礼")]
    result, windows = scored(tmp_path, rules, rows)
    # 发改委, 人劳局, 公安局, 民政局 70 → 4 places; the fifth goes to the tie of all 69s
    # (23 windows) → 并列待定; 教体局 is not among them
    assert windows["教体局"].status == "一票否决"
    assert windows["教体局"].reason == "一票否决:2.8 吃、拿、卡、要等违纪行为(扣分记录第25行)"
    assert [w.window for w in result.selected] == ["发改委", "人劳局(社保中心)", "公安局", "民政局"]
    assert "教体局" not in [w.window for w in result.tied] and len(result.tied) == 23


def test_a_veto_high_in_the_ranking_moves_the_next_window_up(tmp_path):
    rules = rules_file(
        tmp_path,
        VETO_2_8,
        ('"points": 20, "mode": "per_count"', '"points": 1, "mode": "per_count"'),
    )
    # totals: 发改委 70 … (5 windows at 70), all others 68; 人劳局 has a 2.8 row but only −1 → 69?
    rows = [(day(20), w, "3.1", 2) for w in ROSTER[6:]]  # 22 windows at 68
    rows += [(day(9), ROSTER[1], "2.8", 1, "王五", "收礼")]  # 人劳局 69, vetoed
    rows += [(day(9), ROSTER[5], "3.1", 1)]  # 司法局 69
    result, windows = scored(tmp_path, rules, rows)
    # eligible in rank order: 发改委 教体局 公安局 民政局 (70), 司法局 (69) → five places
    assert [w.window for w in result.selected] == ["发改委", "教体局", "公安局", "民政局", "司法局"]
    assert windows["司法局"].rank == 5 and windows["人劳局(社保中心)"].rank == 5
    assert windows["人劳局(社保中心)"].status == "一票否决"
    assert result.tied == []


def test_a_withdrawn_veto_row_vetoes_nothing(tmp_path):
    rules = rules_file(tmp_path, VETO_2_8)
    _, windows = scored(tmp_path, rules, [(day(3), "公安局", "2.8", 1, "", "", "撤销")])
    assert windows["公安局"].veto is None and windows["公安局"].status != "一票否决"


def test_a_veto_on_a_computed_rule_counts_a_computed_line(tmp_path):
    rules = rules_file(
        tmp_path,
        (
            '"label": "病假、私假每月累计超过3天", "category": "工作纪律", "points": 1, "mode": "computed",',
            '"label": "病假、私假每月累计超过3天", "category": "工作纪律", "points": 1, "mode": "computed", "veto": True,',
        ),
    )
    _, windows = scored(
        tmp_path, rules, [], leave=[("公安局", "张伟", 4, 0), ("民政局", "李娜", 3, 0)]
    )
    assert windows["公安局"].status == "一票否决" and "请假第2行" in windows["公安局"].reason
    assert windows["民政局"].veto is None


# -- minimum total ---------------------------------------------------------------------------------


def test_a_window_below_the_minimum_is_not_selected_and_frees_its_place(tmp_path):
    rules = rules_file(tmp_path, scheme_key("min_total", "69"))
    rows = [(day(3), w, "2.2a", 1 + i) for i, w in enumerate(ROSTER)]  # totals 69, 68, 67, …
    result, windows = scored(tmp_path, rules, rows)
    assert [w.window for w in result.selected] == ["发改委"]
    assert windows["人劳局(社保中心)"].status == "未达最低分"
    assert windows["人劳局(社保中心)"].reason == "总分 68 低于最低分 69"


def test_the_minimum_is_inclusive(tmp_path):
    rules = rules_file(tmp_path, scheme_key("min_total", "70"))
    result, _ = scored(tmp_path, rules, everyone_loses_one(but=ROSTER[:3]))
    assert [w.window for w in result.selected] == list(ROSTER[:3])
    assert {w.status for w in result.windows[3:]} == {"未达最低分"}


# -- tie-break -------------------------------------------------------------------------------------


def test_tie_break_criteria_split_a_tie_straddling_the_cut(tmp_path):
    rules = rules_file(
        tmp_path, scheme_key("tie_break", '["fewer_counted_rows", "fewer_lost:工作纪律"]')
    )
    # 4 windows at 70 take places 1-4; the other 24 are at 69 by one row each: 23 by a 3.1
    # (行为规范), 司法局 by a 2.2a (工作纪律)
    rows = [r for r in everyone_loses_one(but=ROSTER[:4]) if r[1] != "司法局"]
    rows += [(day(4), "司法局", "2.2a")]
    result, windows = scored(tmp_path, rules, rows)
    # the tie of 24 at 69 straddles the fifth place; fewer_counted_rows ties them all (1 row
    # each); fewer_lost:工作纪律 puts the 23 who lost nothing there ahead of 司法局 — still 23 for
    # one place → 并列待定; 司法局 未入选
    assert windows["司法局"].status == ""
    assert windows["司法局"].reason == "总分并列,按“计入扣分行数少”“工作纪律失分少”未入选"
    assert len(result.tied) == 23
    assert result.tied[0].reason.endswith("仍无法区分,由考评小组决定")


def test_the_first_criterion_that_separates_decides(tmp_path):
    rules = rules_file(tmp_path, scheme_key("tie_break", '["fewer_counted_rows"]'))
    # a tie below the cut is never broken: no reason anywhere
    rows = [(day(3), w, "3.1", 2) for w in ROSTER[5:]]  # 68, one row each
    rows = [r for r in rows if r[1] != "司法局"]
    rows += [(day(3), "司法局", "3.1"), (day(4), "司法局", "3.1")]  # 68, two rows
    rows += [(day(3), "民政局", "3.1", 1)]  # 民政局 69: 4th place
    result, windows = scored(tmp_path, rules, rows)
    # 70: 发改委 人劳局 教体局 公安局 (places 1-4); 69: 民政局 (5) → no tie at the cut at all
    assert [w.window for w in result.selected] == list(ROSTER[:5])
    assert all(w.reason == "" for w in result.windows)


def test_fewer_counted_rows_selects_and_the_rest_are_left_out_with_the_reason(tmp_path):
    rules = rules_file(tmp_path, scheme_key("tie_break", '["fewer_counted_rows"]'))
    rows = [(day(3), w, "3.1", 2) for w in ROSTER[4:] if w != "司法局"]  # 68 in one row
    rows += [(day(3), "司法局", "3.1"), (day(4), "司法局", "3.1")]  # 68 in two rows
    rows += [(day(3), w, "2.2a", 3) for w in ROSTER[6:]]  # the rest lower: 65
    result, windows = scored(tmp_path, rules, rows)
    # 70: 发改委 人劳局 教体局 公安局 (4 places); 68: 民政局 (1 row), 司法局 (2 rows) for 1 place
    assert [w.window for w in result.selected] == [*ROSTER[:4], "民政局"]
    assert windows["民政局"].reason == "总分并列,按“计入扣分行数少”入选"
    assert windows["司法局"].status == "" and windows["司法局"].reason.endswith("未入选")


def test_more_bonus_and_fewer_deducted(tmp_path):
    rules = rules_file(
        tmp_path, BONUS_CATEGORY, BONUS_RULES, scheme_key("tie_break", '["more_bonus"]')
    )
    # 6 windows at 70 for 5 places: 发改委 … 司法局 with no rows, 公安局 by +2 − 2
    rows = [(day(3), w, "3.1") for w in ROSTER[6:]]
    rows += [(day(3), "公安局", "5.1", 1, "", "锦旗"), (day(4), "公安局", "3.2")]
    result, windows = scored(tmp_path, rules, rows)
    # 6 windows at 70 for 5 places: more_bonus puts 公安局 (2) first, the 5 others (0) straddle
    assert windows["公安局"].status == "入选"
    assert windows["公安局"].reason == "总分并列,按“加分多”入选"
    assert len(result.tied) == 5


def test_without_tie_break_a_straddling_tie_stays_pending_with_no_reason(tmp_path):
    _, windows = scored(tmp_path, rules_file(tmp_path), [])
    assert {(w.status, w.reason) for w in windows.values()} == {("并列待定", "")}


def test_the_criteria_the_loader_accepts_are_the_ones_ranking_knows():
    assert set(CRITERIA) | {"fewer_lost:"} == set(CRITERIA_NAMES)


def test_select_still_works_without_a_scheme():
    scores = [m.WindowScore(w, {}, Decimal(70 - i), Decimal(i)) for i, w in enumerate(ROSTER)]
    ranked = rank(scores, ROSTER)
    select(ranked, 2)
    assert [s.status for s in ranked[:3]] == ["入选", "入选", ""]


# -- computed rules over other sheets ----------------------------------------------------------------

SATISFACTION = (
    '     "text": "属联办件的,未执行首问负责制的,每次扣5分"},\n]',
    '     "text": "属联办件的,未执行首问负责制的,每次扣5分"},\n'
    '    {"id": "5.1", "category": "满意度", "points": 1, "mode": "computed", "text": "满意率低于98%",\n'
    '     "computed": {"sheet": "好差评", "per": "window", "required": True, "aggregate": "single",\n'
    '                  "window_column": "窗口", "value_columns": ["满意率"],\n'
    '                  "direction": "below", "threshold": 98, "step": 1}},\n]',
)
SATISFACTION_CATEGORY = (
    '    {"name": "办件规范", "points": 15},\n]',
    '    {"name": "办件规范", "points": 15},\n    {"name": "满意度", "points": 20},\n]',
)


@pytest.fixture
def satisfaction_rules(tmp_path):
    return rules_file(tmp_path, SATISFACTION_CATEGORY, SATISFACTION)


@pytest.mark.parametrize(
    "rate, points", [(98, 0), (99.5, 0), (97.9, 1), (97, 1), (96.99, 2), ("95%", 3), (50, 20)]
)
def test_a_rate_below_its_threshold_costs_a_point_per_started_step(
    tmp_path, satisfaction_rules, rate, points
):
    result, windows = scored(
        tmp_path,
        satisfaction_rules,
        [],
        leave=[("公安局", rate)],
        leave_sheet="好差评",
        leave_header=("窗口", "满意率"),
    )
    assert windows["公安局"].categories["满意度"] == 20 - points
    assert windows["民政局"].categories["满意度"] == 20  # no row: nothing below


def test_a_required_sheet_that_is_missing_is_a_validation_error(tmp_path, satisfaction_rules):
    scheme = load_scheme(satisfaction_rules)
    records = read_month(build_workbook(tmp_path / "2020-02.xlsx", []), scheme)
    assert [i.code for i in records.errors] == [Code.COMPUTED_SHEET_MISSING]
    assert "好差评" in records.errors[0].message("en")
    hint = records.errors[0].hint("zh")  # add the 好差评 sheet; never rename 扣分记录 to it
    assert "加一张工作表 好差评" in hint and "窗口、满意率" in hint and "改名为" not in hint
    assert "Add a sheet named 好差评" in records.errors[0].hint("en")


def test_a_missing_column_of_a_computed_sheet_is_an_error_with_did_you_mean(
    tmp_path, satisfaction_rules
):
    scheme = load_scheme(satisfaction_rules)
    path = build_workbook(
        tmp_path / "2020-02.xlsx",
        [],
        leave=[("公安局", 97)],
        leave_sheet="好差评",
        leave_header=("窗口", "满意度"),
    )
    errors = read_month(path, scheme).errors
    assert [i.code for i in errors] == [Code.COLUMN_MISSING]
    assert "满意度" in errors[0].message("en")  # did you mean


def test_a_single_value_rule_refuses_a_second_row(tmp_path, satisfaction_rules):
    scheme = load_scheme(satisfaction_rules)
    path = build_workbook(
        tmp_path / "2020-02.xlsx",
        [],
        leave=[("公安局", 97), ("公安局", 99)],
        leave_sheet="好差评",
        leave_header=("窗口", "满意率"),
    )
    errors = read_month(path, scheme).errors
    assert [(i.code, i.where) for i in errors] == [(Code.MEASURE_DUPLICATE, "好差评!A3")]
    assert "row 2" in errors[0].message("en")


# -- JSON keys appear only with the features -----------------------------------------------------------


def test_the_default_scheme_json_has_no_feature_keys(tmp_path):
    result, _ = scored(tmp_path, rules_file(tmp_path), [(day(3), "公安局", "2.8")])
    shown = result_to_dict(result)
    assert set(shown) == {
        "month",
        "scheme",
        "max_score",
        "windows",
        "selected",
        "tied",
        "referrals",
        "rows_counted",
        "rows_withdrawn",
    }  # not features: always
    assert all(
        set(w) == {"window", "rank", "total", "deducted", "categories", "status"}
        for w in shown["windows"]
    )


def test_the_json_carries_bonus_veto_and_reasons_when_the_scheme_uses_them(tmp_path):
    rules = rules_file(
        tmp_path,
        BONUS_CATEGORY,
        BONUS_RULES,
        VETO_2_8,
        scheme_key("min_total", "60"),
        scheme_key("tie_break", '["more_bonus"]'),
    )
    rows = [(day(3), "公安局", "2.8", 1, "王五", "收礼"), (day(4), "民政局", "5.1", 1, "", "锦旗")]
    result, _ = scored(tmp_path, rules, rows)
    shown = result_to_dict(result)
    assert shown["min_total"] == 60 and shown["tie_break"] == ["more_bonus"]
    windows = {w["window"]: w for w in shown["windows"]}
    assert windows["民政局"]["bonus"] == 2 and windows["民政局"]["total"] == 72
    assert windows["公安局"]["veto"] == {
        "rule": "2.8",
        "where": "扣分记录!2",
        "reason": "一票否决:2.8 吃、拿、卡、要等违纪行为(扣分记录第2行)",
    }
    assert windows["公安局"]["status"] == "一票否决"
    assert "reason" not in windows["发改委"] or windows["发改委"]["reason"]
