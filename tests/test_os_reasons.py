"""An OS error or a syntax error of the rules file is told in the user's language: the reason is
data (an errno name, a kind of syntax error) that the catalog puts in words; only a path or a
Python detail we have no words for is passed through."""

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.issues import Code, Issue
from qualitywin.scheme import check_rules

from conftest import day

runner = CliRunner(env={"COLUMNS": "300"})
ASCII_WORDS = ("No such", "Errno", "denied", "folder", "never closed", "unmatched", "syntax")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_a_missing_rules_file_is_told_in_chinese(tmp_path):
    result = run("--lang", "zh", "rules", "check", tmp_path / "nosuch.py")
    assert result.exit_code == 1
    assert "无法读取规则文件" in result.stderr and "没有这个文件或文件夹" in result.stderr
    assert not any(word in result.stderr for word in ASCII_WORDS)


def test_a_rules_file_not_in_utf8_names_the_byte(tmp_path):
    path = tmp_path / "gbk.py"
    path.write_bytes('SCHEME = {"name": "办法"}\n'.encode("gbk"))
    result = run("--lang", "zh", "rules", "check", path)
    assert result.exit_code == 1 and "不是 UTF-8 编码的文本(第 20 字节)" in result.stderr


@pytest.mark.parametrize(
    "source, zh, en",
    [
        ('X = {"a": 1\n', "这一行的 { 没有配对的右括号", "the { on this line is never closed"),
        (
            "X = [1, 2))\n",
            "右括号 ) 与左括号 [ 不配对",
            "the closing ) does not match the opening [",
        ),
        ("X = 1)\n", "多出一个 )", "an extra )"),
        ('X = "abc\n', "字符串缺少结尾的引号", "a string has no closing quote"),
        ("X = [1 2]\n", "可能少了一个逗号", "perhaps a comma is missing"),
        ("X = 1 +\n", "语法不正确(检查这一行", "invalid syntax (check this line"),
        ("  X = 1\n", "缩进不正确", "wrong indentation"),
    ],
)
def test_a_syntax_error_is_told_in_words(tmp_path, source, zh, en):
    path = tmp_path / "bad.py"
    path.write_text(source, encoding="utf-8")
    issue = check_rules(path).errors[0]
    assert issue.code is Code.RULES_SYNTAX and issue.row == 1
    assert zh in issue.message("zh") and en in issue.message("en")
    assert not any(word in issue.message("zh") for word in ASCII_WORDS)


def test_an_output_that_is_a_folder_is_told_in_chinese(month_file, tmp_path):
    source = month_file([(day(3), "公安局", "2.2a", 1)])
    (tmp_path / "outdir.xlsx").mkdir()
    result = run("--lang", "zh", "score", source, "-o", tmp_path / "outdir.xlsx")
    assert result.exit_code == 1
    assert "无法写入" in result.stderr and "这是一个文件夹" in result.stderr
    assert "a folder" not in result.stderr


@pytest.mark.parametrize(
    "reason, zh, en",
    [
        ("folder-not-writable", "所在文件夹不允许写入", "its folder is not writable"),
        ("ENOSPC", "磁盘空间已满", "the disk is full"),
        (os.strerror(errno.EACCES), "没有访问权限", "permission denied"),  # as filecheck passes it
        ("ENOTSUP", "系统错误 ENOTSUP", "system error ENOTSUP"),
    ],
)
def test_os_reasons_in_words(reason, zh, en):
    issue = Issue(Code.OUTPUT_NOT_WRITABLE, params={"path": "ro/out.xlsx", "reason": reason})
    assert issue.message("zh") == f"无法写入 ro/out.xlsx:{zh}"
    assert issue.message("en") == f"cannot write ro/out.xlsx: {en}"


def test_a_read_only_folder_is_told_in_chinese(month_file, tmp_path, monkeypatch):
    source = month_file([(day(3), "公安局", "2.2a", 1)])
    folder = tmp_path / "ro"
    folder.mkdir()
    real_access = os.access  # root writes anywhere, so the permission check is made to say no
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, **kw: False if Path(p) == folder else real_access(p, mode, **kw),
    )
    result = run("--lang", "zh", "score", source, "-o", folder / "out.xlsx")
    assert result.exit_code == 1 and "所在文件夹不允许写入" in result.stderr
