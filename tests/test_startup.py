"""Quick commands stay quick: --help, rules and validate never import pandas."""

import subprocess
import sys

from conftest import day

PROBE = """
import sys
from qualitywin.cli import app
try:
    app({args!r})
except SystemExit:
    pass
heavy = sorted(m for m in ("pandas", "numpy", "pyarrow") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


def imported_heavy(args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, timeout=60
    )
    line = next(l for l in done.stdout.splitlines() if l.startswith("HEAVY:"))
    return line.removeprefix("HEAVY:")


def test_help_imports_no_pandas():
    assert imported_heavy(["--help"]) == ""


def test_rules_imports_no_pandas():
    assert imported_heavy(["rules"]) == ""


def test_validate_of_a_small_file_imports_no_pandas(month_file):
    path = month_file([(day(3), "公安局", "2.2a")])
    assert imported_heavy(["validate", str(path)]) == ""


def test_score_and_top_of_a_small_file_import_no_pandas(month_file, tmp_path):
    path = month_file([(day(3), "公安局", "2.2a")])
    assert imported_heavy(["score", str(path), "-o", str(tmp_path / "r.xlsx"), "-q"]) == ""
    assert imported_heavy(["top", str(path)]) == ""
