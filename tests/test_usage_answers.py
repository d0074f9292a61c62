"""The answers to a mistake keep their meaning under --debug and for unreadable files:
a usage error is exit 2 with its message (the traceback only added), an unreadable input is
exit 1 with our own message."""

import builtins
import os
from pathlib import Path

from typer.testing import CliRunner

from qualitywin.cli import app

from conftest import day

runner = CliRunner(env={"COLUMNS": "300"})


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_debug_on_a_usage_error_shows_the_message_and_exits_2(month_file):
    path = month_file([(day(3), "公安局", "2.2a", 1)])
    result = run("--debug", "--lang", "en", "score", path, "--month", "2020-13")
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert "UsageProblem: month 2020-13 is not valid" in result.stderr
    assert "UsageProblem: usage.month_invalid" not in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("Error: month 2020-13")


def test_debug_on_a_bad_input_shows_the_traceback_and_exits_1(tmp_path):
    result = run("--debug", "--lang", "en", "validate", tmp_path / "nosuch-2020-02.xlsx")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "file not found" in result.stderr


def test_an_unreadable_input_is_our_message_with_exit_1(month_file, monkeypatch):
    path = month_file([(day(3), "公安局", "2.2a", 1)])
    real_access, real_open = os.access, builtins.open

    def no_read(target, *args, **kwargs):  # root reads anything: the file system is made to say no
        if Path(target) == path:
            raise PermissionError(13, os.strerror(13), str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if Path(p) == path else real_access(p, mode, **kw)
    )
    monkeypatch.setattr(builtins, "open", no_read)
    for lang, expected in (("en", "permission denied"), ("zh", "没有访问权限")):
        result = run("--lang", lang, "validate", path)
        assert result.exit_code == 1, result.output
        assert expected in result.stderr and "is not readable" not in result.stderr
