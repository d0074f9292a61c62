"""What the console says, counted and listed the way each language does it: `1 warning`,
`2 warnings`, `2 个警告`; lists joined with `、` in zh and `, ` in en; no Chinese unit in English."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.messages import CATALOG, join_list, plural

from qualitywin.scheme import check_rules

from conftest import build_workbook, day
from rules_helpers import rules_file

runner = CliRunner(env={"COLUMNS": "200"})
ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize(
    "count, lang, expected",
    [
        (1, "en", "1 warning"),
        (2, "en", "2 warnings"),
        (0, "en", "0 warnings"),
        (1, "zh", "1 个警告"),
        (2, "zh", "2 个警告"),
    ],
)
def test_a_count_takes_its_noun_in_the_languages_form(count, lang, expected):
    assert plural(count, "warning", lang) == expected


def test_every_noun_has_a_singular_and_a_plural_in_english_and_one_form_in_chinese():
    nouns = [key for key in CATALOG["en"] if key.startswith("noun.")]
    assert nouns
    for key in nouns:
        assert CATALOG["en"][key].count("|") == 1, key
        assert "|" not in CATALOG["zh"][key], key


def test_lists_are_joined_as_each_language_writes_them():
    assert join_list(["公安局", "民政局"], "zh") == "公安局、民政局"
    assert join_list(["公安局", "民政局"], "en") == "公安局, 民政局"


def test_one_month_of_the_year_reads_1_month(tmp_path):
    source = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "2.2a", 1)])
    assert run("--lang", "en", "score", source).exit_code == 0
    result = run("--lang", "en", "annual", tmp_path)
    assert result.exit_code == 0, result.output
    assert "(1 month: 02)" in result.stdout and "1 months" not in result.stdout
    assert "Selected" in result.stdout  # the times-selected header, not 入选


def test_one_row_counted_is_singular(tmp_path):
    source = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "2.2a", 1)])
    result = run("--lang", "en", "score", source)
    assert "1 row counted, 0 rows withdrawn, 1 row in all" in result.stdout


def test_the_lists_inside_a_message_are_joined_in_its_language(tmp_path):
    path = rules_file(tmp_path, ('"referral": True,', '"referal": True,'))
    issue = check_rules(path).errors[0]
    assert "evidence、id、label" in issue.message("zh") and ", " not in issue.message("zh")
    assert "evidence, id, label" in issue.message("en")


def test_units_of_the_bonus_scheme_are_english_in_english():
    result = run("--lang", "en", "rules", "show", ROOT / "rules/examples/bonus_veto.py")
    assert result.exit_code == 0
    assert "per banner" in result.stdout and "per letter" in result.stdout
    assert "per 面" not in result.stdout and "per 封" not in result.stdout


@pytest.mark.parametrize(
    "lang, expected",
    [("zh", "2020-02.xlsx:没有错误(1 行记录)"), ("en", "2020-02.xlsx: no errors (1 record row)")],
)
def test_validate_counts_its_rows_once_in_each_language(tmp_path, lang, expected):
    source = build_workbook(tmp_path / "2020-02.xlsx", [(day(3), "公安局", "2.2a", 1)])
    result = run("--lang", lang, "validate", source)
    assert result.exit_code == 0 and expected in result.stdout.splitlines()
