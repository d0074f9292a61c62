"""zh/en: one catalog with the same keys in both; --lang, then QUALITYWIN_LANG, then the locale."""

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from qualitywin import messages
from qualitywin.cli import app

from conftest import day

runner = CliRunner()
ROWS = [(day(3), "公安局", "2.2a", 2, "张伟")]


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def test_both_languages_have_every_key_and_the_same_placeholders():
    assert set(messages.ZH) == set(messages.EN)
    import string

    for key in messages.ZH:
        fields = [
            {f for _, f, _, _ in string.Formatter().parse(m[key]) if f}
            for m in (messages.ZH, messages.EN)
        ]
        assert fields[0] == fields[1], key


def test_the_language_defaults_from_qualitywin_lang_then_the_locale(monkeypatch):
    messages.set_language(None)
    for name in ("QUALITYWIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert messages.current_language() == "zh"
    monkeypatch.setenv("QUALITYWIN_LANG", "en")
    assert messages.current_language() == "en"
    monkeypatch.delenv("QUALITYWIN_LANG")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert messages.current_language() == "en"


@pytest.mark.parametrize(
    "lang, expected, not_expected",
    [("en", "1 row counted", "计入"), ("zh", "计入 1 行", "rows counted")],
)
def test_score_speaks_the_chosen_language(month_file, lang, expected, not_expected):
    result = run("--lang", lang, "score", month_file(ROWS))
    assert result.exit_code == 0
    assert expected in result.stdout and not_expected not in result.stdout


@pytest.mark.parametrize(
    "lang, expected", [("en", "is not on the roster"), ("zh", "不在参评名单中")]
)
def test_validate_messages_in_each_language(month_file, lang, expected):
    result = run("validate", month_file([(day(3), "公安", "2.2a")]), env={"QUALITYWIN_LANG": lang})
    assert result.exit_code == 1
    assert expected in result.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--lang", "en", "score", "--help"], "Score a month"),
        (["--lang", "zh", "score", "--help"], "计分:写出排名结果工作簿"),
        (["--lang", "zh", "--help"], "显示本帮助并退出"),
        (["--lang", "en", "template", "--help"], "Write an empty input workbook"),
    ],
)
def test_help_speaks_the_chosen_language(args, expected):
    result = run(*args)
    assert result.exit_code == 0 and expected in result.stdout


def test_an_unknown_language_is_a_usage_error():
    result = run("--lang", "fr", "rules")
    assert result.exit_code == 2


def test_the_entry_point_reads_lang_before_help_whatever_the_order():
    env = {**os.environ, "QUALITYWIN_LANG": "en", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "qualitywin", "--help", "--lang", "zh"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0 and "显示本帮助并退出" in done.stdout
    env["QUALITYWIN_LANG"] = "zh"
    done = subprocess.run(
        [sys.executable, "-m", "qualitywin", "validate", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "检查一个月的工作簿" in done.stdout


def test_help_does_not_import_pandas():
    code = (
        "import sys; sys.argv=['qualitywin','--help']\n"
        "from qualitywin import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "assert 'pandas' not in sys.modules and 'qualitywin.records' not in sys.modules"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
