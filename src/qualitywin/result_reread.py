"""A stand-in until the result workbook carries its own data: the month scored again from the
input workbook its 说明 names (beside the result, with the SHA-256 it records) and the rules
file it names (beside the result, else the default one), then checked against the visible 排名.

This module goes away when `qualitywin.load_result` exists (documents.load_published uses it).
"""

from __future__ import annotations

from pathlib import Path

from qualitywin.annual import read_result
from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.model import MonthResult
from qualitywin.records import file_sha256, read_month
from qualitywin.scheme import default_rules_path, load_scheme
from qualitywin.scoring import score_month


def rescore_result(path: Path) -> MonthResult:
    ranking = read_result(path)
    source = path.with_name(Path(ranking.source_file).name) if ranking.source_file else None
    if source is None or not source.is_file() or file_sha256(source) != ranking.source_sha256:
        raise QualitywinError.of(Code.RESULT_SOURCE_MISSING, path=str(path),
                                 source=ranking.source_file)
    rules = path.with_name(ranking.rules_file)
    scheme = load_scheme(rules if ranking.rules_file and rules.is_file() else default_rules_path())
    records = read_month(source, scheme, ranking.month)
    if records.errors:
        raise QualitywinError(records.errors)
    picks = tuple(row.window for row in ranking.rows if row.decided)
    result = score_month(records, scheme, picks)
    result.scheme = scheme  # type: ignore[attr-defined]
    _refuse_edits(path, ranking, result)
    return result


def _refuse_edits(path: Path, ranking, result: MonthResult) -> None:
    """The visible 排名 must say what the scoring says, window by window."""
    scored = {w.window: w for w in result.windows}
    for row in ranking.rows:
        score = scored.get(row.window)
        same = score is not None and (row.rank, row.total, row.status) == (
            score.rank, score.total, str(score.status)) and all(
            score.categories.get(c) == v for c, v in row.categories.items())
        if not same:
            raise QualitywinError(Issue(Code.RESULT_EDITED, sheet="排名", row=row.row,
                                        params={"path": str(path), "window": row.window}))
    if len(ranking.rows) != len(result.windows):
        raise QualitywinError(Issue(Code.RESULT_EDITED, sheet="排名",
                                    params={"path": str(path), "window": "—"}))
