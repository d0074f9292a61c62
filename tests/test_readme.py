"""The README tells the truth about the code: the words the workbook writes, the modules there
are, and what its routine leaves in the repository (ignored, never untracked)."""

import subprocess
from pathlib import Path

import pytest

from qualitywin import model

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_audit_reasons_are_written_as_the_workbook_writes_them():
    assert model.BEYOND_FLOOR in README


def test_the_development_tree_lists_every_module():
    tree = README.split("## Development", 1)[1].split("```")[1]
    modules = sorted(
        p.name
        for p in (ROOT / "src" / "qualitywin").glob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )
    assert [m for m in modules if m not in tree] == []


@pytest.mark.parametrize(
    "path",
    [
        "2020-03.xlsx",
        "2020-03-结果.xlsx",
        "2020-03-结果.pdf",
        "samples/2020/2020-年度汇总.xlsx",
        "samples/2020/2020-02-结果.xlsx",
        "2020-年度汇总.xlsx",
        "samples/attendance/2020-01-结果.xlsx",
        "samples/attendance/2020-01-考勤扣分.xlsx",
    ],
)
def test_what_the_readme_routine_writes_is_ignored_by_git(path):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an sdist)")
    done = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
    assert done.returncode == 0, f"{path} would be left untracked"


def test_the_samples_stay_tracked():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an sdist)")
    for path in ("samples/2020-02.xlsx", "samples/2020/2020-03.xlsx"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 1, path
