"""The example schemes in rules/examples/ score their sample months as their texts say.

Every figure is worked out by hand from the scheme's text; the arithmetic is in the comments.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.jsonview import result_to_dict
from qualitywin.records import read_month
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month

from rules_helpers import BONUS_CATEGORY, BONUS_RULES, VETO_2_8, rules_file

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "rules" / "examples"
SAMPLES = ROOT / "samples" / "examples"
runner = CliRunner(env={"COLUMNS": "300"})


def score_example(name: str):
    scheme = load_scheme(EXAMPLES / f"{name}.py")
    records = read_month(SAMPLES / f"{name}-2020-02.xlsx", scheme)
    assert not records.errors
    assert [i.code.value for i in records.warnings] == (
        ["ratings-too-few"] if name == "satisfaction" else []
    )  # 燃气公司: 10 ratings
    result = score_month(records, scheme)
    return result, {w.window: w for w in result.windows}


def test_bonus_veto_example():
    result, w = score_example("bonus_veto")
    assert result.max_score == 75  # 70 + 加分 5
    # 公安局: 锦旗 2 × 2 = 4, 媒体表扬 3 → 7, the 加分 category stops at 5 → 75
    assert (w["公安局"].categories["加分"], w["公安局"].total) == (5, 75)
    # 发改委: 表扬信 2 + 1 letters, 5.2 at most 2 a month → 72; 民政局 one letter → 71
    assert (w["发改委"].total, w["民政局"].total) == (72, 71)
    # 教体局: 70 − 2 (2.9) + 2 (锦旗) = 70, but 2.9 is a veto
    assert (w["教体局"].total, w["教体局"].status) == (70, "一票否决")
    # 国土局: 70 − 20 (2.8) = 50, vetoed (and referred); 环保局: 70 − 10 − 5 = 55 < 60
    assert (w["国土局"].total, w["国土局"].status) == (50, "一票否决")
    assert (w["环保局"].total, w["环保局"].status) == (55, "未达最低分")
    assert [r.window for r in result.referrals] == ["国土局"]
    # 商务局: its 2.9 row is withdrawn → no veto; 3.1 → 69
    assert (w["商务局"].total, w["商务局"].veto) == (69, None)
    # Places among the eligible: 公安局 75, 发改委 72, 民政局 71, then 70: 司法局 (0 rows),
    # 财政局, 交通局 (1 row, 2 lost in 工作纪律), 市政局, 卫生局 (1 row, 0 lost) for 2 places.
    # fewer_counted_rows → 司法局; fewer_lost:工作纪律 → 市政局, 卫生局 ahead of 财政局, 交通局
    # for the last place; more_bonus: both 2 → still tied → 并列待定.
    assert [x.window for x in result.selected] == ["公安局", "发改委", "民政局", "司法局"]
    assert [x.window for x in result.tied] == ["市政局", "卫生局"]
    assert w["司法局"].reason == "总分并列,按“计入扣分行数少”入选"
    assert w["财政局(核算中心)"].reason == "总分并列,按“计入扣分行数少”“工作纪律失分少”未入选"
    assert w["市政局"].reason == (
        "总分并列,按“计入扣分行数少”“工作纪律失分少”“加分多”仍无法区分,由考评小组决定"
    )
    # ranks stay by total: the vetoed 教体局 shares rank 4 with the 70s
    assert {w[x].rank for x in ("教体局", "司法局", "卫生局")} == {4}


def test_satisfaction_example():
    result, w = score_example("satisfaction")
    assert result.max_score == 90 and result.winners == 4  # 70 + 群众满意度 20
    sat = {name: s.categories["群众满意度"] for name, s in w.items()}
    # below 98: 1 point per started percentage point
    assert sat["公安局"] == sat["发改委"] == sat["交通局"] == 20  # 100, 98, 98.6
    assert sat["教体局"] == 19  # 97.5: 0.5 → 1
    assert sat["民政局"] == 15  # 95.2: 2.8 → 3, and 2 valid 差评 (5.2)
    assert sat["财政局(核算中心)"] == 18  # "96.5%": 1.5 → 2
    assert sat["司法局"] == 12  # 90: 8
    assert sat["建设局"] == 0  # 70: 28, stops at 0
    # totals: 90 for the three above; 教体局 89; 2.2a × 2 costs the others 2
    assert [(x.window, x.total) for x in result.selected] == [
        ("发改委", 90),
        ("公安局", 90),
        ("交通局", 90),
        ("教体局", 89),
    ]
    assert w["民政局"].total == 83  # 70 − 2 + 15
    # 燃气公司: 10 ratings, fewer than 20, so no rate (a warning); 2.2a × 2 costs 2
    assert w["燃气公司"].categories["群众满意度"] == 20 and w["燃气公司"].total == 88
    assert [i.params["windows"] for i in result.warnings] == ["燃气公司(10)"]
    # 司法局 70 − 5 (2.4) + 12 = 77 and 建设局 70 + 0 = 70: below the minimum of 80
    assert (w["司法局"].total, w["司法局"].status) == (77, "未达最低分")
    assert (w["建设局"].total, w["建设局"].status) == (70, "未达最低分")
    assert result.tied == []


def test_the_sample_months_are_what_the_generator_makes(tmp_path):
    spec = importlib.util.spec_from_file_location("make", SAMPLES / "make_example_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for made in module.make_all(tmp_path):
        committed = openpyxl.load_workbook(SAMPLES / made.name)
        fresh = openpyxl.load_workbook(made)
        assert committed.sheetnames == fresh.sheetnames
        for name in fresh.sheetnames:
            assert list(committed[name].iter_rows(values_only=True)) == list(
                fresh[name].iter_rows(values_only=True)
            ), (made.name, name)


def test_the_default_sample_scores_the_same_under_the_example_rules_without_the_features(tmp_path):
    """The examples keep the Shangjie rules: a month without bonus or veto rows scores the same
    in the four shared categories."""
    rows = SAMPLES / "satisfaction-2020-02.xlsx"
    default = load_scheme()
    example = load_scheme(EXAMPLES / "satisfaction.py")
    plain = score_month(read_month(rows, default), default)
    extended = score_month(read_month(rows, example), example)
    shared = [c.name for c in default.categories]
    assert {s.window: [s.categories[c] for c in shared] for s in plain.windows} == {
        s.window: [s.categories[c] for c in shared] for s in extended.windows
    }


# -- the acceptance: copy the default, add a 加分 category and a veto, without code ----------


def test_copy_the_default_add_a_bonus_and_a_veto_and_score_with_rules(tmp_path):
    rules = rules_file(tmp_path, BONUS_CATEGORY, BONUS_RULES, VETO_2_8, name="my_center.py")
    month = tmp_path / "2020-02.xlsx"
    shutil.copy(SAMPLES / "bonus_veto-2020-02.xlsx", month)  # a month with 5.1-5.3 and 2.8 rows
    # rows of 2.9 do not exist in this scheme: drop them from a copy of the sample
    book = openpyxl.load_workbook(month)
    sheet = book["扣分记录"]
    for row in range(sheet.max_row, 1, -1):
        if sheet.cell(row, 3).value == "2.9":
            sheet.delete_rows(row)
    book.save(month)
    assert runner.invoke(app, ["rules", "check", str(rules)]).exit_code == 0
    result = runner.invoke(app, ["score", str(month), "--rules", str(rules), "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    windows = {w["window"]: w for w in shown["windows"]}
    assert shown["max_score"] == 75
    # 公安局 75 with 5 bonus points (capped); 国土局 vetoed by its 2.8 row
    assert windows["公安局"]["bonus"] == 5 and windows["公安局"]["rank"] == 1
    assert windows["国土局"]["status"] == "一票否决" and windows["国土局"]["veto"]["rule"] == "2.8"
    scheme = load_scheme(rules)
    assert shown == result_to_dict(score_month(read_month(month, scheme), scheme))
    # the workbook: 加分 is a column of 排名, the status and the reason are there
    ranking = list(
        openpyxl.load_workbook(tmp_path / "2020-02-结果.xlsx")["排名"].iter_rows(values_only=True)
    )
    at = next(i for i, r in enumerate(ranking) if "窗口" in r)  # the header, below title and legend
    header = ranking[at]
    assert "加分" in header
    row = next(dict(zip(header, r)) for r in ranking[at + 1 :] if r[1] == "国土局")
    assert row["状态"] == "一票否决" and "一票否决:2.8" in row["备注"]
    about = {
        r[0]: r[1]
        for r in openpyxl.load_workbook(tmp_path / "2020-02-结果.xlsx")["说明"].iter_rows(
            values_only=True
        )
    }
    assert "加分" in about["加分类别"] and "2.8" in about["一票否决条款"]
