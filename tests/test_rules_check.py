"""`qualitywin rules check FILE`: every problem of a rules file, each on its own line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.issues import Code
from qualitywin.scheme import check_rules, default_rules_path
from pathlib import Path

from rules_helpers import BONUS_CATEGORY, BONUS_RULES, line_of, rules_file, scheme_key

runner = CliRunner(env={"COLUMNS": "300"})
EXAMPLES = Path(__file__).resolve().parents[1] / "rules" / "examples"


def problems(path) -> list[tuple[Code, int | None]]:
    report = check_rules(path)
    return [(i.code, i.row) for i in report.errors + report.warnings]


def test_the_default_scheme_checks_clean_without_warnings():
    report = check_rules(default_rules_path())
    assert report.errors == [] and report.warnings == []


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_the_example_schemes_check_clean(example):
    report = check_rules(EXAMPLES / example)
    assert report.errors == [] and report.warnings == []


def test_a_misspelled_key_in_a_rule_is_reported_on_the_keys_own_line(tmp_path):
    path = rules_file(tmp_path, ('"referral": True,', '"referal": True,'))
    assert problems(path) == [(Code.RULES_UNKNOWN_KEY, line_of(path, '"referal"'))]
    message = check_rules(path).errors[0].message("en")
    assert "referal" in message and "did you mean: referral?" in message


def test_a_misspelled_scheme_key_and_table_name(tmp_path):
    path = rules_file(
        tmp_path, ('    "winners": 5,', '    "winner": 5,'), ("ALIASES = {", "ALIAS = {")
    )
    assert problems(path) == [
        (Code.RULES_UNKNOWN_KEY, line_of(path, '"winner"')),
        (Code.RULES_UNKNOWN_KEY, line_of(path, "ALIAS = {")),
    ]


def test_an_unknown_tie_break_criterion_is_reported_on_its_line(tmp_path):
    path = rules_file(
        tmp_path,
        scheme_key(
            "tie_break",
            '[\n        "fewer_counted_rows",\n        "fewest_rows",\n        "fewer_lost:工作记律",\n    ]',
        ),
    )
    assert problems(path) == [
        (Code.RULES_UNKNOWN_CRITERION, line_of(path, '"fewest_rows"')),
        (Code.RULES_UNKNOWN_CRITERION, line_of(path, "工作记律")),
    ]
    assert "fewer_lost:工作纪律" in check_rules(path).errors[1].message("en")


def test_a_replaces_naming_an_undefined_rule(tmp_path):
    path = rules_file(tmp_path, ('"replaces": "1.1a"', '"replaces": "1.1c"'))
    assert problems(path) == [(Code.RULES_UNKNOWN_RULE, line_of(path, '"1.1c"'))]


def test_a_veto_on_a_bonus_rule_and_evidence_on_a_computed_rule(tmp_path):
    path = rules_file(
        tmp_path,
        BONUS_CATEGORY,
        BONUS_RULES,
        (
            '"category": "加分", "points": 3, "mode": "once",',
            '"category": "加分", "points": 3, "mode": "once", "veto": True,',
        ),
        (
            '"category": "工作纪律", "points": 1, "mode": "computed",',
            '"category": "工作纪律", "points": 1, "mode": "computed", "evidence": True,',
        ),
    )
    assert problems(path) == [
        (Code.RULES_BAD_VALUE, line_of(path, '"evidence": True,')),
        (Code.RULES_BAD_VALUE, line_of(path, '"veto": True')),
    ]


def test_flags_must_be_true_or_false(tmp_path):
    path = rules_file(tmp_path, ('"referral": True,', '"referral": "yes",'))
    assert problems(path) == [(Code.RULES_BAD_VALUE, line_of(path, '"yes"'))]


@pytest.mark.parametrize("value", ["80", "-1", '"sixty"'])
def test_min_total_must_be_a_number_within_the_maximum(tmp_path, value):
    path = rules_file(tmp_path, scheme_key("min_total", value))
    assert problems(path) == [(Code.RULES_BAD_VALUE, line_of(path, '"min_total"'))]


def test_winners_below_one(tmp_path):
    path = rules_file(tmp_path, ('    "winners": 5,', '    "winners": 0,'))
    assert problems(path) == [(Code.RULES_BAD_VALUE, line_of(path, '"winners"'))]


def test_a_computed_rule_missing_its_step_and_with_a_bad_direction(tmp_path):
    path = rules_file(
        tmp_path,
        (
            '"direction": "above", "threshold": 3, "step": 0.5,',
            '"direction": "over", "threshold": 3,',
        ),
    )
    found = problems(path)
    assert (Code.RULES_MISSING_KEY, line_of(path, '"computed": {')) in found  # no step
    assert len(found) == 1


def test_a_computed_rule_with_bad_pieces(tmp_path):
    path = rules_file(
        tmp_path,
        (
            '"direction": "above", "threshold": 3, "step": 0.5,',
            '"direction": "over", "threshold": "3", "step": 0.5, "aggregate": "avg",',
        ),
    )
    assert problems(path) == [(Code.RULES_BAD_VALUE, line_of(path, '"over"'))] * 3


def test_an_unknown_category_kind_and_a_category_twice(tmp_path):
    path = rules_file(
        tmp_path,
        (
            '{"name": "行为规范", "points": 10}',
            '{"name": "行为规范", "points": 10, "kind": "plus"},\n    {"name": "领导重视", "points": 1}',
        ),
    )
    assert problems(path) == [
        (Code.RULES_BAD_VALUE, line_of(path, '"plus"')),
        (Code.RULES_BAD_VALUE, line_of(path, '{"name": "领导重视", "points": 1}')),
    ]


def test_a_rule_worth_more_than_its_category_is_a_warning(tmp_path):
    path = rules_file(
        tmp_path,
        (
            '"category": "行为规范", "points": 2, "mode": "per_count", "unit": "人次",\n     "text": "窗口工作人员服务态度',
            '"category": "行为规范", "points": 12, "mode": "per_count", "unit": "人次",\n     "text": "窗口工作人员服务态度',
        ),
    )
    report = check_rules(path)
    assert report.errors == [] and report.scheme is not None
    assert [(i.code, i.row) for i in report.warnings] == [
        (Code.RULES_NO_FLOOR, line_of(path, '"id": "3.2"'))
    ]
    assert "3.2" in report.warnings[0].message("en")


def test_a_category_without_rules_is_a_warning(tmp_path):
    path = rules_file(tmp_path, BONUS_CATEGORY)
    report = check_rules(path)
    assert [(i.code, i.row) for i in report.warnings] == [
        (Code.RULES_CATEGORY_UNUSED, line_of(path, '"kind": "bonus"'))
    ]


# -- the command ---------------------------------------------------------------------------------------


def test_rules_check_exits_1_listing_every_error_with_its_line(tmp_path):
    path = rules_file(
        tmp_path,
        ('"referral": True,', '"referal": True,'),
        ('"mode": "once",', '"mode": "monthly",'),
    )
    result = runner.invoke(app, ["--lang", "en", "rules", "check", str(path)])
    assert result.exit_code == 1
    assert f"rules.py:{line_of(path, 'referal')}" in result.stdout
    assert f"rules.py:{line_of(path, 'monthly')}" in result.stdout
    assert "2 errors" in result.stdout


def test_rules_check_exits_0_with_warnings_shown_apart(tmp_path):
    path = rules_file(tmp_path, BONUS_CATEGORY)
    result = runner.invoke(app, ["--lang", "en", "rules", "check", str(path)])
    assert result.exit_code == 0
    assert "Warnings" in result.stdout and "Errors" not in result.stdout
    assert (
        "rules file is valid" in result.stdout
        and "1 warning" in result.stdout
        and "1 warnings" not in result.stdout
    )


def test_rules_show_prints_the_features(tmp_path):
    result = runner.invoke(app, ["--lang", "en", "rules", "show", str(EXAMPLES / "bonus_veto.py")])
    assert result.exit_code == 0
    for expected in (
        "maximum 75",
        "一票否决",
        "+2",
        "Minimum total to be selected: 60",
        "Tie-break order: fewer counted rows, fewer points lost in 工作纪律, more bonus points",
    ):
        assert expected in result.stdout, expected


# -- what a newcomer reads: the user's words, never the rules file's internal keys --------------------

INTERNAL_KEYS = (
    "fewer_counted_rows",
    "fewer_lost",
    "more_bonus",
    "min_total",
    "tie_break",
    "bonus",
    "veto",
    "cap",
    "evidence",
)


@pytest.mark.parametrize("command", [["rules", "--rules"], ["rules", "show"], ["rules", "check"]])
def test_rules_speaks_zh_without_internal_keys(command):
    path = str(EXAMPLES / "bonus_veto.py")
    result = runner.invoke(app, ["--lang", "zh", *command, path])
    assert result.exit_code == 0, result.output
    for key in INTERNAL_KEYS:
        assert key not in result.stdout.replace(path, "FILE"), key


def test_rules_check_names_the_features_in_each_language():
    check = ["rules", "check", str(EXAMPLES / "bonus_veto.py")]
    zh = runner.invoke(app, ["--lang", "zh", *check]).stdout
    en = runner.invoke(app, ["--lang", "en", *check]).stdout
    assert "选用功能:加分类别、一票否决、入选最低分、并列处理、条款封顶、需要依据的条款" in zh
    assert "Features used: bonus categories, veto (一票否决), minimum total" in en


@pytest.mark.parametrize(
    "edit, zh, en",
    [
        (scheme_key("min_total", '"sixty"'), "应为:一个数", "expected: a number"),
        (scheme_key("min_total", "80"), "应为:0 到 70 之间的数", "expected: a number from 0 to 70"),
        (
            ('"referral": True,', '"referral": "yes",'),
            "应为:True 或 False",
            "expected: True or False",
        ),
        (None, "应为:一个列表 […]", "expected: a list […]"),
        (
            ('"direction": "above",', '"direction": "over",'),
            "应为:above、below 之一",
            "expected: one of above, below",
        ),
        (
            ('    "winners": 5,', '    "winners": 0,'),
            "应为:不小于 1 的整数",
            "expected: a whole number of at least 1",
        ),
    ],
)
def test_what_a_bad_value_should_be_is_said_in_the_users_language(tmp_path, edit, zh, en):
    path = rules_file(tmp_path, *([edit] if edit else []))
    if edit is None:  # a table of the wrong kind: a text where the list of windows belongs
        path.write_text(path.read_text(encoding="utf-8") + 'ROSTER = "发改委"\n', encoding="utf-8")
    issue = check_rules(path).errors[0]
    assert zh in issue.message("zh") and en in issue.message("en")
    assert not any(word in issue.message("zh") for word in ("a number", "dict", "list", " | "))


# -- a misspelled required key: one line naming it, no follow-on errors --------------------------


@pytest.mark.parametrize(
    "old, new",
    [
        ('{"name": "工作纪律", "points": 30}', '{"name": "工作纪律", "pionts": 30}'),
        (
            '"points": 20, "mode": "per_count", "unit": "人次",',
            '"pionts": 20, "mode": "per_count", "unit": "人次",',
        ),
    ],
)
def test_a_misspelled_required_key_is_one_problem_with_did_you_mean(tmp_path, old, new):
    path = rules_file(tmp_path, (old, new))
    assert problems(path) == [(Code.RULES_UNKNOWN_KEY, line_of(path, '"pionts"'))]
    issue = check_rules(path).errors[0]
    assert "pionts" in issue.message("en") and "did you mean: points?" in issue.message("en")
    assert "是不是:points?" in issue.message("zh")


def test_a_misspelled_category_points_leaves_min_total_alone(tmp_path):
    path = rules_file(
        tmp_path,
        ('{"name": "工作纪律", "points": 30}', '{"name": "工作纪律", "pionts": 30}'),
        scheme_key("min_total", "60"),
    )
    assert problems(path) == [(Code.RULES_UNKNOWN_KEY, line_of(path, '"pionts"'))]


def test_a_missing_required_key_is_named_as_missing(tmp_path):
    path = rules_file(tmp_path, ('{"name": "工作纪律", "points": 30}', '{"name": "工作纪律"}'))
    assert problems(path) == [(Code.RULES_MISSING_KEY, line_of(path, '{"name": "工作纪律"}'))]
    issue = check_rules(path).errors[0]
    assert issue.message("zh") == "CATEGORIES 的这一项缺少键 points"
    assert issue.message("en") == "this entry of CATEGORIES has no key points"
