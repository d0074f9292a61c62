"""The result workbook: 排名, 扣分明细 (split over 扣分明细(2)… past a sheet's rows) and 说明.

xlsxwriter lays the workbook out; the audit's lines (up to a million and more) are then streamed
into 扣分明细 by `xlsx_rows`. Text from the input is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

import xlsxwriter

from qualitywin import __version__
from qualitywin.model import AuditLine, MonthResult
from qualitywin.ranking import criterion_label
from qualitywin.scheme import Scheme
from qualitywin.xlsx_rows import RowWriter, column_letters, fill_sheets

RANKING_SHEET = "排名"
AUDIT_SHEET = "扣分明细"
ABOUT_SHEET = "说明"
SHEET_ROWS = 1_048_576  # Excel's limit; tests patch it to check the split
AUDIT_HEADER = ("来源工作表", "行号", "日期", "窗口", "条款", "条款内容", "类别", "人次",
                "当事人", "说明", "应扣分", "实扣分", "计分情况")
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "default_date_format": "yyyy-mm-dd",
}


def ranking_header(scheme: Scheme) -> list[str]:
    return ["名次", "窗口", *(c.name for c in scheme.categories), "总分", "扣分", "状态", "备注"]


def write_result(result: MonthResult, scheme: Scheme, path: Path,
                 generated_at: dt.datetime | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
    layout = path.with_name(path.name + ".layout")
    try:
        book = xlsxwriter.Workbook(str(layout), WORKBOOK_OPTIONS)
        styles = _Styles(book)
        _write_ranking(book, styles, result, scheme)
        audit_sheets = _lay_out_audit(book, styles, len(result.audit))
        _write_about(book, styles, result, scheme, [s.name for s, _ in audit_sheets],
                     generated_at or dt.datetime.now())
        book.close()
        parts, last_cells = _audit_rows(book, styles, audit_sheets, result, scheme, progress)
        fill_sheets(layout, path, parts, last_cells)
    finally:
        layout.unlink(missing_ok=True)


class _Styles:
    def __init__(self, book: Any):
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                       "text_wrap": True, "valign": "vcenter"})
        self.number = book.add_format({"num_format": "0.##"})
        self.selected = book.add_format({"bg_color": "#E2EFDA", "bold": True})
        self.tied = book.add_format({"bg_color": "#FFF2CC"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})


def _write_ranking(book: Any, styles: _Styles, result: MonthResult, scheme: Scheme) -> None:
    sheet = book.add_worksheet(RANKING_SHEET)
    header = ranking_header(scheme)
    sheet.write_string(0, 0, f"{scheme.center} {result.month} 优质服务窗口评选结果", styles.title)
    sheet.write_row(1, 0, header, styles.header)
    sheet.freeze_panes(2, 2)
    referrals = _referrals_by_window(result)
    for offset, score in enumerate(result.windows):
        row = 2 + offset
        style = styles.selected if score.status == "入选" else styles.tied if score.status == "并列待定" else None
        notes = [score.reason] if score.reason else []
        if score.decided:
            notes.append("考评小组决定")
        notes.extend(referrals.get(score.window, []))
        values = [score.rank, score.window, *(score.categories[c.name] for c in scheme.categories),
                  score.total, score.deducted, score.status, ";".join(notes)]
        for column, value in enumerate(values):
            _write_cell(sheet, row, column, value, style)
    sheet.set_column(1, 1, 20)
    sheet.set_column(len(header) - 1, len(header) - 1, 40)


def _referrals_by_window(result: MonthResult) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for r in result.referrals:
        who = f" {r.person}" if r.person else ""
        found.setdefault(r.window, []).append(f"移交:{r.rule_id}{who}({r.sheet}第{r.row}行)")
    return found


def _lay_out_audit(book: Any, styles: _Styles, lines: int) -> list[tuple[Any, range]]:
    """The audit sheets with their headers, and which lines each will hold."""
    per_sheet = SHEET_ROWS - 1
    sheets = []
    for number, first in enumerate(range(0, max(lines, 1), per_sheet), start=1):
        sheet = _new_audit_sheet(book, styles, number)
        sheets.append((sheet, range(first, min(first + per_sheet, lines))))
    return sheets


def _new_audit_sheet(book: Any, styles: _Styles, number: int) -> Any:
    name = AUDIT_SHEET if number == 1 else f"{AUDIT_SHEET}({number})"
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, AUDIT_HEADER, styles.header)
    sheet.freeze_panes(1, 0)
    sheet.set_column(2, 2, 11, styles.date)
    sheet.set_column(3, 3, 16)
    sheet.set_column(5, 5, 40)
    sheet.set_column(9, 9, 30)
    sheet.set_column(12, 12, 18)
    return sheet


def _audit_rows(book: Any, styles: _Styles, sheets: list[tuple[Any, range]], result: MonthResult,
                scheme: Scheme, progress: Callable[[int, int], None] | None,
                ) -> tuple[dict[str, Iterator[str]], dict[str, str]]:
    """Per audit sheet part: its rows as XML, and the last cell of its data."""
    worksheets = book.worksheets()
    writer = RowWriter(len(AUDIT_HEADER), styles.date.xf_index)
    rules = {r.id: r for r in scheme.rules}
    last_column = column_letters(len(AUDIT_HEADER))[-1]
    parts, last_cells = {}, {}
    for sheet, lines in sheets:
        part = f"xl/worksheets/sheet{worksheets.index(sheet) + 1}.xml"
        parts[part] = _audit_xml(writer, result.audit, lines, rules, progress)
        last_cells[part] = f"{last_column}{len(lines) + 1}"
    return parts, last_cells


def _audit_xml(writer: RowWriter, audit: list[AuditLine], lines: range, rules: dict,
               progress: Callable[[int, int], None] | None) -> Iterator[str]:
    total = len(audit)
    for row, index in enumerate(lines, start=2):
        line = audit[index]
        rule = rules[line.rule_id]
        yield writer.row(row, (line.sheet, line.row, line.date, line.window, line.rule_id,
                               rule.text, rule.category, line.count, line.person, line.note,
                               line.points, line.deducted, line.state))
        if progress and index % 50_000 == 0:
            progress(index, total)
    if progress:
        progress(lines.stop, total)


def _write_cell(sheet: Any, row: int, column: int, value: Any, style: Any = None) -> None:
    """Numbers as numbers, everything else as text (never a formula)."""
    if isinstance(value, bool) or value is None:
        sheet.write_string(row, column, "" if value is None else str(value), style)
    elif isinstance(value, Decimal):
        sheet.write_number(row, column, plain_number(value), style)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, str(value), style)


def plain_number(value: Decimal) -> int | float:
    """A Decimal as the JSON/Excel number it stands for: 70 stays an int, 3.5 a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _feature_rows(scheme: Scheme) -> list[tuple[str, Any]]:
    """The scheme's optional features, one row each, only those it uses (docs/rules.md)."""
    rows: list[tuple[str, Any]] = []
    for category in scheme.bonus_categories:
        rows.append(("加分类别", f"{category.name}:每月最多加 {plain_number(category.points)} 分,"
                                 f"计入满分"))
    vetoes = scheme.veto_rules()
    if vetoes:
        rows.append(("一票否决条款", "、".join(f"{r.id} {r.short}" for r in vetoes)
                     + ":有计入的记录即不得入选,名额顺延"))
    if scheme.min_total is not None:
        rows.append(("入选最低分", f"总分低于 {plain_number(scheme.min_total)} 分不得入选,名额顺延"))
    if scheme.tie_break:
        rows.append(("并列处理顺序", "、".join(criterion_label(c) for c in scheme.tie_break)
                     + "(仅在并列跨过名额线时使用)"))
    capped = [r for r in scheme.rules if r.cap is not None]
    if capped:
        rows.append(("条款封顶", "、".join(f"{r.id} 每月最多 {plain_number(r.cap)} 分"
                                          for r in capped)))
    evidence = [r.id for r in scheme.rules if r.evidence]
    if evidence:
        rows.append(("需要依据的条款", "、".join(evidence) + "(当事人或说明必填)"))
    return rows


def _write_about(book: Any, styles: _Styles, result: MonthResult, scheme: Scheme,
                 audit_sheets: list[str], generated_at: dt.datetime) -> None:
    sheet = book.add_worksheet(ABOUT_SHEET)
    rows: list[tuple[str, Any]] = [
        ("评选办法", scheme.name),
        ("来源", scheme.source),
        ("规则文件", Path(scheme.path).name),
        ("输入文件", Path(result.source_path).name),
        ("输入文件 SHA-256", result.source_sha256),
        ("月份", result.month),
        ("生成时间", generated_at.strftime("%Y-%m-%d %H:%M:%S")),
        ("工具版本", f"qualitywin {__version__}"),
        ("满分", result.max_score),
        ("类别", "、".join(f"{c.name} {plain_number(c.points)}" for c in scheme.categories)),
        ("每月入选上限", result.winners),
        ("计入行数", result.rows_counted),
        ("撤销行数", result.rows_withdrawn),
    ]
    rows.extend(_feature_rows(scheme))
    if scheme.note:
        rows.append(("说明", scheme.note))
    if len(audit_sheets) > 1:
        rows.append(("扣分明细分表", f"扣分明细超过一张工作表的行数上限,续写在:{'、'.join(audit_sheets)}"))
    if result.picks:
        rows.append(("考评小组决定", "、".join(result.picks)))
    sheet.write_row(0, 0, ("项目", "内容"), styles.header)
    for offset, (key, value) in enumerate(rows, start=1):
        sheet.write_string(offset, 0, key)
        _write_cell(sheet, offset, 1, value)
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 90)
