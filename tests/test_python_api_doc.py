"""docs/python-api.md: every example on the page runs and prints what the page says."""

import doctest
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "python-api.md"


def test_the_python_api_page_runs_as_written(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "samples", tmp_path / "samples", ignore=shutil.ignore_patterns("2020"))
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    failed, tried = doctest.testfile(
        str(DOC), module_relative=False, report=True, optionflags=doctest.ELLIPSIS
    )
    assert tried > 20 and failed == 0


def test_the_readme_python_example_runs_as_written(tmp_path, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## From Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    shutil.copytree(ROOT / "samples", tmp_path / "samples", ignore=shutil.ignore_patterns("2020"))
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.tries >= 5 and runner.failures == 0
