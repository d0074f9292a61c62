"""Does the cost of a month follow its content? Run by hand, not in CI.

    python benchmarks/bench_far_cell.py [--rows 50] [--repeat 3]

Scores, as whole processes (median of --repeat runs, with each case's peak RSS): a month of
--rows incidents; the same month with one stray note typed in row 1,048,576; and with merged
cells there too.
The stray months should take about as long as the month alone, in about as much memory (the
reader skips the empty rows, and calamine reads a copy of the sheet with its rows renumbered).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile  # noqa: E402


def timed(path: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `score` process (wait4 gives that child's own usage)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "qualitywin",
            "score",
            str(path),
            "-o",
            str(out),
            "--force",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here, not by Popen
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        month = hostile.write_xlsx(
            d / "2020-02-month.xlsx",
            [
                hostile.Sheet(
                    hostile.SHEET, rows=[hostile.HEADER, *(hostile.WILD_ROWS * (args.rows // 2))]
                )
            ],
        )
        cases = {
            "month": month,
            "month + stray cell at row 1,048,576": hostile.month_with_stray_cell(
                d, args.rows, name="2020-02-stray.xlsx"
            ),
            "month + stray cell + merged cells": hostile.month_with_stray_cell(
                d, args.rows, merged=True, name="2020-02-merged.xlsx"
            ),
        }
        for label, path in cases.items():
            runs = [timed(path, d / "out.xlsx") for _ in range(args.repeat)]
            seconds = statistics.median(s for s, _ in runs)
            print(f"{label:40} {seconds:6.2f} s   peak RSS {max(m for _, m in runs):6.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
