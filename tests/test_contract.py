"""Black-box contract tests for qualitywin, built only from the written contract.

Every figure below is computed by hand from the contract; the arithmetic is in the comments.
Categories: 领导重视 15, 工作纪律 30, 行为规范 10, 办件规范 15; max 70.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from qualitywin.cli import app
from contract_builder import (
    CATS,
    FULL,
    INCIDENT_HEADER,
    ROSTER,
    build,
    by_window,
    d,
    inc,
)

# Wide console so that Sheet!Cell references and suggestions are never wrapped.
runner = CliRunner(env={"COLUMNS": "400"})


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def out(res) -> str:
    return (res.stdout or "") + (res.stderr or "")


def score_json(path: Path, *extra) -> dict:
    res = run("score", path, "--json", "--force", *extra)
    assert res.exit_code == 0, (res.exit_code, res.stdout, res.stderr)
    data = json.loads(res.stdout)
    # invariants of the contract, checked on every scored month:
    for w in data["windows"]:
        assert set(w["categories"]) == set(CATS)
        assert all(0 <= w["categories"][c] <= FULL[c] for c in CATS)  # floors at 0
        assert w["total"] == sum(w["categories"].values())  # total = sum of categories
        assert w["deducted"] == data["max_score"] - w["total"]  # deducted = max − total
    totals = [w["total"] for w in data["windows"]]
    assert totals == sorted(totals, reverse=True)  # rank order
    return data


def month_file(tmp_path: Path, rows=(), name="2020-02.xlsx", **kw) -> Path:
    return build(tmp_path / name, rows, **kw)


def fill_rest(special: dict, rest=("2.8", 1)) -> list:
    """Rows for the special windows (window -> [(rule, count), ...], [] = clean) and `rest`
    for every other roster window."""
    rows = []
    for w in ROSTER:
        for rule, count in special.get(w, [rest]):
            rows.append(inc(w, rule, count))
    return rows


# ───────────────────────── modes / commands ─────────────────────────


def test_score_json_prints_only_json_with_all_28_windows_in_rank_order(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1", 1)])
    res = run("score", p, "--json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)  # the whole of stdout is one JSON document
    assert data["month"] == "2020-02"
    assert data["max_score"] == 70
    assert isinstance(data["scheme"], str) and data["scheme"]
    assert len(data["windows"]) == 28
    assert sorted(w["window"] for w in data["windows"]) == sorted(ROSTER)
    # 27 windows at 70 (rank 1, tie of 27 → 1 ≤ 5 < 27 → 并列待定), 公安局 70−1 = 69 rank 28, blank
    assert [w["window"] for w in data["windows"]] == [w for w in ROSTER if w != "公安局"] + [
        "公安局"
    ]
    last = data["windows"][-1]
    assert last == {
        "window": "公安局",
        "rank": 28,
        "total": 69,
        "deducted": 1,
        "categories": {"领导重视": 15, "工作纪律": 30, "行为规范": 9, "办件规范": 15},
        "status": "",
    }
    assert data["selected"] == []
    assert data["tied"] == [w for w in ROSTER if w != "公安局"]


def test_validate_clean_workbook_exits_0_and_writes_nothing(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "2.2a", 2)])
    res = run("validate", p)
    assert res.exit_code == 0, out(res)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["2020-02.xlsx"]


def test_validate_reports_every_problem_at_once_each_with_sheet_and_cell(tmp_path):
    rows = [
        [20200203, "公安局", "2.2a", 1, None, None, None],  # A2 bare number date
        inc("公安", "2.2a"),  # B3 unknown window
        inc("公安局", "2.2"),  # C4 unknown rule
        inc("公安局", "2.2a", 0),  # D5 bad count
        inc("公安局", "2.2a", 1, status="待定"),  # G6 bad status
    ]
    p = month_file(tmp_path, rows, leave=[["外星局", "张三", 1, 0], ["公安局", "李四", -1, 0]])
    res = run("validate", p)
    assert res.exit_code == 1
    text = out(res)
    for ref in [
        "扣分记录!A2",
        "扣分记录!B3",
        "扣分记录!C4",
        "扣分记录!D5",
        "扣分记录!G6",
        "请假!A2",
        "请假!C3",
    ]:
        assert ref in text, ref


def test_score_with_errors_prints_them_writes_nothing_and_exits_1(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "9.9")])
    res = run("score", p)
    assert res.exit_code == 1
    assert "扣分记录!C2" in out(res)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["2020-02.xlsx"]


def test_score_json_with_errors_writes_nothing_and_exits_1(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "2.2a", "abc")])
    res = run("score", p, "--json")
    assert res.exit_code == 1
    assert "扣分记录!D2" in out(res)
    assert not (tmp_path / "2020-02-结果.xlsx").exists()


def test_top_prints_selected_then_tied_and_writes_nothing(tmp_path):
    # 发改委, 教体局 70 (rank 1 ×2 → 入选); 公安局 69 (3.1), 民政局 69 → rank 3;
    # 司法局, 建设局 68 (3.2) rank 5, tie of 2 → 5 ≤ 5 < 6 → 并列待定; rest 2.8 → 50 blank.
    special = {
        "发改委": [],
        "教体局": [],
        "公安局": [("3.1", 1)],
        "民政局": [("3.1", 1)],
        "司法局": [("3.2", 1)],
        "建设局": [("3.2", 1)],
    }
    p = month_file(tmp_path, fill_rest(special))
    res = run("top", p)
    assert res.exit_code == 0, out(res)
    text = res.stdout
    pos = {w: text.find(w) for w in ["发改委", "教体局", "公安局", "民政局", "司法局", "建设局"]}
    assert all(v >= 0 for v in pos.values()), pos
    # 入选 first (in rank order), then 并列待定
    assert (
        pos["发改委"]
        < pos["教体局"]
        < pos["公安局"]
        < pos["民政局"]
        < pos["司法局"]
        < pos["建设局"]
    )
    assert "交通局" not in text  # a 50-point window is neither
    assert sorted(x.name for x in tmp_path.iterdir()) == ["2020-02.xlsx"]


def test_top_n_limits_the_places(tmp_path):
    # 燃气公司 70, 工商局 69, 发改委 68, then three at 67 (rank 4).  With -n 3 the tie at 4
    # is beyond the places (4 > 3) → blank; with -n 6: 4+3−1 = 6 ≤ 6 → 入选.
    special = {
        "燃气公司": [],
        "工商局": [("3.1", 1)],
        "发改委": [("3.2", 1)],
        "烟草局": [("3.1", 3)],
        "公安局": [("3.1", 3)],
        "人劳局(社保中心)": [("3.1", 3)],
    }
    p = month_file(tmp_path, fill_rest(special))
    res = run("top", p, "-n", 3)
    assert res.exit_code == 0, out(res)
    for w in ["燃气公司", "工商局", "发改委"]:
        assert w in res.stdout
    for w in ["烟草局", "公安局", "人劳局"]:
        assert w not in res.stdout
    res6 = run("top", p, "-n", 6)
    assert res6.exit_code == 0
    for w in ["燃气公司", "工商局", "发改委", "烟草局", "公安局", "人劳局"]:
        assert w in res6.stdout
    assert sorted(x.name for x in tmp_path.iterdir()) == ["2020-02.xlsx"]


def test_rules_prints_the_scheme_table(tmp_path):
    res = run("rules")
    assert res.exit_code == 0, out(res)
    for token in [
        "1.1a",
        "1.1b",
        "2.1",
        "2.8",
        "3.4",
        "4.4",
        "领导重视",
        "工作纪律",
        "行为规范",
        "办件规范",
        "70",
    ]:
        assert token in res.stdout, token


# ───────────────────────── scoring ─────────────────────────


def test_per_count_rule_deducts_points_times_count(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "2.2a", 3), inc("公安局", "2.7", 1)])
    w = by_window(score_json(p))["公安局"]
    # 2.2a ×3 = 3, 2.7 ×1 = 5 → 工作纪律 30−8 = 22; total 62, deducted 8
    assert w["categories"] == {"领导重视": 15, "工作纪律": 22, "行为规范": 10, "办件规范": 15}
    assert (w["total"], w["deducted"]) == (62, 8)


def test_per_count_rules_of_every_category_use_their_points(tmp_path):
    rows = [
        inc("发改委", "1.2", 2),
        inc("教体局", "1.4a", 2),
        inc("民政局", "1.4b", 2),
        inc("司法局", "1.5", 3),
        inc("建设局", "2.2b", 1),
        inc("建设局", "2.2c", 2),
        inc("交通局", "2.3a", 2),
        inc("交通局", "2.3b", 1),
        inc("市政局", "2.4", 1),
        inc("市政局", "2.5", 1),
        inc("市政局", "2.6", 1),
        inc("卫生局", "3.3", 2),
        inc("卫生局", "3.4", 1),
        inc("环保局", "4.1", 1),
        inc("环保局", "4.3", 1),
        inc("国土局", "4.2", 1),
        inc("商务局", "4.4", 2),
    ]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["发改委"]["categories"]["领导重视"] == 5  # 1.2 ×2 = 10 → 15−10
    assert ws["教体局"]["categories"]["领导重视"] == 5  # 1.4a ×2 = 10
    assert ws["民政局"]["categories"]["领导重视"] == 9  # 1.4b 3 ×2 = 6
    assert ws["司法局"]["categories"]["领导重视"] == 6  # 1.5 3 ×3 = 9
    assert ws["建设局"]["categories"]["工作纪律"] == 21  # 2.2b 5 + 2.2c 2×2 = 9
    assert ws["交通局"]["categories"]["工作纪律"] == 26  # 2.3a 1×2 + 2.3b 2 = 4
    assert ws["市政局"]["categories"]["工作纪律"] == 21  # 2.4 5 + 2.5 2 + 2.6 2 = 9
    assert ws["卫生局"]["categories"]["行为规范"] == 6  # 3.3 1×2 + 3.4 2 = 4
    assert ws["环保局"]["categories"]["办件规范"] == 5  # 4.1 5 + 4.3 5 = 10
    assert ws["国土局"]["categories"]["办件规范"] == 10  # 4.2 5
    assert ws["商务局"]["categories"]["办件规范"] == 5  # 4.4 5 ×2 = 10
    assert ws["市政局"]["total"] == 61  # 70 − 9


def test_category_score_floors_at_zero_not_negative(tmp_path):
    rows = [inc("公安局", "2.8", 2), inc("教体局", "3.2", 6)]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    # 2.8 ×2 = 40 → 工作纪律 max(0, 30−40) = 0, not −10 → total 40, deducted 30
    assert ws["公安局"]["categories"]["工作纪律"] == 0
    assert (ws["公安局"]["total"], ws["公安局"]["deducted"]) == (40, 30)
    # 3.2 ×6 = 12 → 行为规范 max(0, 10−12) = 0 → total 60
    assert ws["教体局"]["categories"]["行为规范"] == 0
    assert ws["教体局"]["total"] == 60


def test_once_a_month_rule_counts_once_whatever_the_count_or_rows(tmp_path):
    rows = [
        inc("公安局", "1.3", 3),  # 1.3 once: 5 (not 15)
        inc("教体局", "1.6", 1, day=3),
        inc("教体局", "1.6", 2, day=10),  # 1.6 once: 5
        inc("民政局", "1.7", 4),
        inc("民政局", "1.3", 1),
    ]  # 1.7 5 + 1.3 5 = 10
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["公安局"]["categories"]["领导重视"] == 10  # 15 − 5
    assert ws["教体局"]["categories"]["领导重视"] == 10  # 15 − 5
    assert ws["民政局"]["categories"]["领导重视"] == 5  # 15 − 10


def test_1_1a_alone_deducts_5_once_and_1_1b_alone_15(tmp_path):
    rows = [inc("公安局", "1.1a", 2), inc("公安局", "1.1a", 1, day=5), inc("教体局", "1.1b", 1)]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["公安局"]["categories"]["领导重视"] == 10  # 1.1a once a month: 5
    assert ws["教体局"]["categories"]["领导重视"] == 0  # 1.1b: 15


def test_1_1b_replaces_1_1a_when_both_count(tmp_path):
    rows = [inc("公安局", "1.1a"), inc("公安局", "1.1b")]
    w = by_window(score_json(month_file(tmp_path, rows)))["公安局"]
    # 1.1b 15 replaces 1.1a → 领导重视 15 − 15 = 0; total 55
    assert w["categories"]["领导重视"] == 0
    assert (w["total"], w["deducted"]) == (55, 15)


def test_withdrawn_1_1b_leaves_a_counted_1_1a_standing(tmp_path):
    rows = [
        inc("公安局", "1.1a"),
        inc("公安局", "1.1b", status="撤销"),
        inc("教体局", "1.1a", status="withdrawn"),
        inc("教体局", "1.1b"),
    ]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["公安局"]["categories"]["领导重视"] == 10  # only 1.1a counts: 15 − 5
    assert ws["教体局"]["categories"]["领导重视"] == 0  # 1.1b counts: 15 − 15


def test_1_1a_and_1_1b_both_withdrawn_deduct_nothing(tmp_path):
    rows = [inc("公安局", "1.1a", status="撤销"), inc("公安局", "1.1b", status="已撤销")]
    assert by_window(score_json(month_file(tmp_path, rows)))["公安局"]["total"] == 70


def test_withdrawn_rows_are_kept_but_not_counted_in_any_spelling_or_case(tmp_path):
    rows = [
        inc("公安局", "2.8", status=s)
        for s in ["撤销", "已撤销", "withdrawn", "WITHDRAWN", "Withdrawn"]
    ]
    rows += [inc("教体局", "3.1", status=s) for s in [None, "有效", "valid", "VALID"]]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["公安局"]["total"] == 70  # all withdrawn
    assert ws["教体局"]["categories"]["行为规范"] == 6  # 4 counted 3.1 rows: 10 − 4


def test_a_counted_2_8_row_flags_its_window_for_referral_and_a_withdrawn_one_does_not(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "2.8"), inc("教体局", "2.8", status="撤销")])
    score_json(p)
    wb = openpyxl.load_workbook(tmp_path / "2020-02-结果.xlsx")
    flagged = [
        " ".join(str(c) for c in row if c is not None)
        for ws in wb
        for row in ws.iter_rows(values_only=True)
        if any("移交" in str(c) for c in row if c is not None)
    ]
    assert any("公安局" in f for f in flagged)
    assert not any("教体局" in f for f in flagged)


# ───────────────────────── 2.1 leave ─────────────────────────


def _leave_score(tmp_path, leave, window="公安局"):
    p = month_file(tmp_path, [], leave=leave)
    return by_window(score_json(p))


def test_leave_of_exactly_3_days_deducts_nothing(tmp_path):
    ws = _leave_score(tmp_path, [["公安局", "张三", 1, 2]])
    assert ws["公安局"]["categories"]["工作纪律"] == 30  # 1 + 2 = 3 → over 0 → 0


def test_leave_of_3_5_days_deducts_1(tmp_path):
    ws = _leave_score(tmp_path, [["公安局", "张三", 3.5, 0]])
    assert ws["公安局"]["categories"]["工作纪律"] == 29  # over 0.5 → ceil(1) ×1 = 1


def test_leave_of_3_6_days_deducts_2(tmp_path):
    ws = _leave_score(tmp_path, [["公安局", "张三", 0, 3.6]])
    assert ws["公安局"]["categories"]["工作纪律"] == 28  # over 0.6 → ceil(1.2) = 2


def test_sick_and_personal_days_add_and_blank_is_zero(tmp_path):
    ws = _leave_score(tmp_path, [["公安局", "张三", 2, 2.5], ["教体局", "李四", None, 4]])
    assert ws["公安局"]["categories"]["工作纪律"] == 27  # 4.5 → over 1.5 → 3
    assert ws["教体局"]["categories"]["工作纪律"] == 28  # 0 + 4 → over 1 → 2


def test_several_leave_rows_of_one_person_add_up_in_decimal(tmp_path):
    ws = _leave_score(
        tmp_path,
        [
            ["公安局", "张三", 3.1, 0],
            ["公安局", "张三", 0.4, 0],
            ["教体局", "李四", 3.1, 0],
            ["教体局", "李四", 0, 0.5],
        ],
    )
    assert ws["公安局"]["categories"]["工作纪律"] == 29  # 3.1 + 0.4 = 3.5 exactly → over 0.5 → 1
    assert ws["教体局"]["categories"]["工作纪律"] == 28  # 3.1 + 0.5 = 3.6 → over 0.6 → 2


def test_many_small_leave_rows_add_up_exactly_in_decimal(tmp_path):
    ws = _leave_score(
        tmp_path, [["公安局", "张三", 0.1, 0]] * 35 + [["教体局", "李四", 0, 0.1]] * 40
    )
    # 35 × 0.1 = 3.5 exactly → over 0.5 → 1 (binary floats sum to 3.5000000000000018 → 2)
    assert ws["公安局"]["categories"]["工作纪律"] == 29
    # 40 × 0.1 = 4.0 exactly → over 1 → 2
    assert ws["教体局"]["categories"]["工作纪律"] == 28


def test_leave_rows_under_window_aliases_belong_to_the_same_person(tmp_path):
    ws = _leave_score(
        tmp_path,
        [
            ["人劳局", "李四", 2, 0],
            ["社保中心", "李四", 2, 0],
            ["财政局（核算中心）", "王五", 3.5, 0],
        ],
    )
    assert ws["人劳局(社保中心)"]["categories"]["工作纪律"] == 28  # one person, 4 days → over 1 → 2
    assert ws["财政局(核算中心)"]["categories"]["工作纪律"] == 29  # 3.5 → 1


def test_same_name_in_two_windows_is_two_persons(tmp_path):
    ws = _leave_score(tmp_path, [["公安局", "张三", 2, 0], ["教体局", "张三", 2, 0]])
    # 2 days each (≤ 3) → no deduction; merged by name it would be 4 → 2
    assert ws["公安局"]["categories"]["工作纪律"] == 30
    assert ws["教体局"]["categories"]["工作纪律"] == 30


def test_leave_deductions_are_per_person_within_a_window(tmp_path):
    ws = _leave_score(
        tmp_path,
        [
            ["公安局", "张三", 2, 0],
            ["公安局", "李四", 2, 0],
            ["教体局", "王五", 4, 0],
            ["教体局", "赵六", 3.5, 0],
        ],
    )
    assert ws["公安局"]["categories"]["工作纪律"] == 30  # 2 and 2: neither over 3
    assert ws["教体局"]["categories"]["工作纪律"] == 27  # 4 → 2, 3.5 → 1


def test_leave_deduction_adds_to_other_discipline_deductions_and_floors(tmp_path):
    p = month_file(
        tmp_path,
        [inc("公安局", "2.2a", 2), inc("教体局", "2.8", 1)],
        leave=[["公安局", "张三", 3.5, 0], ["教体局", "李四", 10, 0]],
    )
    ws = by_window(score_json(p))
    assert ws["公安局"]["categories"]["工作纪律"] == 27  # 2.2a 1×2 + 2.1 1 = 3
    assert ws["教体局"]["categories"]["工作纪律"] == 0  # 2.8 20 + 2.1 ceil(7/0.5)=14 → 34 > 30 → 0


# ───────────────────────── ranking / selection ─────────────────────────


def test_competition_ranking_1_2_2_4(tmp_path):
    # 发改委 70; 教体局, 公安局 69 (3.1); 民政局 68 (3.2); the other 24 at 50 (2.8)
    special = {"发改委": [], "教体局": [("3.1", 1)], "公安局": [("3.1", 1)], "民政局": [("3.2", 1)]}
    data = score_json(month_file(tmp_path, fill_rest(special)))
    head = [(w["window"], w["rank"], w["total"], w["status"]) for w in data["windows"][:5]]
    assert head == [
        ("发改委", 1, 70, "入选"),
        ("教体局", 2, 69, "入选"),
        ("公安局", 2, 69, "入选"),
        ("民政局", 4, 68, "入选"),
        ("人劳局(社保中心)", 5, 50, "并列待定"),
    ]
    # the 24 at 50: rank 5, group of 24 → 5 ≤ 5 < 28 → all 并列待定
    assert all(w["rank"] == 5 and w["status"] == "并列待定" for w in data["windows"][4:])
    assert data["selected"] == ["发改委", "教体局", "公安局", "民政局"]
    assert len(data["tied"]) == 24


def test_three_way_tie_at_rank_4_after_three_selected(tmp_path):
    # 燃气公司 70 (1), 工商局 69 (2), 发改委 68 (3); 烟草局, 公安局, 人劳局 67 (3.1 ×3) at rank 4:
    # 4 + 3 − 1 = 6 > 5 ≥ 4 → 并列待定; the 22 others at 50 (2.8), rank 7, blank.
    special = {
        "燃气公司": [],
        "工商局": [("3.1", 1)],
        "发改委": [("3.2", 1)],
        "烟草局": [("3.1", 3)],
        "公安局": [("3.1", 3)],
        "人劳局(社保中心)": [("3.1", 3)],
    }
    rows = fill_rest(special)
    rows.reverse()
    data = score_json(month_file(tmp_path, rows))
    head = [(w["window"], w["rank"], w["total"], w["status"]) for w in data["windows"][:7]]
    assert head == [
        ("燃气公司", 1, 70, "入选"),
        ("工商局", 2, 69, "入选"),
        ("发改委", 3, 68, "入选"),
        ("人劳局(社保中心)", 4, 67, "并列待定"),
        ("公安局", 4, 67, "并列待定"),
        ("烟草局", 4, 67, "并列待定"),
        ("教体局", 7, 50, ""),
    ]
    assert all(w["status"] == "" and w["rank"] == 7 for w in data["windows"][6:])
    assert data["selected"] == ["燃气公司", "工商局", "发改委"]
    assert data["tied"] == ["人劳局(社保中心)", "公安局", "烟草局"]  # roster order within the tie


def test_three_full_marks_then_three_way_tie_at_rank_4(tmp_path):
    # 25 windows with deductions: 3 at 69 (3.1), 22 at 50 (2.8); 燃气公司, 发改委, 工商局 at 70.
    # 70s: rank 1, 1+3−1 = 3 ≤ 5 → 入选; 69s: rank 4, 4+3−1 = 6 > 5 → 并列待定; 50s rank 7 blank.
    special = {
        "燃气公司": [],
        "发改委": [],
        "工商局": [],
        "地税局": [("3.1", 1)],
        "教体局": [("3.1", 1)],
        "司法局": [("3.1", 1)],
    }
    data = score_json(month_file(tmp_path, fill_rest(special)))
    assert data["selected"] == ["发改委", "工商局", "燃气公司"]
    assert data["tied"] == ["教体局", "司法局", "地税局"]
    assert [w["rank"] for w in data["windows"][:7]] == [1, 1, 1, 4, 4, 4, 7]
    assert [w["status"] for w in data["windows"][:7]] == ["入选"] * 3 + ["并列待定"] * 3 + [""]


def test_a_tie_entirely_within_the_top_5_is_all_selected(tmp_path):
    # 发改委, 公安局 70 (rank 1); 教体局, 民政局, 司法局 69 (rank 3, 3+3−1 = 5 ≤ 5) → all 入选;
    # 财政局 68 rank 6 → blank; the rest 50.
    special = {
        "发改委": [],
        "公安局": [],
        "教体局": [("3.1", 1)],
        "民政局": [("3.1", 1)],
        "司法局": [("3.1", 1)],
        "财政局(核算中心)": [("3.2", 1)],
    }
    data = score_json(month_file(tmp_path, fill_rest(special)))
    assert data["selected"] == ["发改委", "公安局", "教体局", "民政局", "司法局"]
    assert data["tied"] == []
    assert [w["status"] for w in data["windows"][:6]] == ["入选"] * 5 + [""]
    assert data["windows"][5]["window"] == "财政局(核算中心)" and data["windows"][5]["rank"] == 6


def test_all_28_with_full_marks_are_all_并列待定(tmp_path):
    data = score_json(month_file(tmp_path, []))
    assert [w["window"] for w in data["windows"]] == ROSTER  # roster order
    assert all(
        w["rank"] == 1
        and w["total"] == 70
        and w["deducted"] == 0
        and w["status"] == "并列待定"
        and w["categories"] == FULL
        for w in data["windows"]
    )
    assert data["selected"] == []
    assert data["tied"] == ROSTER


def test_withdrawn_only_rows_still_leave_all_full_marks_tied(tmp_path):
    data = score_json(month_file(tmp_path, [inc("公安局", "2.8", status="已撤销")]))
    assert data["tied"] == ROSTER and data["selected"] == []


# ───────────────────────── reading the input ─────────────────────────


def test_window_aliases_and_full_width_parentheses_name_the_same_window(tmp_path):
    rows = [
        inc("人劳局", "2.2a"),
        inc("社保中心", "2.2a"),
        inc("人劳局（社保中心）", "2.2a"),
        inc("财政局", "3.1"),
        inc("核算中心", "3.1"),
        inc("  公安局 ", "4.1"),
        inc("财政局(核算中心)", "3.1"),
    ]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["人劳局(社保中心)"]["categories"]["工作纪律"] == 27  # 3 rows × 1
    assert ws["财政局(核算中心)"]["categories"]["行为规范"] == 7  # 3 rows × 1
    assert ws["公安局"]["categories"]["办件规范"] == 10  # trimmed: 4.1 5


def test_window_names_are_nfkc_normalised_and_trimmed(tmp_path):
    rows = [
        inc("\u3000公安局\u3000", "3.1"),
        inc("\t教体局 ", "3.1"),
        inc("人劳局（社保中心） ", "3.1"),
    ]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    # full-width space → space by NFKC, then trimmed
    assert ws["公安局"]["categories"]["行为规范"] == 9
    assert ws["教体局"]["categories"]["行为规范"] == 9
    assert ws["人劳局(社保中心)"]["categories"]["行为规范"] == 9


def test_chinese_headers_ignore_spaces_and_full_width_forms(tmp_path):
    header = [" 日 期 ", "窗\u3000口", "条款", "人次 ", "当事人", "说明", "状　态"]
    rows = [inc("公安局", "3.1", 2), inc("公安局", "3.1", 5, status="撤销")]
    w = by_window(score_json(month_file(tmp_path, rows, header=header)))["公安局"]
    assert w["categories"]["行为规范"] == 8  # 3.1 ×2; the ×5 row withdrawn


def test_rule_ids_are_nfkc_trimmed_lower_cased_and_number_cells_read_as_text(tmp_path):
    rows = [
        inc("公安局", "２．２Ａ"),
        inc("公安局", "2.2A"),
        inc("公安局", " 2.2a "),
        inc("教体局", 1.2),
        inc("民政局", 3.1),
        inc("民政局", "３．４"),
    ]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["公安局"]["categories"]["工作纪律"] == 27  # three 2.2a rows × 1
    assert ws["教体局"]["categories"]["领导重视"] == 10  # number 1.2 → "1.2": 5
    assert ws["民政局"]["categories"]["行为规范"] == 7  # 3.1 number: 1 + 3.4: 2


def test_count_reads_whole_numbers_from_numbers_and_text_digits(tmp_path):
    rows = [
        inc("公安局", "3.1", 2.0),
        inc("教体局", "3.1", "3"),
        inc("民政局", "3.1", "３"),
        inc("司法局", "3.1", None),
    ]
    ws = by_window(score_json(month_file(tmp_path, rows)))
    assert ws["公安局"]["categories"]["行为规范"] == 8  # 2.0 → 2
    assert ws["教体局"]["categories"]["行为规范"] == 7  # "3" → 3
    assert ws["民政局"]["categories"]["行为规范"] == 7  # "３" → 3
    assert ws["司法局"]["categories"]["行为规范"] == 9  # blank count → default 1


def test_count_defaults_to_1_when_the_column_is_absent(tmp_path):
    p = month_file(
        tmp_path,
        [[d(3), "公安局", "2.2a"], [d(4), "公安局", "2.2a"]],
        header=["日期", "窗口", "条款"],
    )
    assert by_window(score_json(p))["公安局"]["categories"]["工作纪律"] == 28  # 2 rows × 1


def test_text_dates_in_all_four_forms_and_date_times_are_accepted(tmp_path):
    rows = [
        inc("公安局", "3.1", day="2020-02-03"),
        inc("公安局", "3.1", day="2020/2/3"),
        inc("公安局", "3.1", day="2020.2.3"),
        inc("公安局", "3.1", day="2020年2月3日"),
        inc("公安局", "3.1", day=dt.datetime(2020, 2, 29, 23, 59)),
    ]
    w = by_window(score_json(month_file(tmp_path, rows)))["公安局"]
    assert w["categories"]["行为规范"] == 5  # five rows × 1


def test_english_header_aliases_ignore_case_spaces_and_full_width(tmp_path):
    header = ["Date", " WINDOW ", "ｒｕｌｅ", "Count", "Person", "NOTE", "Status"]
    rows = [inc("公安局", "2.2a", 2), inc("公安局", "2.8", status="withdrawn")]
    p = month_file(
        tmp_path,
        rows,
        header=header,
        sheet="incidents",
        leave=[["公安局", "张三", 3.5, 0]],
        leave_sheet="leave",
        leave_header=["Window", "NAME", "sick_days", "Personal_Days"],
    )
    w = by_window(score_json(p))["公安局"]
    assert w["categories"]["工作纪律"] == 27  # 2.2a ×2 = 2, 2.8 withdrawn, leave 3.5 → 1


def test_sheet_names_match_ignoring_case_and_surrounding_spaces(tmp_path):
    p = month_file(
        tmp_path,
        [inc("公安局", "3.1")],
        sheet=" Incidents ",
        leave=[["教体局", "张三", 4, 0]],
        leave_sheet=" LEAVE ",
    )
    ws = by_window(score_json(p))
    assert ws["公安局"]["categories"]["行为规范"] == 9
    assert ws["教体局"]["categories"]["工作纪律"] == 28  # 4 → over 1 → 2


def test_header_is_the_first_non_empty_row_and_blank_rows_are_skipped(tmp_path):
    rows = [inc("公安局", "3.1"), [None] * 7, inc("公安局", "3.1")]
    p = month_file(tmp_path, rows, lead_rows=2)
    assert by_window(score_json(p))["公安局"]["categories"]["行为规范"] == 8


def test_a_sheet_with_only_a_header_is_valid(tmp_path):
    p = month_file(tmp_path, [])
    assert run("validate", p).exit_code == 0


def test_unknown_extra_column_is_a_warning_not_an_error(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1") + ["x"]], header=INCIDENT_HEADER + ["审核人"])
    res = run("score", p, "--json")
    assert res.exit_code == 0, out(res)
    assert "审核人" in res.stderr  # warned, not on stdout
    assert by_window(json.loads(res.stdout))["公安局"]["total"] == 69


def test_row_order_permutation_gives_identical_json(tmp_path):
    rows = fill_rest(
        {
            "发改委": [],
            "公安局": [("3.1", 1), ("2.2a", 2)],
            "教体局": [("1.1a", 1), ("1.3", 2)],
            "民政局": [("3.1", 1)],
        },
        rest=("4.1", 1),
    )
    a = month_file(
        tmp_path / "a", rows, leave=[["公安局", "张三", 3.1, 0], ["公安局", "张三", 0.5, 0]]
    )
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    b = month_file(
        tmp_path / "b", shuffled, leave=[["公安局", "张三", 0.5, 0], ["公安局", "张三", 3.1, 0]]
    )
    assert score_json(a) == score_json(b)


# ───────────────────────── month ─────────────────────────


def test_month_is_the_first_yyyy_mm_in_the_file_name(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")], name="上街-2020-02-复核2021-03.xlsx")
    assert score_json(p)["month"] == "2020-02"


def test_month_option_wins_over_file_name_with_a_warning(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1", day=dt.datetime(2020, 3, 5))])
    res = run("score", p, "--month", "2020-03", "--json")
    assert res.exit_code == 0, out(res)
    assert json.loads(res.stdout)["month"] == "2020-03"
    assert res.stderr.strip() and ("2020-03" in res.stderr or "2020-02" in res.stderr)


def test_month_option_equal_to_the_file_name_month_adds_no_warning(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    plain = run("score", p, "--json", "--force")
    same = run("score", p, "--month", "2020-02", "--json", "--force")
    assert same.exit_code == 0
    assert json.loads(same.stdout) == json.loads(plain.stdout)
    assert same.stderr == plain.stderr  # nothing extra to warn about


def test_no_month_in_name_and_no_option_is_a_usage_error_exit_2(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")], name="incidents.xlsx")
    assert run("score", p).exit_code == 2
    assert run("validate", p).exit_code == 2
    assert run("top", p).exit_code == 2
    assert not (tmp_path / "incidents-结果.xlsx").exists()


def test_a_month_option_supplies_the_month_when_the_name_has_none(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")], name="incidents.xlsx")
    res = run("score", p, "--month", "2020-02", "--json")
    assert res.exit_code == 0, out(res)
    assert (tmp_path / "incidents-结果.xlsx").exists()


@pytest.mark.parametrize("bad", ["2020-13", "2020-2", "Feb", "2020-00"])
def test_bad_month_option_is_a_usage_error_exit_2(tmp_path, bad):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    assert run("score", p, "--month", bad).exit_code == 2


def test_unknown_option_is_a_usage_error_exit_2(tmp_path):
    p = month_file(tmp_path, [])
    assert run("score", p, "--no-such-option").exit_code == 2


# ───────────────────────── validation errors name Sheet!Cell ─────────────────────────


def _errors(tmp_path, rows, **kw):
    p = month_file(tmp_path, rows, **kw)
    res = run("validate", p)
    assert res.exit_code == 1, out(res)
    return out(res)


def test_a_bare_number_in_the_date_column_is_an_error_at_that_cell(tmp_path):
    text = _errors(tmp_path, [inc("公安局", "3.1"), [43864, "公安局", "3.1", 1]])
    assert "扣分记录!A3" in text and "扣分记录!A2" not in text


def test_a_date_outside_the_month_is_an_error_at_that_cell(tmp_path):
    text = _errors(
        tmp_path,
        [inc("公安局", "3.1", day=dt.datetime(2020, 3, 1)), inc("公安局", "3.1", day="2020-01-31")],
    )
    assert "扣分记录!A2" in text and "扣分记录!A3" in text


def test_an_unknown_window_is_an_error_suggesting_the_close_roster_name(tmp_path):
    text = _errors(tmp_path, [inc("公安局", "3.1"), inc("公安", "3.1")])
    assert "扣分记录!B3" in text
    assert "公安局" in text


def test_an_unknown_rule_is_an_error_suggesting_the_close_rule_id(tmp_path):
    text = _errors(tmp_path, [inc("公安局", "2.2")])
    assert "扣分记录!C2" in text
    assert "2.2a" in text


@pytest.mark.parametrize("bad", [1.5, 0, -1, "abc", "1.5"])
def test_a_count_that_is_not_a_whole_number_of_at_least_1_is_an_error(tmp_path, bad):
    text = _errors(tmp_path, [inc("公安局", "3.1"), inc("公安局", "3.1", bad)])
    assert "扣分记录!D3" in text


def test_an_unknown_status_is_an_error_at_that_cell(tmp_path):
    text = _errors(tmp_path, [inc("公安局", "3.1", status="待审")])
    assert "扣分记录!G2" in text


def test_a_2_1_row_in_the_incident_sheet_is_an_error(tmp_path):
    text = _errors(tmp_path, [inc("公安局", "3.1"), inc("公安局", "2.1")])
    assert "扣分记录!C3" in text


def test_a_2_1_row_is_an_error_even_when_withdrawn(tmp_path):
    text = _errors(tmp_path, [inc("公安局", "2.1", status="撤销")])
    assert "扣分记录!C2" in text


def test_an_impossible_text_date_is_an_error_at_that_cell(tmp_path):
    text = _errors(tmp_path, [inc("公安局", "3.1"), inc("公安局", "3.1", day="2020-02-30")])
    assert "扣分记录!A3" in text


def test_a_row_missing_a_required_field_is_an_error_at_that_cell(tmp_path):
    text = _errors(
        tmp_path, [[d(3), None, "3.1", 1], [d(3), "公安局", None, 1], [None, "公安局", "3.1", 1]]
    )
    assert "扣分记录!B2" in text and "扣分记录!C3" in text and "扣分记录!A4" in text


def test_a_missing_required_column_is_an_error_naming_the_sheet(tmp_path):
    p = month_file(tmp_path, [[d(3), "公安局", 1]], header=["日期", "窗口", "人次"])
    res = run("validate", p)
    assert res.exit_code == 1
    text = out(res)
    assert "扣分记录" in text and ("条款" in text or "rule" in text.lower())


def test_a_known_column_twice_is_an_error_at_the_header(tmp_path):
    p = month_file(
        tmp_path, [inc("公安局", "3.1") + ["公安局"]], header=INCIDENT_HEADER + ["window"]
    )
    res = run("validate", p)
    assert res.exit_code == 1
    text = out(res)
    # the duplicate is the second 窗口 column, H (the first is B)
    assert "扣分记录!H1" in text


def test_negative_or_non_numeric_leave_days_are_errors_at_that_cell(tmp_path):
    text = _errors(tmp_path, [], leave=[["公安局", "张三", -0.5, 0], ["公安局", "李四", 1, "两天"]])
    assert "请假!C2" in text and "请假!D3" in text


def test_a_leave_window_outside_the_roster_is_an_error_at_that_cell(tmp_path):
    text = _errors(tmp_path, [], leave=[["公安局", "张三", 1, 0], ["外星局", "李四", 1, 0]])
    assert "请假!A3" in text


def test_a_missing_file_exits_1(tmp_path):
    assert run("score", tmp_path / "2020-02.xlsx").exit_code == 1
    assert run("validate", tmp_path / "2020-02.xlsx").exit_code == 1


def test_a_file_that_is_not_a_workbook_exits_1(tmp_path):
    p = tmp_path / "2020-02.xlsx"
    p.write_text("not a workbook", encoding="utf-8")
    assert run("score", p).exit_code == 1
    assert p.read_text(encoding="utf-8") == "not a workbook"
    assert not (tmp_path / "2020-02-结果.xlsx").exists()


def test_a_workbook_without_the_incident_sheet_exits_1(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")], sheet="Sheet1")
    assert run("score", p).exit_code == 1
    assert not (tmp_path / "2020-02-结果.xlsx").exists()


# ───────────────────────── output files ─────────────────────────


def test_default_output_is_stem_结果_beside_the_input_and_input_is_untouched(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    before = p.read_bytes()
    res = run("score", p)
    assert res.exit_code == 0, out(res)
    assert (tmp_path / "2020-02-结果.xlsx").exists()
    assert p.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["2020-02-结果.xlsx", "2020-02.xlsx"]


def test_existing_output_is_refused_with_exit_1_and_left_byte_for_byte(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    assert run("score", p).exit_code == 0
    result = tmp_path / "2020-02-结果.xlsx"
    first = result.read_bytes()
    month_file(tmp_path, [inc("公安局", "2.8")])  # the month changes
    res = run("score", p)
    assert res.exit_code == 1
    assert result.read_bytes() == first


def test_a_refused_score_leaves_no_stray_files(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    (tmp_path / "2020-02-结果.xlsx").write_bytes(b"keep me")
    assert run("score", p, "--json").exit_code == 1
    assert (tmp_path / "2020-02-结果.xlsx").read_bytes() == b"keep me"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["2020-02-结果.xlsx", "2020-02.xlsx"]


def test_validate_ignores_an_existing_result_and_writes_nothing(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    (tmp_path / "2020-02-结果.xlsx").write_bytes(b"keep me")
    assert run("validate", p).exit_code == 0
    assert (tmp_path / "2020-02-结果.xlsx").read_bytes() == b"keep me"


def test_force_overwrites_an_existing_output(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    out_path = tmp_path / "res.xlsx"
    out_path.write_bytes(b"old")
    res = run("score", p, "--output", out_path, "--force", "--json")
    assert res.exit_code == 0, out(res)
    wb = openpyxl.load_workbook(out_path)
    assert "排名" in wb.sheetnames


def test_output_equal_to_the_input_is_refused_with_exit_1(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    before = p.read_bytes()
    assert run("score", p, "--output", p).exit_code == 1
    assert run("score", p, "--output", p, "--force").exit_code == 1
    (tmp_path / "sub").mkdir()
    same = tmp_path / "sub" / ".." / "2020-02.xlsx"  # the same file, spelled differently
    assert run("score", p, "--output", same, "--force").exit_code == 1
    assert p.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["2020-02.xlsx", "sub"]


def _ranking_rows(path: Path) -> list[dict]:
    ws = openpyxl.load_workbook(path)["排名"]
    rows = list(ws.iter_rows(values_only=True))
    hr = next(i for i, r in enumerate(rows) if "窗口" in r)
    header = list(rows[hr])
    wc = header.index("窗口")
    cat_cols = {c: header.index(c) for c in CATS}
    after = max(cat_cols.values())
    got = []
    for r in rows[hr + 1 :]:
        if r[wc] in (None, ""):
            continue
        got.append(
            {
                "window": r[wc],
                "rank": r[wc - 1],
                "categories": {c: r[i] for c, i in cat_cols.items()},
                "total": r[after + 1],
                "deducted": r[after + 2],
                "status": r[after + 3] or "",
            }
        )
    return got


def test_ranking_sheet_read_back_equals_the_json_windows(tmp_path):
    special = {
        "燃气公司": [],
        "工商局": [("3.1", 1)],
        "发改委": [("3.2", 1), ("1.1b", 1)],
        "烟草局": [("3.1", 3)],
        "公安局": [("3.1", 3)],
        "人劳局(社保中心)": [("3.1", 3)],
    }
    p = month_file(tmp_path, fill_rest(special, rest=("2.2a", 2)), leave=[["教体局", "张三", 5, 0]])
    data = score_json(p)
    want = [
        {k: w[k] for k in ("window", "rank", "categories", "total", "deducted", "status")}
        for w in data["windows"]
    ]
    assert _ranking_rows(tmp_path / "2020-02-结果.xlsx") == want


def test_deduction_detail_has_a_row_per_input_row_and_per_person_over_the_leave_limit(tmp_path):
    rows = [inc("公安局", "3.1"), inc("公安局", "2.8", status="撤销"), inc("教体局", "1.3", 3)]
    leave = [["公安局", "张三", 3.5, 0], ["公安局", "李四", 3, 0], ["民政局", "王五", 2, 2]]
    p = month_file(tmp_path, rows, leave=leave)
    score_json(p)
    ws = openpyxl.load_workbook(tmp_path / "2020-02-结果.xlsx")["扣分明细"]
    all_rows = list(ws.iter_rows(values_only=True))
    hr = next(i for i, r in enumerate(all_rows) if "窗口" in r)
    body = [r for r in all_rows[hr + 1 :] if any(v not in (None, "") for v in r)]
    # 3 input rows (incl. the withdrawn one) + 2 persons over 3 days (张三 3.5, 王五 4); 李四 exactly 3
    assert len(body) == 5
    flat = [" ".join(str(v) for v in r if v is not None) for r in body]
    assert sum("2.1" in f for f in flat) == 2
    assert any("张三" in f for f in flat) and any("王五" in f for f in flat)
    assert not any("李四" in f for f in flat)


def test_notes_sheet_records_scheme_input_name_sha256_month_and_max_score(tmp_path):
    p = month_file(tmp_path, [inc("公安局", "3.1")])
    sha = hashlib.sha256(p.read_bytes()).hexdigest()
    data = score_json(p)
    ws = openpyxl.load_workbook(tmp_path / "2020-02-结果.xlsx")["说明"]
    text = "\n".join(
        " ".join(str(v) for v in r if v is not None) for r in ws.iter_rows(values_only=True)
    )
    assert sha in text.lower()
    assert "2020-02.xlsx" in text
    assert "2020-02" in text
    assert data["scheme"] in text
    assert "70" in text
    lines = text.splitlines()
    # a line saying the source defines four categories (70 points)
    assert any(("四" in ln or "four" in ln.lower()) and "70" in ln for ln in lines)
    import qualitywin

    assert qualitywin.__version__ in text  # version
    assert re.search(r"20\d\d-\d\d-\d\d[ T]\d\d:\d\d", text)  # generation time


def test_result_workbook_has_the_three_sheets(tmp_path):
    p = month_file(tmp_path, [])
    score_json(p)
    names = openpyxl.load_workbook(tmp_path / "2020-02-结果.xlsx").sheetnames
    assert {"排名", "扣分明细", "说明"} <= set(names)
