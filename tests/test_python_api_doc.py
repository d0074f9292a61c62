"""docs/python-api.md: every example on the page runs and prints what the page says."""

import doctest
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "python-api.md"


def test_the_python_api_page_runs_as_written(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "samples", tmp_path / "samples",
                    ignore=shutil.ignore_patterns("2020"))
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    failed, tried = doctest.testfile(str(DOC), module_relative=False, report=True,
                                     optionflags=doctest.ELLIPSIS)
    assert tried > 20 and failed == 0
