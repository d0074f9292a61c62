"""The result workbook's own data: the month's result as JSON in a hidden sheet, read back.

Layout of the hidden sheet `_qualitywin_data` (result_layout.DATA_SHEET), column A only:
A1 the format ("qualitywin-result/1"), A2 the number of chunks N, A3 … A(N+2) the JSON text cut
into chunks of 30,000 characters (a cell holds at most 32,767). The JSON (`result_to_data`):
month, source {file, sha256}, rules {path, text} — the rules file's own source text, re-parsed by
the scheme's parser (never executed) so every table of it travels with the result —, categories
[{name, kind, points}], windows [{window, rank, categories, total, deducted, status, decided,
counted_rows, bonus, veto, cause}], referrals, picks, rows_counted, rows_withdrawn, warnings, and
audit {lines, sheets}. Numbers are decimal strings ("14.5"), exact.

The audit lines are not copied into the data: 扣分明细 holds them, typed, and `read_audit` reads
them back and checks them against the windows' category scores and the line count in the data (a
million lines twice would double the file and the time to write it).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterator

from qualitywin import __version__
from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.messages import state_text
from qualitywin.model import (
    AuditLine,
    MonthResult,
    Referral,
    SourceFile,
    StaffLine,
    Veto,
    WindowScore,
)
from qualitywin.result_layout import (
    AUDIT_HEADER,
    AUDIT_SHEET,
    DATA_CHUNK,
    DATA_FORMAT,
    DATA_SHEET,
    DEDUCTED,
    RANK,
    RANKING_SHEET,
    STATUS,
    TOTAL,
    WINDOW,
)
from qualitywin.scheme import Scheme, check_rules_text
from qualitywin.vocabulary import AuditState, Reason, WindowStatus

ZERO = Decimal(0)


# -- writing --------------------------------------------------------------------------------------


def result_to_data(result: MonthResult, audit_sheets: list[str]) -> dict[str, Any]:
    scheme = result.scheme
    return {
        "format": DATA_FORMAT,
        "version": __version__,
        "month": result.month,
        "source": {"file": result.source_path, "sha256": result.source_sha256},
        "sources": [{"file": f.path, "sha256": f.sha256} for f in result.sources],
        "rules": {"path": scheme.path, "text": scheme.text},
        "categories": [
            {"name": c.name, "kind": c.kind, "points": str(c.points)} for c in scheme.categories
        ],
        "windows": [_window_data(w) for w in result.windows],
        "referrals": [
            {
                "window": r.window,
                "rule": r.rule_id,
                "person": r.person,
                "sheet": r.sheet,
                "row": r.row,
                "file": r.file,
                "date": r.date.isoformat() if r.date else None,
            }
            for r in result.referrals
        ],
        "picks": list(result.picks),
        "rows_counted": result.rows_counted,
        "rows_withdrawn": result.rows_withdrawn,
        "warnings": [_issue_data(i) for i in result.warnings],
        "audit": {"lines": len(result.audit), "sheets": audit_sheets},
        "staff": [staff_to_data(line) for line in result.staff],
    }


def staff_to_data(line: StaffLine) -> dict[str, Any]:
    """One person's month (the staff view), numbers as decimal strings."""
    return {
        "name": line.name,
        "window": line.window,
        "rows": line.rows,
        "points": str(line.points),
        "deducted": str(line.deducted),
        "late": line.late,
        "absent": line.absent,
        "full_marks": line.full_marks,
        "where": list(line.where),
    }


def staff_from_data(entry: dict[str, Any]) -> StaffLine:
    return StaffLine(
        entry["name"],
        entry["window"],
        int(entry["rows"]),
        Decimal(entry["points"]),
        Decimal(entry["deducted"]),
        int(entry["late"]),
        int(entry["absent"]),
        [str(w) for w in entry["where"]],
    )


def _window_data(score: WindowScore) -> dict[str, Any]:
    veto = score.veto
    return {
        "window": score.window,
        "rank": score.rank,
        "categories": {name: str(points) for name, points in score.categories.items()},
        "total": str(score.total),
        "deducted": str(score.deducted),
        "status": str(score.status),
        "decided": score.decided,
        "counted_rows": score.counted_rows,
        "bonus": str(score.bonus),
        "veto": {"rule": veto.rule_id, "sheet": veto.sheet, "row": veto.row, "file": veto.file}
        if veto
        else None,
        "cause": score.cause.to_dict() if score.cause else None,
    }


def _issue_data(issue: Issue) -> dict[str, Any]:
    from qualitywin.jsonview import json_value

    return {
        "code": issue.code.value,
        "sheet": issue.sheet,
        "row": issue.row,
        "column": issue.column,
        "source": issue.source,
        "file": issue.file,
        "value": json_value(issue.value),
        "params": {k: json_value(v) for k, v in issue.params.items()},
    }


def data_cells(data: dict[str, Any]) -> list[str]:
    """Column A of the data sheet, top to bottom."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    chunks = [text[i : i + DATA_CHUNK] for i in range(0, len(text), DATA_CHUNK)] or [""]
    return [DATA_FORMAT, str(len(chunks)), *chunks]


# -- reading --------------------------------------------------------------------------------------


def has_data(book: Any) -> bool:
    return DATA_SHEET in book.sheet_names


def read_data(book: Any, path: str) -> dict[str, Any]:
    """The data sheet's JSON. Raises RESULT_DAMAGED when it is not what `score` wrote."""
    cells = [row[0] if row else None for _, left, row in book.rows(DATA_SHEET).iter() if left == 1]
    try:
        if cells[0] != DATA_FORMAT:
            raise ValueError(cells[0])
        count = int(float(str(cells[1])))
        data = json.loads("".join(str(c) for c in cells[2 : 2 + count]))
        if not isinstance(data, dict) or data.get("format") != DATA_FORMAT:
            raise ValueError("format")
        return data
    except (IndexError, ValueError, TypeError) as exc:
        raise _damaged(path, DATA_SHEET) from exc


def scheme_of(data: dict[str, Any], path: str) -> Scheme:
    """The scheme the month was scored by, from the rules text the result carries."""
    rules = data.get("rules") or {}
    scheme = _parsed_scheme(str(rules.get("text", "")), str(rules.get("path", "")))
    if scheme is None:
        raise _damaged(path, DATA_SHEET)
    return scheme


@functools.lru_cache(maxsize=32)
def _parsed_scheme(text: str, source: str) -> Scheme | None:
    """A year's twelve results usually carry one rules text: it is parsed once (a Scheme is
    frozen, so they may share it)."""
    return check_rules_text(text, source).scheme


def result_from_data(data: dict[str, Any], scheme: Scheme, path: str) -> MonthResult:
    """The MonthResult the data describes (its audit is read apart: `read_audit`)."""
    try:
        windows = [_window_from(w) for w in data["windows"]]
        referrals = [
            Referral(
                r["window"],
                r["rule"],
                r["person"],
                r["sheet"],
                r["row"],
                dt.date.fromisoformat(r["date"]) if r["date"] else None,
                r.get("file", ""),
            )
            for r in data["referrals"]
        ]
        sources = [SourceFile(f["file"], f["sha256"]) for f in data.get("sources", [])]
        return MonthResult(
            month=data["month"],
            scheme=scheme,
            source_path=data["source"]["file"],
            source_sha256=data["source"]["sha256"],
            windows=windows,
            audit=[],
            referrals=referrals,
            rows_counted=int(data["rows_counted"]),
            rows_withdrawn=int(data["rows_withdrawn"]),
            warnings=[_issue_from(i) for i in data["warnings"]],
            picks=list(data["picks"]),
            sources=sources or [SourceFile(data["source"]["file"], data["source"]["sha256"])],
            staff=[staff_from_data(e) for e in data.get("staff", [])],
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise _damaged(path, DATA_SHEET) from exc


def _window_from(entry: dict[str, Any]) -> WindowScore:
    veto = entry.get("veto")
    cause = entry.get("cause")
    return WindowScore(
        window=entry["window"],
        categories={name: Decimal(points) for name, points in entry["categories"].items()},
        total=Decimal(entry["total"]),
        deducted=Decimal(entry["deducted"]),
        rank=int(entry["rank"]),
        status=WindowStatus(entry["status"]),
        decided=bool(entry["decided"]),
        counted_rows=int(entry["counted_rows"]),
        bonus=Decimal(entry["bonus"]),
        veto=Veto(veto["rule"], veto["sheet"], veto["row"], veto.get("file", "")) if veto else None,
        cause=Reason.from_dict(cause) if cause else None,
    )


def _issue_from(entry: dict[str, Any]) -> Issue:
    return Issue(
        Code(entry["code"]),
        sheet=entry["sheet"],
        row=entry["row"],
        column=entry["column"],
        value=entry["value"],
        params=entry["params"],
        source=entry["source"],
        file=entry.get("file"),
    )


def read_audit(
    book: Any, data: dict[str, Any], result: MonthResult, path: str
) -> tuple[list[AuditLine], list[Issue]]:
    """扣分明细's lines, and where they disagree with the data: as many lines as the data says,
    each window's category scores equal to what its lines took (or, in a bonus category, gave)."""
    audit = data.get("audit") or {}
    sheets = list(audit.get("sheets") or [AUDIT_SHEET])
    lines: list[AuditLine] = []
    states = _states()
    for sheet in sheets:
        if sheet not in book.sheet_names:
            raise _damaged(path, sheet)
        lines.extend(_audit_lines(book, sheet, states, path))
    if len(lines) != audit.get("lines"):
        return lines, [
            _edited(
                path,
                sheet=sheets[0],
                where=sheets[0],
                window="—",
                field="行数",
                shown=len(lines),
                data=audit.get("lines"),
            )
        ]
    return lines, _audit_totals_differ(lines, result, path)


def _states() -> dict[str, AuditState]:
    return {state_text(s, "zh"): s for s in AuditState if s is not AuditState.REPLACED}


def _audit_lines(
    book: Any, sheet: str, states: dict[str, AuditState], path: str
) -> Iterator[AuditLine]:
    replaced = state_text(AuditState.REPLACED, "zh", by="\0").split("\0")
    width = len(AUDIT_HEADER)
    for row, left, cells in book.rows(sheet).iter():
        if row == 1:
            continue
        values = ([None] * (left - 1) + list(cells) + [None] * width)[:width]
        (source, number, date, window, rule, _, _, count, person, note, points, deducted, label) = (
            values
        )
        label = _text(label)
        state = states.get(label)
        by = ""
        if state is None and label.startswith(replaced[0]) and label.endswith(replaced[1]):
            state, by = AuditState.REPLACED, label[len(replaced[0]) : len(label) - len(replaced[1])]
        if state is None:
            raise _damaged(path, sheet, row)
        file, sheet_name = _file_and_sheet(_text(source))
        try:
            yield AuditLine(
                sheet_name,
                _row_number(number),
                _date(date),
                _text(window),
                _text(rule),
                _count(count),
                _text(person),
                _text(note),
                _decimal(points),
                _decimal(deducted),
                state,
                by,
                file,
            )
        except (ValueError, InvalidOperation, TypeError) as exc:
            raise _damaged(path, sheet, row) from exc


def _file_and_sheet(source: str) -> tuple[str, str]:
    """来源工作表 back into (file, sheet): "[2020-02.xlsx]扣分记录" for a month of several files."""
    if source.startswith("[") and "]" in source:
        file, _, sheet = source[1:].partition("]")
        return file, sheet
    return "", source


def _audit_totals_differ(lines: list[AuditLine], result: MonthResult, path: str) -> list[Issue]:
    kinds = {r.id: result.scheme.category(r.category) for r in result.scheme.rules}
    moved: dict[tuple[str, str], Decimal] = {}
    for line in lines:
        category = kinds.get(line.rule_id)
        if category is None:
            raise _damaged(path, line.sheet)
        key = (line.window, category.name)
        moved[key] = moved.get(key, ZERO) + line.deducted
    problems = []
    for score in result.windows:
        for category in result.scheme.categories:
            taken = moved.get((score.window, category.name), ZERO)
            expected = taken if category.is_bonus else category.points - taken
            if expected != score.categories.get(category.name):
                problems.append(
                    _edited(
                        path,
                        sheet=AUDIT_SHEET,
                        where=AUDIT_SHEET,
                        window=score.window,
                        field=category.name,
                        shown=expected,
                        data=score.categories.get(category.name),
                    )
                )
    return problems


def ranking_edits(
    path: str, visible: dict[str, dict[str, Any]], result: MonthResult, header: dict[str, int]
) -> list[Issue]:
    """Where the visible 排名 says other than the data: per window (by name) its rank, category
    scores, total, deduction and status; a window missing on either side."""
    problems = []
    for score in result.windows:
        shown = visible.pop(score.window, None)
        if shown is None:
            problems.append(
                _edited(
                    path,
                    sheet=RANKING_SHEET,
                    where=RANKING_SHEET,
                    window=score.window,
                    field=WINDOW,
                    shown=None,
                    data=score.window,
                )
            )
            continue
        wanted: dict[str, Any] = {
            RANK: Decimal(score.rank),
            TOTAL: score.total,
            DEDUCTED: score.deducted,
            STATUS: str(score.status),
            **score.categories,
        }
        for field_name, value in wanted.items():
            found = shown.get(field_name)
            if field_name in shown and found != value:
                column = header.get(field_name)
                problems.append(
                    _edited(
                        path,
                        sheet=RANKING_SHEET,
                        row=shown["row"],
                        column=column,
                        where="",
                        window=score.window,
                        field=field_name,
                        shown=found,
                        data=value,
                    )
                )
    for window, shown in visible.items():
        problems.append(
            _edited(
                path,
                sheet=RANKING_SHEET,
                row=shown["row"],
                where="",
                window=window,
                field=WINDOW,
                shown=window,
                data=None,
            )
        )
    return problems


def _edited(
    path: str,
    *,
    sheet: str,
    where: str,
    window: str,
    field: str,
    shown: Any,
    data: Any,
    row: int | None = None,
    column: int | None = None,
) -> Issue:
    issue = Issue(Code.RESULT_EDITED, sheet=sheet, row=row, column=column, value=shown)
    return replace(
        issue,
        params={
            "file": Path(path).name,
            "where": where or issue.where,
            "window": window,
            "field": field,
            "shown": _shown(shown),
            "data": _shown(data),
        },
    )


def _shown(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "—" if value in (None, "") else str(value)


def _damaged(path: str, sheet: str, row: int | None = None) -> QualitywinError:
    return QualitywinError(
        Issue(Code.RESULT_DATA_DAMAGED, sheet=sheet, row=row, params={"file": Path(path).name})
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row_number(value: Any) -> int | str:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    return _text(value)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _count(value: Any) -> int | Decimal:
    number = _decimal(value)
    return int(number) if number == number.to_integral_value() else number


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    return Decimal(str(value))
