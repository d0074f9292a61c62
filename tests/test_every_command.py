"""Every command the app registers, run as a newcomer would in zh and in en, on the samples, the
example schemes and the usual mistakes (no argument, a missing file, a folder, a text file): no
raw catalog key, no `{placeholder}`, no Python repr and, in zh, no English sentence outside
window names, file paths, option names and rule keys.

The commands and their arguments come from the app's registry: a command added later is run here
without anyone listing it (its Path arguments get the sample files, a YYYY-MM argument a month)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from qualitywin.cli import app
from qualitywin.messages import CATALOG

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "bonus_veto": ROOT / "rules" / "examples" / "bonus_veto.py",
    "satisfaction": ROOT / "rules" / "examples" / "satisfaction.py",
}
runner = CliRunner(env={"COLUMNS": "120"})


def commands(command=None, path=()):
    """(path, click command) for every command and group, from the registry."""
    command = command or typer.main.get_command(app)
    found = [(path, command)] if path else []
    for name, sub in getattr(command, "commands", {}).items():
        found += commands(sub, (*path, name))
    return found


COMMANDS = commands()


# -- what must never be printed ----------------------------------------------------------------------

KEYS = sorted(
    {k for lang in CATALOG.values() for k in lang if re.search(r"[.-]", k)}, key=len, reverse=True
)
RAW_KEY = re.compile(r"(?<![\w./-])(?:" + "|".join(map(re.escape, KEYS)) + r")(?![\w-])")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
REPR = re.compile(
    r"PosixPath\(|Decimal\(|Traceback|object at 0x|<class |\w+(?:Status|State|Code|"
    r"Mode|Kind)\.[A-Z_]+|\['[^']*'(?:, '[^']*')*\]|\bNone\b|\bTrue\b|\bFalse\b"
)
# what zh output may hold in Latin letters: paths, file names, options, metavars, rule ids
_TOKEN = r"[^\s:,;()、。:,;()“”]"  # a path's characters: not a space, not CJK punctuation
ALLOWED_LATIN = re.compile(
    _TOKEN
    + r"*[/\\]"
    + _TOKEN
    + r"*|"
    + _TOKEN
    + r"+\.(?:xlsx|xls|py|csv|ods|xlsb|pdf)\b|--?[\w-]+|"
    r"\b[A-Z][A-Z0-9_.|-]+\b|\bqualitywin(?: [a-z]+){0,2}|[\w.:-]*\d[\w.:-]*"
)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z][a-z']+(?:[ ,;]+[A-Za-z][a-z']+){2,}")


def problems(output: str, lang: str) -> list[str]:
    found = [
        m.group() for pattern in (RAW_KEY, PLACEHOLDER, REPR) for m in pattern.finditer(output)
    ]
    if lang == "zh":
        plain = ALLOWED_LATIN.sub(" ", output)
        found += [m.group() for m in ENGLISH_SENTENCE.finditer(plain)]
    return found


def test_the_checks_catch_what_they_are_for():
    assert problems("错误: status.一票否决", "zh") == ["status.一票否决"]
    assert problems("Error: file-missing", "en") == ["file-missing"]
    assert problems("应为:{expected}", "zh") == ["{expected}"]
    assert problems("Usage: qualitywin score [OPTIONS] FILE PosixPath('.')", "en")
    assert problems("无法写入 ro/out.xlsx:the folder is not writable", "zh") == [
        "the folder is not writable"
    ]
    assert problems("找不到文件 2020-02.xlsx(用 --month 2020-02;见 qualitywin rules)", "zh") == []
    assert problems("CATEGORIES 中有未知的键 pionts(是不是:points?)", "zh") == []


# -- the runs -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """Copies of the samples (outputs are written beside them) and two scored months."""
    folder = tmp_path_factory.mktemp("every")
    for source in (
        ROOT / "samples" / "2020-02.xlsx",
        *sorted((ROOT / "samples" / "examples").glob("*.xlsx")),
    ):
        shutil.copy(source, folder / source.name)
    (folder / "notes-2020-02.txt").write_text("本月没有扣分记录。\n", encoding="utf-8")
    results = folder / "results"
    results.mkdir()
    for month in ("2020-01", "2020-02"):
        shutil.copy(ROOT / "samples" / "2020" / f"{month}.xlsx", results / f"{month}.xlsx")
        assert runner.invoke(app, ["score", str(results / f"{month}.xlsx"), "-q"]).exit_code == 0
    return folder


def inputs(work: Path) -> list[tuple[str, list[str]]]:
    """Files a newcomer gives, each with the --rules it goes with."""
    return [
        ("sample", [str(work / "2020-02.xlsx")]),
        (
            "bonus_veto",
            [str(work / "bonus_veto-2020-02.xlsx"), "--rules", str(EXAMPLES["bonus_veto"])],
        ),
        (
            "satisfaction",
            [str(work / "satisfaction-2020-02.xlsx"), "--rules", str(EXAMPLES["satisfaction"])],
        ),
        ("results", [str(work / "results")]),
        ("a result", [str(work / "results" / "2020-01-结果.xlsx")]),
        ("missing", [str(work / "nosuch-2020-02.xlsx")]),
        ("folder", [str(work)]),
        ("text", [str(work / "notes-2020-02.txt")]),
        ("default rules", [str(ROOT / "rules" / "shangjie_2020.py")]),
        *((f"{name} rules", [str(path)]) for name, path in EXAMPLES.items()),
    ]


def invocations(path, command, work: Path) -> list[tuple[str, list[str]]]:
    """What to run for a command, read from its parameters."""
    params = {p.name: p for p in command.params}
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    required = [p for p in command.params if p.param_type_name == "option" and p.required]
    extra = [arg for p in required for arg in (p.opts[0], str(work / "2020-02.xlsx"))]
    runs = [("nothing", [])]
    takes_month = any((p.metavar or "") == "YYYY-MM" for p in arguments)
    if takes_month:
        runs += [("month", ["2020-03"]), ("bad month", ["2020-13"])]
    elif arguments:
        for name, args in inputs(work):
            if "--rules" in args and "rules" not in params:
                args = args[:1]
            runs.append((name, [*args, *extra]))
    elif "rules" in params:  # a group with --rules (qualitywin rules)
        runs += [
            (name, ["--rules", args[0]])
            for name, args in inputs(work)
            if name.endswith("rules") or name == "missing"
        ]
    if "output" in params and takes_month:
        runs.append(("output", ["2020-03", "-o", str(work / "t.xlsx"), "--force"]))
    return [(name, [*path, *args]) for name, args in runs]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_speaks_one_language_without_internals(
    path, command, lang, work, monkeypatch
):
    monkeypatch.chdir(work)  # template and attendance write into the current folder
    for name, args in invocations(path, command, work):
        result = runner.invoke(app, ["--lang", lang, *args], prog_name="qualitywin")
        output = result.stdout + result.stderr
        assert result.exit_code in (0, 1, 2), (name, args, output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            name,
            args,
            repr(result.exception),
        )
        assert problems(output, lang) == [], (name, args, output)
