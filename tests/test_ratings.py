"""好差评 ratings as data: a computed rule measures each window by its ratings — a rate of good
ratings, or the count of valid 差评 — from one row per rating or from the per-window summary."""

from __future__ import annotations

from pathlib import Path

import pytest

import qualitywin
from qualitywin.issues import Code
from qualitywin.ratings import level_of
from qualitywin.records import read_month
from qualitywin.scheme import check_rules, load_scheme
from qualitywin.scoring import score_month

from conftest import build_workbook
from rules_helpers import line_of, rules_file

ROOT = Path(__file__).resolve().parents[1]
LAST_RULE = '     "text": "属联办件的,未执行首问负责制的,每次扣5分"},\n]'
CATEGORY = (
    '    {"name": "办件规范", "points": 15},\n]',
    '    {"name": "办件规范", "points": 15},\n    {"name": "满意度", "points": 20},\n]',
)


def rating_rules(tmp_path, measure="rate", extra="", direction="below", threshold=98):
    rule = (
        f'    {{"id": "5.1", "category": "满意度", "points": 1, "mode": "computed",'
        f' "text": "好差评",\n'
        f'     "computed": {{"sheet": "好差评", "per": "window",\n'
        f'                  "window_column": {{"name": "受理部门", "aliases": ["窗口"]}},\n'
        f'                  "ratings": {{"level_column": "评价等级", "measure": "{measure}",\n'
        f'                              "exclude_column": "差评核实",\n'
        f'                              "exclude_values": ["无效差评"]{extra}}},\n'
        f'                  "direction": "{direction}", "threshold": {threshold},'
        f' "step": 1}}}},\n]'
    )
    return rules_file(tmp_path, CATEGORY, (LAST_RULE, LAST_RULE[:-2] + "\n" + rule))


def month(tmp_path, ratings, header=("受理部门", "事项名称", "评价渠道", "评价等级", "差评核实")):
    return build_workbook(
        tmp_path / "2020-02.xlsx", [], leave=ratings, leave_sheet="好差评", leave_header=header
    )


def scored(tmp_path, rules, ratings, **kwargs):
    scheme = load_scheme(rules)
    records = read_month(month(tmp_path, ratings, **kwargs), scheme)
    assert records.errors == [], [i.where + " " + i.message("en") for i in records.errors]
    result = score_month(records, scheme)
    return result, {w.window: w for w in result.windows}


def ratings_of(window, *levels, review=""):
    return [(window, "证明开具", "大厅评价器", level, review) for level in levels]


@pytest.mark.parametrize(
    "value, level",
    [
        ("非常满意", 5),
        ("满意", 4),
        ("基本满意", 3),
        ("一般", 3),
        ("不满意", 2),
        ("非常不满意", 1),
        (5, 5),
        (1.0, 1),
        ("3", 3),
        (" 满 意 ", 4),
    ],
)
def test_a_level_is_its_name_or_its_stars(value, level):
    assert level_of(value) == level


def test_a_rate_is_good_ratings_over_counted_ones_in_per_cent(tmp_path):
    rules = rating_rules(tmp_path)
    # 公安局: 47 good of 50 = 94 % → 4 below → 4 points; 一般 and 不满意 are not good
    rows = ratings_of(
        "公安局", *["满意"] * 40, *[5] * 7, "一般", "不满意", "非常不满意"
    ) + ratings_of("民政局", *["非常满意"] * 20)
    result, windows = scored(tmp_path, rules, rows)
    assert windows["公安局"].categories["满意度"] == 16
    assert windows["民政局"].categories["满意度"] == 20
    line = next(a for a in result.audit if a.rule_id == "5.1")
    assert line.note == "50 条评价中好评 47 条(另有 0 条不计),满意率 94%,低于 98 共 4,每 1 扣 1 分"


def test_an_excluded_rating_counts_for_nothing_in_the_rate(tmp_path):
    rules = rating_rules(tmp_path)
    rows = (
        ratings_of("公安局", *["满意"] * 49)
        + ratings_of("公安局", "不满意")  # 98 %
        + ratings_of("公安局", "不满意", review="无效差评")
    )  # found invalid: not counted
    windows = scored(tmp_path, rules, rows)[1]
    assert windows["公安局"].categories["满意度"] == 20


def test_the_count_of_valid_bad_ratings_costs_a_point_each(tmp_path):
    rules = rating_rules(tmp_path, "bad_count", direction="above", threshold=0)
    rows = (
        ratings_of("公安局", "满意", "不满意", "非常不满意", "一般")
        + ratings_of("公安局", "非常不满意", review="无效差评")
        + ratings_of("民政局", "非常满意", "不满意")
    )
    result, windows = scored(tmp_path, rules, rows)
    assert windows["公安局"].categories["满意度"] == 18  # rows 3 and 4; row 6 is invalid
    assert windows["民政局"].categories["满意度"] == 19
    police = next(a for a in result.audit if a.window == "公安局")
    assert (police.sheet, police.row, police.count) == ("好差评", "3、4", 2)


def test_a_rate_needs_its_minimum_of_ratings_else_a_warning_and_no_deduction(tmp_path):
    rules = rating_rules(tmp_path, extra=', "min_ratings": 10')
    rows = ratings_of("公安局", "不满意", "满意", "满意") + ratings_of("民政局", *["满意"] * 10)
    scheme = load_scheme(rules)
    records = read_month(month(tmp_path, rows), scheme)
    few = [i for i in records.warnings if i.code == Code.RATINGS_TOO_FEW]
    assert len(few) == 1 and "公安局(3)" in few[0].params["windows"]
    assert "民政局" not in few[0].params["windows"]
    windows = {w.window: w for w in score_month(records, scheme).windows}
    assert windows["公安局"].categories["满意度"] == 20  # 67 %, but only 3 ratings


def test_the_platform_summary_export_reads_as_its_ratings_would(tmp_path):
    rules = rating_rules(tmp_path)
    header = ("受理部门", "非常满意", "满意", "一般", "不满意", "非常不满意", "满意率")
    summary = [("公安局", 30, 17, 1, 1, 1, "94.00%"), ("民政局", 20, 0, 0, 0, 0, "100%")]
    windows = scored(tmp_path, rules, summary, header=header)[1]
    assert windows["公安局"].categories["满意度"] == 16
    per_rating = ratings_of("公安局", *[5] * 30, *[4] * 17, 3, 2, 1) + ratings_of(
        "民政局", *[5] * 20
    )
    (tmp_path / "2020-02.xlsx").unlink()
    assert {w: s.total for w, s in windows.items()} == {
        w: s.total for w, s in scored(tmp_path, rules, per_rating)[1].items()
    }


def test_an_unknown_level_is_an_error_at_its_cell(tmp_path):
    rules = rating_rules(tmp_path)
    scheme = load_scheme(rules)
    records = read_month(month(tmp_path, ratings_of("公安局", "满意", "很好")), scheme)
    assert [(i.code, i.where) for i in records.errors] == [(Code.RATING_LEVEL_UNKNOWN, "好差评!D3")]
    assert "很好" in records.errors[0].message("zh")


def test_a_sheet_without_a_level_column_is_refused_at_its_header(tmp_path):
    rules = rating_rules(tmp_path)
    scheme = load_scheme(rules)
    path = month(tmp_path, [("公安局", "满意")], header=("受理部门", "评价"))
    assert Code.COLUMN_MISSING in [i.code for i in read_month(path, scheme).errors]


def test_rules_check_names_the_line_of_a_bad_ratings_entry(tmp_path):
    rules = rating_rules(tmp_path, "average")
    report = check_rules(rules)
    assert [(i.code, i.row) for i in report.errors] == [
        (Code.RULES_BAD_VALUE, line_of(rules, '"measure": "average"'))
    ]
    assert "rate, bad_count" in report.errors[0].message("en")
    good = rating_rules(tmp_path, extra=', "good": ["满意", "很好"]')
    assert "ratings.good" in check_rules(good).errors[0].message("en")
    both = rating_rules(tmp_path, extra=', "good": ["满意"], "bad": ["满意"]')
    assert "ratings.bad" in check_rules(both).errors[0].message("en")


def test_the_satisfaction_example_scores_from_a_per_rating_export_in_its_own_file(tmp_path):
    """The month as the center has it: the incidents in one file, the platform's export in
    another (好差评-2020-02.xlsx)."""
    import openpyxl

    sample = ROOT / "samples" / "examples" / "satisfaction-2020-02.xlsx"
    rules = ROOT / "rules" / "examples" / "satisfaction.py"
    book = openpyxl.load_workbook(sample)
    assert [c.value for c in book["好差评"][1]] == [
        "序号",
        "受理部门",
        "事项名称",
        "评价渠道",
        "评价等级",
        "评价时间",
        "差评核实",
    ]
    assert book["好差评"].max_row > 2000  # one row per rating
    ratings = openpyxl.Workbook()
    ratings.active.title = "好差评"
    for row in book["好差评"].iter_rows(values_only=True):
        ratings.active.append(row)
    ratings.save(tmp_path / "好差评-2020-02.xlsx")
    del book["好差评"]
    book.save(tmp_path / "2020-02.xlsx")
    apart = qualitywin.score_file(
        [tmp_path / "2020-02.xlsx", tmp_path / "好差评-2020-02.xlsx"], rules=rules
    )
    together = qualitywin.score_file(sample, rules=rules)
    assert [(w.window, w.total, w.status) for w in apart.windows] == [
        (w.window, w.total, w.status) for w in together.windows
    ]
    civil = next(w for w in apart.windows if w.window == "民政局")
    assert civil.categories["群众满意度"] == 20 - 3 - 2  # 95.2 %: 3; two valid 差评: 2
    assert {a.file for a in apart.audit if a.rule_id.startswith("5.")} == {"好差评-2020-02.xlsx"}
