"""Score a tiny month through the library, as the CLI does."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from qualitywin.model import MonthResult
from qualitywin.records import read_month
from qualitywin.scheme import load_scheme
from qualitywin.scoring import score_month

from conftest import build_workbook

SCHEME = load_scheme()


def score_rows(
    tmp_path: Path, rows: Iterable[Iterable[Any]], leave=None, **kwargs: Any
) -> MonthResult:
    path = build_workbook(tmp_path / "2020-02.xlsx", rows, leave=leave, **kwargs)
    records = read_month(path, SCHEME)
    assert not records.errors, [i.where + " " + i.message("en") for i in records.errors]
    return score_month(records, SCHEME)


def by_window(result: MonthResult) -> dict:
    return {w.window: w for w in result.windows}
