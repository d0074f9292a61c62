"""The commands as a user runs them: exit codes, stdout/stderr, files written or not."""

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.jsonview import result_to_dict
from qualitywin.records import read_month
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month

from conftest import day

runner = CliRunner()
ROWS = [
    (day(3), "公安局", "2.2a", 2, "张伟", "迟到"),
    (day(5), "民政局", "2.8", 1, "王五", "收受礼品"),
    (day(6), "民政局", "3.2", 1, "", "", "撤销"),
]


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def registered_commands() -> list[list[str]]:
    """Every command the app registers, groups and their subcommands included."""
    import typer.main

    def walk(command, path):
        found = [path]
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            found.extend(walk(sub, [*path, name]))
        return found

    return walk(typer.main.get_command(app), [])


def test_the_help_test_sees_every_command():
    assert {" ".join(c) for c in registered_commands()} >= {
        "",
        "annual",
        "rules",
        "rules check",
        "rules show",
        "score",
        "template",
        "top",
        "validate",
    }


@pytest.mark.parametrize(
    "command", registered_commands(), ids=lambda c: " ".join(c) or "qualitywin"
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_command_has_help(command, lang):
    result = run("--lang", lang, *command, "--help")
    assert result.exit_code == 0, command
    assert {"zh": "用法", "en": "Usage"}[lang] in result.stdout
    assert "help." not in result.stdout and "opt." not in result.stdout  # no raw catalog keys


def test_validate_a_clean_month_exits_0(month_file):
    result = run("--lang", "en", "validate", month_file(ROWS))
    assert result.exit_code == 0
    assert "no errors (3 record rows)" in result.stdout


def test_validate_lists_every_error_with_its_cell_and_exits_1(month_file):
    result = run("--lang", "en", "validate", month_file([(43864, "公安", "2.2")]))
    assert result.exit_code == 1
    for cell in ("扣分记录!A2", "扣分记录!B2", "扣分记录!C2"):
        assert cell in result.stdout
    assert "Traceback" not in result.output


def test_score_writes_the_result_beside_the_input_and_prints_the_ranking(month_file):
    path = month_file(ROWS)
    result = run("--lang", "en", "score", path)
    assert result.exit_code == 0, result.output
    output = path.with_name("2020-02-结果.xlsx")
    assert output.is_file()
    assert "民政局" in result.stdout and "Referral (移交): 民政局 王五" in result.stdout
    assert "2 rows counted, 1 row withdrawn, 3 rows in all" in result.stdout


def test_score_json_is_the_library_result_and_alone_on_stdout(month_file):
    path = month_file(ROWS)
    result = run("score", path, "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    scheme = load_scheme()
    assert shown == result_to_dict(score_month(read_month(path, scheme), scheme))
    assert shown["max_score"] == 70 and len(shown["windows"]) == 28
    police = next(w for w in shown["windows"] if w["window"] == "公安局")
    assert police == {
        "window": "公安局",
        "rank": police["rank"],
        "total": 68,
        "deducted": 2,
        "categories": {"领导重视": 15, "工作纪律": 28, "行为规范": 10, "办件规范": 15},
        "status": "",
    }


def test_the_workbooks_ranking_agrees_with_the_json(month_file):
    path = month_file(ROWS)
    shown = json.loads(run("score", path, "--json").stdout)
    sheet = openpyxl.load_workbook(path.with_name("2020-02-结果.xlsx"), read_only=True)["排名"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if "窗口" in r)
    header = rows[header_at]
    read_back = []
    for row in rows[header_at + 1 :]:
        cells = dict(zip(header, row))
        read_back.append(
            {
                "window": cells["窗口"],
                "rank": cells["名次"],
                "total": cells["总分"],
                "deducted": cells["扣分"],
                "status": cells["状态"] or "",
                "categories": {
                    c: cells[c] for c in ("领导重视", "工作纪律", "行为规范", "办件规范")
                },
            }
        )
    assert read_back == [{k: w[k] for k in read_back[0]} for w in shown["windows"]]


def test_the_audit_has_a_line_per_input_row_and_per_person_over_the_leave_limit(month_file):
    path = month_file(ROWS, leave=[("公安局", "李娜", 3, 1)])
    assert run("score", path).exit_code == 0
    sheet = openpyxl.load_workbook(path.with_name("2020-02-结果.xlsx"))["扣分明细"]
    lines = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(l[0], l[1], l[4], l[11], l[12]) for l in lines] == [
        ("扣分记录", 2, "2.2a", 2, "计入"),
        ("扣分记录", 3, "2.8", 20, "计入"),
        ("扣分记录", 4, "3.2", 0, "已撤销"),
        ("请假", 2, "2.1", 2, "计入"),
    ]  # a number, as above


def test_the_about_sheet_names_the_input_and_its_digest(month_file):
    path = month_file(ROWS)
    run("score", path)
    sheet = openpyxl.load_workbook(path.with_name("2020-02-结果.xlsx"))["说明"]
    about = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    import hashlib

    assert about["输入文件 SHA-256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (
        about["输入文件"] == "2020-02.xlsx" and about["月份"] == "2020-02" and about["满分"] == 70
    )
    assert "四个类别" in about["说明"] and "70" in about["说明"]


def test_a_second_score_without_force_refuses_and_leaves_the_first_result(month_file):
    path = month_file(ROWS)
    assert run("score", path).exit_code == 0
    output = path.with_name("2020-02-结果.xlsx")
    before = output.read_bytes()
    result = run("--lang", "en", "score", path)
    assert result.exit_code == 1
    assert "exists" in result.stderr and "--force" in result.stderr
    assert output.read_bytes() == before
    assert run("score", path, "--force").exit_code == 0


def test_score_with_errors_writes_nothing_and_exits_1(month_file):
    path = month_file([(day(3), "公安", "2.2a")])
    result = run("score", path)
    assert result.exit_code == 1
    assert "扣分记录!B2" in result.stderr
    assert sorted(p.name for p in path.parent.iterdir()) == ["2020-02.xlsx"]


def test_the_output_may_not_be_the_input(month_file):
    path = month_file(ROWS)
    before = path.read_bytes()
    result = run("score", path, "--output", path, "--force")
    assert result.exit_code == 1 and path.read_bytes() == before


def test_a_month_that_cannot_be_told_is_a_usage_error(tmp_path, month_file):
    assert run("score", month_file(ROWS, name="records.xlsx")).exit_code == 2
    assert run("validate", month_file(ROWS), "--month", "2020-13").exit_code == 2
    assert run("validate", month_file(ROWS), "--bogus").exit_code == 2


def test_a_missing_file_is_exit_1_without_traceback(tmp_path):
    result = run("--lang", "en", "score", tmp_path / "2020-02.xlsx")
    assert result.exit_code == 1
    assert "not found" in result.stderr and "Traceback" not in result.output


def test_top_prints_the_selected_then_the_tied_and_writes_nothing(month_file):
    path = month_file([(day(3), w, "2.2a") for w in load_scheme().roster[3:]])
    result = run("--lang", "en", "top", path)
    assert result.exit_code == 0
    lines = result.stdout
    assert lines.index("发改委") < lines.index("教体局") < lines.index("公安局")
    assert "The evaluation group decides" in lines
    assert sorted(p.name for p in path.parent.iterdir()) == ["2020-02.xlsx"]


def test_top_n_changes_the_number_of_places(month_file):
    roster = load_scheme().roster
    path = month_file([(day(3), w, "2.2a", i + 1) for i, w in enumerate(roster)])
    result = run("top", path, "-n", "2")
    assert result.exit_code == 0
    assert (
        roster[0] in result.stdout and roster[1] in result.stdout and roster[2] not in result.stdout
    )


def test_rules_prints_the_scheme():
    result = run("rules")
    assert result.exit_code == 0
    for expected in ("1.1b", "首席代表", "燃气公司", "70"):
        assert expected in result.stdout


def test_the_installed_console_script_runs(month_file):
    script = Path(sys.executable).with_name("qualitywin")
    assert script.exists(), "install the project (pip install .) so the console script exists"
    path = month_file(ROWS)
    done = subprocess.run(
        [str(script), "score", str(path), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "QUALITYWIN_LANG": "en"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["month"] == "2020-02"
    assert "result written to" in done.stderr


def test_version_prints_and_exits_0():
    from qualitywin import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"qualitywin {__version__}"


def test_rules_shows_labels_and_with_full_the_sources_wording():
    short = run("--lang", "zh", "rules").stdout
    full = run("--lang", "zh", "rules", "--full").stdout
    assert "首席代表未按要求到窗口办公" in short and "首席代表制暂行办法" not in short
    assert "首席代表制暂行办法" in full.replace("\n", "").replace(" ", "")


def test_validate_shows_the_first_200_problems_of_a_kind_and_counts_the_rest(month_file):
    path = month_file([(day(3), "公安", "2.2a")] * 205)
    shown = run("--lang", "en", "validate", path)
    assert shown.exit_code == 1
    assert "扣分记录!B201" in shown.stdout and "扣分记录!B202" not in shown.stdout
    assert "and 5 more not shown" in shown.stdout and "205 errors" in shown.stdout
    everything = run("--lang", "en", "validate", path, "--all")
    assert "扣分记录!B206" in everything.stdout and "more not shown" not in everything.stdout


def test_score_json_adds_the_referrals_and_the_row_counts_the_console_shows(month_file):
    path = month_file(
        [(day(3), "公安局", "2.8", 1, "王五"), (day(4), "民政局", "2.2a", 1, "", "", "撤销")]
    )
    result = runner.invoke(app, ["score", str(path), "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    [referral] = shown["referrals"]
    assert (
        referral["window"],
        referral["person"],
        referral["rule"],
        referral["sheet"],
        referral["row"],
    ) == ("公安局", "王五", "2.8", "扣分记录", 2)
    assert (shown["rows_counted"], shown["rows_withdrawn"]) == (1, 1)
