"""Help pages and usage errors, written in the chosen language for every command the app has.

The commands come from the app's registry, so a command added later is covered too."""

import re

import pytest
import typer
from typer.testing import CliRunner

from qualitywin.cli import app

from conftest import day

runner = CliRunner(env={"COLUMNS": "100"})
# typer's own type names and tags, Python reprs
REPRS = re.compile(
    r"\{[a-z_]+\}|<(str|int|float|bool|path|text|int range|list\[\w+\])>|"
    r"\[required\]|<=x|x<=|list\[|PosixPath\(|(?-i:Traceback)|\bNone\b",
    re.IGNORECASE,
)
ENGLISH_FRAME = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Missing",
    "Try '",
    "Error:",
    "Invalid value",
    "No such",
)


def command_paths(command=None, path=()):
    """Every command and subcommand: ("score",), ("rules",), ("rules", "check"), …"""
    command = command or typer.main.get_command(app)
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found += command_paths(sub, (*path, name))
    return found


COMMANDS = command_paths()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env, prog_name="qualitywin")


def test_the_registry_is_walked():
    assert {("score",), ("rules",), ("rules", "check"), ("annual",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "qualitywin")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_help_page_renders_without_reprs(path, lang):
    result = run("--lang", lang, *path, "--help")
    assert result.exit_code == 0, result.output
    assert not REPRS.search(result.stdout), REPRS.search(result.stdout)
    if lang == "zh":
        assert result.stdout.startswith("用法:qualitywin")
        assert not [w for w in ENGLISH_FRAME if w in result.stdout]
    else:
        assert result.stdout.startswith("Usage: qualitywin")


def test_the_score_page_names_its_values():
    page = run("--lang", "zh", "score", "--help").stdout
    assert "用法:qualitywin score [选项] FILE" in page
    assert "--month YYYY-MM" in page and "--pick WINDOW" in page and "(可重复给出)" in page
    assert "参数:" in page and "选项:" in page and "(必填)" in page
    year = run("--lang", "en", "annual", "--help").stdout
    assert "RESULTS..." in year and "--year YYYY" in year and "(range 1900–9999)" in year


@pytest.mark.parametrize(
    "args, zh, en",
    [
        (["score"], "缺少参数 FILE", "missing argument FILE"),
        (
            ["score", "x.xlsx", "--forse"],
            "没有选项 --forse(是不是:--force?)",
            "no such option: --forse (did you mean: --force?)",
        ),
        (
            ["top", "x.xlsx", "-n", "0"],
            "-n 应为不小于 1 的整数",
            "-n must be a whole number of at least 1",
        ),
        (
            ["annual", "x", "--year", "20"],
            "--year 应为 1900 到 9999 之间的整数",
            "--year must be a whole number from 1900 to 9999",
        ),
        (
            ["score", "x.xlsx", "--month"],
            "选项 --month 后面要给一个值",
            "option --month needs a value",
        ),
        (["scor"], "没有命令 scor(可用的命令:validate、score", "no such command: scor"),
        (["template", "2020-03", "extra"], "多余的参数:extra", "unexpected extra arguments: extra"),
        (["rules", "check"], "缺少参数 FILE", "missing argument FILE"),
    ],
)
def test_usage_errors_speak_the_chosen_language_and_exit_2(args, zh, en):
    for lang, expected in (("zh", zh), ("en", en)):
        result = run("--lang", lang, *args)
        assert result.exit_code == 2, result.output
        assert expected in result.stderr, result.stderr
        if lang == "zh":
            assert result.stderr.startswith("错误: ")
            assert "用法:qualitywin" in result.stderr and "查看帮助" in result.stderr
            assert not [w for w in ENGLISH_FRAME if w in result.stderr]


def test_lang_may_follow_the_subcommand(month_file):
    path = month_file([(day(3), "公安局", "2.2a", 1)])
    result = run("validate", path, "--lang", "en")
    assert result.exit_code == 0 and "no errors" in result.stdout
    assert "没有错误" in run("validate", path, "--lang=zh").stdout


def test_an_unknown_lang_after_the_subcommand_is_a_usage_error():
    result = run("rules", "--lang", "fr")
    assert result.exit_code == 2 and "fr" in result.stderr


def test_an_unknown_qualitywin_lang_is_told():
    result = run("rules", "check", "rules/shangjie_2020.py", env={"QUALITYWIN_LANG": "fr"})
    assert "QUALITYWIN_LANG=fr" in result.stderr and "zh, en" in result.stderr
